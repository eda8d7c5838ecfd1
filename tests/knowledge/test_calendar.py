"""The public iCalendar feed and the per-activity file, read back by three parsers.

icalendar (which also writes them), vobject (the parser CalDAV servers such as Radicale
use) and dateutil's own VTIMEZONE reader each have to agree on the times.
"""

import datetime
import io
import time
import types
import zoneinfo

from django.utils.http import http_date

import icalendar
import pytest
import vobject
from dateutil import tz as dateutil_tz

from tests.knowledge import factories

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
FEED = "/leeractiviteiten/agenda/"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _vobject(response):
    return vobject.readOne(response.content.decode())


def _summer_and_winter():
    summer = datetime.datetime(2027, 7, 1, 10, 0, tzinfo=BRUSSELS)
    winter = datetime.datetime(2027, 1, 12, 9, 30, tzinfo=BRUSSELS)
    for title, start in (("Zomervorming", summer), ("Wintervorming", winter)):
        factories.activity(
            title=title, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )


def test_feed_lists_current_activities_with_brussels_times(client):
    _summer_and_winter()
    factories.activity(title="Pas voorbij", starts_in=-datetime.timedelta(days=5))
    factories.activity(title="Lang voorbij", starts_in=-datetime.timedelta(days=120))

    calendar = _parse(client.get(FEED))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    # Recently ended activities stay, so they do not vanish from subscribers' calendars.
    assert set(events) == {"Zomervorming", "Wintervorming", "Pas voorbij"}
    summer_start = events["Zomervorming"].decoded("DTSTART")
    assert summer_start.utcoffset() == datetime.timedelta(hours=2)
    assert summer_start.astimezone(datetime.UTC).hour == 8
    assert events["Zomervorming"]["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert events["Wintervorming"].decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)
    # Every TZID used is defined in the calendar itself (RFC 5545, 3.2.19).
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(set(uids)) == 3
    for event in calendar.walk("VEVENT"):
        assert event["DTSTAMP"] and event["URL"].startswith("http")


def test_time_zone_is_rule_based_with_the_eu_changes(client):
    calendar = _parse(client.get(FEED))
    (zone,) = calendar.walk("VTIMEZONE")
    assert "RDATE" not in zone.to_ical().decode()
    daylight, standard = zone.walk("DAYLIGHT")[0], zone.walk("STANDARD")[0]
    assert daylight["RRULE"]["BYMONTH"] == [3] and daylight["RRULE"]["BYDAY"] == ["-1SU"]
    assert daylight.decoded("DTSTART").time() == datetime.time(2, 0)
    assert (str(daylight["TZNAME"]), daylight.decoded("TZOFFSETTO")) == (
        "CEST",
        datetime.timedelta(hours=2),
    )
    assert standard["RRULE"]["BYMONTH"] == [10] and standard["RRULE"]["BYDAY"] == ["-1SU"]
    assert standard.decoded("DTSTART").time() == datetime.time(3, 0)
    assert (str(standard["TZNAME"]), standard.decoded("TZOFFSETTO")) == (
        "CET",
        datetime.timedelta(hours=1),
    )


def test_time_zone_read_by_dateutil_matches_the_tz_database_every_hour(client):
    zone = dateutil_tz.tzical(io.StringIO(client.get(FEED).content.decode())).get()
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    while moment.year < 2031:
        expected = moment.astimezone(BRUSSELS).utcoffset()
        assert moment.astimezone(zone).utcoffset() == expected, moment
        moment += datetime.timedelta(hours=1)


def test_summer_and_winter_events_read_alike_by_vobject(client):
    _summer_and_winter()
    calendar = _vobject(client.get(FEED))
    starts = {event.summary.value: event.dtstart for event in calendar.vevent_list}
    # vobject builds the zone from the VTIMEZONE in the file, not from its own database.
    assert starts["Zomervorming"].value.utcoffset() == datetime.timedelta(hours=2)
    assert starts["Wintervorming"].value.utcoffset() == datetime.timedelta(hours=1)
    assert starts["Zomervorming"].value.astimezone(datetime.UTC) == datetime.datetime(
        2027, 7, 1, 8, 0, tzinfo=datetime.UTC
    )
    assert starts["Wintervorming"].value.astimezone(datetime.UTC) == datetime.datetime(
        2027, 1, 12, 8, 30, tzinfo=datetime.UTC
    )


def test_links_and_uids_come_from_site_url_not_the_host_asked(client, settings):
    # The fixture, not @override_settings: mixing both leaks the override into later tests.
    settings.SITE_URL = "https://kennis.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    activity = factories.activity(title="Vorming")
    one = _parse(client.get(FEED, HTTP_HOST="other-name.example.net"))
    two = _parse(client.get(FEED, HTTP_HOST="localhost"))
    (event,) = one.walk("VEVENT")
    url = f"https://kennis.example.org{activity.url}"
    assert str(event["URL"]) == url
    assert str(event["DESCRIPTION"]).endswith(url)
    assert "localhost" not in one.to_ical().decode()
    assert str(event["UID"]) == f"leeractiviteit-{activity.pk}@kennis.example.org"
    assert [str(e["UID"]) for e in two.walk("VEVENT")] == [str(event["UID"])]
    (single,) = _parse(client.get(activity.url + "agenda/")).walk("VEVENT")
    assert str(single["UID"]) == str(event["UID"]) and str(single["URL"]) == url


def test_feed_asks_apps_to_refresh_every_six_hours(client):
    response = client.get(FEED)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT6H\r\n" in response.content
    calendar = _vobject(response)
    assert calendar.contents["refresh-interval"][0].value == "PT6H"


def _sequence(client, activity) -> int:
    (event,) = [
        e for e in _parse(client.get(FEED)).walk("VEVENT") if str(e["SUMMARY"]) == activity.title
    ]
    return int(event["SEQUENCE"])


def test_sequence_grows_with_each_publication(client):
    activity = factories.activity(title="Vorming")
    activity.save_revision().publish()
    assert _sequence(client, activity) == 0
    activity.refresh_from_db()
    activity.starts_at += datetime.timedelta(hours=1)
    activity.ends_at += datetime.timedelta(hours=1)
    activity.save_revision().publish()
    assert _sequence(client, activity) == 1
    activity.refresh_from_db()
    activity.location = "Gent"
    activity.save_revision().publish()
    assert _sequence(client, activity) == 2


def test_same_content_gives_same_etag_and_304(client):
    factories.activity(title="Vorming")
    first = client.get(FEED)
    second = client.get(FEED)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]
    again = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(FEED, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_change_gives_a_new_etag_and_a_full_answer(client):
    activity = factories.activity(title="Vorming")
    first = client.get(FEED)
    activity.title = "Vorming (nieuw uur)"
    activity.save_revision().publish()
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"nieuw uur" in changed.content


def test_a_removal_is_newer_than_the_copy_a_client_has(client, monkeypatch):
    activity = factories.activity(title="Vorming")
    factories.activity(title="Blijft")
    first = client.get(FEED)
    later = time.time() + 60
    monkeypatch.setattr("knowledge.calendar.time", types.SimpleNamespace(time=lambda: later))
    activity.unpublish()
    # No publication date moves forward when an activity goes, yet the feed changed.
    response = client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert b"SUMMARY:Vorming\r\n" not in response.content
    assert response["Last-Modified"] == http_date(int(later))


def test_empty_feed_is_still_a_valid_calendar(client):
    calendar = _parse(client.get(FEED))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE")


def test_each_activity_has_its_own_calendar_file_without_the_online_link(client):
    activity = factories.activity(
        title="Webinar", location="Online", online_url="https://vergadering.example.org/x"
    )
    response = client.get(activity.url + "agenda/")
    calendar = _parse(response)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Webinar"
    assert b"vergadering.example.org" not in response.content
    assert "attachment" not in response["Content-Disposition"]


def test_pages_link_the_feed_for_calendar_apps_and_people(client):
    activity = factories.activity()
    for url in ("/leeractiviteiten/", activity.url):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="text/calendar" href="/leeractiviteiten/agenda/"' in html
        assert "Zet in je agenda" in html


def test_pages_offer_a_subscription_and_an_address_to_copy(client, settings):
    # The fixture, not @override_settings: mixing both leaks the override into later tests.
    settings.SITE_URL = "https://kennis.example.org"
    activity = factories.activity()
    for url in ("/leeractiviteiten/", activity.url):
        html = client.get(url).content.decode()
        assert 'href="webcal://kennis.example.org/leeractiviteiten/agenda/"' in html
        assert 'readonly value="https://kennis.example.org/leeractiviteiten/agenda/"' in html
