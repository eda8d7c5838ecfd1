"""Placeholder: being built (issue 15)."""

from django.http import Http404


def bottlenecks(request, *args, **kwargs):
    raise Http404


def bottleneck(request, *args, **kwargs):
    raise Http404


def dossiers(request, *args, **kwargs):
    raise Http404


def dossier(request, *args, **kwargs):
    raise Http404


def tokens(request, *args, **kwargs):
    raise Http404


def revoke_token(request, *args, **kwargs):
    raise Http404
