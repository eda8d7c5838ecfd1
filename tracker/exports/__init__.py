"""Exports of bottlenecks and dossiers: CSV, XLSX, and the "knelpuntennota" in DOCX and PDF.

Everything here is fed by ``tracker.records`` (the one anonymous shape of what leaves the
site): never a name or e-mail address, never internal notes, free text masked by the privacy
guard. Who may export what is decided in ``tracker.access`` (``can_export``,
``can_see_dossier``, ``dossier_items``); the views are in ``tracker.export_views``.

- ``columns``: the columns of the bottleneck list, shared by CSV and XLSX;
- ``csv_export``: streamed CSV for Belgian Excel (UTF-8 with BOM, ``;``);
- ``xlsx_export``: a workbook with a summary sheet and one row per bottleneck, written
  with XlsxWriter's ``constant_memory`` so memory stays flat;
- ``nota``: the nota as a neutral document structure, built once from a dossier;
- ``docx_render`` and ``pdf_render``: that structure as Word and PDF.
"""

from django.utils import timezone

LANGUAGE = "nl-be"


def filename(stem: str, extension: str) -> str:
    """``knelpunten-2026-11-28.xlsx``: the stem and today's date."""
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"
