"""Mail about registrations: confirmation with the activity's .ics, waiting list, moving up,
cancelling, and the reminder the day before (sent once)."""

import datetime
from io import StringIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.core.management import call_command

import icalendar
import pytest
import vobject

from knowledge import registrations
from knowledge.models import Registration, RegistrationStatus
from tests.accounts.factories import MemberFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

ONLINE = "https://vergadering.example.org/sessie-42"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _calendar_parts(message):
    return [
        part
        for part in message.attachments
        if not isinstance(part, tuple) and part.get_content_type() == "text/calendar"
    ]


def _ics(message) -> str:
    (part,) = _calendar_parts(message)
    return part.get_payload(decode=True).decode("utf-8")


def _html(message) -> str:
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return html


def _register(client, activity, member, captured, **data):
    client.force_login(member)
    with captured(execute=True):
        response = client.post(activity.url + "inschrijven/", data)
    assert response.status_code == 302
    return response


def test_registering_sends_one_mail_with_the_activity_as_a_calendar_file(
    client, django_capture_on_commit_callbacks
):
    activity = factories.activity(capacity=5, online_url=ONLINE)
    member = MemberFactory()
    _register(client, activity, member, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email] and not message.cc and not message.bcc
    assert activity.title in message.subject
    assert ONLINE in message.body and ONLINE in _html(message)
    assert settings.SITE_URL + activity.url in message.body
    assert activity.url + "#inschrijving" in message.body  # how to cancel

    text = _ics(message)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    host = urlsplit(settings.SITE_URL).hostname
    assert str(event["UID"]) == f"leeractiviteit-{activity.pk}@{host}"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert ONLINE in str(event["DESCRIPTION"])
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == settings.TIME_ZONE
    assert zone.walk("DAYLIGHT")[0]["RRULE"]  # the Outlook-safe zone of the feeds

    parsed = vobject.readOne(text)
    assert parsed.vevent.uid.value == f"leeractiviteit-{activity.pk}@{host}"
    assert parsed.vevent.dtstart.value == activity.starts_at


def test_the_mailed_event_is_the_one_in_the_feed(client, django_capture_on_commit_callbacks):
    activity = factories.activity(capacity=5)
    activity.save_revision().publish()
    activity.save_revision().publish()  # SEQUENCE 1
    member = MemberFactory()
    _register(client, activity, member, django_capture_on_commit_callbacks)
    mailed = icalendar.Calendar.from_ical(_ics(mail.outbox[0])).walk("VEVENT")[0]
    feed = client.get(activity.url + "agenda/")
    in_feed = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert mailed["UID"] == in_feed["UID"]
    assert int(mailed["SEQUENCE"]) == int(in_feed["SEQUENCE"]) == 1
    assert mailed.decoded("DTSTART") == in_feed.decoded("DTSTART")


