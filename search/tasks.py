"""Background work of the search: Elasticsearch follows the database index after a response.

The database index is written in the request (it is the fallback and the source of truth);
a change reaches Elasticsearch through this task, so a slow or unreachable cluster never
holds up a member who posts or an editor who publishes.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def copy_to_elasticsearch(sources: list[str]) -> int:
    from . import engines
    from .documents import SearchDocument
    from .models import IndexedDocument

    documents = [
        SearchDocument(
            source=row.source,
            key=row.key,
            kind=row.kind,
            title=row.title,
            url=row.url,
            audience=row.audience,
            summary=row.summary,
            body=row.body,
            themes=[tuple(theme) for theme in row.themes],
            date=row.date,
            parent_title=row.parent_title,
            anchor_label=row.anchor_label,
        )
        for row in IndexedDocument.objects.filter(source__in=sources).order_by("pk")
    ]
    try:
        engines.elasticsearch_backend().replace(sources, documents)
    except Exception:
        # The database index is right; a rebuild brings Elasticsearch back in step.
        logger.exception("Elasticsearch did not take %d document(s)", len(documents))
        return 0
    return len(documents)


@task()
def index_object(model_label: str, pk) -> int:
    """Index one object as it is now (it may have changed or gone since it was queued)."""
    from django.apps import apps

    from . import indexing

    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return 0
    if hasattr(obj, "specific"):
        obj = obj.specific
    return indexing.index_now([obj], background=True)


@task()
def remove_sources(sources: list[str]) -> None:
    from . import indexing

    indexing.remove_now(sources, background=True)
