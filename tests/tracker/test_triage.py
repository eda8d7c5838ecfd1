"""Triage for SAM staff: filters, sorting, search, pages, saved filters, bulk changes."""

import datetime

from django.utils import timezone

import pytest

from tests.accounts.factories import MemberFactory
from tests.knowledge import factories as knowledge_factories
from tracker.models import Bottleneck, SavedFilter, StatusChange

from . import factories

pytestmark = pytest.mark.django_db

URL = "/knelpunten/triage/"


@pytest.fixture
def spread(reporter):
    """Bottlenecks that differ in one thing each."""
    vdab = factories.body("VDAB")
    care = knowledge_factories.theme("zorg", "Zorg")
    made = {
        "vdab": factories.bottleneck(reporter, body=vdab, title="Opleiding zonder opvang"),
        "care": factories.bottleneck(reporter, themes=[care], title="Wachtlijst psychiater"),
        "west": factories.bottleneck(reporter, region="west-vlaanderen", title="Geen bus"),
        "new": factories.bottleneck(reporter, accepted=False, title="Nieuw gemeld"),
        "info": factories.bottleneck(reporter, kind="informatie", title="Brief onleesbaar"),
    }
    for _ in range(3):
        factories.confirmation(MemberFactory(), made["vdab"])
    old = timezone.now() - datetime.timedelta(days=40)
    Bottleneck.objects.filter(pk=made["west"].pk).update(created_at=old)
    return made


def _titles(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [b.title for b in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "gemeld"}, ["new"]),
        ({"thema": "zorg"}, ["care"]),
        ({"soort": "informatie"}, ["info"]),
        ({"regio": "west-vlaanderen"}, ["west"]),
        ({"min_bevestigingen": "2"}, ["vdab"]),
        ({"min_volgers": "2"}, ["vdab"]),
        ({"q": "psychiater"}, ["care"]),
    ],
)
def test_each_filter(client, staff, spread, params, expected):
    client.force_login(staff)
    assert _titles(client, **params) == [spread[key].title for key in expected]


def test_the_body_and_date_filters(client, staff, spread):
    client.force_login(staff)
    assert _titles(client, instantie=spread["vdab"].body_id) == [spread["vdab"].title]
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert _titles(client, tot=until) == [spread["west"].title]
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert spread["west"].title not in _titles(client, van=since)


def test_sorting(client, staff, spread):
    client.force_login(staff)
    assert _titles(client, sorteer="bevestigingen")[0] == spread["vdab"].title
    assert _titles(client, sorteer="oudste")[0] == spread["west"].title


def test_pages(client, staff, reporter):
    for number in range(55):
        Bottleneck.objects.create(
            title=f"Stapel {number}",
            situation="x",
            kind="werking",
            level="lokaal",
            region="limburg",
            frequency="soms",
            reporter=reporter,
        )
    client.force_login(staff)
    assert len(client.get(URL).context["page_obj"]) == 50
    assert len(client.get(URL, {"pagina": 2}).context["page_obj"]) == 5


def test_saved_filters_belong_to_their_owner(client, staff, spread):
    client.force_login(staff)
    client.post(f"{URL}filters/", {"name": "Veel bewijs", "query": "min_bevestigingen=2"})
    saved = SavedFilter.objects.get()
    assert saved.owner == staff and saved.query == "min_bevestigingen=2"
    other = factories_staff()
    client.force_login(other)
    assert list(client.get(URL).context["saved_filters"]) == []
    assert client.post(f"{URL}filters/{saved.pk}/verwijderen/").status_code == 404
    client.force_login(staff)
    client.post(f"{URL}filters/{saved.pk}/verwijderen/")
    assert not SavedFilter.objects.exists()


def factories_staff():
    from tests.accounts.factories import StaffFactory

    return StaffFactory()


def test_bulk_status_change_reports_refusals(client, staff, spread):
    client.force_login(staff)
    ids = [spread["new"].pk, spread["care"].pk]
    response = client.post(
        f"{URL}status/",
        {"ids": ids, "status": "niet-weerhouden", "reason": "Buiten ons mandaat."},
        follow=True,
    )
    assert response.status_code == 200
    statuses = dict(Bottleneck.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {spread["new"].pk: "niet-weerhouden", spread["care"].pk: "niet-weerhouden"}
    response = client.post(
        f"{URL}status/",
        {"ids": ids, "status": "op-de-agenda", "reason": "Agenda."},
        follow=True,
    )
    assert len([m for m in response.context["messages"] if m.level_tag == "error"]) == 2
    assert StatusChange.objects.filter(to_status="op-de-agenda").count() == 0


@pytest.mark.parametrize("role", ["member", "policy_worker"])
def test_triage_is_for_staff_only(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}filters/", {"name": "x", "query": ""}).status_code == 403
    assert not SavedFilter.objects.exists()


def test_the_triage_list_has_a_constant_query_count(
    client, staff, reporter, django_assert_max_num_queries
):
    for number in range(30):
        factories.bottleneck(reporter, body=factories.body(f"Dienst {number}"))
    client.force_login(staff)
    client.get(URL)  # the session and the user's roles
    with django_assert_max_num_queries(14):
        response = client.get(
            URL, {"regio": "limburg", "soort": "regelgeving", "sorteer": "volgers"}
        )
    assert len(response.context["page_obj"]) == 30


def test_the_bottleneck_page_has_a_constant_query_count(
    client, member, accepted, django_assert_max_num_queries
):
    for _ in range(20):
        factories.confirmation(MemberFactory(), accepted)
    client.force_login(member)
    with django_assert_max_num_queries(22):
        response = client.get(accepted.get_absolute_url())
    assert len(response.context["confirmations"]) == 20


def test_the_member_lists_have_a_constant_query_count(
    client, member, reporter, django_assert_max_num_queries
):
    for _ in range(20):
        factories.confirmation(member, factories.bottleneck(reporter))
    client.force_login(member)
    with django_assert_max_num_queries(12):
        client.get("/knelpunten/")
    with django_assert_max_num_queries(12):
        assert len(client.get("/knelpunten/mijn/").context["confirmed"]) == 20
