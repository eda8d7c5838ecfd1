"""Placeholder: being built (issue 15)."""

from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def create(request, *args, **kwargs):
    raise Http404


def detail(request, *args, **kwargs):
    raise Http404


def edit(request, *args, **kwargs):
    raise Http404


def add_bottleneck(request, *args, **kwargs):
    raise Http404


def item(request, *args, **kwargs):
    raise Http404


def addressee(request, *args, **kwargs):
    raise Http404


def answer(request, *args, **kwargs):
    raise Http404


def answer_file(request, *args, **kwargs):
    raise Http404


def snapshot(request, *args, **kwargs):
    raise Http404


def compare(request, *args, **kwargs):
    raise Http404
