"""What leaves the site about a bottleneck or a dossier: the one anonymous shape that the
exports (CSV, XLSX, the nota in DOCX and PDF) and the JSON API share.

- Never a reporter's or confirmer's name or e-mail address: people are counted, by region
  and organisation type, never named.
- Never internal notes (a dossier's ``internal_notes``, staff messages, triage reasons).
- Every free text goes through the privacy guard's ``mask``: what the guard would block or
  warn about (a national number, an e-mail address, a phone number, a participant's name)
  leaves masked.

Lists are built in a constant number of queries (``bottleneck_records``), whatever their
length, and can be walked in chunks for exports of tens of thousands of rows.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.timezone import localtime
from django.utils.translation import get_language

from portal import privacy

from .models import (
    Bottleneck,
    Confirmation,
    Frequency,
    Kind,
    Level,
    OrganisationType,
    Region,
    Status,
)

CHUNK = 1000


def clean_text(text: str | None) -> str:
    """Free text as it may leave the site: with everything the privacy guard finds masked."""
    return privacy.mask(text or "")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def evidence_by_region(ids: Iterable[int]) -> dict[int, dict[str, dict[str, int]]]:
    """{bottleneck id: {region: {"confirmations": n, "participants": p}}} in one query."""
    result: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    rows = (
        Confirmation.objects.filter(bottleneck_id__in=list(ids))
        .values("bottleneck_id", "region")
        .annotate(confirmations=Count("id"), participants=Sum("participants"))
        .order_by()
    )
    for row in rows:
        result[row["bottleneck_id"]][row["region"]] = {
            "confirmations": row["confirmations"],
            "participants": row["participants"] or 0,
        }
    return result


def evidence_by_organisation(ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """{bottleneck id: {organisation type: confirmations}} in one query."""
    result: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Confirmation.objects.filter(bottleneck_id__in=list(ids))
        .values("bottleneck_id", "organisation_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        result[row["bottleneck_id"]][row["organisation_type"]] = row["n"]
    return result


def examples(ids: Iterable[int], per_bottleneck: int = 3) -> dict[int, list[dict]]:
    """The newest anonymised examples per bottleneck: region, organisation type and the
    masked text, never who wrote it."""
    result: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Confirmation.objects.filter(bottleneck_id__in=list(ids))
        .exclude(example="")
        .order_by("bottleneck_id", "-created_at", "-pk")
        .values_list("bottleneck_id", "region", "organisation_type", "example")
    )
    for bottleneck_id, region, organisation_type, example in rows.iterator(chunk_size=CHUNK):
        if len(result[bottleneck_id]) < per_bottleneck:
            result[bottleneck_id].append(
                {
                    "region": _label(Region, region),
                    "organisation_type": _label(OrganisationType, organisation_type),
                    "text": clean_text(example),
                }
            )
    return result


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


_LABELS: dict = {}


def _labels(choices) -> dict[str, str]:
    """{value: label} in the active language, built once (``get_FOO_display`` hashes every
    lazy label of the field's choices on each call: a third of a record's time)."""
    key = (choices, get_language())
    found = _LABELS.get(key)
    if found is None:
        found = _LABELS[key] = {value: str(label) for value, label in choices.choices}
    return found


def record_queryset(queryset):
    """The columns a record needs, with the body and themes fetched along."""
    return queryset.select_related("body").prefetch_related("themes", "tags")


def bottleneck_record(bottleneck: Bottleneck, regions: dict | None = None) -> dict:
    """One bottleneck as it may leave the site (see the module's rules)."""
    return {
        "id": bottleneck.pk,
        "title": clean_text(bottleneck.title),
        "url": absolute(bottleneck.get_absolute_url()),
        "status": bottleneck.status,
        "status_label": _labels(Status).get(bottleneck.status, bottleneck.status),
        "kind": bottleneck.kind,
        "kind_label": _labels(Kind).get(bottleneck.kind, bottleneck.kind),
        "level": bottleneck.level,
        "level_label": _labels(Level).get(bottleneck.level, bottleneck.level),
        "body": bottleneck.body.name if bottleneck.body_id else "",
        "region": bottleneck.region,
        "region_label": _labels(Region).get(bottleneck.region, bottleneck.region),
        "frequency_label": _labels(Frequency).get(bottleneck.frequency, bottleneck.frequency),
        "themes": [theme.name for theme in bottleneck.themes.all()],
        "tags": [tag.name for tag in bottleneck.tags.all()],
        "situation": clean_text(bottleneck.situation),
        "rule": clean_text(bottleneck.rule),
        "suggestion": clean_text(bottleneck.suggestion),
        "confirmations": bottleneck.confirmation_count,
        "participants": bottleneck.participants_total,
        "followers": bottleneck.follower_count,
        "reported_on": localtime(bottleneck.created_at).date(),
        "accepted_on": localtime(bottleneck.accepted_at).date() if bottleneck.accepted_at else None,
        "status_changed_on": localtime(bottleneck.status_changed_at).date(),
        "regions": regions if regions is not None else {},
    }


def bottleneck_records(queryset, *, with_regions: bool = True) -> Iterator[dict]:
    """Records for every bottleneck of ``queryset``, walked in chunks of ``CHUNK`` so that
    memory stays flat; a constant number of queries per chunk."""
    queryset = record_queryset(queryset)
    last = None
    ordered = queryset.query.order_by or queryset.model._meta.ordering
    if ordered and list(ordered) not in (["pk"], ["id"]):
        # Keep the caller's order: slice it in chunks (a stable order ends in -pk / pk).
        start = 0
        while True:
            chunk = list(queryset[start : start + CHUNK])
            if not chunk:
                return
            yield from _records(chunk, with_regions)
            start += CHUNK
    else:
        queryset = queryset.order_by("pk")
        while True:
            page = queryset.filter(pk__gt=last) if last is not None else queryset
            chunk = list(page[:CHUNK])
            if not chunk:
                return
            yield from _records(chunk, with_regions)
            last = chunk[-1].pk


def _records(chunk, with_regions: bool) -> Iterator[dict]:
    regions = evidence_by_region(b.pk for b in chunk) if with_regions else {}
    for bottleneck in chunk:
        yield bottleneck_record(bottleneck, regions.get(bottleneck.pk, {}))
