"""Mail about a registration for a learning activity: one message per person, plain text and
HTML, with the activity as a calendar file where the person has a place.

What each kind of mail is for:

- ``confirmed``: a place, right after registering; with the .ics and the online link;
- ``moved_up``: a place that became free for someone on the waiting list; the same as
  ``confirmed`` with a line that says why;
- ``waiting``: the activity was full. No .ics: a place on the waiting list is not a place,
  and an event in the calendar would be read as one (the personal feed shows it TENTATIVE,
  which is where someone who wants it sees it);
- ``cancelled``: the registration (or the place on the waiting list) is cancelled; after a
  place, a METHOD:CANCEL .ics takes the event out of the calendar it was added to;
- ``reminder``: the day before, for a place; with the .ics and the online link again.

No mail repeats the answers to the registration questions (they may hold health data); the
activity's page shows them to the person.
"""

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import mail as portal_mail

from .calendar import absolute_url, registration_calendar

CONFIRMED = "confirmed"
MOVED_UP = "moved_up"
WAITING = "waiting"
CANCELLED = "cancelled"
REMINDER = "reminder"
KINDS = (CONFIRMED, MOVED_UP, WAITING, CANCELLED, REMINDER)
# The mails that go with a place, and so with the calendar file and the online link.
WITH_PLACE = (CONFIRMED, MOVED_UP, REMINDER)


def _subject(kind: str, activity, *, today: bool) -> str:
    title = activity.title
    subjects = {
        CONFIRMED: _("You are registered for %(title)s"),
        MOVED_UP: _("A place became free: you are registered for %(title)s"),
        WAITING: _("You are on the waiting list for %(title)s"),
        CANCELLED: _("Your registration for %(title)s is cancelled"),
        # A reminder the scheduler could only send late (it was down) may fall on the day.
        REMINDER: _("Today: %(title)s") if today else _("Tomorrow: %(title)s"),
    }
    # A header may not hold a line break (Django refuses to send it).
    return " ".join(
        (settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subjects[kind] % {"title": title}).split()
    )


def _calendar_part(registration, *, cancelled: bool) -> MIMEText:
    method = "CANCEL" if cancelled else "PUBLISH"
    body = registration_calendar(registration, cancelled=cancelled).decode("utf-8")
    part = MIMEText(body, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header(
        "Content-Disposition", "attachment", filename=f"{registration.activity.slug}.ics"
    )
    return part


def registration_message(
    registration, kind: str, *, had_place: bool = False, waiting_position=None
):
    """The mail of ``kind`` to the person who registered. ``had_place``: for a cancellation,
    whether it was a place (then the calendar file cancels the event) or the waiting list."""
    if kind not in KINDS:
        raise ValueError(kind)
    activity = registration.activity
    user = registration.user
    url = absolute_url(activity)
    today = timezone.localdate(activity.starts_at) <= timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "kind": kind,
            "user": user,
            "activity": activity,
            "starts_at": timezone.localtime(activity.starts_at),
            "ends_at": timezone.localtime(activity.ends_at),
            "same_day": timezone.localdate(activity.starts_at)
            == timezone.localdate(activity.ends_at),
            "url": url,
            "registration_url": url + "#inschrijving",
            "online_url": activity.online_url if kind in WITH_PLACE else "",
            "with_calendar": kind in WITH_PLACE or (kind == CANCELLED and had_place),
            "waiting_position": waiting_position,
            "today": today,
            "site_url": settings.SITE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        text = portal_mail.render_text("knowledge/email/registration.txt", context)
        html = render_to_string("knowledge/email/registration.html", context)
        message = EmailMultiAlternatives(
            _subject(kind, activity, today=today),
            text,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            # No out-of-office answers to a mail nobody reads.
            headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
        )
        message.attach_alternative(html, "text/html")
        if context["with_calendar"]:
            message.attach(_calendar_part(registration, cancelled=kind == CANCELLED))
    return message
