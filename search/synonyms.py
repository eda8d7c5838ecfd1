"""The synonym list, read once per change and shared by every backend."""

from django.core.cache import cache

from .query import SynonymTable

CACHE_KEY = "search:synonyms:v1"


def groups() -> list[list[str]]:
    found = cache.get(CACHE_KEY)
    if found is None:
        from .models import SynonymGroup

        found = [group.term_list() for group in SynonymGroup.objects.all()]
        cache.set(CACHE_KEY, found, 3600)
    return found


def table() -> SynonymTable:
    return SynonymTable(groups())


def forget() -> None:
    cache.delete(CACHE_KEY)
