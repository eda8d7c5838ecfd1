"""Keeping the index in step with the content."""

import logging
import sys
import time

from django.db import transaction

from . import registry
from .backends.base import SearchBackend

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def write_backends() -> list[SearchBackend]:
    """Every backend that holds documents: the database always (it is the fallback)."""
    from . import engines

    return engines.write_backends()


def documents_for(obj) -> tuple[str, list] | None:
    adapter = registry.adapter_for(obj)
    if adapter is None:
        return None
    return adapter.source(obj), list(adapter.documents(obj))


def index_now(objects, *, background: bool = False) -> int:
    """Replace the documents of ``objects`` in every backend; returns how many were stored.

    ``background``: Elasticsearch gets them from a task after the response (see tasks.py).
    """
    sources, documents = [], []
    for obj in objects:
        found = documents_for(obj)
        if found is not None:
            sources.append(found[0])
            documents.extend(found[1])
    if sources:
        _write(sources, documents, background=background)
    return len(documents)


def remove_now(sources: list[str], *, background: bool = False) -> None:
    _write(sources, [], background=background)


def _write(sources, documents, *, background: bool = False) -> None:
    for backend in write_backends():
        if backend.name == "elasticsearch" and background:
            from . import tasks

            tasks.copy_to_elasticsearch.enqueue(list(sources))
            continue
        try:
            backend.replace(sources, documents)
        except Exception:
            if backend.name == "elasticsearch":
                # The database index stays right; a rebuild brings Elasticsearch back in step.
                logger.exception("Elasticsearch did not take %d document(s)", len(documents))
                continue
            raise


def index(obj) -> None:
    """Update ``obj``'s documents after the current transaction commits, in a background
    task: a member who posts or an editor who publishes never waits for the index (in
    development and tests the task runs at once)."""
    from . import tasks

    label, pk = obj._meta.label_lower, obj.pk
    transaction.on_commit(lambda: tasks.index_object.enqueue(label, pk))


def remove(obj) -> None:
    """Remove ``obj``'s documents after the current transaction commits (in a task)."""
    from . import tasks

    adapter = registry.adapter_for(obj)
    if adapter is None:
        return
    source = adapter.source(obj)
    transaction.on_commit(lambda: tasks.remove_sources.enqueue([source]))


def rebuild(*, stdout=None, batch_size: int = BATCH_SIZE) -> int:
    """Index everything again, in batches, reading objects with an iterator."""
    from . import engines

    stdout = stdout or sys.stdout
    started = time.monotonic()
    # One transaction: searches see the old index until the new one is complete.
    with transaction.atomic():
        for backend in write_backends():
            backend.clear()
        engines.prepare()
        with engines.database_backend().bulk_terms():
            total = _index_all(stdout, batch_size)
    analyze()
    elapsed = time.monotonic() - started
    stdout.write(f"{total} documents in {elapsed:.1f} s\n")
    return total


def analyze() -> None:
    """Fresh planner statistics for the search tables (PostgreSQL): after a rebuild the
    planner would otherwise choose by the old index's figures (or none), e.g. read the whole
    table for a rare word instead of its GIN index."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from .backends.database import PostgresBackend
    from .models import IndexedDocument, IndexedTerm, IndexedTheme

    tables = [PostgresBackend.VECTORS, PostgresBackend.WORDS]
    tables += [model._meta.db_table for model in (IndexedDocument, IndexedTheme, IndexedTerm)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def _index_all(stdout, batch_size: int) -> int:
    total = 0
    for adapter in registry.adapters():
        objects = adapter.queryset()
        count = objects.count()
        done = 0
        batch = []
        for obj in objects.iterator(chunk_size=batch_size):
            batch.append(obj)
            if len(batch) >= batch_size:
                total += index_now(batch)
                done += len(batch)
                batch.clear()
                _progress(stdout, adapter.label, done, count)
        if batch:
            total += index_now(batch)
            done += len(batch)
        _progress(stdout, adapter.label, done, count, end="\n")
    return total


def _progress(stdout, label: str, done: int, count: int, end: str = "\r") -> None:
    width = 30
    filled = int(width * done / count) if count else width
    stdout.write(f"{label:<28} [{'#' * filled}{'.' * (width - filled)}] {done}/{count}{end}")
    stdout.flush()
