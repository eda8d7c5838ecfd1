"""Forum moderation: reports and the review queue, hidden posts and topics, the topic tools
(close, pin, move, split, merge), sanctions, rate limits for new members, the log.

Assertions lean on status codes, the database, element ids and classes and the text people
typed (reasons, bodies) rather than on translated text, so they hold before and after the
translations are merged.
"""

import datetime
import re

from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest

from community import access, moderation, posting
from community.models import (
    Flag,
    FlagStatus,
    ModerationAction,
    Post,
    Reaction,
    ReadPosition,
    Sanction,
    Topic,
)
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db

Kind = ModerationAction.Kind
QUEUE = "/admin/moderatie/"
SANCTIONS = "/admin/moderatie/sancties/"
LOG = "/admin/moderatie/logboek/"
LONG_AGO = timezone.now() - datetime.timedelta(days=30)


def _old(user):
    """A member for a month: no rate limits in tests that are not about them."""
    type(user).objects.filter(pk=user.pk).update(approved_at=LONG_AGO, date_joined=LONG_AGO)
    user.refresh_from_db()
    return user


@pytest.fixture
def space():
    return factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")


@pytest.fixture
def author():
    return _old(MemberFactory(first_name="Ann", last_name="Peeters"))


@pytest.fixture
def colleague():
    return _old(MemberFactory(first_name="Bart", last_name="Claes"))


@pytest.fixture
def reader():
    return _old(MemberFactory(first_name="Cis", last_name="Wouters"))


@pytest.fixture
def staff():
    return StaffFactory(first_name="Sam", last_name="Moderator")


@pytest.fixture
def topic(space, author, colleague):
    return factories.topic(
        space,
        author,
        title="Leefloon en deeltijds werk",
        body="Hoe combineren jullie dat? vraagwoordzeldzaam",
        replies=[
            (colleague, "Eerste antwoord antwoordeen"),
            (author, "Tweede bericht antwoordtwee"),
            (colleague, "Derde bericht antwoorddrie"),
        ],
    )


