"""Confirmations carry evidence; refusals change nothing; following."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

import pytest

from tests.accounts.factories import MemberFactory
from tracker.models import Bottleneck, Confirmation, Follow

from . import factories

pytestmark = pytest.mark.django_db


def _data(**fields):
    return {
        "participants": "4",
        "region": "antwerpen",
        "seen_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "organisation_type": "ocmw",
        "example": "Een alleenstaande vader kon de opleiding niet starten.",
        **fields,
    }


def _url(bottleneck):
    return f"/knelpunten/{bottleneck.pk}/bevestigen/"


def test_a_confirmation_adds_evidence_and_follows(client, member, accepted):
    client.force_login(member)
    response = client.post(_url(accepted), _data())
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.confirmation_count == 1 and accepted.participants_total == 4
    assert accepted.follower_count == 2  # the reporter and the confirmer
    assert Follow.objects.filter(user=member, bottleneck=accepted).exists()


def test_the_page_shows_counts_by_region_and_organisation_type(client, member, accepted):
    for region, participants in (("antwerpen", 3), ("antwerpen", 5), ("limburg", 2)):
        factories.confirmation(MemberFactory(), accepted, region=region, participants=participants)
    client.force_login(member)
    response = client.get(accepted.get_absolute_url())
    evidence = response.context["evidence"]
    regions = {str(label): (count, total) for label, count, total in evidence["regions"]}
    assert regions == {"Antwerpen": (2, 8), "Limburg": (1, 2)}
    assert [(count, total) for _label, count, total in evidence["organisation_types"]] == [(3, 10)]


def _assert_refused(client, user, bottleneck, data, message=None, status=302):
    client.force_login(user)
    before = Bottleneck.objects.values_list(
        "confirmation_count", "participants_total", "follower_count"
    ).get(pk=bottleneck.pk)
    count = Confirmation.objects.count()
    response = client.post(_url(bottleneck), data, follow=status == 302)
    if status == 302:
        shown = [str(m) for m in response.context["messages"]]
        assert message in shown
    else:
        assert response.status_code == status
    assert Confirmation.objects.count() == count
    after = Bottleneck.objects.values_list(
        "confirmation_count", "participants_total", "follower_count"
    ).get(pk=bottleneck.pk)
    assert after == before
    return response


def test_the_reporter_cannot_confirm_their_own(client, reporter, accepted):
    with_message = _("You reported this bottleneck yourself, so you cannot confirm it.")
    _assert_refused(client, reporter, accepted, _data(), with_message)


def test_a_second_confirmation_is_refused(client, member, accepted):
    factories.confirmation(member, accepted)
    _assert_refused(client, member, accepted, _data(), _("You already confirmed this bottleneck."))


@pytest.mark.parametrize("participants", ["0", "-3", "501", "100000", "veel"])
def test_absurd_participant_counts_are_refused(client, member, accepted, participants):
    response = _assert_refused(
        client, member, accepted, _data(participants=participants), status=400
    )
    assert response.context["confirm_form"].errors["participants"]


def test_an_unknown_region_is_refused(client, member, accepted):
    response = _assert_refused(client, member, accepted, _data(region="mars"), status=400)
    assert response.context["confirm_form"].errors["region"]


def test_a_date_in_the_future_is_refused(client, member, accepted):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    _assert_refused(client, member, accepted, _data(seen_on=future), status=400)


def test_the_example_passes_the_privacy_guard(client, member, accepted):
    example = f"Rijksregisternummer {factories.national_number()}."
    response = _assert_refused(client, member, accepted, _data(example=example), status=400)
    codes = [e.code for e in response.context["confirm_form"].errors.as_data()["example"]]
    assert codes == ["privacy_block"]


def test_a_not_yet_accepted_bottleneck_cannot_be_confirmed(client, member, reported):
    client.force_login(member)
    assert client.post(_url(reported), _data()).status_code == 404
    assert not Confirmation.objects.exists()


def test_follow_and_unfollow(client, member, accepted):
    client.force_login(member)
    client.post(f"/knelpunten/{accepted.pk}/volgen/")
    client.post(f"/knelpunten/{accepted.pk}/volgen/")  # twice: still one
    accepted.refresh_from_db()
    assert accepted.follower_count == 2
    client.post(f"/knelpunten/{accepted.pk}/volgen/", {"volgen": "nee"})
    accepted.refresh_from_db()
    assert accepted.follower_count == 1
    assert not Follow.objects.filter(user=member).exists()


def test_mine_lists_reported_confirmed_and_followed(client, member, reporter, accepted):
    other = factories.bottleneck(reporter, title="Gevolgd knelpunt")
    factories.confirmation(member, accepted)
    own = factories.bottleneck(member, accepted=False, title="Mijn eigen melding")
    client.force_login(member)
    client.post(f"/knelpunten/{other.pk}/volgen/")
    context = client.get("/knelpunten/mijn/").context
    assert context["reported"] == [own]
    assert context["confirmed"] == [accepted]
    assert set(context["followed"]) == {accepted, other}
