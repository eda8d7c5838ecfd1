"""The bottleneck list as an Excel workbook, written row by row with XlsxWriter's
``constant_memory`` mode so that memory stays flat whatever the number of rows.

- "Samenvatting": how many bottlenecks per status, life domain, responsible body and region
  (counted by the database, one aggregate query each);
- "Knelpunten": one row per bottleneck with typed cells (numbers, dates with a date format,
  links), a frozen header row, filters on and column widths set.

``constant_memory`` writes each row when the next one starts: rows go strictly in order and
the summary sheet is written completely before the list.
"""

import tempfile
from collections.abc import Iterable

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import xlsxwriter

from ..models import Bottleneck, Region, Status
from . import LANGUAGE
from .columns import COLUMNS, DATE, LINK, NUMBER, headers

SUMMARY_SHEET = "Samenvatting"
LIST_SHEET = "Knelpunten"
EXCEL_URL_LIMIT = 2079
# Excel allows 65,530 links on a sheet: beyond that the address is written as text.
EXCEL_LINKS_PER_SHEET = 65_530


def summary(queryset) -> dict[str, list[tuple[str, int]]]:
    """Counts per status, life domain, body and region of the bottlenecks in ``queryset``,
    in four aggregate queries (the queryset is used as a subquery, never loaded)."""
    ids = queryset.order_by().values("pk")
    chosen = Bottleneck.objects.filter(pk__in=ids).order_by()
    by_status = dict(chosen.values_list("status").annotate(n=Count("pk")))
    Through = Bottleneck.themes.through
    by_theme = (
        Through.objects.filter(bottleneck_id__in=ids)
        .values_list("theme__name")
        .annotate(n=Count("bottleneck_id", distinct=True))
        .order_by("-n", "theme__name")
    )
    by_body = chosen.values_list("body__name").annotate(n=Count("pk")).order_by("-n", "body__name")
    by_region = dict(chosen.values_list("region").annotate(n=Count("pk")))
    return {
        "status": [
            (str(label), by_status[value]) for value, label in Status.choices if value in by_status
        ],
        "theme": [(name, n) for name, n in by_theme],
        "body": [(name or _("No body named"), n) for name, n in by_body],
        "region": [
            (str(label), by_region[value]) for value, label in Region.choices if value in by_region
        ],
    }


def write(queryset, records: Iterable[dict], *, title: str = ""):
    """The workbook in a temporary file (deleted when closed), rewound for reading."""
    # Closed by the FileResponse that sends it (or below, when writing fails).
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        with translation.override(LANGUAGE):
            _write(target, queryset, records, title)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target


def _write(target, queryset, records: Iterable[dict], title: str) -> None:
    workbook = xlsxwriter.Workbook(
        target,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    workbook.set_properties({"title": title or _("Bottlenecks"), "author": "SAM"})
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "heading": workbook.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1}),
        "bold": workbook.add_format({"bold": True}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "number": workbook.add_format({"num_format": "0"}),
        "link": workbook.add_format({"font_color": "blue", "underline": 1}),
    }
    _write_summary(workbook, formats, summary(queryset), title)
    _write_list(workbook, formats, records)
    workbook.close()


def _write_summary(workbook, formats, counts, title) -> None:
    sheet = workbook.add_worksheet(SUMMARY_SHEET)
    sheet.set_column(0, 0, 45)
    sheet.set_column(1, 1, 14)
    row = 0
    sheet.write_string(row, 0, title or _("Bottlenecks"), formats["title"])
    row += 1
    sheet.write_string(
        row, 0, _("Exported on %(day)s") % {"day": date_format(timezone.localdate(), "j F Y")}
    )
    row += 1
    total = sum(n for _label, n in counts["status"])
    sheet.write_string(row, 0, _("Bottlenecks in total"), formats["bold"])
    sheet.write_number(row, 1, total, formats["bold"])
    row += 2
    for key, heading in (
        ("status", _("Status")),
        ("theme", _("Life domain")),
        ("body", _("Responsible body")),
        ("region", _("Region")),
    ):
        sheet.write_string(row, 0, heading, formats["heading"])
        sheet.write_string(row, 1, _("Bottlenecks"), formats["heading"])
        row += 1
        for label, n in counts[key]:
            sheet.write_string(row, 0, label)
            sheet.write_number(row, 1, n, formats["number"])
            row += 1
        if not counts[key]:
            sheet.write_string(row, 0, _("None"))
            row += 1
        row += 1


def _write_list(workbook, formats, records: Iterable[dict]) -> None:
    sheet = workbook.add_worksheet(LIST_SHEET)
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, column.width)
    sheet.freeze_panes(1, 0)
    for index, header in enumerate(headers()):
        sheet.write_string(0, index, header, formats["heading"])
    row = 0
    for record in records:
        row += 1
        for index, column in enumerate(COLUMNS):
            value = column.value(record)
            if value is None or value == "":
                continue
            if column.kind == NUMBER:
                sheet.write_number(row, index, value, formats["number"])
            elif column.kind == DATE:
                sheet.write_datetime(row, index, value, formats["date"])
            elif (
                column.kind == LINK
                and len(value) <= EXCEL_URL_LIMIT
                and row < EXCEL_LINKS_PER_SHEET
            ):
                sheet.write_url(row, index, value, formats["link"], string=value)
            else:
                # write_string: a text is never read as a formula or a number.
                sheet.write_string(row, index, str(value))
    sheet.autofilter(0, 0, max(row, 1), len(COLUMNS) - 1)
