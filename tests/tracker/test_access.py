"""Who sees which bottleneck, and how reporters and confirmers are shown to each role."""

from django.utils import translation
from django.utils.text import capfirst

import pytest

from tracker import access

from . import factories

pytestmark = pytest.mark.django_db


def test_members_see_accepted_bottlenecks_only(member, accepted, reported):
    assert list(access.visible_bottlenecks(member)) == [accepted]
    assert access.can_see(member, accepted)
    assert not access.can_see(member, reported)


def test_the_reporter_sees_their_own_from_the_start(reporter, reported):
    assert access.can_see(reporter, reported)
    assert reported in access.visible_bottlenecks(reporter)


@pytest.mark.parametrize("role", ["policy_worker", "staff"])
def test_policy_workers_and_staff_see_all(role, request, accepted, reported):
    user = request.getfixturevalue(role)
    assert set(access.visible_bottlenecks(user)) == {accepted, reported}


def test_non_members_see_nothing(pending, accepted):
    assert not access.visible_bottlenecks(pending).exists()
    assert not access.can_see(pending, accepted)


def test_only_staff_triage(member, policy_worker, staff):
    assert access.can_triage(staff)
    assert not access.can_triage(policy_worker)
    assert not access.can_triage(member)


def test_a_bottleneck_refused_straight_away_stays_hidden_from_members(member, reporter, staff):
    from tracker import actions

    refused = factories.bottleneck(reporter, accepted=False)
    actions.change_status(refused, "niet-weerhouden", staff, "Dubbel met een ander knelpunt.")
    assert not access.can_see(member, refused)
    assert access.can_see(reporter, refused)


@pytest.mark.parametrize("path", ["/knelpunten/", "/knelpunten/melden/", "/knelpunten/mijn/"])
def test_visitors_go_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_visitor_never_reaches_a_bottleneck(client, accepted):
    response = client.get(accepted.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_non_members_get_the_forums_refusal(client, pending, accepted):
    client.force_login(pending)
    assert client.get("/knelpunten/").status_code == 403
    assert client.get(accepted.get_absolute_url()).status_code == 403


def test_a_member_gets_404_for_a_bottleneck_not_yet_accepted(client, member, reported):
    client.force_login(member)
    assert client.get(reported.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [("member", False), ("policy_worker", False), ("staff", True)],
)
def test_the_reporter_is_anonymous_except_to_staff(client, request, role, sees_name, accepted):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(accepted.get_absolute_url()).content.decode()
    reporter = accepted.reporter
    assert (reporter.last_name in page) is sees_name
    if not sees_name:
        with translation.override("nl-be"):
            assert access.anonymous("oost-vlaanderen") in page


@pytest.mark.parametrize("role", ["member", "policy_worker", "staff", "reporter"])
def test_confirmers_are_anonymous_to_every_role(client, request, role, accepted):
    from tests.accounts.factories import MemberFactory

    confirmer = MemberFactory(first_name="Zilverschoon", last_name="Pimpernelleke")
    factories.confirmation(confirmer, accepted, region="west-vlaanderen")
    client.force_login(request.getfixturevalue(role))
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "Zilverschoon" not in page and "Pimpernelleke" not in page
    with translation.override("nl-be"):
        assert capfirst(access.anonymous("west-vlaanderen")) in page


def test_a_short_or_wrong_address_leads_to_the_right_one(client, member, accepted):
    client.force_login(member)
    response = client.get(f"/knelpunten/{accepted.pk}/")
    assert response.status_code == 302 and response["Location"] == accepted.get_absolute_url()
    response = client.get(f"/knelpunten/{accepted.pk}-oude-titel/")
    assert response["Location"] == accepted.get_absolute_url()