def test_a_place_on_the_waiting_list_gets_a_mail_without_a_calendar_file(
    client, django_capture_on_commit_callbacks
):
    activity = factories.activity(capacity=1, online_url=ONLINE)
    registrations.register(activity, MemberFactory())
    member = MemberFactory()
    _register(client, activity, member, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert _calendar_parts(message) == []
    assert ONLINE not in message.body and ONLINE not in _html(message)
    assert Registration.objects.get(user=member).status == RegistrationStatus.WAITING


def test_moving_up_from_the_waiting_list_mails_the_calendar_file(
    django_capture_on_commit_callbacks,
):
    activity = factories.activity(capacity=1, online_url=ONLINE)
    first, waiting = MemberFactory(), MemberFactory()
    registrations.register(activity, first)
    registrations.register(activity, waiting)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(activity, first)
    (moved_up,) = [m for m in mail.outbox if m.to == [waiting.email]]
    assert ONLINE in moved_up.body
    event = icalendar.Calendar.from_ical(_ics(moved_up)).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert vobject.readOne(_ics(moved_up)).vevent.uid.value.startswith(
        f"leeractiviteit-{activity.pk}@"
    )


def test_cancelling_a_place_mails_a_cancellation_of_the_event(django_capture_on_commit_callbacks):
    activity = factories.activity(capacity=5)
    member = MemberFactory()
    registrations.register(activity, member)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(activity, member)
    (message,) = mail.outbox
    assert message.to == [member.email]
    text = _ics(message)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["METHOD"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
    assert vobject.readOne(text).vevent.status.value == "CANCELLED"


def test_leaving_the_waiting_list_mails_no_calendar_file(django_capture_on_commit_callbacks):
    activity = factories.activity(capacity=1)
    registrations.register(activity, MemberFactory())
    member = MemberFactory()
    registrations.register(activity, member)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(activity, member)
    (message,) = mail.outbox
    assert message.to == [member.email] and _calendar_parts(message) == []


def test_no_mail_that_no_longer_fits_the_registration(django_capture_on_commit_callbacks):
    """Registered and cancelled before the worker ran: no confirmation goes out."""
    activity = factories.activity(capacity=5)
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registrations.register(activity, member)
    registrations.cancel(activity, member)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


# --- the reminder the day before ------------------------------------------------------------


def _remind():
    out = StringIO()
    call_command("send_activity_reminders", stdout=out)
    return out.getvalue()


def test_the_reminder_goes_once_to_each_participant_with_a_place(monkeypatch):
    activity = factories.activity(
        starts_in=datetime.timedelta(days=3), capacity=2, online_url=ONLINE
    )
    first, second, waiting, cancelled = (MemberFactory() for _ in range(4))
    for member in (first, cancelled, second, waiting):
        registrations.register(activity, member)
    registrations.cancel(activity, cancelled)  # second moves up; waiting stays waiting
    mail.outbox.clear()
    later = activity.starts_at - datetime.timedelta(hours=20)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    assert "2 activity reminder(s)" in _remind()
    assert "0 activity reminder(s)" in _remind()  # the next minute: nothing again

    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert all(len(m.to) == 1 and ONLINE in m.body for m in mail.outbox)
    assert all(_calendar_parts(m) for m in mail.outbox)
    vobject.readOne(_ics(mail.outbox[0]))


def test_no_reminder_before_the_day_before(monkeypatch):
    activity = factories.activity(starts_in=datetime.timedelta(days=3))
    registrations.register(activity, MemberFactory())
    early = activity.starts_at - datetime.timedelta(hours=30)
    assert registrations.send_reminders(now=early) == 0
    assert registrations.send_reminders(now=activity.starts_at - datetime.timedelta(hours=23)) == 1
    assert registrations.send_reminders(now=activity.starts_at - datetime.timedelta(hours=22)) == 0


def test_no_reminder_for_a_cancelled_place_or_a_past_activity():
    activity = factories.activity(starts_in=datetime.timedelta(days=3), capacity=5)
    member = MemberFactory()
    registrations.register(activity, member)
    registrations.cancel(activity, member)
    assert registrations.send_reminders(now=activity.starts_at - datetime.timedelta(hours=2)) == 0
    registrations.register(activity, member)
    assert registrations.send_reminders(now=activity.starts_at + datetime.timedelta(hours=1)) == 0


def test_a_place_taken_within_a_day_gets_the_confirmation_and_no_reminder(
    client, django_capture_on_commit_callbacks
):
    activity = factories.activity(starts_in=datetime.timedelta(hours=5))
    member = MemberFactory()
    _register(client, activity, member, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert registrations.send_reminders() == 0


def test_a_late_reminder_does_not_say_tomorrow(monkeypatch):
    from knowledge import mail as activity_mail

    activity = factories.activity(starts_in=datetime.timedelta(days=3))
    member = MemberFactory()
    registrations.register(activity, member)
    registration = Registration.objects.select_related("activity", "user").get(user=member)
    subjects = []
    for before in (datetime.timedelta(hours=24), datetime.timedelta(minutes=30)):
        monkeypatch.setattr("django.utils.timezone.now", lambda b=before: activity.starts_at - b)
        subjects.append(activity_mail.registration_message(registration, "reminder").subject)
    on_time, late = subjects
    assert activity.title in on_time and activity.title in late
    assert on_time != late
