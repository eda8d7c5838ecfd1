"""/zoeken/ and /api/v1/search/: what users see, who sees what, and odd input."""

import socket

from django.test import override_settings

import pytest

from accounts import roles
from search import engines
from search.documents import MEMBERS, PUBLIC, STAFF, group_audience
from search.indexing import index_now  # noqa: F401  (documents below go in directly)
from tests.accounts.factories import MemberFactory, PolicyWorkerFactory, StaffFactory
from tests.knowledge import factories

from .helpers import doc, store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _backend():
    return engines.database_backend()


def _secret_documents(group_id: int):
    store(
        _backend(),
        doc("public", "Geheimtaal openbaar", body="geheimtaal voor iedereen"),
        doc("members", "Geheimtaal leden", audience=MEMBERS, body="geheimtaal ledenkennis"),
        doc("group", "Geheimtaal regio", audience=group_audience(group_id),
            body="geheimtaal regiogroepwoord"),
        doc("staff", "Geheimtaal dossier", audience=STAFF, kind="dossier",
            body="geheimtaal stafnotitiewoord"),
    )  # fmt: skip


ROLES = {
    "visitor": (None, {"openbaar"}),
    "member": (MemberFactory, {"openbaar", "leden"}),
    "policy worker": (PolicyWorkerFactory, {"openbaar", "leden"}),
    "member of the closed group": ("group", {"openbaar", "leden", "regio"}),
    "SAM staff": (StaffFactory, {"openbaar", "leden", "regio", "dossier"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_no_role_finds_what_it_may_not_see(client, role):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Regio Gent")
    _secret_documents(group.pk)
    make, visible = ROLES[role]
    if make == "group":
        user = MemberFactory()
        user.groups.add(group)
        client.force_login(user)
    elif make:
        client.force_login(make())
    data = client.get("/api/v1/search/", {"q": "geheimtaal"}).json()
    found = {hit["title"].split()[-1].lower() for hit in data["hits"]}
    assert found == visible
    assert data["total"] == len(visible)
    assert sum(value["count"] for value in data["facets"]["kind"]) == len(visible)
    page = client.get("/zoeken/", {"q": "geheimtaal"}).content.decode()
    hidden = {"leden": "ledenkennis", "regio": "regiogroepwoord", "dossier": "stafnotitiewoord"}
    for name, word in hidden.items():
        assert (word in page) == (name in visible), name
    # Autocomplete: neither titles nor words of what the user may not see.
    labels = " ".join(
        s["label"]
        for s in client.get("/api/v1/search/autocomplete/", {"q": "geheim"}).json()["suggestions"]
    ).lower()
    for name in {"leden", "regio", "dossier"} - visible:
        assert f"geheimtaal {name}" not in labels
    words = client.get("/api/v1/search/autocomplete/", {"q": "stafn"}).json()["suggestions"]
    assert bool(words) == ("dossier" in visible)


def test_did_you_mean_is_not_built_from_hidden_words(client):
    store(_backend(), doc("staff", "Stafnota", audience=STAFF, body="budgetverschuiving"))
    client.force_login(MemberFactory())
    data = client.get("/api/v1/search/", {"q": "budgetverschuiving"}).json()
    assert data["total"] == 0 and data["suggestion"] == ""
    data = client.get("/api/v1/search/", {"q": "budgetverschuivin"}).json()
    assert data["suggestion"] == ""


def test_page_shows_kind_marked_snippet_and_link(client):
    factories.product(
        title="Gids voor jobcoaching", body_text="Zo werkt jobcoaching voor een werkzoekende."
    )
    html = client.get("/zoeken/", {"q": "werkzoekenden"}).content.decode()
    assert "1 resultaat" in html
    assert "<mark>werkzoekende</mark>" in html
    assert 'href="/kennisbank/' in html and "Kennisproduct" in html


def test_api_returns_the_same_hits_facets_and_total_as_the_page(client):
    for number in range(12):
        factories.product(title=f"Gids mobiliteit {number}", themes=[factories.theme("werk")])
    factories.activity(title="Vorming mobiliteit")
    api = client.get("/api/v1/search/", {"q": "mobiliteit", "pagina": 2}).json()
    page = client.get("/zoeken/", {"q": "mobiliteit", "pagina": 2})
    assert api["total"] == 13 == page.context["results"].total
    assert [h["url"] for h in api["hits"]] == [h.url for h in page.context["results"].hits]
    assert api["facets"]["kind"] == [
        {"value": f.value, "label": f.label, "count": f.count}
        for f in page.context["results"].facets["kind"]
    ]
    assert api["page"] == 2 and api["pages"] == 2 and len(api["hits"]) == 3


def test_filters_keep_their_state_in_the_address(client):
    factories.product(title="Gids mobiliteit", themes=[factories.theme("werk")])
    factories.activity(title="Vorming mobiliteit")
    response = client.get("/zoeken/", {"q": "mobiliteit", "soort": "activity"})
    results = response.context["results"]
    assert [hit.kind for hit in results.hits] == ["activity"]
    html = response.content.decode()
    # The theme facet link keeps the query and the kind filter.
    assert "?q=mobiliteit&amp;soort=activity&amp;thema=" in html or results.facets["theme"] == []
    assert 'name="soort" value="activity"' in html
    assert "Alle filters wissen" in html


def test_pagination_links_keep_query_and_filters(client):
    for number in range(11):
        factories.product(title=f"Gids mobiliteit {number}")
    html = client.get("/zoeken/", {"q": "mobiliteit", "soort": "product"}).content.decode()
    assert "?q=mobiliteit&amp;soort=product&amp;pagina=2" in html


def test_empty_state_offers_a_way_on(client):
    html = client.get("/zoeken/", {"q": "onvindbaarwoord"}).content.decode()
    assert "Geen resultaten voor" in html and "spelling" in html


def test_stop_words_only_says_the_query_is_too_general(client):
    html = client.get("/zoeken/", {"q": "de het"}).content.decode()
    assert "te algemeen" in html


def test_did_you_mean_links_to_the_corrected_search(client):
    factories.product(title="De arbeidsmarkt in Vlaanderen")
    response = client.get("/zoeken/", {"q": "arbeidsmakt", "letterlijk": "1"})
    assert response.context["results"].suggestion == "arbeidsmarkt"
    assert response.context["results"].total == 0
    assert 'href="?q=arbeidsmarkt"' in response.content.decode()


def test_a_query_that_finds_nothing_is_corrected_at_once_and_says_so(client):
    factories.product(title="De arbeidsmarkt in Vlaanderen")
    response = client.get("/zoeken/", {"q": "arbeidsmakt"})
    results = response.context["results"]
    assert results.corrected == "arbeidsmarkt" and results.total == 1
    html = response.content.decode()
    assert "Resultaten voor" in html and "zoek in plaats daarvan op" in html
    assert 'href="?q=arbeidsmakt&amp;letterlijk=1"' in html
    # The search box keeps what was typed.
    assert 'value="arbeidsmakt"' in html


def test_a_query_that_finds_something_is_never_corrected(client):
    factories.product(title="De arbeidsmarkt in Vlaanderen")
    factories.product(title="Arbeidsmakt: een tikfout als titel")
    results = client.get("/zoeken/", {"q": "arbeidsmakt"}).context["results"]
    assert results.corrected == "" and results.total == 1


def test_the_api_reports_the_correction_and_the_literal_search(client):
    factories.product(title="De arbeidsmarkt in Vlaanderen")
    data = client.get("/api/v1/search/", {"q": "arbeidsmakt"}).json()
    assert data["corrected_query"] == "arbeidsmarkt" and data["total"] == 1
    assert data["query"] == "arbeidsmakt"
    assert data["literal_url"] == "/api/v1/search/?q=arbeidsmakt&letterlijk=1"
    literal = client.get(data["literal_url"]).json()
    assert literal["total"] == 0 and literal["corrected_query"] is None
    assert literal["suggestion"] == "arbeidsmarkt"


def test_when_no_document_has_every_word_some_words_are_enough(client):
    factories.product(title="Leefloon en werk")
    factories.product(title="Psychische kwetsbaarheid")
    response = client.get("/zoeken/", {"q": "leefloon psychische"})
    assert response.context["results"].relaxed and response.context["results"].total == 2
    assert "Niets bevat al je woorden" in response.content.decode()


def test_visitor_page_has_examples_without_query(client):
    html = client.get("/zoeken/").content.decode()
    assert "artikel 60" in html


def test_api_without_query_explains_what_is_missing(client):
    response = client.get("/api/v1/search/")
    assert response.status_code == 400 and "q" in response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": '"werk'},
        {"q": "NEAR OR( * ^"},
        {"q": "' OR 1=1 --"},
        {"q": "werk", "pagina": "-3"},
        {"q": "werk", "pagina": "abc"},
        {"q": "werk", "pagina": "999999"},
        {"q": "werk", "soort": "<script>"},
        {"q": "werk", "periode": "gisteren"},
        {"q": "werk", "thema": "x" * 500},
    ],
)
def test_odd_input_never_breaks_the_page_or_the_api(client, params):
    factories.product(title="Werk en zorg")
    assert client.get("/zoeken/", params).status_code == 200
    assert client.get("/api/v1/search/", params).status_code == 200
    assert client.get("/api/v1/search/autocomplete/", params).status_code == 200


def _search_queries(client, django_assert_max_num_queries, products):
    for number in range(products):
        factories.product(title=f"Gids mobiliteit {number}", themes=[factories.theme("werk")])
    client.force_login(MemberFactory())
    client.get("/zoeken/", {"q": "mobiliteit"})
    # The search itself: theme bits, the sample's count (search.backends.database, very many
    # matches) and the one pass; the rest is the page around it.
    with django_assert_max_num_queries(15):
        response = client.get("/zoeken/", {"q": "mobiliteit"})
    assert response.status_code == 200


def test_search_page_query_count_does_not_grow_with_hits(client, django_assert_max_num_queries):
    _search_queries(client, django_assert_max_num_queries, 25)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_elasticsearch_down_falls_back_to_the_database_and_says_so(client):
    factories.product(title="Gids over jobcoaching")
    engines._es_down_until = 0.0
    with override_settings(
        SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=f"http://127.0.0.1:{_closed_port()}"
    ):
        response = client.get("/zoeken/", {"q": "jobcoaching"})
        api = client.get("/api/v1/search/", {"q": "jobcoaching"}).json()
        health = client.get("/health/").json()
        completions = client.get("/api/v1/search/autocomplete/", {"q": "jobc"}).json()
    engines._es_down_until = 0.0
    assert response.status_code == 200
    assert response.context["results"].total == 1
    assert "onvolledig" in response.content.decode()
    assert api["degraded"] is True and api["total"] == 1
    assert health["search"]["status"] == "degraded"
    assert completions["suggestions"]


def test_roles_module_gives_staff_every_group(db):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Regio Limburg")
    staff = StaffFactory()
    assert {PUBLIC} | roles.search_audiences(staff) >= {MEMBERS, STAFF, group_audience(group.pk)}
    member = roles.search_audiences(MemberFactory())
    assert MEMBERS in member and STAFF not in member
    assert group_audience(group.pk) not in member


@pytest.mark.parametrize(
    "params",
    [
        {"q": "werk", "thema": "\x00"},
        {"q": "werk", "thema": "werk\x00"},
        {"q": "werk\x00zorg"},
        {"q": "werk", "soort": "product\x00"},
        {"q": "werk", "periode": "\x00"},
        {"q": "werk", "pagina": "2\x00"},
        {"q": "werk\x07\x1b", "thema": "\x7f\x85"},
    ],
)
def test_control_characters_in_any_parameter_are_dropped(client, params):
    factories.product(title="Werk en zorg", themes=[factories.theme("werk")])
    client.raise_request_exception = False
    page = client.get("/zoeken/", params)
    api = client.get("/api/v1/search/", params)
    completions = client.get("/api/v1/search/autocomplete/", params)
    assert (page.status_code, api.status_code, completions.status_code) == (200, 200, 200)
    assert page.context["results"].total == 1
    assert "%00" not in page.content.decode() and "\x00" not in api.content.decode()


def test_a_query_of_control_characters_alone_is_an_empty_query(client):
    client.raise_request_exception = False
    page = client.get("/zoeken/", {"q": "\x00\x1f"})
    api = client.get("/api/v1/search/", {"q": "\x00\x1f"})
    assert page.status_code == 200 and page.context["examples"]
    assert api.status_code == 400 and "q" in api.json()["error"]


def test_a_compound_finds_its_parts_apart_when_nothing_has_them_together(client):
    factories.product(title="Een probleem met de mobiliteit naar het werk")
    factories.product(title="Leefloon en werk")
    data = client.get("/api/v1/search/", {"q": "mobiliteitsprobleem"}).json()
    assert data["total"] == 1 and data["corrected_query"] is None
