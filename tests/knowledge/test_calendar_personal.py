"""A member's own calendar of learning activities, at a secret, replaceable address."""

import datetime
import re

import icalendar
import pytest
import vobject

from accounts.models import ApprovalStatus
from knowledge import registrations
from knowledge.models import PersonalCalendarFeed
from tests.accounts.factories import MemberFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db
MINE = "/leeractiviteiten/mijn/"
MAKE = "/leeractiviteiten/mijn/agenda/"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _address(client, member) -> str:
    client.force_login(member)
    client.post(MAKE)
    return (
        "/leeractiviteiten/mijn/agenda/" + PersonalCalendarFeed.objects.get(user=member).token + "/"
    )


def _events(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_lists_my_registrations_with_waiting_list_tentative(client):
    member, other = MemberFactory(), MemberFactory()
    mine = factories.activity(title="Mijn vorming", online_url="https://meet.example.org/a")
    full = factories.activity(title="Volzet", capacity=1)
    factories.activity(title="Niet voor mij")
    cancelled = factories.activity(title="Afgezegd")
    registrations.register(mine, member)
    registrations.register(full, other)
    registrations.register(full, member)  # on the waiting list
    registrations.register(cancelled, member)
    registrations.cancel(cancelled, member)
    address = _address(client, member)
    client.logout()  # calendar apps cannot log in

    response = client.get(address)
    events = {str(e["SUMMARY"]).split(" (")[0]: e for e in _events(response).values()}
    assert set(events) == {"Mijn vorming", "Volzet"}
    # A place on the waiting list is marked as such in the title too.
    assert str(events["Volzet"]["SUMMARY"]) != "Volzet"
    assert str(events["Mijn vorming"]["STATUS"]) == "CONFIRMED"
    assert "https://meet.example.org/a" in str(events["Mijn vorming"]["DESCRIPTION"])
    assert str(events["Volzet"]["STATUS"]) == "TENTATIVE"
    # The same UIDs as the public feed: one event when someone subscribes to both.
    assert str(events["Mijn vorming"]["UID"]).startswith(f"leeractiviteit-{mine.pk}@")
    parsed = vobject.readOne(response.content.decode())
    assert {event.status.value for event in parsed.vevent_list} == {"CONFIRMED", "TENTATIVE"}
    assert parsed.contents["x-wr-calname"][0].value == "Mijn leeractiviteiten"
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(address, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_ended_registrations_stay_a_while(client):
    member = MemberFactory()
    recent = factories.activity(title="Vorige week")
    old = factories.activity(title="Vorig jaar")
    for activity in (recent, old):
        registrations.register(activity, member)
    recent.starts_at -= datetime.timedelta(days=17)
    recent.ends_at -= datetime.timedelta(days=17)
    old.starts_at -= datetime.timedelta(days=400)
    old.ends_at -= datetime.timedelta(days=400)
    recent.save()
    old.save()
    events = _events(client.get(_address(client, member)))
    assert [str(e["SUMMARY"]) for e in events.values()] == ["Vorige week"]


def test_a_new_address_revokes_the_old_one(client):
    member = MemberFactory()
    first = _address(client, member)
    assert client.get(first).status_code == 200
    response = client.post(MAKE, follow=True)
    assert response.status_code == 200
    second = "/leeractiviteiten/mijn/agenda/" + PersonalCalendarFeed.objects.get().token + "/"
    assert second != first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_unknown_address_is_404(client):
    assert client.get("/leeractiviteiten/mijn/agenda/niet-bestaand/").status_code == 404


def test_address_stops_working_when_membership_ends(client):
    member = MemberFactory()
    address = _address(client, member)
    member.approval_status = ApprovalStatus.REJECTED
    member.save()
    client.logout()
    assert client.get(address).status_code == 404


def test_making_an_address_needs_a_post_by_a_member(client):
    assert client.get(MAKE).status_code == 405
    response = client.post(MAKE)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not PersonalCalendarFeed.objects.exists()


def test_my_activities_page_offers_the_address_and_a_new_one(client, settings):
    # The fixture, not @override_settings: mixing both leaks the override into later tests.
    settings.SITE_URL = "https://kennis.example.org"
    member = MemberFactory()
    client.force_login(member)
    html = client.get(MINE).content.decode()
    assert f'action="{MAKE}"' in html
    assert "webcal://" not in html
    client.post(MAKE)
    html = client.get(MINE).content.decode()
    token = PersonalCalendarFeed.objects.get().token
    assert f'href="webcal://kennis.example.org/leeractiviteiten/mijn/agenda/{token}/"' in html
    assert re.search(
        rf'readonly value="https://kennis.example.org/leeractiviteiten/mijn/agenda/{token}/"',
        html,
    )
    assert f'action="{MAKE}"' in html
