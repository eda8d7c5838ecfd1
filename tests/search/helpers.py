"""Search documents and queries for the backend tests."""

import os
import uuid

import pytest

from search import compounds, synonyms
from search.backends.base import Filters
from search.backends.database import database_backend
from search.documents import PUBLIC, SearchDocument
from search.query import parse


def doc(key: str, title: str, body: str = "", **fields) -> SearchDocument:
    fields.setdefault("kind", "product")
    fields.setdefault("url", f"/test/{key}/")
    return SearchDocument(source=f"test:{key}", key=f"test:{key}", title=title, body=body, **fields)


def store(backend, *documents: SearchDocument) -> None:
    backend.replace([document.source for document in documents], list(documents))


def find(backend, raw: str, audiences=(PUBLIC,), **filters):
    return backend.search(
        parse(raw, synonyms.table(), compounds.split_for_query),
        audiences=list(audiences),
        filters=Filters(**filters),
    )


def index_plan(select_sql: str, params) -> str:
    """PostgreSQL's plan for ``select_sql`` over the search table, with reading the table
    whole forbidden: a tiny table is read whole anyway, the question is whether an index
    fits the query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_pg_vector")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + select_sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def keys(results) -> list[str]:
    return [hit.key.removeprefix("test:") for hit in results.hits]


def make_backend(name: str):
    if name == "database":
        return database_backend(), None
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(
            "Elasticsearch cannot run on this machine: set ELASTICSEARCH_URL "
            "(docker compose up search) to run the conformance suite against it"
        )
    from search.backends.elastic import ElasticsearchBackend

    backend = ElasticsearchBackend(url, index_name=f"test-{uuid.uuid4().hex[:10]}")
    backend.clear()
    return backend, lambda: backend.client.indices.delete(index=backend.index_name)
