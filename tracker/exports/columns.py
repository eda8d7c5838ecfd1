"""The columns of an exported bottleneck list (CSV and XLSX), read from a record of
``tracker.records.bottleneck_record``."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models import Region

TEXT, NUMBER, DATE, LINK = "text", "number", "date", "link"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]
    kind: str = TEXT
    width: int = 18


@functools.cache
def _region_label(language: str, region: str) -> str:
    return str(Region(region).label) if region in Region.values else region


def _regions(record: dict) -> str:
    """Confirmations per region, the most first: "Limburg: 3, Antwerpen: 1"."""
    regions = record.get("regions") or {}
    ordered = sorted(regions.items(), key=lambda item: (-item[1]["confirmations"], item[0]))
    language = translation.get_language()
    return ", ".join(
        f"{_region_label(language, region)}: {counts['confirmations']}"
        for region, counts in ordered
    )


COLUMNS = [
    Column(_("Number"), lambda r: r["id"], NUMBER, 9),
    Column(_("Title"), lambda r: r["title"], TEXT, 45),
    Column(_("Status"), lambda r: r["status_label"], TEXT, 18),
    Column(_("Kind"), lambda r: r["kind_label"], TEXT, 28),
    Column(_("Level"), lambda r: r["level_label"], TEXT, 10),
    Column(_("Responsible body"), lambda r: r["body"], TEXT, 24),
    Column(_("Region"), lambda r: r["region_label"], TEXT, 16),
    Column(_("Life domains"), lambda r: ", ".join(r["themes"]), TEXT, 22),
    Column(_("Tags"), lambda r: ", ".join(r["tags"]), TEXT, 18),
    Column(_("How often"), lambda r: r["frequency_label"], TEXT, 14),
    Column(_("Confirmations"), lambda r: r["confirmations"], NUMBER, 14),
    Column(_("Participants"), lambda r: r["participants"], NUMBER, 12),
    Column(_("Followers"), lambda r: r["followers"], NUMBER, 10),
    Column(_("Confirmations per region"), _regions, TEXT, 30),
    Column(_("Reported on"), lambda r: r["reported_on"], DATE, 13),
    Column(_("Accepted on"), lambda r: r["accepted_on"], DATE, 13),
    Column(_("Status changed on"), lambda r: r["status_changed_on"], DATE, 15),
    Column(_("What happens"), lambda r: r["situation"], TEXT, 60),
    Column(_("Rule or procedure involved"), lambda r: r["rule"], TEXT, 40),
    Column(_("Suggestion"), lambda r: r["suggestion"], TEXT, 40),
    Column(_("Address"), lambda r: r["url"], LINK, 40),
]


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]
