"""Which backend answers, and the search as the page and the API use it."""

import logging
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from . import compounds, registry, synonyms
from . import query as query_module
from .backends.base import Filters, SearchBackend
from .backends.database import database_backend
from .documents import SearchResults

logger = logging.getLogger(__name__)

# After Elasticsearch fails, skip it for this long instead of waiting on every search.
RETRY_AFTER_SECONDS = 30
_es_down_until = 0.0


def elasticsearch_backend():
    return _elasticsearch_backend(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)


@lru_cache(maxsize=4)
def _elasticsearch_backend(url: str, index_name: str):
    # One client (and its connection pool) per process, not one per search.
    from .backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend(url, index_name)


def write_backends() -> list[SearchBackend]:
    backends = [database_backend()]
    if settings.SEARCH_BACKEND == "elasticsearch":
        backends.append(elasticsearch_backend())
    return backends


def prepare() -> None:
    if settings.SEARCH_BACKEND == "elasticsearch":
        try:
            elasticsearch_backend().prepare()
        except Exception:
            logger.exception("Could not prepare the Elasticsearch index")


def _with_fallback(action):
    """Run ``action(backend)`` on Elasticsearch when configured, else (or on failure) the DB.

    Returns (result, degraded).
    """
    global _es_down_until
    if settings.SEARCH_BACKEND == "elasticsearch" and time.monotonic() >= _es_down_until:
        try:
            return action(elasticsearch_backend()), False
        except Exception as exc:
            _es_down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning("Elasticsearch failed, searching the database instead: %s", exc)
    degraded = settings.SEARCH_BACKEND == "elasticsearch"
    return action(database_backend()), degraded


@dataclass
class Search:
    """One search as a user asked it."""

    raw: str
    filters: Filters
    page: int = 1
    page_size: int = 10
    # Search what was typed, even when it finds nothing and a correction would.
    literal: bool = False


def run(search: Search, user, audiences=None) -> tuple[query_module.ParsedQuery, SearchResults]:
    """Search as ``user`` (or, for evaluations, with the given audiences)."""
    parsed = query_module.parse(search.raw, synonyms.table(), compounds.split_for_query)
    if audiences is None:
        audiences = registry.audiences_for(user)
    offset = (search.page - 1) * search.page_size

    def action(backend):
        results = backend.search(
            parsed,
            audiences=audiences,
            filters=search.filters,
            offset=offset,
            limit=search.page_size,
        )
        if parsed.is_empty:
            return results
        if results.total:
            return _topped_up(backend, parsed, results, search, audiences)
        apart = parsed.parts_apart()
        if apart is not None:
            # A typed compound whose parts occur, but not side by side.
            results = backend.search(
                apart,
                audiences=audiences,
                filters=search.filters,
                offset=offset,
                limit=search.page_size,
            )
            if results.total:
                return _topped_up(backend, parsed, results, search, audiences)
        suggestion = _suggestion(backend, parsed, audiences)
        if suggestion and not search.literal:
            # Nothing found and a confident correction: search for it at once, and say so.
            corrected = backend.search(
                query_module.parse(suggestion, synonyms.table(), compounds.split_for_query),
                audiences=audiences,
                filters=search.filters,
                offset=offset,
                limit=search.page_size,
            )
            if corrected.total:
                corrected.corrected = suggestion
                return corrected
        if len(parsed.required) > 1:
            # Nothing has every word: show what has most of them, and say so.
            results = backend.search(
                parsed.any_words(),
                audiences=audiences,
                filters=search.filters,
                offset=offset,
                limit=search.page_size,
            )
            results.relaxed = results.total > 0
        results.suggestion = suggestion
        return results

    results, degraded = _with_fallback(action)
    results.degraded = results.degraded or degraded
    return parsed, results


# Fewer matches than this for every word (or a whole compound): the first page goes on with
# what matches less strictly (the compound's parts apart, some of the words), below them.
FEW = 3


def _topped_up(backend, parsed, results, search: Search, audiences):
    """A first page with few strict matches, completed with looser ones.

    A document can hold every word only in its lowest-weighted text (an episode's whole
    transcript): it then must not hide the documents that hold most of the words.
    """
    if results.total >= FEW or search.page != 1 or search.filters.parent:
        return results
    apart = parsed.parts_apart()
    looser = [apart]
    if apart is not None and len(apart.required) > 1:
        # A compound's parts, any of them: "werkervaringsplaats" finds "werkervaring".
        looser.append(apart.any_words())
    if len(parsed.required) > 1:
        looser.append(parsed.any_words())
    strict = len(results.hits)
    seen = {hit.key for hit in results.hits}
    seen.update(f.key for hit in results.hits for f in hit.fragments)
    for loose in looser:
        if loose is None or len(results.hits) >= search.page_size:
            continue
        more = backend.search(
            loose, audiences=audiences, filters=search.filters, offset=0, limit=search.page_size
        )
        for hit in more.hits:
            if hit.key not in seen and len(results.hits) < search.page_size:
                seen.add(hit.key)
                seen.update(f.key for f in hit.fragments)
                results.hits.append(hit)
    if len(results.hits) > strict:
        results.looser_from = strict
    return results


def _suggestion(backend, parsed, audiences) -> str:
    """The query with misspelled words corrected, from words this user may find.

    Only words that find nothing on their own count as misspelled: "leefloner" finds
    "leefloners" through its stem and needs no correction.
    """
    unknown = [
        word
        for word in dict.fromkeys(parsed.typed_words)
        if not backend.exists(query_module.parse(word), audiences=audiences)
    ]
    corrections = backend.correct(unknown, audiences) if unknown else {}
    if not corrections:
        return ""
    corrected = []
    for token in parsed.raw.split():
        stripped = token.strip('"-')
        folded = query_module.text.fold(stripped)
        if folded in corrections:
            token = token.replace(stripped, corrections[folded])
        corrected.append(token)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != parsed.raw else ""


def autocomplete(prefix: str, user, limit: int = 8):
    prefix = prefix.strip()[: query_module.MAX_QUERY_LENGTH]
    audiences = registry.audiences_for(user)
    completions, _ = _with_fallback(
        lambda backend: backend.autocomplete(prefix, audiences=audiences, limit=limit)
    )
    return completions


def synonyms_changed() -> None:
    """The database backends read the list per query; Elasticsearch keeps it in its analyser."""
    if settings.SEARCH_BACKEND == "elasticsearch":
        try:
            elasticsearch_backend().update_synonyms()
        except Exception:
            logger.exception("Could not update Elasticsearch's synonyms; a rebuild will")
