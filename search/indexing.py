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


def index_now(objects) -> int:
    """Replace the documents of ``objects`` in every backend; returns how many were stored."""
    sources, documents = [], []
    for obj in objects:
        found = documents_for(obj)
        if found is not None:
            sources.append(found[0])
            documents.extend(found[1])
    if sources:
        _write(sources, documents)
    return len(documents)


def remove_now(sources: list[str]) -> None:
    _write(sources, [])


def _write(sources, documents) -> None:
    for backend in write_backends():
        try:
            backend.replace(sources, documents)
        except Exception:
            if backend.name == "elasticsearch":
                # The database index stays right; a rebuild brings Elasticsearch back in step.
                logger.exception("Elasticsearch did not take %d document(s)", len(documents))
                continue
            raise


def index(obj) -> None:
    """Update ``obj``'s documents once the current transaction commits."""
    model, pk = type(obj), obj.pk
    transaction.on_commit(lambda: _index_fresh(model, pk))


def _index_fresh(model, pk) -> None:
    # Read the object again: what committed is what counts.
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return
    if hasattr(obj, "specific"):
        obj = obj.specific
    index_now([obj])


def remove(obj) -> None:
    """Remove ``obj``'s documents once the current transaction commits."""
    adapter = registry.adapter_for(obj)
    if adapter is None:
        return
    source = adapter.source(obj)
    transaction.on_commit(lambda: remove_now([source]))


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
    elapsed = time.monotonic() - started
    stdout.write(f"{total} documents in {elapsed:.1f} s\n")
    return total


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
