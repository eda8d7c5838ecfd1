"""SAM staff's report of queries that found nothing or little, with "add as synonym"."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import access

from . import engines, query, querylog, registry, synonyms
from .models import SynonymGroup


def _staff_only(request) -> None:
    if not access.is_staff(request.user):
        raise PermissionDenied


class AddSynonymForm(forms.Form):
    query = forms.CharField(max_length=200, widget=forms.HiddenInput)
    term = forms.CharField(
        label=gettext_lazy("Means the same as"),
        max_length=200,
        help_text=gettext_lazy("A term that finds what this query was looking for."),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_term(self):
        term = self.cleaned_data["term"].strip()
        parsed = query.parse(term, synonyms.table())
        if parsed.is_empty:
            raise forms.ValidationError(_("Give a term that finds something."))
        backend = engines.database_backend()
        if not backend.exists(parsed, audiences=registry.audiences_for(self.user)):
            raise forms.ValidationError(_("This term finds nothing either: choose another."))
        return term


def _group_of(term: str):
    """The existing synonym group that holds ``term`` (compared as the search reads it)."""
    wanted = querylog.normalise(term)
    for group in SynonymGroup.objects.all():
        if wanted in {querylog.normalise(t) for t in group.term_list()}:
            return group
    return None


def poor_queries(request):
    _staff_only(request)
    rows = querylog.poor_queries()
    return render(
        request,
        "search/admin/poor_queries.html",
        {
            "rows": rows,
            "form": AddSynonymForm(user=request.user),
            "few_hits": querylog.FEW_HITS,
            "retention_days": querylog.RETENTION_DAYS,
        },
    )


@require_POST
def add_synonym(request):
    _staff_only(request)
    form = AddSynonymForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("search_admin:poor_queries")
    typed, term = form.cleaned_data["query"], form.cleaned_data["term"]
    group = _group_of(term)
    if group is None:
        SynonymGroup.objects.create(
            terms=f"{term}, {typed}", note=_("Added from the report of queries without results")
        )
    elif querylog.normalise(typed) not in {querylog.normalise(t) for t in group.term_list()}:
        group.terms = f"{group.terms}, {typed}"
        group.save()
    querylog.forget(typed)
    messages.success(
        request, _("“%(query)s” now finds what “%(term)s” finds.") % {"query": typed, "term": term}
    )
    return redirect("search_admin:poor_queries")
