"""The interface every search backend offers, and what they share."""

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..documents import SearchDocument, SearchResults
from ..query import ParsedQuery

# Date facet: non-overlapping periods, the newest first. Planned things (an activity
# next month) have a date in the future.
PERIODS = {
    "gepland": _("Planned"),
    "maand": _("Past month"),
    "jaar": _("Past year"),
    "ouder": _("Older"),
}


def period_bounds(period: str, now: datetime | None = None):
    """(from, until) for a period; either may be None."""
    now = now or timezone.now()
    month_ago, year_ago = now - timedelta(days=30), now - timedelta(days=365)
    return {
        "gepland": (now, None),
        "maand": (month_ago, now),
        "jaar": (year_ago, month_ago),
        "ouder": (None, year_ago),
    }.get(period, (None, None))


@dataclass
class Filters:
    kind: str = ""
    theme: str = ""
    period: str = ""
    # One parent's address (search.grouping.group_key): only it and its fragments, ungrouped.
    parent: str = ""


@dataclass
class Completion:
    label: str
    url: str = ""  # a title opens its page; a term without URL searches for itself
    kind: str = ""


class SearchBackend(ABC):
    """What every backend offers; the conformance suite in tests/search holds them to it."""

    name = "base"

    @abstractmethod
    def replace(self, sources: list[str], documents: list[SearchDocument]) -> None:
        """Remove every document of ``sources`` and store ``documents`` in their place."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    @abstractmethod
    def search(
        self,
        query: ParsedQuery,
        *,
        audiences: list[str],
        filters: Filters,
        offset: int = 0,
        limit: int = 10,
    ) -> SearchResults:
        """One page of hits with the total and the facet counts."""

    @abstractmethod
    def exists(self, query: ParsedQuery, *, audiences: list[str]) -> bool:
        """Whether any document the user may see matches ``query`` (a word of a query that
        found nothing: misspelled or not?). Stops at the first match."""

    @abstractmethod
    def autocomplete(self, prefix: str, *, audiences: list[str], limit: int = 8):
        """Titles and frequent words that start with what was typed."""

    @abstractmethod
    def similar_terms(self, word: str, audiences: list[str]) -> list[tuple[str, int]]:
        """Known words that look like ``word``, with their document counts."""

    def correct(self, words: list[str], audiences: list[str]) -> dict[str, str]:
        """A better spelling for each word the index does not know, when it has one."""
        corrections = {}
        for word in words:
            if len(word) < 4 or word.isdigit():
                continue
            best = best_correction(word, self.similar_terms(word, audiences))
            if best:
                corrections[word] = best
        return corrections


def best_correction(word: str, candidates: list[tuple[str, int]]) -> str:
    """The most likely intended word: close in spelling, then frequent."""
    best, best_score = "", 0.0
    for candidate, count in candidates:
        if candidate == word or count <= 0:
            continue
        similarity = SequenceMatcher(None, word, candidate).ratio()
        if similarity < 0.75:
            continue
        score = similarity + 0.02 * math.log1p(count)
        if score > best_score:
            best, best_score = candidate, score
    return best
