"""Which queries find nothing or little: counted per query and day, without the user.

Only a searched page 1 counts (turning pages is not a new search). The query is stored
as the search reads it: folded (no accents, lower case), spaces collapsed, at most 200
characters. Nothing ties a row to a person. Rows are kept ``RETENTION_DAYS`` days. A query
in which the privacy guard finds anything (a national number, an e-mail address, a phone
number, a name after "deelnemer" or "mevrouw") is not kept at all: people sometimes search
for what they should not write down.
"""

import time
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min, Sum
from django.utils import timezone

from portal import privacy

from . import text

RETENTION_DAYS = 90
# "Little": this many results or fewer.
FEW_HITS = 2
_PRUNE_EVERY_SECONDS = 3600
_last_pruned = 0.0


def normalise(raw: str) -> str:
    return " ".join(text.fold(raw).split())[:200]


def record(raw: str, hits: int) -> None:
    """Count one search of ``raw`` that had ``hits`` results, when that is little: searches
    that find enough write nothing (no write, and no row lock on a popular query, on the
    search page's hot path)."""
    from .models import QueryStat

    if hits > FEW_HITS:
        return
    query = normalise(raw)
    if not query or privacy.check(raw):
        return
    today = timezone.localdate()
    updated = QueryStat.objects.filter(query=query, day=today).update(
        searches=F("searches") + 1, hits=hits
    )
    if not updated:
        try:
            with transaction.atomic():
                QueryStat.objects.create(query=query, day=today, searches=1, hits=hits)
        except IntegrityError:
            # Another request created today's row first.
            QueryStat.objects.filter(query=query, day=today).update(
                searches=F("searches") + 1, hits=hits
            )
    _prune_now_and_then()


def _prune_now_and_then() -> None:
    global _last_pruned
    if time.monotonic() - _last_pruned > _PRUNE_EVERY_SECONDS:
        _last_pruned = time.monotonic()
        prune()


def prune() -> int:
    from .models import QueryStat

    cutoff = timezone.localdate() - timedelta(days=RETENTION_DAYS)
    deleted, _ = QueryStat.objects.filter(day__lt=cutoff).delete()
    return deleted


def forget(raw: str) -> int:
    """Drop a query from the report (it was made a synonym: it finds enough now)."""
    from .models import QueryStat

    deleted, _ = QueryStat.objects.filter(query=normalise(raw)).delete()
    return deleted


def poor_queries(days: int = 30, limit: int = 200):
    """Queries that had at most FEW_HITS results in the last ``days`` days, the most
    searched first (one made a synonym is forgotten at once: ``forget``)."""
    from .models import QueryStat

    since = timezone.localdate() - timedelta(days=days)
    rows = (
        QueryStat.objects.filter(day__gte=since)
        .values("query")
        .annotate(searches=Sum("searches"), fewest=Min("hits"), most=Max("hits"), last=Max("day"))
        .filter(most__lte=FEW_HITS)
        .order_by("-searches", "query")
    )
    return list(rows[:limit])
