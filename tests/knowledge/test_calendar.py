import datetime
import zoneinfo

import icalendar
import pytest

from tests.knowledge import factories

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_feed_lists_upcoming_activities_only_with_brussels_times(client):
    summer = datetime.datetime(2027, 7, 1, 10, 0, tzinfo=BRUSSELS)
    winter = datetime.datetime(2027, 1, 12, 9, 30, tzinfo=BRUSSELS)
    for title, start in (("Zomervorming", summer), ("Wintervorming", winter)):
        factories.activity(
            title=title, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
    factories.activity(title="Voorbij", starts_in=-datetime.timedelta(days=5))

    calendar = _parse(client.get("/leeractiviteiten/agenda/"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Zomervorming", "Wintervorming"}
    summer_start = events["Zomervorming"].decoded("DTSTART")
    assert summer_start.utcoffset() == datetime.timedelta(hours=2)
    assert summer_start.astimezone(datetime.UTC).hour == 8
    assert events["Zomervorming"]["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert events["Wintervorming"].decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)
    # Every TZID used is defined in the calendar itself (RFC 5545, 3.2.19).
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(set(uids)) == 2
    for event in calendar.walk("VEVENT"):
        assert event["DTSTAMP"] and event["URL"].startswith("http")


def test_empty_feed_is_still_a_valid_calendar(client):
    calendar = _parse(client.get("/leeractiviteiten/agenda/"))
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
