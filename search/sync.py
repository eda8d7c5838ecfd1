"""Signals that keep the index in step with registered models (after commit)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing, registry

_connected: set[type] = set()


def connect(model) -> None:
    if model in _connected:
        return
    _connected.add(model)
    if issubclass(model, Page):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"search-pub-{model}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"search-unpub-{model}")
        post_page_move.connect(_on_move, sender=model, dispatch_uid=f"search-move-{model}")
    else:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{model}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{model}")


def _on_change(sender, instance, **kwargs):
    indexing.index(instance)


def _on_delete(sender, instance, **kwargs):
    indexing.remove(instance)


def reindex_tree(page) -> None:
    """A page and everything under it, and what hangs on them: their URLs or privacy
    depend on it."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator():
        adapter = registry.adapter_for(descendant)
        if adapter is None:
            continue
        indexing.index(descendant)
        for dependent in adapter.dependents(descendant) if adapter.dependents else ():
            indexing.index(dependent)


def _on_move(sender, instance, **kwargs):
    reindex_tree(instance)


def _on_restriction_change(sender, instance, **kwargs):
    reindex_tree(instance.page)


def _on_restriction_groups_change(sender, instance, action, **kwargs):
    # The admin saves the restriction first and its groups after: index again with them.
    if action in {"post_add", "post_remove", "post_clear"}:
        reindex_tree(instance.page)


post_save.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-pvr")
m2m_changed.connect(
    _on_restriction_groups_change,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="search-pvr-groups",
)
post_delete.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-pvr-d")
