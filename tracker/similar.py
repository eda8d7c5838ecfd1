"""Bottlenecks that look like what a member is about to report, through ``search/``.

The search answers with the documents this member may find; the bottlenecks are then read
through ``tracker.access`` again, so the offer never shows more than the member may open.
"""

from search.backends.base import Filters
from search.engines import Search, run

from . import access
from .search_documents import KIND

LIMIT = 5
PREFIX = "tracker.bottleneck:"


def find(user, text: str, limit: int = LIMIT) -> list:
    words = _significant(text)
    if not words:
        return []
    # Any of the words: ranking puts the bottlenecks that share most of them first.
    raw = " OR ".join(words)
    _parsed, results = run(Search(raw=raw, filters=Filters(kind=KIND), page_size=limit), user)
    ids = [int(hit.key.removeprefix(PREFIX)) for hit in results.hits if hit.key.startswith(PREFIX)]
    found = {b.pk: b for b in access.visible_bottlenecks(user).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def _significant(text: str, most: int = 12) -> list[str]:
    """The longer words of the text, in order, without repeats or query syntax."""
    seen, words = set(), []
    for token in text.split():
        word = "".join(char for char in token if char.isalnum())
        if len(word) >= 4 and word.lower() not in seen and word.upper() != "OR":
            seen.add(word.lower())
            words.append(word)
    return words[:most]
