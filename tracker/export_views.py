"""Exports for policy workers and SAM staff (``access.can_export``): the bottleneck list as
CSV or XLSX honouring the list's filters, and a dossier's bottlenecks (CSV, XLSX) and its
"knelpuntennota" (DOCX, PDF). Members get the tracker's 403 page, visitors the login.
What an export holds is ``tracker.records``' anonymous shape (see ``tracker.exports``)."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import access, records
from .decorators import export_required
from .exports import csv_export, docx_render, filename, nota, pdf_render, xlsx_export
from .forms import TriageFilterForm
from .models import Dossier

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def _filtered(request):
    """The bottlenecks the user sees, filtered as the list's query string says; None (with a
    message) when a filter is not valid."""
    queryset = access.visible_bottlenecks(request.user)
    form = TriageFilterForm(request.GET or None)
    if not form.is_bound:
        return queryset.order_by("-created_at", "-pk")
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        )
        messages.error(
            request,
            _("This export could not be made: a filter is not valid (%(problems)s).")
            % {"problems": problems},
        )
        return None
    return form.filter(queryset)


def _back_to_list(request):
    query = request.GET.copy()
    return redirect(reverse("tracker:index") + (f"?{query.urlencode()}" if query else ""))


def _csv(records_, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_export.rows(records_), content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _xlsx(queryset, records_, name: str, title: str) -> FileResponse:
    return FileResponse(
        xlsx_export.write(queryset, records_, title=title),
        as_attachment=True,
        filename=name,
        content_type=XLSX_TYPE,
    )


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@export_required
@require_safe
def list_csv(request):
    queryset = _filtered(request)
    if queryset is None:
        return _back_to_list(request)
    return _csv(records.bottleneck_records(queryset), filename("knelpunten", "csv"))


@export_required
@require_safe
def list_xlsx(request):
    queryset = _filtered(request)
    if queryset is None:
        return _back_to_list(request)
    return _xlsx(
        queryset,
        records.bottleneck_records(queryset),
        filename("knelpunten", "xlsx"),
        _("Bottlenecks"),
    )


def _dossier(request, pk) -> Dossier:
    dossier = get_object_or_404(Dossier, pk=pk)
    if not access.can_see_dossier(request.user, dossier):
        raise Http404
    return dossier


@export_required
@require_safe
def dossier_csv(request, pk):
    dossier = _dossier(request, pk)
    queryset = nota.dossier_queryset(request.user, dossier)
    return _csv(
        records.bottleneck_records(queryset),
        filename(f"knelpunten-{dossier.slug or 'dossier'}", "csv"),
    )


@export_required
@require_safe
def dossier_xlsx(request, pk):
    dossier = _dossier(request, pk)
    queryset = nota.dossier_queryset(request.user, dossier)
    return _xlsx(
        queryset,
        records.bottleneck_records(queryset),
        filename(f"knelpunten-{dossier.slug or 'dossier'}", "xlsx"),
        records.clean_text(dossier.title),
    )


@export_required
@require_safe
def dossier_docx(request, pk):
    dossier = _dossier(request, pk)
    content = docx_render.render(nota.build(request.user, dossier))
    return _file(content, f"knelpuntennota-{dossier.slug or 'dossier'}.docx", DOCX_TYPE)


@export_required
@require_safe
def dossier_pdf(request, pk):
    dossier = _dossier(request, pk)
    content = pdf_render.render(nota.build(request.user, dossier))
    return _file(content, f"knelpuntennota-{dossier.slug or 'dossier'}.pdf", PDF_TYPE)
