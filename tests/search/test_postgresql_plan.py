"""On PostgreSQL the search's match condition is one the GIN index can serve."""

from django.db import connection

import pytest

from search import synonyms
from search.backends.database import PostgresBackend
from search.query import parse

from .helpers import doc, index_plan, store

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a PostgreSQL query plan; runs in the PG pass"
    ),
]


def test_the_match_uses_the_gin_index():
    backend = PostgresBackend()
    store(backend, *[doc(f"d{i}", f"Document {i} over jobcoaching") for i in range(50)])
    from_sql, where, params = backend._match(
        parse("jobcoaching", synonyms.table()), ["public"], "", ""
    )[:3]
    plan = index_plan(f"SELECT d.id FROM {from_sql} WHERE {where}", params)  # noqa: S608
    assert "search_pg_vector_gin" in plan, plan
