"""Retention: what is no longer needed goes, from the scheduler; a second run changes nothing."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from accounts import retention
from accounts.models import ApprovalStatus, DataExport, ErasureLog, RetentionSettings
from community.models import ReadPosition, Topic
from notifications.models import Notification
from tests.community import factories as forum

from .factories import MemberFactory, PendingUserFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def periods() -> RetentionSettings:
    return RetentionSettings.load()


def exists(user) -> bool:
    return get_user_model().objects.filter(pk=user.pk).exists()


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def run(now=None) -> dict:
    return retention.apply(now=now)


def unconfirmed(days_old: float, **extra):
    return PendingUserFactory(verified_email=False, date_joined=days_ago(days_old), **extra)


def test_months_before_keeps_the_day_inside_the_month():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert retention.months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert retention.months_before(moment, 15).date().isoformat() == "2024-12-31"


def test_unconfirmed_registrations_go_after_their_period():
    days = periods().unconfirmed_registration_days
    old = unconfirmed(days + 1)
    recent = unconfirmed(days - 1)
    confirmed = PendingUserFactory(date_joined=days_ago(days + 1))
    assert run()["unconfirmed"] == 1
    assert not exists(old)
    assert exists(recent)
    # Confirmed but waiting for SAM: that is SAM's decision, not retention's.
    assert exists(confirmed)
    assert ErasureLog.objects.get().reason == ErasureLog.Reason.UNCONFIRMED


def test_rejected_registrations_go_after_their_period():
    days = periods().rejected_registration_days
    old = PendingUserFactory(
        approval_status=ApprovalStatus.REJECTED, date_joined=days_ago(days + 1)
    )
    recent = PendingUserFactory(
        approval_status=ApprovalStatus.REJECTED, date_joined=days_ago(days - 1)
    )
    assert run()["rejected"] == 1
    assert not exists(old)
    assert exists(recent)
    assert ErasureLog.objects.get().reason == ErasureLog.Reason.REJECTED


def test_staff_and_superusers_are_never_removed():
    settings = periods()
    long_ago = days_ago(settings.inactive_account_months * 31 + 400)
    staff = StaffFactory(last_login=long_ago, date_joined=long_ago)
    superuser = UserFactory(is_superuser=True, last_login=long_ago, date_joined=long_ago)
    admin_flag = UserFactory(is_staff=True, last_login=long_ago, date_joined=long_ago)
    unconfirmed_staff = StaffFactory(verified_email=False, date_joined=long_ago)
    later = timezone.now() + timedelta(days=settings.inactive_reminder_days + 1)
    run()
    run(now=later)
    for user in (staff, superuser, admin_flag, unconfirmed_staff):
        assert exists(user)
    assert mail.outbox == []


def inactive_member():
    settings = periods()
    long_ago = days_ago(settings.inactive_account_months * 31 + 1)
    return MemberFactory(last_login=long_ago, date_joined=long_ago - timedelta(days=10))


def test_an_inactive_account_is_warned_once_then_removed():
    settings = periods()
    member = inactive_member()
    active = MemberFactory(last_login=days_ago(1))
    assert run()["inactive_reminded"] == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    member.refresh_from_db()
    assert member.inactivity_reminder_sent_at is not None
    # The warning period has not passed: still there, and no second mail.
    assert set(run(now=timezone.now() + timedelta(days=1)).values()) == {0}
    assert len(mail.outbox) == 1
    assert exists(member)
    later = timezone.now() + timedelta(days=settings.inactive_reminder_days, minutes=1)
    assert run(now=later)["inactive"] == 1
    assert not exists(member)
    assert exists(active)
    assert ErasureLog.objects.get().reason == ErasureLog.Reason.INACTIVE


def test_an_account_about_to_become_inactive_is_warned_ahead():
    settings = periods()
    almost = days_ago(settings.inactive_account_months * 31 - settings.inactive_reminder_days + 2)
    member = MemberFactory(last_login=almost, date_joined=almost)
    run()
    member.refresh_from_db()
    assert member.inactivity_reminder_sent_at is not None


def test_logging_in_after_the_warning_keeps_the_account():
    settings = periods()
    member = inactive_member()
    run()
    get_user_model().objects.filter(pk=member.pk).update(last_login=timezone.now())
    later = timezone.now() + timedelta(days=settings.inactive_reminder_days + 1)
    run(now=later)
    assert exists(member)
    member.refresh_from_db()
    assert member.inactivity_reminder_sent_at is None


def test_old_read_notifications_are_pruned():
    days = periods().notification_days
    member = MemberFactory()
    kind = Notification._meta.get_field("kind").choices[0][0]
    content_type = ContentType.objects.get_for_model(get_user_model())

    targets = iter(range(1, 100))

    def notification(age, read):
        return Notification.objects.create(
            recipient=member,
            kind=kind,
            content_type=content_type,
            object_id=next(targets),
            created_at=days_ago(age),
            read_at=days_ago(age) if read else None,
        )

    old_read = notification(days + 1, read=True)
    old_unread = notification(days + 1, read=False)
    recent_read = notification(days - 1, read=True)
    assert run()["notifications"] == 1
    remaining = set(Notification.objects.values_list("pk", flat=True))
    assert remaining == {old_unread.pk, recent_read.pk}
    assert old_read.pk not in remaining


def test_read_positions_of_long_quiet_topics_from_before_joining_are_pruned():
    days = periods().read_position_days
    author = MemberFactory(date_joined=days_ago(days + 100))
    space = forum.space()
    quiet = forum.topic(space, author)
    lively = forum.topic(space, author)
    Topic.objects.filter(pk=quiet.pk).update(last_posted_at=days_ago(days + 30))
    newcomer = MemberFactory(date_joined=days_ago(days + 1))
    ReadPosition.objects.create(user=newcomer, topic=quiet, last_read=1)
    ReadPosition.objects.create(user=newcomer, topic=lively, last_read=1)
    assert run()["read_positions"] == 1
    assert not ReadPosition.objects.filter(user=newcomer, topic=quiet).exists()
    assert ReadPosition.objects.filter(user=newcomer, topic=lively).exists()
    # The author read the quiet topic when it was active: that position stays.
    assert ReadPosition.objects.filter(user=author, topic=quiet).exists()


def test_expired_exports_are_deleted():
    member = MemberFactory()
    DataExport.objects.create(
        user=member,
        token="oud",
        state=DataExport.State.READY,
        ready_at=days_ago(10),
        expires_at=days_ago(3),
        file_name="persoonsgegevens/bestaat-niet.zip",
    )
    assert run()["exports"] == 1
    assert DataExport.objects.get().state == DataExport.State.EXPIRED


def test_registration_answers_go_after_the_activity_and_on_cancelling(site_tree):
    from knowledge.models import Registration
    from knowledge.models.activities import RegistrationAnswer
    from tests.knowledge import factories as knowledge

    days = periods().registration_answer_days
    past = knowledge.activity(starts_in=timedelta(days=-(days + 2)), hours=2)
    recent = knowledge.activity(starts_in=timedelta(days=-1), hours=2)
    coming = knowledge.activity()
    member = MemberFactory()

    def answered(activity, status="registered"):
        registration = Registration.objects.create(activity=activity, user=member, status=status)
        return RegistrationAnswer.objects.create(
            registration=registration, question_text="Dieetwensen?", answer="Vegetarisch"
        )

    answered(past)
    kept = [answered(recent), answered(coming)]
    answered(knowledge.activity(), status="cancelled")
    assert run()["registration_answers"] == 2
    assert set(RegistrationAnswer.objects.all()) == set(kept)
    assert Registration.objects.filter(user=member).count() == 4
    assert run()["registration_answers"] == 0


def test_a_second_run_changes_nothing():
    settings = periods()
    unconfirmed(settings.unconfirmed_registration_days + 1)
    PendingUserFactory(
        approval_status=ApprovalStatus.REJECTED,
        date_joined=days_ago(settings.rejected_registration_days + 1),
    )
    inactive_member()
    first = run()
    assert sum(first.values()) >= 3
    outbox, logs = len(mail.outbox), ErasureLog.objects.count()
    assert set(run().values()) == {0}
    assert (len(mail.outbox), ErasureLog.objects.count()) == (outbox, logs)


def test_the_command_runs():
    old = unconfirmed(periods().unconfirmed_registration_days + 1)
    EmailAddress.objects.create(user=old, email=old.email, verified=False, primary=True)
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "unconfirmed: 1" in out.getvalue()
    assert not exists(old)
    assert not EmailAddress.objects.filter(email=old.email).exists()
