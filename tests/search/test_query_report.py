"""The report of queries that found nothing or little, for SAM staff only."""

from datetime import timedelta

from django.utils import timezone

import pytest

from search import querylog
from search.models import QueryStat, SynonymGroup
from tests.accounts.factories import MemberFactory, PolicyWorkerFactory, StaffFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db
REPORT = "/admin/zoeken/zoekopdrachten/"
ADD = "/admin/zoeken/synoniem/"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def test_searches_are_counted_per_query_without_the_user(client):
    factories.product(title="Leefloon en werk")
    client.force_login(MemberFactory())
    client.get("/zoeken/", {"q": "Ocmw  Kortrijk"})
    client.get("/api/v1/search/", {"q": "ocmw kortrijk"})
    client.get("/zoeken/", {"q": "leefloon"})
    client.get("/zoeken/", {"q": "ocmw kortrijk", "pagina": "2"})
    for number in range(querylog.FEW_HITS + 1):
        factories.product(title=f"Werkplek {number}")
    client.get("/zoeken/", {"q": "werkplek"})  # finds enough: not kept
    rows = {row.query: row for row in QueryStat.objects.all()}
    assert "werkplek" not in rows
    assert rows["ocmw kortrijk"].searches == 2 and rows["ocmw kortrijk"].hits == 0
    assert rows["leefloon"].hits == 1
    assert {field.name for field in QueryStat._meta.get_fields()} == {
        "id",
        "query",
        "day",
        "searches",
        "hits",
    }


def test_a_query_with_personal_data_is_not_kept(client):
    from tests.tracker.factories import national_number

    client.force_login(MemberFactory())
    client.get("/zoeken/", {"q": f"dossier {national_number()}"})
    client.get("/zoeken/", {"q": "mevrouw Janssens leefloon"})
    client.get("/zoeken/", {"q": "jan.peeters@example.org"})
    assert not QueryStat.objects.exists()


def test_old_rows_are_deleted():
    old = timezone.localdate() - timedelta(days=querylog.RETENTION_DAYS + 1)
    QueryStat.objects.create(query="oud", day=old, searches=1, hits=0)
    QueryStat.objects.create(query="nieuw", day=timezone.localdate(), searches=1, hits=0)
    assert querylog.prune() == 1
    assert list(QueryStat.objects.values_list("query", flat=True)) == ["nieuw"]


def test_the_report_lists_poor_queries_most_searched_first(client):
    today = timezone.localdate()
    QueryStat.objects.create(query="budgetmeter", day=today, searches=5, hits=0)
    QueryStat.objects.create(query="dop", day=today, searches=2, hits=1)
    QueryStat.objects.create(query="leefloon", day=today, searches=9, hits=12)
    client.force_login(StaffFactory())
    response = client.get(REPORT)
    assert response.status_code == 200
    assert [row["query"] for row in response.context["rows"]] == ["budgetmeter", "dop"]


@pytest.mark.parametrize(
    ("factory", "allowed"),
    [(None, False), (MemberFactory, False), (PolicyWorkerFactory, False), (StaffFactory, True)],
)
def test_only_staff_see_the_report_and_add_synonyms(client, factory, allowed):
    factories.product(title="Werken met een budgetmeter")
    QueryStat.objects.create(query="energiemeter", day=timezone.localdate(), searches=3)
    if factory is not None:
        client.force_login(factory())
    report = client.get(REPORT)
    added = client.post(ADD, {"query": "energiemeter", "term": "budgetmeter"})
    exists = SynonymGroup.objects.filter(terms__icontains="energiemeter").exists()
    if allowed:
        assert report.status_code == 200
        assert added.status_code == 302 and exists
    else:
        assert report.status_code in (302, 403)
        assert added.status_code in (302, 403) and not exists


def test_add_as_synonym_makes_the_query_find_what_the_term_finds(client):
    factories.product(title="Werken met een budgetmeter")
    assert client.get("/api/v1/search/", {"q": "energiemeter"}).json()["total"] == 0
    client.force_login(StaffFactory())
    client.post(ADD, {"query": "energiemeter", "term": "budgetmeter"})
    found = client.get("/api/v1/search/", {"q": "energiemeter"}).json()
    assert found["total"] == 1 and found["corrected_query"] is None
    # Made a synonym, its count starts again: only the search since is counted.
    assert list(QueryStat.objects.values_list("query", "searches", "hits")) == [
        ("energiemeter", 1, 1)
    ]


def test_add_as_synonym_joins_the_group_that_has_the_term(client):
    factories.product(title="Samenwerken met het OCMW")
    client.force_login(StaffFactory())
    client.post(ADD, {"query": "sociale dienst", "term": "sociaal huis"})
    group = next(g for g in SynonymGroup.objects.all() if "OCMW" in g.term_list())
    assert "sociale dienst" in group.term_list()


def test_a_term_that_finds_nothing_is_refused(client):
    client.force_login(StaffFactory())
    response = client.post(ADD, {"query": "xyz", "term": "onbestaandwoord"}, follow=True)
    assert not SynonymGroup.objects.filter(terms__icontains="xyz").exists()
    assert response.status_code == 200


def test_the_search_menu_is_shown_to_staff(client):
    client.force_login(StaffFactory())
    html = client.get("/admin/").content.decode()
    assert "search-admin" in html and REPORT in html
