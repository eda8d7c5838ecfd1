"""Daily and weekly digests: when they are due, what they hold, and that nothing goes twice."""

import datetime
import io
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

import pytest

from notifications import digests, watching
from notifications.models import Frequency, Kind, MailPreference, Notification, WatchLevel
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def digest_member(frequency=Frequency.DAILY, last=None, **fields):
    member = MemberFactory(**fields)
    MailPreference.objects.create(user=member, frequency=frequency, last_digest_at=last)
    return member


def notify_of_a_new_post(forum, space, author, members):
    topic = forum.topic(space, author)
    for member in members:
        watching.set_level(member, topic, WatchLevel.WATCHING)
    return topic, forum.reply(topic, author, "Een nieuw bericht.")


# When a digest is due ------------------------------------------------------------------------


def test_a_daily_digest_is_due_at_seven_in_brussels():
    assert digests.latest_moment(Frequency.DAILY, at(2026, 3, 10, 7, 5)) == at(2026, 3, 10, 7)
    assert digests.latest_moment(Frequency.DAILY, at(2026, 3, 10, 6, 59)) == at(2026, 3, 9, 7)


def test_a_weekly_digest_is_due_on_monday_at_seven():
    # 2026-03-09 is a Monday.
    assert digests.latest_moment(Frequency.WEEKLY, at(2026, 3, 12, 15)) == at(2026, 3, 9, 7)
    assert digests.latest_moment(Frequency.WEEKLY, at(2026, 3, 9, 6)) == at(2026, 3, 2, 7)
    assert digests.latest_moment(Frequency.WEEKLY, at(2026, 3, 9, 7)) == at(2026, 3, 9, 7)


def test_the_digest_hour_follows_summer_time():
    # The clocks go forward on 29 March 2026: 07:00 is 05:00 UTC after, 06:00 UTC before.
    utc = datetime.UTC
    assert digests.latest_moment(Frequency.DAILY, at(2026, 3, 28, 12)).astimezone(utc).hour == 6
    assert digests.latest_moment(Frequency.DAILY, at(2026, 3, 30, 12)).astimezone(utc).hour == 5


# What a digest holds -------------------------------------------------------------------------


def test_a_due_member_gets_one_digest_with_their_unread_notifications(
    forum, space, anja, mailoutbox
):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    notification = Notification.objects.get(recipient=daily)
    assert mailoutbox == []  # a digest member gets no mail at once
    result = digests.run()
    assert result.mails == 1 and result.notifications == 1
    [message] = mailoutbox
    assert message.to == [daily.email]
    assert "Studentenjob naast het leefloon" in message.body
    assert f"/meldingen/{notification.pk}/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_second_run_sends_nothing_twice(forum, space, anja, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    digests.run()
    assert len(mailoutbox) == 1
    again = digests.run()
    assert again.members == 0 and again.mails == 0
    assert len(mailoutbox) == 1


def test_what_came_after_the_digest_waits_for_the_next_one(forum, space, anja, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    digests.run()
    topic, _post = notify_of_a_new_post(forum, space, anja, [daily])
    assert digests.run().mails == 0
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert digests.run(now=tomorrow).mails == 1
    assert len(mailoutbox) == 2 and topic.title in mailoutbox[1].body


def test_read_notifications_stay_out_of_the_digest(forum, space, anja, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    Notification.objects.update(read_at=timezone.now())
    result = digests.run()
    assert result.members == 1 and result.mails == 0
    assert mailoutbox == []
    assert MailPreference.objects.get(user=daily).last_digest_at is not None


def test_a_weekly_member_is_not_due_again_in_the_same_week(forum, space, anja, mailoutbox):
    monday_noon = at(2026, 3, 9, 12)
    weekly = digest_member(Frequency.WEEKLY, last=at(2026, 3, 2, 7, 3))
    notify_of_a_new_post(forum, space, anja, [weekly])
    Notification.objects.update(created_at=at(2026, 3, 8, 20))
    assert digests.run(now=monday_noon).mails == 1
    notify_of_a_new_post(forum, space, anja, [weekly])
    Notification.objects.filter(emailed_at__isnull=True).update(created_at=at(2026, 3, 10, 9))
    assert digests.run(now=at(2026, 3, 14, 9)).mails == 0
    assert digests.run(now=at(2026, 3, 16, 7, 1)).mails == 1
    assert len(mailoutbox) == 2


def test_members_who_want_mail_at_once_or_never_get_no_digest(forum, space, anja, mailoutbox):
    at_once = MemberFactory()
    never = digest_member(Frequency.NEVER)
    notify_of_a_new_post(forum, space, anja, [at_once, never])
    mailoutbox.clear()
    assert digests.run().members == 0
    assert mailoutbox == []


def test_a_digest_shows_the_newest_and_counts_the_rest(forum, space, anja, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    for _ in range(digests.ITEMS_SHOWN + 3):
        notify_of_a_new_post(forum, space, anja, [daily])
    digests.run()
    [message] = mailoutbox
    shown = message.body.count("/meldingen/") - message.body.count("/meldingen/instellingen/")
    # Every item links to itself; the "more" line links to the list (and the unsubscribe link).
    assert shown == digests.ITEMS_SHOWN + 2
    assert Notification.objects.filter(recipient=daily, emailed_at__isnull=True).count() == 0


def test_nothing_from_a_closed_space_one_left_reaches_the_digest(
    forum, closed_space, region, anja, mailoutbox
):
    anja.groups.add(region)
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    daily.groups.add(region)
    notify_of_a_new_post(forum, closed_space, anja, [daily])
    assert Notification.objects.filter(recipient=daily).exists()
    daily.groups.remove(region)
    assert digests.run().mails == 0
    assert mailoutbox == []


def test_reactions_do_go_in_the_digest(client, forum, space, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    topic = forum.topic(space, daily)
    post = topic.posts.get()
    for member in MemberFactory.create_batch(2):
        client.force_login(member)
        forum.run(client.post, f"/forum/p/{post.pk}/reactie/", {"kind": "duim", "state": "on"})
    assert Notification.objects.get(recipient=daily).kind == Kind.REACTION
    assert digests.run().mails == 1
    assert topic.title in mailoutbox[0].body


def test_members_are_taken_in_chunks(forum, space, anja, mailoutbox):
    members = [digest_member(last=timezone.now() - datetime.timedelta(days=2)) for _ in range(5)]
    notify_of_a_new_post(forum, space, anja, members)
    result = digests.run(chunk_size=2)
    assert result.chunks == 3 and result.members == 5 and result.mails == 5
    assert sorted(m.to[0] for m in mailoutbox) == sorted(m.email for m in members)


def test_a_digest_that_fails_to_send_is_tried_again(forum, space, anja, settings, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    settings.EMAIL_BACKEND = "tests.notifications.test_mail.FailingBackend"
    assert digests.run().mails == 0
    assert Notification.objects.get(recipient=daily).emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digests.run(now=timezone.now() + datetime.timedelta(days=1)).mails == 1


def test_the_command_reports_what_it_sent(forum, space, anja, mailoutbox):
    daily = digest_member(last=timezone.now() - datetime.timedelta(days=2))
    notify_of_a_new_post(forum, space, anja, [daily])
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert "1 member(s) due, 1 digest(s) sent with 1 notification(s)." in out.getvalue()
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert "0 member(s) due, 0 digest(s) sent" in out.getvalue()
