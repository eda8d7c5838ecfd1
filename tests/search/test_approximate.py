"""Searches with very many matches on the database backends: counts and facets estimated
from a fixed sample, the page ranked from the matches with the query in their title or
summary (DatabaseBackend._approximate). The thresholds are lowered here so that a few
documents count as very many."""

from django.db import connection

import pytest

from search import synonyms
from search.backends.base import Filters
from search.backends.database import PostgresBackend, about, database_backend
from search.documents import MEMBERS, PUBLIC
from search.models import IndexedDocument
from search.query import parse

from .helpers import doc, find, index_plan, keys, store

pytestmark = pytest.mark.django_db

EVERY = 2


@pytest.fixture
def backend(monkeypatch):
    backend = database_backend()
    monkeypatch.setattr(type(backend), "APPROXIMATE_FROM", 10)
    monkeypatch.setattr(type(backend), "SAMPLE_EVERY", EVERY)
    return backend


def _sampled(prefix: str) -> set[str]:
    """The keys of the documents in the fixed sample (every EVERY-th id)."""
    return {
        key.removeprefix("test:")
        for row_id, key in IndexedDocument.objects.filter(
            key__startswith=f"test:{prefix}"
        ).values_list("id", "key")
        if row_id % EVERY == 0
    }


def _many(backend):
    """35 documents with 'mobiliteit' in their title, 5 with it only in their text, and
    one that also names a podcast: the head fills a window of 30."""
    store(
        backend,
        *[
            doc(f"t{i}", f"Mobiliteit, deel {i}", kind="activity" if i < 5 else "product")
            for i in range(35)
        ],
        *[doc(f"b{i}", "Een andere titel", f"Een tekst over mobiliteit, {i}.") for i in range(5)],
        doc("pod", "Mobiliteit in de podcast", "Een aflevering van de podcast."),
    )


def test_many_matches_are_counted_from_the_sample(backend):
    _many(backend)
    results = find(backend, "mobiliteit")
    sampled = _sampled("")
    assert results.approximate
    assert results.total == len(sampled) * EVERY
    kinds = {facet.value: facet.count for facet in results.facets["kind"]}
    activities = {f"t{i}" for i in range(5)} & sampled
    assert kinds.get("activity", 0) == len(activities) * EVERY
    assert kinds["product"] == (len(sampled) - len(activities)) * EVERY


def test_many_matches_rank_title_matches_first(backend):
    _many(backend)
    results = find(backend, "mobiliteit")
    assert results.approximate and len(results.hits) == 10
    assert all(hit.key.startswith(("test:t", "test:pod")) for hit in results.hits)


def _page(backend, raw: str, offset: int):
    return backend.search(
        parse(raw, synonyms.table()), audiences=[PUBLIC], filters=Filters(), offset=offset
    )


def test_an_excluded_word_stays_excluded_among_title_matches(backend):
    _many(backend)
    pages = [_page(backend, "mobiliteit -podcast", offset) for offset in (0, 10, 20, 30)]
    assert all(page.approximate for page in pages)
    shown = [key for page in pages for key in keys(page)]
    # 'pod' has the word in its title and 'podcast' only in its text.
    assert "pod" not in shown and len(shown) == 40


def test_a_filter_applies_to_the_title_matches(backend):
    _many(backend)
    results = find(backend, "mobiliteit", kind="activity")
    # Five activities: fewer than the threshold in the sample, so counted exactly.
    assert set(keys(results)) == {f"t{i}" for i in range(5)}
    assert results.total == 5 and not results.approximate
    products = find(backend, "mobiliteit", kind="product")
    assert products.approximate and len(products.hits) == 10
    assert {hit.kind for hit in products.hits} == {"product"}
    assert all(hit.key.startswith(("test:t", "test:pod")) for hit in products.hits)


def test_a_window_the_titles_cannot_fill_is_ranked_from_every_match(backend, monkeypatch):
    store(
        backend,
        *[doc(f"t{i}", f"Mobiliteit {i}") for i in range(12)],
        *[doc(f"b{i}", "Iets anders", f"Over mobiliteit, tekst {i}.") for i in range(12)],
    )
    results = _page(backend, "mobiliteit", 10)
    assert results.approximate
    # Twelve title matches do not fill a window of 60: every match is ranked, the titles
    # first, so the second page holds the last two titles and then the texts.
    assert set(keys(results)[:2]) == {"t10", "t11"}
    assert {key[0] for key in keys(results)[2:]} == {"b"}


def test_few_matches_are_counted_exactly(backend):
    store(backend, *[doc(f"d{i}", f"Jobcoaching {i}") for i in range(6)])
    results = find(backend, "jobcoaching")
    assert not results.approximate and results.total == 6


def test_the_estimate_is_rounded_as_people_say_it():
    assert [about(n) for n in (7, 99, 100, 4213, 4250, 67168, 120_456)] == [
        7,
        99,
        100,
        4200,
        4300,
        67000,
        120_000,
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL query plans; runs in the PG pass"
)
@pytest.mark.parametrize(("option", "index"), [("head", "head"), ("sample", "sample")])
def test_the_sample_and_the_titles_have_their_own_index(option, index):
    backend = PostgresBackend()
    store(backend, *[doc(f"d{i}", f"Document {i} over jobcoaching") for i in range(50)])
    query = parse("jobcoaching", synonyms.table())
    bits = backend._theme_bits()
    matched, params = backend._matched(query, ["public"], Filters(), bits, **{option: True})[:2]
    plan = index_plan(f"SELECT * FROM ({matched}) AS f", params)  # noqa: S608 (our own SQL)
    assert f"search_pg_vector_{index}" in plan, plan


def test_the_page_and_the_api_say_the_counts_are_estimates(backend, client):
    _many(backend)
    page = client.get("/zoeken/", {"q": "mobiliteit"}).content.decode()
    api = client.get("/api/v1/search/", {"q": "mobiliteit"}).json()
    assert "Ongeveer" in page and "ca." in page
    assert api["total_exact"] is False and api["counts_approximate"] is True
    exact = client.get("/api/v1/search/", {"q": "mobiliteit", "soort": "activity"}).json()
    assert exact["counts_approximate"] is False


def test_the_estimate_counts_only_what_the_user_may_see(backend):
    store(
        backend,
        *[doc(f"m{i}", f"Mobiliteit voor leden {i}", audience=MEMBERS) for i in range(30)],
        *[doc(f"p{i}", f"Mobiliteit voor iedereen {i}") for i in range(3)],
    )
    visitor = find(backend, "mobiliteit")
    assert not visitor.approximate and visitor.total == 3
    assert {key[0] for key in keys(visitor)} == {"p"}
    member = find(backend, "mobiliteit", audiences=[PUBLIC, MEMBERS])
    assert member.approximate and len(member.hits) == 10
