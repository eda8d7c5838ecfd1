"""Placeholder: being built (issue 15)."""

from django.http import Http404


def list_csv(request, *args, **kwargs):
    raise Http404


def list_xlsx(request, *args, **kwargs):
    raise Http404


def dossier_csv(request, *args, **kwargs):
    raise Http404


def dossier_xlsx(request, *args, **kwargs):
    raise Http404


def dossier_docx(request, *args, **kwargs):
    raise Http404


def dossier_pdf(request, *args, **kwargs):
    raise Http404
