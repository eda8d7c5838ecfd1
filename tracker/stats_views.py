"""Placeholder: being built (issue 15)."""

from django.http import Http404


def statistics(request, *args, **kwargs):
    raise Http404
