"""Erasing a member: afterwards nothing refers to them, while threads and evidence stay."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.db import models

import pytest

from accounts.erasure import erase_user
from accounts.models import ErasureLog
from accounts.personal_data import ErasureOptions, holdings
from community.models import FORMER_MEMBER, Attachment, Mention, Post, Topic
from community.personal_data import REMOVED_MARKER
from knowledge.models import Registration, RegistrationStatus
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory
from tests.accounts.personal_data_fixtures import (  # noqa: F401
    EMAIL,
    FULL_NAME,
    everything,
    user_relations,
)
from tracker import records
from tracker.models import Attachment as TrackerAttachment
from tracker.models import Bottleneck, Confirmation

pytestmark = pytest.mark.django_db

NAME = " ".join(FULL_NAME)
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def erase(member, django_capture_on_commit_callbacks, **options):
    # What runs after the commit (search updates, files leaving storage) runs here too.
    with django_capture_on_commit_callbacks(execute=True):
        return erase_user(member, options=ErasureOptions(**options))


def rows_pointing_at(user_id) -> list[str]:
    found = []
    for label, model, field in user_relations():
        if model.objects.filter(**{field: user_id}).exists():
            found.append(label)
    return found


def covered_models():
    labels = {relation.rpartition(".")[0] for h in holdings() for relation in h.covers}
    from django.apps import apps

    return [apps.get_model(label) for label in sorted(labels)] + [IndexedDocument]


def rows_naming(*needles) -> list[str]:
    """Every text column of the covered models (and the search index) that holds a needle."""
    found = []
    for model in covered_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            for value in model.objects.values_list(field.attname, flat=True).iterator():
                text = json.dumps(value, ensure_ascii=False) if value is not None else ""
                if any(needle.lower() in text.lower() for needle in needles):
                    found.append(f"{model._meta.label}.{field.name}")
                    break
    return found


def test_erasure_leaves_no_row_that_refers_to_the_member(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    member_id = everything.member.pk
    assert len(rows_pointing_at(member_id)) > 20  # the fixture really holds one of everything

    erase(everything.member, django_capture_on_commit_callbacks)

    assert not get_user_model().objects.filter(pk=member_id).exists()
    assert rows_pointing_at(member_id) == []


def test_erasure_leaves_the_name_and_address_in_no_text_column(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    before = rows_naming(NAME, EMAIL)
    assert "search.IndexedDocument.title" in before  # their reply's document names them

    erase(everything.member, django_capture_on_commit_callbacks)

    assert rows_naming(NAME, EMAIL) == []


def test_no_search_document_names_the_member_after_erasure(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    erase(everything.member, django_capture_on_commit_callbacks)

    for document in IndexedDocument.objects.all():
        text = " ".join(
            [document.title, document.summary, document.body, document.parent_title]
        ).lower()
        assert FULL_NAME[1].lower() not in text
        assert EMAIL not in text
    reply = IndexedDocument.objects.get(source=f"community.post:{everything.own_reply.pk}")
    assert reply.title == str(FORMER_MEMBER)


def test_the_member_forum_files_leave_storage_and_report_files_stay_anonymous(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assert everything.forum_files
    assert all(storage.exists(name) for storage, name in everything.forum_files)

    erase(everything.member, django_capture_on_commit_callbacks)

    assert not any(storage.exists(name) for storage, name in everything.forum_files)
    assert not Attachment.objects.exists()
    kept = TrackerAttachment.objects.get(pk=everything.tracker_file.pk)
    assert kept.uploader_id is None
    assert kept.file.storage.exists(kept.file.name)


def test_the_thread_stays_signed_former_member(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
    client,
):
    erase(everything.member, django_capture_on_commit_callbacks)

    topic = Topic.objects.get(pk=everything.topic.pk)
    assert topic.author_id is None and topic.last_poster_id is None
    assert topic.post_count == 3 == topic.posts.count()
    assert Post.objects.get(pk=everything.own_reply.pk).body == "Bedankt, dat helpt!"
    # What someone else wrote about them stays as written; the mention row goes.
    mention = Post.objects.get(pk=everything.mention_reply.pk)
    assert f"@{everything.member.username}" in mention.body
    assert not Mention.objects.exists()

    client.force_login(everything.other)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert str(FORMER_MEMBER) in page
    assert FULL_NAME[1] not in page


def test_remove_posts_replaces_their_text_and_updates_the_search(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    erase(everything.member, django_capture_on_commit_callbacks, remove_posts=True)

    own = Post.objects.filter(
        pk__in=[everything.own_reply.pk, everything.topic.posts.get(number=1).pk]
    )
    assert {post.body for post in own} == {REMOVED_MARKER}
    assert Post.objects.get(pk=everything.mention_reply.pk).body.startswith("Goede vraag")
    document = IndexedDocument.objects.get(source=f"community.post:{everything.own_reply.pk}")
    assert "Bedankt" not in document.body and REMOVED_MARKER in document.body


def test_bottleneck_evidence_stays_without_the_member(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    bottleneck = everything.others_bottleneck
    before = records.evidence_by_region([bottleneck.pk])[bottleneck.pk]
    assert "west-vlaanderen" in before

    erase(everything.member, django_capture_on_commit_callbacks)

    bottleneck.refresh_from_db()
    assert bottleneck.confirmation_count == 1
    assert records.evidence_by_region([bottleneck.pk])[bottleneck.pk] == before
    confirmation = Confirmation.objects.get(bottleneck=bottleneck)
    assert confirmation.member_id is None and confirmation.organisation_type
    assert bottleneck.follower_count == bottleneck.follows.count()
    own = Bottleneck.objects.get(pk=everything.own_bottleneck.pk)
    assert own.reporter_id is None and own.messages.get().author_id is None


def test_the_waiting_list_moves_up_and_registrations_go(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    erase(everything.member, django_capture_on_commit_callbacks)

    moved_up = Registration.objects.get(activity=everything.future, user=everything.waiting)
    assert moved_up.status == RegistrationStatus.REGISTERED
    assert not Registration.objects.filter(activity=everything.past).exists()


def test_the_erasure_log_has_counts_and_no_personal_data(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    log = erase(everything.member, django_capture_on_commit_callbacks)

    assert ErasureLog.objects.get() == log
    assert log.reason == ErasureLog.Reason.STAFF
    assert log.counts["accounts.account"] >= 1
    assert log.counts["community.posts"] == 3  # two posts and the topic
    assert log.counts["knowledge.registrations"] == 2
    assert all(isinstance(count, int) for count in log.counts.values())
    stored = json.dumps(log.counts, ensure_ascii=False) + str(log)
    assert FULL_NAME[1] not in stored and EMAIL not in stored
    assert str(everything.member.username) not in stored


def test_erasing_a_second_member_leaves_the_first_remains_alone(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    erase(everything.member, django_capture_on_commit_callbacks)
    topic = Topic.objects.get(pk=everything.topic.pk)
    remains = {
        "posts": Post.objects.filter(author__isnull=True).count(),
        "confirmations": Confirmation.objects.filter(member__isnull=True).count(),
        "reports": Bottleneck.objects.filter(reporter__isnull=True).count(),
        "files": TrackerAttachment.objects.filter(uploader__isnull=True).count(),
    }

    second = MemberFactory()
    log = erase(second, django_capture_on_commit_callbacks)

    assert ErasureLog.objects.count() == 2 and log.counts["community.posts"] == 0
    assert Topic.objects.get(pk=topic.pk).post_count == topic.post_count
    assert remains == {
        "posts": Post.objects.filter(author__isnull=True).count(),
        "confirmations": Confirmation.objects.filter(member__isnull=True).count(),
        "reports": Bottleneck.objects.filter(reporter__isnull=True).count(),
        "files": TrackerAttachment.objects.filter(uploader__isnull=True).count(),
    }
    # The other member's own rows are untouched.
    assert Post.objects.filter(author=everything.other).count() == 1


def test_the_member_sessions_end(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from django.contrib.sessions.models import Session

    assert Session.objects.filter(session_key=everything.session_key).exists()

    erase(everything.member, django_capture_on_commit_callbacks)

    assert not Session.objects.filter(session_key=everything.session_key).exists()


def test_notifications_others_received_lose_the_member_name(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from notifications.models import Notification

    caused = everything.caused
    assert caused.actor_names == [NAME]

    erase(everything.member, django_capture_on_commit_callbacks)

    caused.refresh_from_db()
    assert caused.actor_id is None and caused.actor_names == []
    assert not Notification.objects.filter(pk=everything.received.pk).exists()


def test_a_failing_holding_rolls_the_whole_erasure_back(
    everything,  # noqa: F811
    monkeypatch,
):
    from accounts import personal_data

    def broken(user, options):
        raise RuntimeError("storage down")

    holding = next(h for h in holdings() if h.key == "tracker.api_tokens")
    monkeypatch.setitem(
        personal_data._holdings,
        holding.key,
        personal_data.Holding(**{**holding.__dict__, "erase": broken, "extra": {}}),
    )
    with pytest.raises(RuntimeError):
        erase_user(everything.member)

    assert get_user_model().objects.filter(pk=everything.member.pk).exists()
    assert Topic.objects.get(pk=everything.topic.pk).author_id == everything.member.pk
    assert not ErasureLog.objects.exists()


def test_mails_queued_about_the_member_are_dropped(django_capture_on_commit_callbacks):
    from django.utils import timezone

    from django_tasks_db.models import DBTaskResult

    member, other = MemberFactory(), MemberFactory()

    def queued(user, path="accounts.tasks.notify_user_of_approval"):
        return DBTaskResult.objects.create(
            task_path=path,
            args_kwargs={"args": [user.pk], "kwargs": {}},
            backend_name="default",
            run_after=timezone.now() + datetime.timedelta(hours=1),
        )

    mine = [queued(member), queued(member, "accounts.tasks.notify_staff_of_registration")]
    mine.append(
        DBTaskResult.objects.create(
            task_path="community.mail_replies.mail_author",
            args_kwargs={"args": [], "kwargs": {"user_id": member.pk, "address": member.email}},
            backend_name="default",
            run_after=timezone.now(),
            status="SUCCESSFUL",
        )
    )
    theirs = queued(other)

    log = erase(member, django_capture_on_commit_callbacks)

    assert not DBTaskResult.objects.filter(pk__in=[task.pk for task in mine]).exists()
    assert DBTaskResult.objects.filter(pk=theirs.pk).exists()
    assert log.counts["accounts.mail_queue"] == 3


def test_moderators_still_handle_an_erased_member_posts(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
    client,
):
    from django.urls import reverse

    from community.models import Flag, FlagReason

    erase(everything.member, django_capture_on_commit_callbacks)
    Flag.objects.create(
        post=everything.own_reply, reporter=everything.other, reason=FlagReason.TONE
    )

    client.force_login(everything.staff)
    queue = client.get(reverse("forum_moderation:queue"))
    assert queue.status_code == 200
    assert str(FORMER_MEMBER) in queue.content.decode()
    hide = client.get(reverse("community:hide_post", args=[everything.own_reply.pk]))
    assert hide.status_code == 200
    assert FULL_NAME[1] not in hide.content.decode()


def test_the_forum_goes_on_in_an_erased_member_topic(
    everything,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from community import notify, posting
    from community.actions import quote_heading

    erase(everything.member, django_capture_on_commit_callbacks)
    topic = Topic.objects.get(pk=everything.topic.pk)
    own_reply = Post.objects.get(pk=everything.own_reply.pk)

    reply = posting.reply(topic, everything.other, "Nog een aanvulling.")
    # Their notifications run without anyone to tell about the topic's author.
    assert notify.fan_out_post.call(reply.pk, False, []) == 0
    Topic.objects.filter(pk=topic.pk).update(solution=own_reply)
    assert notify.notify_solution.call(own_reply.pk, everything.staff.pk) == 0
    assert quote_heading(own_reply).startswith(str(FORMER_MEMBER))
