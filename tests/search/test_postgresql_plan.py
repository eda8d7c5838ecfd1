"""On PostgreSQL the search's match condition is one the GIN index can serve."""

from django.db import connection

import pytest

from search import synonyms
from search.backends.database import PostgresBackend
from search.query import parse

from .helpers import doc, store

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
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_pg_vector")
        # A tiny table is read whole anyway; forbid that to see whether the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql = f"EXPLAIN SELECT d.id FROM {from_sql} WHERE {where}"  # noqa: S608 (our own clauses)
        cursor.execute(sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_pg_vector_gin" in plan, plan
