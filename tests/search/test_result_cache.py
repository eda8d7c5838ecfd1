"""The result cache (search.cache): same search, same index, same audiences -> same answer
without a query; any write to the index or other audiences -> computed anew."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search import cache as result_cache
from search.backends.database import database_backend
from search.documents import PUBLIC

from .helpers import doc, find, keys, store

pytestmark = pytest.mark.django_db
MEMBERS = "members"


@pytest.fixture(autouse=True)
def _store_every_search(monkeypatch):
    """The small searches here are fast; outside tests only slower ones are stored."""
    monkeypatch.setattr(result_cache, "STORE_FROM_MS", 0)


def test_a_fast_search_is_not_stored(monkeypatch):
    monkeypatch.setattr(result_cache, "STORE_FROM_MS", 10_000)
    backend = database_backend()
    store(backend, doc("a", "Jobcoaching voor werkzoekenden"))
    find(backend, "jobcoaching")
    with CaptureQueriesContext(connection) as queries:
        assert keys(find(backend, "jobcoaching")) == ["a"]
    assert len(queries) > 0


def test_a_repeated_search_is_answered_from_the_cache(django_assert_num_queries):
    backend = database_backend()
    store(backend, doc("a", "Jobcoaching voor werkzoekenden"))
    first = find(backend, "jobcoaching")
    with django_assert_num_queries(0):
        again = find(backend, "jobcoaching")
    assert keys(again) == keys(first) == ["a"]
    assert again.total == first.total == 1


def test_a_write_to_the_index_is_seen_by_the_next_search():
    backend = database_backend()
    store(backend, doc("a", "Jobcoaching voor werkzoekenden"))
    assert keys(find(backend, "jobcoaching")) == ["a"]
    store(backend, doc("b", "Nog meer jobcoaching", body="jobcoaching jobcoaching"))
    assert sorted(keys(find(backend, "jobcoaching"))) == ["a", "b"]
    backend.replace(["test:a"], [])
    assert keys(find(backend, "jobcoaching")) == ["b"]
    backend.clear()
    assert find(backend, "jobcoaching").total == 0


def test_hits_never_pass_from_one_audience_to_another():
    backend = database_backend()
    store(
        backend,
        doc("open", "Jobcoaching voor iedereen"),
        doc("leden", "Jobcoaching voor leden", audience=MEMBERS),
    )
    assert sorted(keys(find(backend, "jobcoaching", audiences=(PUBLIC, MEMBERS)))) == [
        "leden",
        "open",
    ]
    assert keys(find(backend, "jobcoaching", audiences=(PUBLIC,))) == ["open"]
    assert find(backend, "jobcoaching", audiences=(PUBLIC,)).total == 1


def test_filters_and_pages_are_part_of_the_key():
    backend = database_backend()
    store(
        backend,
        doc("p", "Jobcoaching als product"),
        doc("q", "Jobcoaching in het forum", kind="post"),
    )
    assert find(backend, "jobcoaching").total == 2
    assert keys(find(backend, "jobcoaching", kind="post")) == ["q"]
    assert find(backend, "jobcoaching", kind="post").total == 1


def test_a_forgotten_generation_computes_anew(django_assert_max_num_queries):
    backend = database_backend()
    store(backend, doc("a", "Jobcoaching voor werkzoekenden"))
    find(backend, "jobcoaching")
    result_cache.forget()
    key_before = result_cache.generation()
    find(backend, "jobcoaching")
    assert result_cache.generation() == key_before
    result_cache.forget()
    assert result_cache.generation() != key_before
