"""iCalendar (RFC 5545) for learning activities: the feed of upcoming ones and one per activity."""

import datetime
import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

import icalendar

PRODID = "-//SAM//Kennisplatform casemanagers zorg//NL"


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))


def build_calendar(request, activities) -> bytes:
    activities = list(activities)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Learning activities for casemanagers zorg"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", f"leeractiviteit-{activity.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", _local(activity.starts_at))
        event.add("dtend", _local(activity.ends_at))
        event.add("summary", activity.title)
        url = activity.get_full_url(request)
        event.add("description", f"{activity.summary}\n\n{url}")
        event.add("url", url)
        if activity.location:
            event.add("location", activity.location)
        if activity.last_published_at:
            event.add("last-modified", activity.last_published_at)
        event.add("categories", [activity.get_kind_display()])
        calendar.add_component(event)
    if activities:
        calendar.add_missing_timezones(
            first_date=min(a.starts_at for a in activities).date() - datetime.timedelta(days=366),
            last_date=max(a.ends_at for a in activities).date() + datetime.timedelta(days=366),
        )
    else:
        # RFC 5545 wants at least one component; the time zone is a meaningful one.
        calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    return calendar.to_ical()


def calendar_response(request, activities, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(request, activities), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