def _post(topic, number) -> Post:
    return Post.objects.get(topic=topic, number=number)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client, topic, **params) -> str:
    response = client.get(topic.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def _flag(client, post, reason="tone", note=""):
    return client.post(
        reverse("community:flag_post", args=[post.pk]), {"reason": reason, "note": note}
    )


def _numbers(topic) -> list[tuple[int, str]]:
    return list(Post.objects.filter(topic=topic).order_by("number").values_list("number", "body"))


def _document(post):
    return IndexedDocument.objects.filter(source=f"community.post:{post.pk}").first()


# Reports -------------------------------------------------------------------------------------


def test_a_member_reports_a_post_once_and_it_stays_visible(topic, reader):
    post = _post(topic, 2)
    client = _as(reader)
    form = client.get(reverse("community:flag_post", args=[post.pk]))
    assert form.status_code == 200 and 'id="flag-post"' in form.content.decode()
    response = _flag(client, post, "privacy", "Er staat een naam in.")
    assert response.status_code == 302 and response["Location"].endswith("#post-2")
    flag = Flag.objects.get()
    assert (flag.reporter, flag.reason, flag.note, flag.status) == (
        reader,
        "privacy",
        "Er staat een naam in.",
        FlagStatus.OPEN,
    )
    assert _flag(client, post, "spam").status_code == 302
    assert Flag.objects.count() == 1
    # Until a moderator acts, everyone still reads it.
    assert "antwoordeen" in _page(_as(MemberFactory()), topic)


def test_the_topic_page_offers_the_report_link_but_not_on_ones_own_post(topic, colleague):
    page = _page(_as(colleague), topic)
    assert reverse("community:flag_post", args=[_post(topic, 1).pk]) in page
    assert reverse("community:flag_post", args=[_post(topic, 2).pk]) not in page


def test_a_report_needs_a_known_reason_and_a_note_of_reasonable_length(topic, reader):
    post = _post(topic, 2)
    client = _as(reader)
    assert _flag(client, post, "boos").status_code == 400
    assert _flag(client, post, "").status_code == 400
    assert _flag(client, post, "other", "x" * 1001).status_code == 400
    assert not Flag.objects.exists()


def test_no_report_on_ones_own_a_deleted_or_an_invisible_post(topic, colleague, reader):
    own = _post(topic, 2)
    assert _flag(_as(colleague), own).status_code == 302
    Post.objects.filter(pk=own.pk).update(deleted_at=timezone.now())
    assert _flag(_as(reader), own).status_code == 302
    group = Group.objects.create(name="Regio Gent")
    closed = factories.space(slug="regio-gent", group=group)
    secret = factories.topic(closed, MemberFactory(group="Regio Gent"))
    assert _flag(_as(reader), secret.posts.get()).status_code == 404
    assert not Flag.objects.exists()


# The queue -----------------------------------------------------------------------------------


def test_members_cannot_open_the_queue_or_act(topic, reader):
    post = _post(topic, 2)
    moderation.flag(post, reader, "tone")
    client = _as(reader)
    for url in (QUEUE, SANCTIONS, LOG, f"{SANCTIONS}new/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "antwoordeen" not in response.content.decode()
    client.post(QUEUE, {"act": f"hide:{post.pk}", f"reason-{post.pk}": "Weg ermee"})
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert not ModerationAction.objects.exists()


def test_the_queue_shows_the_post_in_its_context(topic, reader, staff, author):
    post = _post(topic, 3)
    moderation.flag(post, reader, "tone", "Dit is kwetsend.")
    moderation.flag(post, MemberFactory(first_name="Dirk"), "spam")
    earlier = factories.topic(topic.space, author, replies=[(reader, "Iets anders")])
    moderation.hide(_post(earlier, 1), staff, "Een vorige keer verborgen")
    page = _as(staff).get(QUEUE).content.decode()
    item = page[page.index(f'id="queued-{post.pk}"') :]
    assert "antwoordtwee" in item  # the post
    assert "antwoordeen" in item and "antwoorddrie" in item  # before and after
    assert "Leefloon en deeltijds werk" in item and "Vraag en antwoord" in item
    assert "Dit is kwetsend." in item and "Cis Wouters" in item and "Dirk" in item
    assert "Ann Peeters" in item and "Een vorige keer verborgen" in item
    assert f"{SANCTIONS}new/?lid={author.pk}" in item


def test_the_menu_counts_the_open_reports(topic, reader, staff):
    from community.wagtail_hooks import register_moderation_menu

    moderation.flag(_post(topic, 2), reader, "tone")
    moderation.flag(_post(topic, 3), reader, "spam")
    request = RequestFactory().get("/admin/")
    request.user = staff
    menu = register_moderation_menu()
    assert menu.is_shown(request)
    component = menu.render_component(request)
    assert component.label.endswith("(2)")
    assert component.menu_items[0].label.endswith("(2)")
    request.user = reader
    assert not menu.is_shown(request)
    assert _as(staff).get("/admin/").status_code == 200


def test_hiding_from_the_queue_handles_every_report_and_logs_once(topic, reader, staff, author):
    post = _post(topic, 3)
    moderation.flag(post, reader, "tone")
    moderation.flag(post, MemberFactory(), "tone")
    client = _as(staff)
    data = {"act": f"hide:{post.pk}", f"reason-{post.pk}": "Let op de toon, Ann."}
    assert client.post(QUEUE, data).status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Let op de toon, Ann."
    assert post.hidden_by == staff
    assert set(Flag.objects.values_list("status", flat=True)) == {FlagStatus.HIDDEN}
    assert set(Flag.objects.values_list("resolved_by", flat=True)) == {staff.pk}
    client.post(QUEUE, data)  # sent twice
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.post, entry.member) == (staff, Kind.HIDE, post, author)
    assert entry.reason == "Let op de toon, Ann." and entry.detail["flags"] == 2
    assert f'id="queued-{post.pk}"' not in client.get(QUEUE).content.decode()
    assert f'id="queued-{post.pk}"' in client.get(QUEUE, {"tab": "hidden"}).content.decode()


def test_two_moderators_at_once_change_and_log_once(topic, reader, staff):
    post = _post(topic, 2)
    moderation.flag(post, reader, "spam")
    other = StaffFactory()
    assert moderation.hide(post, staff, "Reclame") is True
    assert moderation.hide(post, other, "Spam") is False
    assert moderation.dismiss(post, other) == 0
    assert Post.objects.get(pk=post.pk).hidden_reason == "Reclame"
    assert ModerationAction.objects.count() == 1
    assert moderation.restore(post, staff) is True
    assert moderation.restore(post, other) is False
    assert ModerationAction.objects.filter(action=Kind.RESTORE).count() == 1


def test_dismissing_keeps_the_post_and_closes_its_reports(topic, reader, staff):
    post = _post(topic, 2)
    moderation.flag(post, reader, "tone")
    client = _as(staff)
    client.post(QUEUE, {"act": f"dismiss:{post.pk}"})
    client.post(QUEUE, {"act": f"dismiss:{post.pk}"})
    flag = Flag.objects.get()
    assert flag.status == FlagStatus.DISMISSED and flag.resolved_by == staff
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert ModerationAction.objects.filter(action=Kind.DISMISS).count() == 1
    assert "antwoordeen" in _page(_as(MemberFactory()), topic)
    handled = client.get(QUEUE, {"tab": "handled"}).content.decode()
    assert 'id="handled-reports"' in handled and "Cis Wouters" in handled


def test_the_queue_acts_on_several_posts_at_once(topic, reader, staff):
    two, three, four = (_post(topic, n) for n in (2, 3, 4))
    for post in (two, three, four):
        moderation.flag(post, reader, "spam")
    client = _as(staff)
    # Without a reason nothing is hidden: the authors must read why.
    client.post(QUEUE, {"act": "hide", "post": [two.pk, three.pk], "reason": " "})
    assert not Post.objects.filter(hidden_at__isnull=False).exists()
    client.post(QUEUE, {"act": "hide", "post": [two.pk, three.pk], "reason": "Reclame"})
    assert set(Post.objects.filter(hidden_at__isnull=False)) == {two, three}
    client.post(QUEUE, {"act": "dismiss", "post": [four.pk, "abc", "99999999999999999999"]})
    assert Flag.objects.get(post=four).status == FlagStatus.DISMISSED
    client.post(QUEUE + "?tab=hidden", {"act": "restore", "post": [two.pk, three.pk]})
    assert not Post.objects.filter(hidden_at__isnull=False).exists()
    assert ModerationAction.objects.filter(action=Kind.HIDE).count() == 2
    assert ModerationAction.objects.filter(action=Kind.RESTORE).count() == 2
    assert client.post(QUEUE, {"act": "opblazen", "post": [two.pk]}).status_code == 302


# Hidden posts --------------------------------------------------------------------------------


def test_what_the_author_others_and_moderators_see_of_a_hidden_post(topic, colleague, staff):
    post = _post(topic, 2)
    moderation.hide(post, staff, "Er stond een naam van een deelnemer in.")
    mine = _page(_as(colleague), topic)
    assert f'id="hidden-{post.pk}"' in mine and "antwoordeen" in mine
    assert "Er stond een naam van een deelnemer in." in mine
    assert f'id="post-{post.number}"' in mine
    theirs = _page(_as(MemberFactory()), topic)
    assert 'class="post__hidden"' in theirs and f'id="hidden-{post.pk}"' in theirs
    assert "antwoordeen" not in theirs and "naam van een deelnemer" not in theirs
    assert 'id="post-2"' in theirs and "antwoordtwee" in theirs  # replies keep their context
    moderator = _page(_as(staff), topic)
    assert "antwoordeen" in moderator and "post--hidden" in moderator
    assert reverse("community:restore_post", args=[post.pk]) in moderator
    assert reverse("community:hide_post", args=[post.pk]) not in moderator


def test_a_hidden_post_leaves_the_search_and_comes_back(
    topic, staff, django_capture_on_commit_callbacks
):
    post = _post(topic, 2)
    assert _document(post) is not None
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(post, staff, "Privacy")
    assert _document(post) is None
    member = _as(MemberFactory())
    # Literally: "antwoordeen" would otherwise be corrected to words other posts hold.
    found = member.get("/api/v1/search/", {"q": "antwoordeen", "letterlijk": "1"}).json()
    assert found["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore(post, staff)
    assert _document(post) is not None
    found = member.get("/api/v1/search/", {"q": "antwoordeen", "letterlijk": "1"}).json()
    assert found["total"] == 1


def test_a_hidden_first_post_hides_the_topic_from_members(
    topic, author, staff, space, django_capture_on_commit_callbacks
):
    other = factories.topic(space, MemberFactory(), title="Een ander onderwerp")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(_post(topic, 1), staff, "Dit onderwerp hoort hier niet.")
    assert Topic.objects.get(pk=topic.pk).hidden_at is not None
    assert not IndexedDocument.objects.filter(source__in=_sources(topic)).exists()
    assert IndexedDocument.objects.filter(source__in=_sources(other)).exists()
    member = _as(_old(MemberFactory()))
    assert member.get(topic.get_absolute_url()).status_code == 404
    for url in ("/forum/", "/forum/laatste/", "/forum/nieuw/", space.get_absolute_url(), "/"):
        page = member.get(url).content.decode()
        assert "Leefloon en deeltijds werk" not in page, url
    index = member.get("/forum/")
    counts = {s.pk: s.topic_count for s in index.context["spaces"]}
    assert counts[space.pk] == 1 and index.context["unread_count"] == 1
    reply = member.post(reverse("community:reply", args=[topic.pk]), {"body": "Hallo"})
    assert reply.status_code == 404
    assert Post.objects.filter(topic=topic).count() == 4
    # Its author still opens it and reads why; moderators see it, marked, in the lists.
    page = _page(_as(author), topic)
    assert 'id="topic-hidden"' in page and "Dit onderwerp hoort hier niet." in page
    listing = _as(staff).get(space.get_absolute_url()).content.decode()
    assert "Leefloon en deeltijds werk" in listing and "badge--hidden" in listing
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore(_post(topic, 1), staff)
    assert member.get(topic.get_absolute_url()).status_code == 200
    assert IndexedDocument.objects.filter(source__in=_sources(topic)).count() == 4


def _sources(topic) -> list[str]:
    return [f"community.post:{pk}" for pk in topic.posts.values_list("pk", flat=True)]


def test_a_hidden_post_cannot_be_quoted_reacted_to_or_chosen(topic, author, colleague, staff):
    post = _post(topic, 2)
    moderation.hide(post, staff, "Toon")
    client = _as(author)
    json = {"HTTP_ACCEPT": "application/json"}
    assert client.get(reverse("community:quote", args=[post.pk]), **json).status_code == 409
    page = _page(client, topic, citeer=post.pk)
    assert "antwoordeen" not in page[page.index("<textarea") : page.index("</textarea>")]
    react = reverse("community:react", args=[post.pk])
    assert client.post(react, {"kind": "duim", "state": "on"}, **json).status_code == 409
    assert not Reaction.objects.exists()
    mark = reverse("community:mark_solution", args=[post.pk])
    client.post(mark, {"solution": "mark"})
    assert Topic.objects.get(pk=topic.pk).solution is None
    # Its own author cannot quote it back into view either.
    own = _page(_as(colleague), topic)
    assert f"citeer={post.pk}#" not in own


def test_a_hidden_solution_leaves_the_solution_box_and_the_question(
    topic, author, staff, django_capture_on_commit_callbacks
):
    solution = _post(topic, 2)
    with django_capture_on_commit_callbacks(execute=True):
        _as(author).post(
            reverse("community:mark_solution", args=[solution.pk]), {"solution": "mark"}
        )
    assert "antwoordeen" in _document(_post(topic, 1)).body
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(solution, staff, "Privacy")
    assert "antwoordeen" not in _document(_post(topic, 1)).body
    assert 'id="solution-title"' not in _page(_as(MemberFactory()), topic)


def test_who_deleted_a_post_is_said(topic, colleague, staff, django_capture_on_commit_callbacks):
    own, other = _post(topic, 2), _post(topic, 3)
    _as(colleague).post(reverse("community:delete_post", args=[own.pk]))
    _as(staff).post(reverse("community:delete_post", args=[other.pk]))
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.deleted_by == colleague and other.deleted_by == staff
    page = _page(_as(MemberFactory()), topic)
    own_note = re.search(rf'id="deleted-{own.pk}">([^<]*)<', page).group(1)
    other_note = re.search(rf'id="deleted-{other.pk}">([^<]*)<', page).group(1)
    assert "auteur" in own_note and "moderator" in other_note and own_note != other_note
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.post, entry.member) == (Kind.DELETE, other, other.author)


# Topic tools ---------------------------------------------------------------------------------


def _moderate(client, topic, **data):
    return client.post(reverse("community:moderate_topic", args=[topic.pk]), data)


def test_members_get_no_moderation_tools(topic, reader):
    client = _as(reader)
    post = _post(topic, 2)
    assert 'id="moderation"' not in _page(client, topic)
    assert _moderate(client, topic, action="lock").status_code == 404
    assert client.get(reverse("community:split_topic", args=[topic.pk])).status_code == 404
    assert client.get(reverse("community:hide_post", args=[post.pk])).status_code == 404
    assert (
        client.post(reverse("community:hide_post", args=[post.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert client.post(reverse("community:restore_post", args=[post.pk])).status_code == 404
    assert not Topic.objects.get(pk=topic.pk).locked
    assert not ModerationAction.objects.exists()


def test_a_moderator_hides_a_post_from_the_topic_page(topic, staff, colleague):
    post = _post(topic, 2)
    client = _as(staff)
    url = reverse("community:hide_post", args=[post.pk])
    page = _page(client, topic)
    assert 'id="moderation"' in page and url in page
    assert 'id="hide-post"' in client.get(url).content.decode()
    assert client.post(url, {"reason": "  "}).status_code == 400
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert client.post(url, {"reason": "Te persoonlijk"}).status_code == 302
    assert Post.objects.get(pk=post.pk).hidden_reason == "Te persoonlijk"
    client.post(reverse("community:restore_post", args=[post.pk]))
    assert not Post.objects.get(pk=post.pk).is_hidden


def test_a_closed_topic_takes_no_replies_from_members_until_it_opens(topic, staff, reader):
    client = _as(staff)
    assert _moderate(client, topic, action="lock").status_code == 302
    _moderate(client, topic, action="lock")
    assert Topic.objects.get(pk=topic.pk).locked
    assert ModerationAction.objects.filter(action=Kind.LOCK).count() == 1
    member = _as(reader)
    member.post(reverse("community:reply", args=[topic.pk]), {"body": "Mag ik nog?"})
    assert not Post.objects.filter(body="Mag ik nog?").exists()
    client.post(reverse("community:reply", args=[topic.pk]), {"body": "Tot slot van SAM."})
    assert Post.objects.filter(body="Tot slot van SAM.", number=5).exists()
    _moderate(client, topic, action="unlock")
    member.post(reverse("community:reply", args=[topic.pk]), {"body": "Nu wel?"})
    assert Post.objects.filter(body="Nu wel?").exists()
    assert ModerationAction.objects.filter(action=Kind.UNLOCK).count() == 1


def test_pinned_in_a_space_and_pinned_everywhere(topic, staff, space):
    newer = factories.topic(space, MemberFactory(), title="Nieuwer onderwerp")
    elsewhere = factories.topic(factories.space(), MemberFactory(), title="Elders gevraagd")
    member = _as(_old(MemberFactory()))

    def order(url):
        page = member.get(url).content.decode()
        titles = [topic.title, newer.title, elsewhere.title]
        return sorted((t for t in titles if t in page), key=page.index)

    assert order(space.get_absolute_url()) == [newer.title, topic.title]
    _moderate(_as(staff), topic, action="pin", scope="space")
    assert order(space.get_absolute_url()) == [topic.title, newer.title]
    assert order("/forum/laatste/")[0] == elsewhere.title
    _moderate(_as(staff), topic, action="pin", scope="everywhere")
    current = Topic.objects.get(pk=topic.pk)
    assert current.pinned and current.pinned_globally
    assert order("/forum/laatste/")[0] == topic.title
    assert order("/forum/")[0] == topic.title
    assert order(space.get_absolute_url())[0] == topic.title
    _moderate(_as(staff), topic, action="pin", scope="none")
    assert order("/forum/laatste/")[0] == elsewhere.title
    assert [e.action for e in ModerationAction.objects.order_by("pk")] == [
        Kind.PIN,
        Kind.PIN,
        Kind.UNPIN,
    ]
    _moderate(_as(staff), topic, action="pin", scope="overal")
    assert ModerationAction.objects.count() == 3


def test_moving_a_topic_takes_its_search_documents_and_readers_along(
    topic, staff, author, reader, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Regio Gent")
    closed = factories.space(slug="regio-gent", name="Regio Gent", group=group)
    with django_capture_on_commit_callbacks(execute=True):
        response = _moderate(_as(staff), topic, action="move", space=str(closed.pk))
    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).space == closed
    audiences = set(
        IndexedDocument.objects.filter(source__in=_sources(topic)).values_list(
            "audience", flat=True
        )
    )
    assert audiences == {f"forum:{closed.pk}"}
    assert _as(reader).get(topic.get_absolute_url()).status_code == 404
    entry = ModerationAction.objects.get()
    assert entry.action == Kind.MOVE and entry.detail["to"] == closed.pk
    assert entry.member == author


@pytest.mark.parametrize("value", ["", "999999", "bestaat-niet", "<script>", "-1", "1" * 40])
def test_moving_to_a_space_that_does_not_exist_changes_nothing(topic, staff, value):
    response = _moderate(_as(staff), topic, action="move", space=value)
    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).space_id == topic.space_id
    assert not ModerationAction.objects.exists()


def test_moving_into_the_same_space_or_an_unknown_action_is_refused(topic, staff):
    client = _as(staff)
    assert _moderate(client, topic, action="move", space=topic.space.slug).status_code == 302
    assert _moderate(client, topic, action="opblazen").status_code == 302
    assert client.get(reverse("community:moderate_topic", args=[topic.pk])).status_code == 405
    assert not ModerationAction.objects.exists()


def _split(client, topic, posts, title="Afgesplitst onderwerp", **extra):
    url = reverse("community:split_topic", args=[topic.pk])
    return client.post(url, {"title": title, "posts": [p.pk for p in posts], **extra})


def test_splitting_renumbers_both_topics_and_keeps_counters_and_read_positions(
    topic, staff, author, colleague, reader, django_capture_on_commit_callbacks
):
    extra = posting.reply(topic, reader, "Vierde antwoord antwoordvier")
    ReadPosition.objects.filter(topic=topic).delete()
    ReadPosition.objects.create(user=reader, topic=topic, last_read=4)
    ReadPosition.objects.create(user=author, topic=topic, last_read=2)
    moved = [_post(topic, 3), extra]  # numbers 3 and 5
    client = _as(staff)
    page = client.get(reverse("community:split_topic", args=[topic.pk])).content.decode()
    assert 'id="split-topic"' in page and f'name="posts" value="{_post(topic, 1).pk}"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _split(client, topic, moved)
    new = Topic.objects.exclude(pk=topic.pk).get()
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert _numbers(topic) == [
        (1, "Hoe combineren jullie dat? vraagwoordzeldzaam"),
        (2, "Eerste antwoord antwoordeen"),
        (3, "Derde bericht antwoorddrie"),
    ]
    assert _numbers(new) == [
        (1, "Tweede bericht antwoordtwee"),
        (2, "Vierde antwoord antwoordvier"),
    ]
    topic.refresh_from_db()
    assert (topic.post_count, topic.last_poster) == (3, colleague)
    assert (new.post_count, new.last_poster, new.author, new.space) == (
        2,
        reader,
        author,
        topic.space,
    )
    assert new.created_at == moved[0].created_at
    reads = {(p.user_id, p.topic_id): p.last_read for p in ReadPosition.objects.all()}
    assert reads[(reader.pk, topic.pk)] == 3 and reads[(reader.pk, new.pk)] == 1
    assert reads[(author.pk, topic.pk)] == 2 and (author.pk, new.pk) not in reads
    first = _document(_post(new, 1))
    assert first.kind == "forum_topic" and first.title == "Afgesplitst onderwerp"
    assert first.url == new.get_absolute_url() + "#post-1"
    assert _document(_post(topic, 3)).url.endswith("#post-3")
    entry = ModerationAction.objects.get()
    assert entry.action == Kind.SPLIT and entry.detail["new_topic"] == new.pk
    assert entry.detail["numbers"] == [3, 5]


def test_splitting_moves_the_solution_along(topic, staff, author):
    Topic.objects.filter(pk=topic.pk).update(solution=_post(topic, 4))
    _split(_as(staff), topic, [_post(topic, 3), _post(topic, 4)])
    new = Topic.objects.exclude(pk=topic.pk).get()
    assert Topic.objects.get(pk=topic.pk).solution is None
    assert new.solution == _post(new, 2)


def test_splitting_off_the_first_post_or_nothing_or_others_posts_is_refused(topic, staff, space):
    client = _as(staff)
    before = _numbers(topic)
    other = factories.topic(space, MemberFactory(), replies=[(MemberFactory(), "Elders")])
    for posts, title in (
        ([_post(topic, 1)], "Titel"),
        ([_post(topic, 1), _post(topic, 2)], "Titel"),
        ([], "Titel"),
        ([_post(other, 2)], "Titel"),
        ([_post(topic, 2)], "   "),
    ):
        response = _split(client, topic, posts, title)
        assert response.status_code == 400
        assert 'id="split-topic"' in response.content.decode()
    response = client.post(
        reverse("community:split_topic", args=[topic.pk]), {"title": "T", "posts": ["abc"]}
    )
    assert response.status_code == 400
    response = _split(client, topic, [_post(topic, 2)], space="999999")
    assert response.status_code == 400
    assert Topic.objects.count() == 2 and _numbers(topic) == before
    assert not ModerationAction.objects.exists()
    with pytest.raises(moderation.ModerationError):
        moderation.split(topic, StaffFactory(), [_post(topic, 1).pk], "Titel")


def test_a_split_keeps_what_the_form_had_when_it_comes_back(topic, staff):
    response = _split(_as(staff), topic, [_post(topic, 3)], title="")
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="posts" value="{_post(topic, 3).pk}" checked' in page


def test_merging_appends_the_posts_in_date_order_and_redirects_the_old_address(
    topic, staff, author, reader, space, django_capture_on_commit_callbacks
):
    now = timezone.now()
    source = factories.topic(
        space,
        reader,
        title="Dubbele vraag",
        body="Ook leefloon? bronvraag",
        replies=[(author, "Bronantwoord een")],
    )
    later = posting.reply(source, reader, "Bronantwoord twee")
    Post.objects.filter(pk=later.pk).update(created_at=now + datetime.timedelta(hours=1))
    ReadPosition.objects.filter(topic__in=[topic, source]).delete()
    ReadPosition.objects.create(user=author, topic=topic, last_read=4)
    ReadPosition.objects.create(user=author, topic=source, last_read=2)
    ReadPosition.objects.create(user=reader, topic=topic, last_read=2)
    ReadPosition.objects.create(user=reader, topic=source, last_read=3)
    old_url = source.get_absolute_url()
    client = _as(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _moderate(client, source, action="merge", target=topic.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert not Topic.objects.filter(pk=source.pk).exists()
    assert [body for _n, body in _numbers(topic)][4:] == [
        "Ook leefloon? bronvraag",
        "Bronantwoord een",
        "Bronantwoord twee",
    ]
    assert [n for n, _b in _numbers(topic)] == [1, 2, 3, 4, 5, 6, 7]
    topic.refresh_from_db()
    assert topic.post_count == 7 and topic.last_poster == reader
    assert topic.last_posted_at == now + datetime.timedelta(hours=1)
    reads = {p.user_id: p.last_read for p in ReadPosition.objects.filter(topic=topic)}
    assert reads == {author.pk: 6, reader.pk: 2}
    moved = Post.objects.get(body="Ook leefloon? bronvraag")
    document = _document(moved)
    assert document.kind == "forum_post" and document.url == topic.get_absolute_url() + "#post-5"
    member = _as(MemberFactory())
    assert member.get(old_url)["Location"] == topic.get_absolute_url()
    assert member.get(reverse("community:topic_short", args=[source.pk])).status_code == 302
    entry = ModerationAction.objects.get()
    assert entry.action == Kind.MERGE and entry.topic == topic
    assert entry.detail["source"] == source.pk and entry.member == reader


def test_merging_twice_follows_the_trail(topic, staff, space):
    first = factories.topic(space, MemberFactory(), title="Eerste")
    second = factories.topic(space, MemberFactory(), title="Tweede")
    moderation.merge(first, second, staff)
    moderation.merge(second, topic, staff)
    member = _as(MemberFactory())
    response = member.get(reverse("community:topic_short", args=[first.pk]))
    assert response["Location"] == topic.get_absolute_url()


@pytest.mark.parametrize("target", ["", "abc", "999999", "/forum/t/999999-weg/", "self"])
def test_merging_into_itself_or_a_topic_that_does_not_exist_is_refused(topic, staff, target):
    if target == "self":
        target = str(topic.pk)
    response = _moderate(_as(staff), topic, action="merge", target=target)
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert [n for n, _b in _numbers(topic)] == [1, 2, 3, 4]
    assert not ModerationAction.objects.exists()


# Sanctions -----------------------------------------------------------------------------------


def test_a_silenced_member_reads_but_does_not_write(topic, reader, staff, space):
    moderation.impose(reader, staff, Sanction.Kind.SILENCE, "Je was te grof tegen je collega.", 3)
    client = _as(reader)
    page = _page(client, topic)
    assert 'id="forum-sanction"' in page and "Je was te grof tegen je collega." in page
    assert reverse("community:reply", args=[topic.pk]) not in page
    index = client.get("/forum/").content.decode()
    assert 'id="forum-sanction"' in index
    client.post(reverse("community:reply", args=[topic.pk]), {"body": "Toch proberen"})
    new_topic = reverse("community:new_topic", args=[space.slug])
    response = client.get(new_topic)
    assert response.status_code == 302
    client.post(new_topic, {"title": "Nieuw", "body": "Toch proberen"})
    post = _post(topic, 2)
    client.post(reverse("community:react", args=[post.pk]), {"kind": "duim", "state": "on"})
    own = posting.reply(topic, reader, "Van voor de straf")
    client.post(reverse("community:edit_post", args=[own.pk]), {"body": "Aangepast"})
    assert not Post.objects.filter(body="Toch proberen").exists()
    assert not Reaction.objects.exists()
    assert Post.objects.get(pk=own.pk).body == "Van voor de straf"
    # Reporting publishes nothing: still allowed.
    _flag(client, post)
    assert Flag.objects.filter(reporter=reader).exists()
    sanction = Sanction.objects.get()
    assert moderation.lift(sanction, staff)
    client.post(reverse("community:reply", args=[topic.pk]), {"body": "Weer welkom"})
    assert Post.objects.filter(body="Weer welkom").exists()


def test_a_silenced_member_is_told_why_when_posting(topic, reader, staff):
    moderation.impose(reader, staff, Sanction.Kind.SILENCE, "Afkoelen.", 2)
    client = _as(reader)
    response = client.post(
        reverse("community:reply", args=[topic.pk]), {"body": "Toch"}, follow=True
    )
    text = response.content.decode()
    assert "Afkoelen." in text
    local = timezone.localtime(Sanction.objects.get().ends_at)
    assert local.strftime("%H:%M") in text


def test_a_suspended_member_gets_a_403_with_reason_and_end_date(topic, reader, staff):
    moderation.impose(reader, staff, Sanction.Kind.SUSPEND, "Herhaalde privacy-inbreuken.", 14)
    client = _as(reader)
    for url in (
        "/forum/",
        "/forum/laatste/",
        topic.get_absolute_url(),
        topic.space.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        text = response.content.decode()
        assert 'id="forum-suspended"' in text and "Herhaalde privacy-inbreuken." in text
        ends = timezone.localtime(Sanction.objects.get().ends_at)
        assert str(ends.year) in text and ends.strftime("%H:%M") in text
    response = client.post(reverse("community:reply", args=[topic.pk]), {"body": "Toch"})
    assert response.status_code == 403
    assert not Post.objects.filter(body="Toch").exists()
    assert "Leefloon en deeltijds werk" not in client.get("/").content.decode()
    assert not access.who_may_see(topic.space).filter(pk=reader.pk).exists()
    # Once ended, the forum is back.
    Sanction.objects.update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    assert _as(reader).get("/forum/").status_code == 200


def test_staff_impose_and_lift_sanctions_in_the_admin(reader, staff):
    client = _as(staff)
    assert client.get(f"{SANCTIONS}new/?lid={reader.pk}").status_code == 200
    response = client.post(
        f"{SANCTIONS}new/",
        {"user": reader.pk, "kind": "silence", "reason": "Even pauze.", "days": "7"},
    )
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert (sanction.user, sanction.kind, sanction.created_by) == (reader, "silence", staff)
    assert (sanction.ends_at - sanction.starts_at) == datetime.timedelta(days=7)
    listing = client.get(SANCTIONS).content.decode()
    assert "Even pauze." in listing
    lift = reverse("forum_sanctions:lift", args=[sanction.pk])
    assert lift in listing
    assert client.post(lift).status_code == 302
    assert client.post(lift).status_code == 302
    assert Sanction.objects.get().lifted_at is not None
    actions = list(ModerationAction.objects.order_by("pk").values_list("action", "member"))
    assert actions == [(Kind.SILENCE, reader.pk), (Kind.LIFT, reader.pk)]
    assert _as(reader).post(lift).status_code in (302, 403)


@pytest.mark.parametrize("days", ["-5", "0", "3651", "veel", ""])
def test_a_sanction_needs_a_sensible_duration(reader, staff, days):
    response = _as(staff).post(
        f"{SANCTIONS}new/", {"user": reader.pk, "kind": "suspend", "reason": "Iets", "days": days}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Sanction.objects.exists() and not ModerationAction.objects.exists()


def test_staff_cannot_be_sanctioned_and_a_reason_is_required(reader, staff):
    client = _as(staff)
    client.post(
        f"{SANCTIONS}new/", {"user": StaffFactory().pk, "kind": "suspend", "reason": "x", "days": 1}
    )
    client.post(
        f"{SANCTIONS}new/", {"user": reader.pk, "kind": "suspend", "reason": " ", "days": 1}
    )
    assert not Sanction.objects.exists()
    with pytest.raises(moderation.ModerationError):
        moderation.impose(StaffFactory(), staff, "suspend", "x", 1)
    with pytest.raises(moderation.ModerationError):
        moderation.impose(reader, staff, "suspend", "x", -3)


def test_sanctions_cannot_be_edited_or_deleted_in_the_admin(reader, staff):
    sanction = moderation.impose(reader, staff, "silence", "Eerst", 2)
    client = _as(staff)
    client.post(f"{SANCTIONS}edit/{sanction.pk}/", {"reason": "Anders", "days": 1})
    client.post(f"{SANCTIONS}delete/{sanction.pk}/")
    assert Sanction.objects.get().reason == "Eerst"


# Rate limits ---------------------------------------------------------------------------------


def _reply(client, topic, body, **extra):
    return client.post(reverse("community:reply", args=[topic.pk]), {"body": body, **extra})


def test_a_new_member_posts_three_replies_a_minute_and_keeps_the_fourth(topic):
    newcomer = MemberFactory()
    newcomer.approve()
    client = _as(newcomer)
    for n in range(3):
        assert _reply(client, topic, f"Antwoord {n}").status_code == 302
    response = _reply(client, topic, "Mijn vierde antwoord dat ik niet kwijt wil")
    assert response.status_code == 429
    text = response.content.decode()
    textarea = text[text.index("<textarea") : text.index("</textarea>")]
    assert "Mijn vierde antwoord dat ik niet kwijt wil" in textarea
    oldest = Post.objects.filter(author=newcomer).order_by("created_at").first().created_at
    again = timezone.localtime(oldest + datetime.timedelta(minutes=1))
    assert again.strftime("%H:%M") in text
    assert Post.objects.filter(author=newcomer).count() == 3
    # A minute later (the posts are older), a new post fits again.
    Post.objects.filter(author=newcomer).update(
        created_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    assert _reply(client, topic, "Nu wel").status_code == 302


def test_a_double_submit_over_the_limit_leads_to_the_post_not_to_a_refusal(topic):
    newcomer = MemberFactory()
    client = _as(newcomer)
    key = "5b3f1d2e-8c1a-4f57-9a55-0d4b6f7e8a90"
    for n in range(2):
        _reply(client, topic, f"Antwoord {n}")
    assert _reply(client, topic, "Derde", submission_key=key).status_code == 302
    assert _reply(client, topic, "Derde", submission_key=key).status_code == 302
    assert Post.objects.filter(author=newcomer).count() == 3


def test_a_new_member_starts_five_topics_a_day(space, settings):
    settings.FORUM_NEW_MEMBER_POSTS_PER_MINUTE = 100
    newcomer = MemberFactory()
    client = _as(newcomer)
    url = reverse("community:new_topic", args=[space.slug])
    for n in range(5):
        assert client.post(url, {"title": f"Vraag {n}", "body": "Tekst"}).status_code == 302
    response = client.post(url, {"title": "Zesde vraag", "body": "Mijn uitgebreide tekst"})
    assert response.status_code == 429
    text = response.content.decode()
    assert 'value="Zesde vraag"' in text and "Mijn uitgebreide tekst" in text
    assert Topic.objects.filter(author=newcomer).count() == 5


def test_staff_and_members_past_their_first_week_are_exempt(topic, staff):
    veteran = MemberFactory()
    type(veteran).objects.filter(pk=veteran.pk).update(
        approved_at=timezone.now() - datetime.timedelta(days=8)
    )
    for user in (staff, veteran):
        client = _as(user)
        for n in range(5):
            assert _reply(client, topic, f"Bericht {n} van {user.pk}").status_code == 302
    assert access.posting_wait(staff, new_topic=True) is None


def test_the_rate_limit_costs_a_fixed_number_of_queries(topic, django_assert_max_num_queries):
    newcomer = MemberFactory()
    for n in range(10):
        posting.reply(topic, newcomer, f"Antwoord {n}")
    access.sanction(newcomer)
    with django_assert_max_num_queries(2):
        assert access.posting_wait(newcomer, new_topic=True) is not None


# The log -------------------------------------------------------------------------------------


def test_the_log_lists_newest_first_and_filters(topic, staff, reader):
    other = StaffFactory(first_name="Tweede", last_name="Moderator")
    moderation.set_locked(topic, staff, True, "Te verhit")
    moderation.hide(_post(topic, 2), other, "Privacy van een deelnemer")
    moderation.impose(reader, staff, "silence", "Afkoelen", 1)
    client = _as(staff)
    page = client.get(LOG).content.decode()
    order = [page.index(word) for word in ("Afkoelen", "Privacy van een deelnemer", "Te verhit")]
    assert order == sorted(order)
    hidden = client.get(LOG, {"action": "hide"}).content.decode()
    assert "Privacy van een deelnemer" in hidden and "Te verhit" not in hidden
    by_other = client.get(LOG, {"actor": other.pk}).content.decode()
    assert "Privacy van een deelnemer" in by_other and "Afkoelen" not in by_other
    about = client.get(LOG, {"member": reader.pk}).content.decode()
    assert "Afkoelen" in about and "Te verhit" not in about


def test_the_log_is_read_only(topic, staff):
    moderation.set_locked(topic, staff, True, "Te verhit")
    entry = ModerationAction.objects.get()
    client = _as(staff)
    assert client.get(f"{LOG}inspect/{entry.pk}/").status_code == 200
    client.post(f"{LOG}edit/{entry.pk}/", {"reason": "Anders"})
    client.post(f"{LOG}delete/{entry.pk}/")
    client.post(f"{LOG}new/", {"reason": "Verzonnen"})
    assert list(ModerationAction.objects.values_list("reason", flat=True)) == ["Te verhit"]


# Notifications -------------------------------------------------------------------------------

notifications = pytest.importorskip("notifications")


def _told(user) -> list[dict]:
    from notifications.models import Notification

    return list(
        Notification.objects.filter(recipient=user, kind="moderation")
        .order_by("pk")
        .values("object_id", "data", "actor")
    )


def test_the_author_is_told_of_hiding_restoring_and_deleting(
    topic, colleague, staff, django_capture_on_commit_callbacks
):
    post = _post(topic, 2)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(post, staff, "Let op de privacy.")
    told = _told(colleague)
    assert len(told) == 1 and told[0]["object_id"] == post.pk
    assert told[0]["data"]["action"] == "hidden"
    assert told[0]["data"]["reason"] == "Let op de privacy."
    assert told[0]["actor"] == staff.pk
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore(post, staff)
    other = _post(topic, 4)
    with django_capture_on_commit_callbacks(execute=True):
        _as(staff).post(reverse("community:delete_post", args=[other.pk]))
    actions = [entry["data"]["action"] for entry in _told(colleague)]
    assert "restored" in actions and "deleted" in actions
    # A refused action tells nobody.
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(moderation.ModerationError),
    ):
        moderation.hide(_post(topic, 1), staff, "   ")
    assert not _told(topic.author)


def test_the_authors_are_told_of_moving_splitting_and_merging(
    topic, author, colleague, reader, staff, space, django_capture_on_commit_callbacks
):
    elsewhere = factories.space(name="Elders", slug="elders")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move(topic, staff, elsewhere)
    assert [(e["data"]["action"], e["data"]["space"]) for e in _told(author)] == [
        ("moved", "Elders")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.split(topic, staff, [_post(topic, 2).pk, _post(topic, 4).pk], "Apart")
    split = [e for e in _told(colleague) if e["data"]["action"] == "split"]
    assert len(split) == 1 and split[0]["data"]["title"] == "Apart"
    source = factories.topic(space, reader, title="Dubbel")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.merge(source, topic, staff)
    merged = [e for e in _told(reader) if e["data"]["action"] == "merged"]
    assert len(merged) == 1 and merged[0]["data"]["title"] == topic.title


def test_watchers_of_a_merged_topic_watch_the_target(topic, reader, staff, space):
    from notifications import watching

    source = factories.topic(space, MemberFactory(), title="Dubbel")
    watching.set_level(reader, source, "watching")
    moderation.merge(source, topic, staff)
    assert watching.level_for(reader, topic).level == "watching"
