"""A cache of search results, keyed by everything that decides them.

The key holds the backend, the parsed query (synonyms and compound parts included, so a
changed synonym list is a different key), the audiences the searcher may see, the filters,
the page, and the index generation: a token that every write to an index replaces. A
result is never served to someone with other audiences, nor after the index changed.

The generation is replaced when a write begins and again when its transaction commits: a
search that read the old token before the commit may store what it found under that old
token, which no later search asks for. Date facets move with the clock: a cached result is
at most TIMEOUT_SECONDS old.
"""

import hashlib
import time
import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:generation"
TIMEOUT_SECONDS = 300
# Only searches that took this long are stored: in production the cache is a database
# table, and a cheap search should not cost a write.
STORE_FROM_MS = 20


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY) or ""
    return token


def forget() -> None:
    """Make every cached result unreachable (they expire on their own)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def index_changed() -> None:
    """Call on every write to an index (replace, clear)."""
    forget()
    transaction.on_commit(forget)


def key(backend_name: str, query, audiences, filters, offset: int, limit: int, token: str) -> str:
    # The dataclasses' reprs hold every field, also fields added later.
    described = repr((backend_name, query, sorted(audiences), filters, offset, limit, token))
    return "search:results:" + hashlib.sha256(described.encode()).hexdigest()


def search(uncached, query, *, audiences, filters, offset, limit):
    """``uncached(...)`` (a backend's own search), from the cache when the same search was
    answered before with the same index."""
    token = generation()
    if not token:
        return uncached(query, audiences=audiences, filters=filters, offset=offset, limit=limit)
    backend_name = getattr(uncached.__self__, "name", "")
    cache_key = key(backend_name, query, audiences, filters, offset, limit, token)
    results = cache.get(cache_key)
    if results is None:
        started = time.perf_counter()
        results = uncached(query, audiences=audiences, filters=filters, offset=offset, limit=limit)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if not results.degraded and elapsed_ms >= STORE_FROM_MS:
            cache.set(cache_key, results, TIMEOUT_SECONDS)
    return results
