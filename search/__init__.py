"""One search across the platform. Other apps use only what this module exports:

``register(model, ...)`` with an adapter that turns objects into ``SearchDocument``s,
``register_audiences(resolver)`` for who sees what, ``index(obj)`` / ``remove(obj)``
when something changes that signals do not tell us, and ``page_audience(page, default)``
for Wagtail pages with privacy settings.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

from .documents import MEMBERS, PUBLIC, STAFF, SearchDocument, group_audience

logger = logging.getLogger(__name__)

__all__ = [
    "MEMBERS",
    "PUBLIC",
    "STAFF",
    "SearchDocument",
    "as_sentences",
    "backend_status",
    "group_audience",
    "index",
    "narrowest_audience",
    "page_audience",
    "register",
    "register_audiences",
    "remove",
]


def register(
    model,
    *,
    label: str,
    documents,
    queryset,
    kinds: dict[str, str],
    dependents=None,
    weights: dict[str, float] | None = None,
):
    """Index ``model``: ``documents(obj)`` gives its documents, ``queryset()`` all objects.

    ``dependents(obj)``, when given, lists other indexed objects whose audience follows
    ``obj``'s (a page's files): they are indexed again when the page's privacy changes.
    ``weights`` ({kind: 0 < w <= 1}) ranks a kind below others that match as well.
    """
    from . import registry, sync

    adapter = registry.register(
        model,
        label=label,
        documents=documents,
        queryset=queryset,
        kinds=kinds,
        dependents=dependents,
        weights=weights,
    )
    sync.connect(model)
    return adapter


def register_audiences(resolver) -> None:
    from . import registry

    registry.register_audiences(resolver)


def as_sentences(parts) -> str:
    """Pieces of text (headings, paragraphs, table rows) joined as sentences: see text."""
    from . import text

    return text.as_sentences(parts)


def index(obj) -> None:
    from . import indexing

    indexing.index(obj)


def remove(obj) -> None:
    from . import indexing

    indexing.remove(obj)


def page_audience(page, default: str = PUBLIC) -> str | None:
    from . import permissions

    return permissions.page_audience(page, default)


def narrowest_audience(audiences) -> str | None:
    from . import permissions

    return permissions.narrowest_audience(audiences)


ES_TIMEOUT_SECONDS = 2


def _elasticsearch_health(url: str) -> dict:
    # Only http(s): urlopen would also open file: URLs.
    if not url.startswith(("http://", "https://")):
        return {"status": "unreachable"}
    request = urllib.request.Request(f"{url.rstrip('/')}/_cluster/health", method="GET")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=ES_TIMEOUT_SECONDS) as response:  # noqa: S310
            cluster = json.load(response)
    except (OSError, ValueError) as exc:
        logger.warning("Elasticsearch unreachable at %s: %s", url, exc)
        return {"status": "unreachable"}
    return {"status": cluster.get("status", "unknown")}


def backend_status(*, database_ok: bool = True) -> dict:
    """The search backend's health, for /health/.

    The database backend lives and dies with the database. When Elasticsearch is
    unreachable, search falls back to the database, so the site is degraded, not down.
    """
    backend = settings.SEARCH_BACKEND
    if backend == "elasticsearch":
        cluster = _elasticsearch_health(settings.ELASTICSEARCH_URL)
        if cluster["status"] in {"green", "yellow"}:
            return {"status": "ok", "backend": backend, "cluster": cluster["status"]}
        fallback_status = "degraded" if database_ok else "down"
        return {
            "status": fallback_status,
            "backend": backend,
            "cluster": cluster["status"],
            "detail": "Elasticsearch is unavailable; searching on the database instead.",
        }
    return {"status": "ok" if database_ok else "down", "backend": backend}
