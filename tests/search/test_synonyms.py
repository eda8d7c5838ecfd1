"""SAM staff keep the synonym list in the admin; a change applies to the next search."""

from django.utils.html import strip_tags

import pytest

from search.models import SynonymGroup
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def test_the_field_s_terms_are_seeded():
    seeded = [group.term_list() for group in SynonymGroup.objects.all()]
    assert any({"OCMW", "sociaal huis", "lokaal bestuur"} <= set(g) for g in seeded)
    assert any({"art. 60", "TWE", "tijdelijke werkervaring"} <= set(g) for g in seeded)


def test_staff_add_a_synonym_in_the_admin_and_search_uses_it(client):
    factories.product(title="Gids over het leerwerkbedrijf")
    assert client.get("/api/v1/search/", {"q": "werkplekleren"}).json()["total"] == 0
    client.force_login(StaffFactory())
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/",
        {"terms": "werkplekleren, leerwerkbedrijf", "note": "Vraag van een lid"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/search/", {"q": "werkplekleren"}).json()["total"] == 1


def test_a_group_needs_two_terms(client):
    client.force_login(StaffFactory())
    response = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "alleen"})
    assert response.status_code == 200
    assert "minstens twee termen" in response.content.decode()
    assert not SynonymGroup.objects.filter(terms="alleen").exists()


def test_members_cannot_edit_synonyms(client):
    client.force_login(MemberFactory())
    response = client.get("/admin/snippets/search/synonymgroup/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("title", "typed"),
    [
        ("Samenwerken met het centrum algemeen welzijnswerk", "CAW"),
        ("Toegang tot de geestelijke gezondheidszorg", "GGZ"),
        ("Wat doet de mutualiteit bij ziekte?", "RIZIV ziekenfonds"),
        ("Een individuele beroepsopleiding starten", "IBO"),
        ("Leefloon en het recht op maatschappelijke integratie", "bestaansminimum"),
        ("Werken in een maatwerkbedrijf", "beschutte werkplaats"),
        ("Terug aan het werk na een burn-out", "opgebrand"),
    ],
)
def test_the_field_s_abbreviations_and_everyday_words_are_seeded(client, title, typed):
    factories.product(title=title)
    factories.product(title="Iets heel anders over vervoer")
    found = client.get("/api/v1/search/", {"q": typed}).json()
    assert [strip_tags(hit["title"]) for hit in found["hits"]] == [title]
