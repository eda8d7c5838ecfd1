"""The bottleneck list as CSV for Belgian Excel: UTF-8 with a byte order mark, ``;`` between
cells, dates as 2026-11-28, and no cell that a spreadsheet would run as a formula."""

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.utils import translation

from . import LANGUAGE
from .columns import COLUMNS, headers

BOM = "\ufeff"
DELIMITER = ";"
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and
# Google Sheets: "=HYPERLINK(...)", "+1+cmd|...", "-2+3", "@SUM(...)", a tab or a return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value) -> str:
    """A cell as text, with a leading apostrophe when it would start a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


class _Line:
    """A file-like object whose ``write`` returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def rows(records: Iterable[dict]) -> Iterator[str]:
    """The CSV, line by line: the byte order mark and the Dutch header row first."""
    with translation.override(LANGUAGE):
        writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n")
        yield BOM + writer.writerow([neutral(header) for header in headers()])
        for record in records:
            yield writer.writerow([neutral(column.value(record)) for column in COLUMNS])
