"""PostgreSQL: phrases are narrowed to the documents holding their word pairs (migration
0010, PostgresBackend._pairs), and find exactly what they found without."""

from django.db import connection

import pytest

from search import synonyms
from search.backends.database import PostgresBackend, _tree_pairs
from search.query import parse

from .helpers import doc, find, index_plan, keys, store

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's word pairs; runs in the PG pass"
)


@pytest.mark.parametrize(
    ("tree", "pairs"),
    [
        ("'rode' <-> 'draad'", ("rode draad",)),
        (
            "'open' <-> 'centrum' <2> 'maatschapp' <-> 'welzijn'",
            ("open centrum", "maatschapp welzijn"),
        ),
        ("'a' <-> 'b' <-> 'a' <-> 'b'", ("a b", "b a")),
        ("'collega''s' <-> 'overleg'", ("collega's overleg",)),
        ("'werk'", ()),
        ("'werk' <3> 'zorg'", ()),
        ("'a' <-> 'b' | 'c'", ()),
        ("T", ()),
        ("", ()),
    ],
)
def test_the_pairs_of_a_phrase(tree, pairs):
    assert _tree_pairs(tree) == pairs


def _documents():
    return [
        doc("adjacent", "De rode draad van een traject", "Over psychische problemen op het werk."),
        doc("apart", "Een draad die rode verf draagt", "Problemen, ook psychische, bij de baas."),
        doc("comma", "Rode, draad", "Een werkgever en psychische klachten."),
        doc("gap", "Werk voor iedereen", "Openbaar centrum voor maatschappelijk welzijn."),
        doc("other", "Werk en iedereen", "Het centrum voor welzijn, openbaar en maatschappelijk."),
    ]


QUERIES = [
    '"rode draad"',
    '"draad rode"',
    "psychische problemen werkgever",
    '"werk voor iedereen"',
    '"openbaar centrum voor maatschappelijk welzijn"',
    '"rode draad" -traject',
    "rode draad",
]


@on_postgresql
def test_phrases_find_the_same_with_and_without_the_pairs(monkeypatch):
    backend = PostgresBackend()
    store(backend, *_documents())
    with_pairs = {raw: (keys(r), r.total) for raw in QUERIES for r in [find(backend, raw)]}
    assert with_pairs['"rode draad"'][0] and with_pairs["psychische problemen werkgever"][0]
    assert "apart" not in with_pairs['"rode draad"'][0]
    monkeypatch.setattr(PostgresBackend, "_pairs", lambda self, query: "")
    without = {raw: (keys(r), r.total) for raw in QUERIES for r in [find(backend, raw)]}
    assert with_pairs == without


@on_postgresql
def test_a_phrase_uses_the_pairs_index():
    backend = PostgresBackend()
    store(backend, *[doc(f"d{i}", f"De rode draad, deel {i}") for i in range(50)])
    query = parse('"rode draad"', synonyms.table())
    # Dutch stems, as the vectors hold them.
    assert backend._pairs(query) == "(('rod drad'))"
    from_sql, where, params = backend._match(query, ["public"], "", "")[:3]
    plan = index_plan(f"SELECT d.id FROM {from_sql} WHERE {where}", params)  # noqa: S608
    assert "search_pg_vector_pairs" in plan, plan


@on_postgresql
def test_a_clause_with_a_single_word_alternative_adds_no_pairs():
    query = parse('"rode draad" OR lijn', synonyms.table())
    assert PostgresBackend()._pairs(query) == ""
