"""Who hears of what: each kind, watching levels, one notification per post, access."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

import pytest

import notifications
from community import actions, posting
from community.models import Post, Reaction, ReactionKind, Topic
from community.notify import fan_out_post, quoted_post_ids
from notifications import rendering, watching
from notifications.models import Kind, Notification, WatchLevel
from tests.accounts.factories import MemberFactory, PendingUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


def kinds_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def headline(notification):
    notification = Notification.objects.get(pk=notification.pk)
    with translation.override("nl-be"):
        return rendering.describe(notification, notification.target).headline


# Each kind -----------------------------------------------------------------------------------


def test_a_mentioned_member_is_told(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram, "Wat denk jij, @carla.maes?", mentions=[carla])
    notification = Notification.objects.get(recipient=carla)
    assert notification.kind == Kind.MENTIONED
    assert notification.target == post
    assert notification.actor == bram
    assert notification.read_at is None


def test_a_reply_in_my_topic_tells_its_author(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    assert kinds_of(anja) == [Kind.REPLIED]
    assert kinds_of(bram) == []  # nobody hears of their own post


def test_a_post_in_a_watched_topic_tells_its_watchers(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    watching.set_level(carla, topic, WatchLevel.WATCHING)
    forum.reply(topic, bram)
    assert kinds_of(carla) == [Kind.WATCHED]


def test_a_post_in_a_watched_space_tells_its_watchers(forum, space, anja, bram, carla):
    watching.set_level(carla, space, WatchLevel.WATCHING)
    topic = forum.topic(space, anja)
    assert kinds_of(carla) == [Kind.NEW_TOPIC]
    forum.reply(topic, bram)
    assert sorted(kinds_of(carla)) == [Kind.NEW_TOPIC, Kind.WATCHED]


def test_a_quote_tells_the_quoted_author(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    quoted = forum.reply(topic, carla, "Bij ons telt het OCMW per maand.")
    watching.set_level(carla, topic, WatchLevel.NORMAL)  # not watching: only the quote counts
    with translation.override("nl-be"):
        body = actions.quote_text(quoted) + "Herkenbaar."
    post = forum.reply(topic, bram, body)
    notification = Notification.objects.get(recipient=carla)
    assert notification.kind == Kind.QUOTED
    assert notification.target == post


def test_quotes_are_found_as_the_quote_button_writes_them_and_as_full_links():
    body = (
        "[An schreef](/forum/p/12/):\n> ja\n\n"
        "Zie ook https://platform.example.org/forum/p/7/ en /forum/p/12/"
    )
    assert quoted_post_ids(body) == [12, 7]
    assert quoted_post_ids("/forum/t/12/ of p/12 of /forum/p/abc/") == []


def test_the_solution_tells_its_author_and_the_asker(forum, space, anja, bram):
    staff = StaffFactory()
    topic = forum.topic(space, anja)
    answer = forum.reply(topic, bram)
    Notification.objects.all().delete()
    Topic.objects.filter(pk=topic.pk).update(solution=answer)
    from community import signals

    forum.run(signals.solution_chosen.send, sender=Topic, topic=topic, post=answer, by=staff)
    assert kinds_of(bram) == [Kind.SOLUTION]
    assert kinds_of(anja) == [Kind.SOLUTION]
    with translation.override("nl-be"):
        mine = _("%(actor)s marked your reply in “%(title)s” as the solution") % {
            "actor": staff.display_name,
            "title": topic.title,
        }
    assert headline(Notification.objects.get(recipient=bram)) == mine


def test_the_asker_who_chooses_the_solution_is_not_told_of_it(client, forum, space, anja, bram):
    topic = forum.topic(space, anja)
    answer = forum.reply(topic, bram)
    client.force_login(anja)
    forum.run(client.post, f"/forum/p/{answer.pk}/oplossing/", {"solution": "mark"})
    assert kinds_of(bram) == [Kind.SOLUTION]
    assert Kind.SOLUTION not in kinds_of(anja)


def test_reactions_to_a_post_are_bundled_while_unread(client, forum, space, anja):
    topic = forum.topic(space, anja)
    post = topic.posts.get(number=1)
    reacting = MemberFactory.create_batch(3)
    for member in reacting:
        client.force_login(member)
        forum.run(client.post, f"/forum/p/{post.pk}/reactie/", {"kind": "duim", "state": "on"})
    # The same colleague, a second kind of reaction: still three colleagues.
    forum.run(client.post, f"/forum/p/{post.pk}/reactie/", {"kind": "hart", "state": "on"})
    bundle = Notification.objects.get(recipient=anja)
    assert bundle.kind == Kind.REACTION
    assert bundle.count == 3
    assert bundle.actor_names[0] == reacting[-1].display_name
    with translation.override("nl-be"):
        expected = translation.ngettext(
            "%(count)d colleague reacted to your post in “%(title)s”",
            "%(count)d colleagues reacted to your post in “%(title)s”",
            3,
        ) % {"count": 3, "title": topic.title}
    assert headline(bundle) == expected


def test_a_reaction_after_the_bundle_was_read_starts_a_new_one(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    post = topic.posts.get(number=1)
    reaction = Reaction.objects.create(post=post, user=bram, kind=ReactionKind.THUMBS_UP)
    forum.run(notifications.notify, anja, Kind.REACTION, post, actor=bram)
    Notification.objects.filter(recipient=anja).update(read_at=reaction.created_at)
    forum.run(notifications.notify, anja, Kind.REACTION, post, actor=carla)
    assert Notification.objects.filter(recipient=anja, kind=Kind.REACTION).count() == 2
    assert Notification.objects.get(recipient=anja, read_at__isnull=True).count == 1


def test_a_moderator_action_reaches_the_author_with_the_reason(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram, "Meneer X uit Gent, geboren in 1970.")
    watching.set_level(bram, topic, WatchLevel.MUTED)  # ignoring does not hide this
    staff = StaffFactory()
    Post.objects.filter(pk=post.pk).update(
        hidden_at=post.created_at, hidden_reason="Een deelnemer is herkenbaar.", hidden_by=staff
    )
    post.refresh_from_db()
    notification = forum.run(notifications.notify, bram, Kind.MODERATION, post, actor=staff)
    assert notification is not None
    with translation.override("nl-be"):
        shown = rendering.describe(notification, post)
        assert shown.headline == _("A moderator hid your post in “%(title)s”") % {
            "title": topic.title
        }
        assert shown.excerpt == _("Reason: %(reason)s") % {"reason": "Een deelnemer is herkenbaar."}
    # Its author still sees it in the list; nobody else hears of a hidden post.
    assert rendering.for_member(bram, [notification])[0]
    assert forum.run(notifications.notify, anja, Kind.WATCHED, post, actor=bram) is None


def test_the_tracker_kind_can_be_stored_for_later(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    notification = notifications.notify(bram, Kind.TRACKER, topic, actor=anja)
    assert notification.kind == "tracker"


# One notification per post -------------------------------------------------------------------


def test_a_member_hears_of_a_post_once_and_the_strongest_reason_wins(
    forum, space, anja, bram, carla
):
    topic = forum.topic(space, anja)
    quoted = forum.reply(topic, anja, "Bij ons per maand.")
    watching.set_level(anja, space, WatchLevel.WATCHING)
    with translation.override("nl-be"):
        body = actions.quote_text(quoted) + "@anja.peeters, hoe doen jullie dat?"
    forum.reply(topic, bram, body, mentions=[anja])
    newest = Notification.objects.filter(recipient=anja)
    assert list(newest.values_list("kind", flat=True)) == [Kind.MENTIONED]


def test_a_weaker_notification_for_the_same_post_changes_nothing(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram, "@anja.peeters", mentions=[anja])
    assert notifications.notify(anja, Kind.WATCHED, post, actor=bram).kind == Kind.MENTIONED
    assert Notification.objects.filter(recipient=anja).count() == 1


def test_running_the_fan_out_twice_adds_nothing(forum, space, anja, bram, carla):
    watching.set_level(carla, space, WatchLevel.WATCHING)
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram)
    before = Notification.objects.count()
    forum.run(fan_out_post.call, post.pk, False, [])
    assert Notification.objects.count() == before == 3  # carla: new topic + post; anja: reply


# Who is left out -----------------------------------------------------------------------------


def test_accounts_that_are_not_members_hear_nothing(forum, space, anja, bram):
    pending = PendingUserFactory()
    inactive = MemberFactory(is_active=False)
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram)
    for account in (pending, inactive):
        assert notifications.notify(account, Kind.MENTIONED, post, actor=bram) is None
        watching.set_level(account, space, WatchLevel.WATCHING)
    forum.reply(topic, bram, "Nog iets.")
    assert not Notification.objects.filter(recipient__in=[pending, inactive]).exists()


def test_a_closed_space_tells_only_its_members(forum, closed_space, region, anja, bram):
    insider = MemberFactory(group=region.name)
    watching.set_level(bram, closed_space, WatchLevel.WATCHING)  # he is not in the group
    watching.set_level(insider, closed_space, WatchLevel.WATCHING)
    anja.groups.add(region)
    topic = forum.topic(closed_space, anja)
    assert kinds_of(insider) == [Kind.NEW_TOPIC]
    assert kinds_of(bram) == []
    assert notifications.notify(bram, Kind.MENTIONED, topic.posts.get(), actor=anja) is None


def test_a_member_who_left_the_closed_space_no_longer_sees_its_notifications(
    forum, closed_space, region, anja, bram
):
    anja.groups.add(region)
    bram.groups.add(region)
    topic = forum.topic(closed_space, anja)
    forum.reply(topic, bram)
    notification = Notification.objects.get(recipient=anja)
    anja.groups.remove(region)
    from accounts import access

    access.forget(anja)
    shown, gone = rendering.for_member(anja, [notification])
    assert shown == [] and gone == [notification]


# Watching levels -----------------------------------------------------------------------------


def test_normal_means_only_what_concerns_me(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    watching.set_level(carla, topic, WatchLevel.NORMAL)
    forum.reply(topic, anja, "Dank je.")
    assert kinds_of(carla) == []
    forum.reply(topic, bram, "@carla.maes?", mentions=[carla])
    assert kinds_of(carla) == [Kind.MENTIONED]


def test_ignoring_a_topic_silences_everything_even_mentions(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    watching.set_level(anja, topic, WatchLevel.MUTED)
    forum.reply(topic, bram, "@anja.peeters, kijk eens", mentions=[anja])
    assert kinds_of(anja) == []


def test_ignoring_a_space_silences_its_topics_but_a_topic_of_ones_own_choice_speaks(
    forum, space, anja, bram, carla
):
    watching.set_level(carla, space, WatchLevel.MUTED)
    topic = forum.topic(space, anja)
    forum.reply(topic, bram, "@carla.maes", mentions=[carla])
    assert kinds_of(carla) == []
    watching.set_level(carla, topic, WatchLevel.WATCHING)
    forum.reply(topic, bram, "Nog iets.")
    assert kinds_of(carla) == [Kind.WATCHED]


def test_starting_a_topic_watches_it_and_replying_watches_it_too(forum, space, anja, bram, carla):
    topic = forum.topic(space, anja)
    assert watching.level_for(anja, topic).level == WatchLevel.WATCHING
    forum.reply(topic, bram)
    assert watching.level_for(bram, topic).level == WatchLevel.WATCHING
    forum.reply(topic, carla)
    assert kinds_of(bram) == [Kind.WATCHED]


def test_replying_does_not_overrule_a_level_one_chose(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    watching.set_level(bram, topic, WatchLevel.NORMAL)
    forum.reply(topic, bram)
    assert watching.level_for(bram, topic).level == WatchLevel.NORMAL


def test_a_topic_level_goes_before_its_space_level(space, anja, bram):
    topic = posting.start_topic(space, anja, "Vraag", "Tekst")
    watching.set_level(bram, space, WatchLevel.WATCHING)
    assert watching.level_for(bram, topic).level == WatchLevel.WATCHING
    assert watching.level_for(bram, topic).own is None
    watching.set_level(bram, topic, WatchLevel.MUTED)
    assert watching.level_for(bram, topic).level == WatchLevel.MUTED
    assert bram.pk not in watching.watchers(topic)


# Cost ----------------------------------------------------------------------------------------


def _fan_out_queries(forum, space, author, watchers) -> int:
    topic = posting.start_topic(space, author, "Vraag", "Tekst")
    for member in watchers:
        watching.set_level(member, topic, WatchLevel.WATCHING)
    post = posting.reply(topic, author, "Antwoord")
    with CaptureQueriesContext(connection) as queries:
        fan_out_post.call(post.pk, False, [])
    return len(queries.captured_queries)


def test_the_fan_out_costs_the_same_for_3_and_30_watchers(space, anja, forum):
    few = _fan_out_queries(forum, space, anja, MemberFactory.create_batch(3))
    many = _fan_out_queries(forum, space, anja, MemberFactory.create_batch(30))
    assert Notification.objects.count() == 33
    assert many == few
    assert many <= 8


def test_the_reply_request_only_queues_the_fan_out(
    client, settings, space, anja, bram, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    topic = posting.start_topic(space, anja, "Vraag", "Tekst")
    for member in MemberFactory.create_batch(5):
        watching.set_level(member, topic, WatchLevel.WATCHING)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(bram)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/forum/t/{topic.pk}/antwoorden/", {"body": "Een antwoord."})
    assert response.status_code == 302
    queued = [result.task.name for result in default_task_backend.results]
    assert queued.count("fan_out_post") == 1
    assert not Notification.objects.exists()  # nothing fanned out inside the request
    # The reply made Bram watch the topic at once.
    assert watching.level_for(bram, topic).level == WatchLevel.WATCHING


def test_a_post_dated_in_the_past_tells_nobody(forum, space, anja, bram):
    """Imported conversations and the demo keep their old dates: no mail flood."""
    import datetime

    topic = forum.topic(space, anja)
    post = posting.reply(topic, bram, "Uit Teams overgezet.")
    Post.objects.filter(pk=post.pk).update(
        created_at=post.created_at - datetime.timedelta(days=400)
    )
    assert forum.run(fan_out_post.call, post.pk, False, []) == 0
    assert not Notification.objects.filter(recipient=anja).exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"action": "moved", "space": "Regio Gent"},
            "A moderator moved your topic “%(title)s” to %(space)s",
        ),
        (
            {"action": "split", "title": "Nieuw"},
            "A moderator moved your post to a new topic: “%(title)s”",
        ),
        ({"action": "merged", "title": "Ander"}, "A moderator merged your topic into “%(title)s”"),
        ({"action": "deleted"}, "A moderator deleted your post in “%(title)s”"),
        ({"action": "restored"}, "A moderator restored your post in “%(title)s”"),
    ],
)
def test_every_moderator_action_reads_well(forum, space, anja, bram, data, expected):
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram)
    notification = Notification.objects.create(
        recipient=bram, kind=Kind.MODERATION, target=post, actor_names=[], data=data
    )
    with translation.override("nl-be"):
        wanted = _(expected) % {"title": topic.title, "space": data.get("space", "")}
    assert headline(notification) == wanted


def test_tracker_news_names_what_changed(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    made = [
        Notification.objects.create(
            recipient=bram, kind=Kind.TRACKER, target=topic, actor_names=["Sam"], data=data
        )
        for data in ({"to": "in-behandeling", "reason": "Herkenbaar"}, {"message": "Welke regio?"})
    ]
    with translation.override("nl-be"):
        status = rendering.describe(made[0], topic)
        assert status.headline == _("“%(title)s” has a new status") % {"title": topic.title}
        assert "Herkenbaar" in status.excerpt
        message = rendering.describe(made[1], topic)
        assert message.excerpt == "Welke regio?"
        assert topic.title in message.headline and "Sam" in message.headline
