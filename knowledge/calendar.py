"""iCalendar (RFC 5545) for learning activities: the public feed, one file per activity and
each member's personal feed of the activities they registered for.

The feeds are meant to be subscribed to, so they are stable: links and UIDs come from
``settings.SITE_URL`` (not from the Host a calendar app happened to use), nothing in them
changes unless an activity does (DTSTAMP is the publication, not the request), and a
conditional GET gets 304 while nothing changed.
"""

import datetime
import hashlib
import time
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

import icalendar
from wagtail.models import PageLogEntry

PRODID = "-//SAM//Kennisplatform casemanagers zorg//NL"
# Calendar apps poll a subscription about this often (RFC 7986 and Outlook's X-PUBLISHED-TTL).
REFRESH = datetime.timedelta(hours=6)
# Ended activities stay this long, so they do not vanish from subscribers' calendars.
KEEP_ENDED = datetime.timedelta(days=90)
# DTSTAMP of an activity that was never published through Wagtail (made in code).
_NEVER_PUBLISHED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
_SEEN_SECONDS = 400 * 24 * 3600


def uid_domain() -> str:
    """The right-hand side of every UID: the site's own host, whichever host was asked."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(page) -> str:
    parts = page.get_url_parts()
    path = parts[2] if parts else page.url
    return settings.SITE_URL + path


def webcal_url(url: str) -> str:
    """The same address with the scheme calendar apps open as a subscription."""
    return "webcal://" + url.split("://", 1)[-1]


def with_sequence(activities):
    """Annotated with ``publish_count``: how often each activity was published.

    SEQUENCE must grow when an event changes; every change that reaches a calendar is a
    publication, so the number of publications (less the first) grows with each one.
    """
    publications = (
        PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish")
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return activities.annotate(
        publish_count=Coalesce(Subquery(publications, output_field=IntegerField()), Value(0))
    )


def kept_since(now: datetime.datetime) -> datetime.datetime:
    """Activities that ended after this moment are in the feeds."""
    return now - KEEP_ENDED


def _rule_zone(tzid: str) -> icalendar.Timezone | None:
    """The zone with the EU's yearly rules (as RRULEs), if ``tzid`` follows them.

    Outlook desktop shifts summer events by an hour with RDATE-only zones; RRULE zones are
    what every calendar app reads alike. Since 1996 summer time in the EU starts on the last
    Sunday of March at 01:00 UTC and ends on the last Sunday of October at 01:00 UTC.
    """
    zone = zoneinfo.ZoneInfo(tzid)
    year = datetime.date.today().year
    standard = datetime.datetime(year, 1, 15, tzinfo=zone)
    summer = datetime.datetime(year, 7, 15, tzinfo=zone)
    std_offset, dst_offset = standard.utcoffset(), summer.utcoffset()
    if dst_offset - std_offset != datetime.timedelta(hours=1):
        return None
    for check_year in range(year - 1, year + 6):
        for month in (3, 10):
            last = datetime.date(check_year, month, 31)
            sunday = last - datetime.timedelta(days=(last.weekday() + 1) % 7)
            change = datetime.datetime.combine(sunday, datetime.time(1), datetime.UTC)
            before = (change - datetime.timedelta(seconds=1)).astimezone(zone).utcoffset()
            after = change.astimezone(zone).utcoffset()
            expected = (std_offset, dst_offset) if month == 3 else (dst_offset, std_offset)
            if (before, after) != expected:
                return None
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", summer.tzname())
    daylight.add("tzoffsetfrom", std_offset)
    daylight.add("tzoffsetto", dst_offset)
    # Local (standard) time of the change: 01:00 UTC plus the standard offset.
    change_std = (datetime.datetime(1970, 3, 29, 1) + std_offset).replace(tzinfo=None)
    daylight.add("dtstart", change_std)
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard_part = icalendar.TimezoneStandard()
    standard_part.add("tzname", standard.tzname())
    standard_part.add("tzoffsetfrom", dst_offset)
    standard_part.add("tzoffsetto", std_offset)
    change_dst = (datetime.datetime(1970, 10, 25, 1) + dst_offset).replace(tzinfo=None)
    standard_part.add("dtstart", change_dst)
    standard_part.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    component.add_component(daylight)
    component.add_component(standard_part)
    return component


def _timezone(tzid: str) -> icalendar.Timezone:
    return _rule_zone(tzid) or icalendar.Timezone.from_tzid(tzid)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _calendar(name: str | None, method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
    calendar.add_component(_timezone(settings.TIME_ZONE))
    return calendar


def event_uid(activity) -> str:
    """The one UID of an activity, in every feed, file and mail: so calendars update it."""
    return f"leeractiviteit-{activity.pk}@{uid_domain()}"


def _event(activity, registration=None, *, stamp=None) -> icalendar.Event:
    from .models import RegistrationStatus

    event = icalendar.Event()
    event.add("uid", event_uid(activity))
    published = activity.last_published_at or activity.first_published_at
    event.add("dtstamp", stamp or published or _NEVER_PUBLISHED)
    event.add("sequence", max(0, getattr(activity, "publish_count", 0) - 1))
    event.add("dtstart", _local(activity.starts_at))
    event.add("dtend", _local(activity.ends_at))
    summary = activity.title
    url = absolute_url(activity)
    description = [activity.summary]
    status = "CONFIRMED"
    if registration is not None and registration.status == RegistrationStatus.WAITING:
        status = "TENTATIVE"
        summary = _("%(title)s (waiting list)") % {"title": activity.title}
        description.append(_("You are on the waiting list."))
    elif registration is not None and activity.online_url:
        description.append(_("Online link: %(url)s") % {"url": activity.online_url})
    description.append(url)
    event.add("summary", summary)
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("status", status)
    if activity.location:
        event.add("location", activity.location)
    if published:
        event.add("last-modified", published)
    event.add("categories", [activity.get_kind_display()])
    return event


def build_calendar(activities, *, name: str, registrations: dict | None = None) -> bytes:
    """The calendar of ``activities``.

    ``registrations`` (activity id → Registration) makes it a member's own calendar:
    a place on the waiting list is TENTATIVE, and a confirmed participant gets the online
    link, as on the activity's page.
    """
    calendar = _calendar(name, "PUBLISH")
    for activity in activities:
        calendar.add_component(_event(activity, (registrations or {}).get(activity.pk)))
    return calendar.to_ical()


def registration_calendar(registration, *, cancelled: bool = False) -> bytes:
    """One activity as a member's calendar file, to attach to a mail.

    The event is the one in the feeds (same UID, VTIMEZONE and SEQUENCE), so opening the file
    updates the activity a calendar already holds instead of adding a second one. Its DTSTAMP is
    the moment the file is made: between two files with the same SEQUENCE, calendars keep the
    later one (RFC 5546, 2.1.5), so a cancellation replaces the confirmation and registering
    again replaces the cancellation. A cancellation is METHOD:CANCEL with STATUS:CANCELLED,
    which needs an ORGANIZER and the ATTENDEE it is about.
    """
    from .models import LearningActivityPage

    activity = with_sequence(LearningActivityPage.objects.filter(pk=registration.activity_id)).get()
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    event = _event(activity, registration, stamp=now)
    if cancelled:
        calendar = _calendar(None, "CANCEL")
        event["status"] = "CANCELLED"
        organizer = icalendar.vCalAddress("mailto:" + parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
        organizer.params["cn"] = icalendar.vText(settings.WAGTAIL_SITE_NAME)
        event.add("organizer", organizer)
        attendee = icalendar.vCalAddress("mailto:" + registration.user.email)
        event.add("attendee", attendee)
    else:
        calendar = _calendar(None, "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()


def _first_seen(etag: str) -> int:
    """When this content was first served: an honest Last-Modified for a built document."""
    key = "knowledge:calendar:seen:" + etag.strip('"')
    cache.add(key, int(time.time()), _SEEN_SECONDS)
    return cache.get(key) or int(time.time())


def calendar_response(
    request, activities, filename: str, *, name: str | None = None, registrations=None
) -> HttpResponse:
    body = build_calendar(
        activities,
        name=name or _("Learning activities for casemanagers zorg"),
        registrations=registrations,
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    last_modified = _first_seen(etag)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # What is in a feed depends on who asks (members-only activities, a member's own
    # feed): no shared caches, and apps ask again with the ETag.
    response["Cache-Control"] = "private, no-cache"
    return response
