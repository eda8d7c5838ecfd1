"""The search page (/zoeken/) and the same search as JSON (/api/v1/search/)."""

import math
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from . import engines, querylog, registry
from .backends.base import PERIODS, Filters
from .query import clean

PAGE_SIZE = 10
# Beyond this page nobody reads on; it also keeps deep offsets from costing much.
MAX_PAGE = 50
EXAMPLES = ["artikel 60", "leefloon en werk", "ervaringsdeskundigen", "werk-zorgtraject"]
PARAMETERS = {"kind": "soort", "theme": "thema", "period": "periode", "parent": "binnen"}
# ?letterlijk=1: search what was typed, without correcting it.
LITERAL = "letterlijk"


def _parameter(request, name: str) -> str:
    """A GET parameter without control characters: a NUL would reach PostgreSQL and fail there."""
    return clean(request.GET.get(name, ""))


def _filters(request) -> Filters:
    period = _parameter(request, "periode")
    kind = _parameter(request, "soort")
    parent = _parameter(request, "binnen")[:1000]
    return Filters(
        kind=kind if kind in registry.kinds() else "",
        theme=_parameter(request, "thema")[:100],
        period=period if period in PERIODS else "",
        # One parent's address (a site path): its fragments, ungrouped.
        parent=parent if parent.startswith("/") else "",
    )


def _page_number(request) -> int:
    try:
        return min(max(int(_parameter(request, "pagina") or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def _link(query: str, filters: Filters, **changes) -> str:
    """A search URL with this query and filters, some of them changed."""
    values = {"q": query}
    for name, parameter in PARAMETERS.items():
        values[parameter] = changes.get(name, getattr(filters, name))
    if "page" in changes:
        values["pagina"] = changes["page"]
    if changes.get("literal"):
        values[LITERAL] = "1"
    return "?" + urlencode({key: value for key, value in values.items() if value})


def run_search(request) -> dict:
    """Everything the page and the API show, computed once."""
    raw = _parameter(request, "q")
    filters = _filters(request)
    page = _page_number(request)
    if not raw:
        return {"query": "", "filters": filters, "results": None}
    literal = _parameter(request, LITERAL) == "1"
    parsed, results = engines.run(
        engines.Search(raw=raw, filters=filters, page=page, page_size=PAGE_SIZE, literal=literal),
        request.user,
    )
    if page == 1 and not parsed.is_empty:
        # What the typed query found: nothing, when these are its correction's results.
        querylog.record(parsed.raw, 0 if results.corrected else results.total)
    # Fragments grouped under their parents make fewer rows than matches: the count is of
    # what is shown (the groups) when the ranked window held every match; else the number
    # of matching documents, which is at least as many, said as an estimate.
    rows = results.total if results.groups_total is None else results.groups_total
    exact = results.groups_total is not None or bool(filters.parent) or not results.total
    # Very many matches: the count itself is an estimate from a sample (see the backends).
    exact = exact and not results.approximate
    pages = min(MAX_PAGE, max(1, math.ceil(rows / PAGE_SIZE)))
    return {
        "query": parsed.raw,
        "filters": filters,
        "results": results,
        "result_count": rows,
        "result_count_exact": exact,
        # The query the results are for: its correction, when it was corrected.
        "results_query": results.corrected or parsed.raw,
        "page": page,
        "pages": pages,
        "too_general": parsed.is_empty,
        "literal": literal,
    }


def _facet_groups(context) -> list[dict]:
    results, filters, query = context["results"], context["filters"], context["query"]
    titles = {"kind": _("Kind"), "theme": _("Theme"), "period": _("Date")}
    groups = []
    for name, title in titles.items():
        values = results.facets.get(name) or []
        active = getattr(filters, name)
        if not values and not active:
            continue
        groups.append(
            {
                "name": name,
                "title": title,
                "clear_url": _link(query, filters, **{name: ""}) if active else "",
                "values": [
                    {
                        "label": value.label,
                        "count": value.count,
                        "active": value.value == active,
                        "url": _link(query, filters, **{name: value.value}),
                    }
                    for value in values
                ],
            }
        )
    return groups


def _fragments_label(hit) -> str:
    """ "3 passages in this episode": how many of a parent's fragments the search found."""
    count = hit.fragment_count
    kinds = {hit.kind, *(fragment.kind for fragment in hit.fragments)}
    if "transcript" in kinds:
        return ngettext(
            "%(count)s passage in this episode", "%(count)s passages in this episode", count
        ) % {"count": count}
    if "forum_post" in kinds:
        return ngettext("%(count)s post in this topic", "%(count)s posts in this topic", count) % {
            "count": count
        }
    return ngettext("%(count)s part of this page", "%(count)s parts of this page", count) % {
        "count": count
    }


def _hit_dict(hit, query: str = "", filters: Filters | None = None, base: str = "") -> dict:
    grouped = {}
    # A fragment shown without its parent counts itself among the fragments shown.
    shown = len(hit.fragments) + (1 if hit.anchor_label else 0)
    if hit.fragment_count > (1 if hit.anchor_label else 0):
        grouped = {
            "fragments": [_hit_dict(fragment) for fragment in hit.fragments],
            "fragment_count": hit.fragment_count,
            # More matching fragments than shown: only then the link to all of them.
            "fragments_more": hit.fragment_count > shown,
            "fragments_label": _fragments_label(hit),
            # Every matching fragment of this parent: the search filtered to it.
            "fragments_url": base + _link(query, filters or Filters(), parent=hit.group),
        }
    return {
        "kind": hit.kind,
        "kind_label": registry.kind_label(hit.kind),
        "title": hit.title,
        "snippet": hit.snippet,
        "url": hit.url,
        "date": hit.date.replace(microsecond=0).isoformat() if hit.date else None,
        "themes": [{"slug": slug, "label": label} for slug, label in hit.themes],
        "parent_title": hit.parent_title,
        "anchor_label": hit.anchor_label,
        **grouped,
    }


def _date_display(value) -> str:
    return date_format(localtime(value), "j F Y") if value else ""


@require_GET
def search(request):
    context = run_search(request)
    if context["results"] is not None:
        query, filters, page = context["query"], context["filters"], context["page"]
        hits = [
            {**_hit_dict(hit, query, filters), "date_display": _date_display(hit.date)}
            for hit in context["results"].hits
        ]
        looser_from = context["results"].looser_from
        if looser_from is not None:
            hits, context["looser_hits"] = hits[:looser_from], hits[looser_from:]
        context["hits"] = hits
        context["start_index"] = (page - 1) * PAGE_SIZE + 1
        context["facet_groups"] = _facet_groups(context)
        context["facets_approximate"] = context["results"].approximate
        context["any_filter"] = any(getattr(filters, name) for name in PARAMETERS)
        context["clear_filters_url"] = _link(query, Filters())
        context["all_results_url"] = _link(query, filters, parent="")
        if context["results"].suggestion:
            context["suggestion_url"] = _link(context["results"].suggestion, filters)
        if context["results"].corrected:
            context["literal_url"] = _link(query, filters, literal=True)
        literal = context["literal"]
        context["previous_url"] = (
            _link(query, filters, page=page - 1, literal=literal) if page > 1 else ""
        )
        context["next_url"] = (
            _link(query, filters, page=page + 1, literal=literal) if page < context["pages"] else ""
        )
    else:
        context["examples"] = EXAMPLES
    return render(request, "search/search.html", context)


@require_GET
def search_api(request):
    context = run_search(request)
    results = context["results"]
    if results is None:
        return JsonResponse({"error": _("Give a search term in the parameter q.")}, status=400)
    return JsonResponse(
        {
            "query": context["query"],
            # Results as shown: a parent with its fragments counts once (see run_search).
            "total": context["result_count"],
            "total_exact": context["result_count_exact"],
            # Matching documents, each fragment counted apart.
            "documents": results.total,
            # The documents and the facets' counts are rounded estimates (very many matches).
            "counts_approximate": results.approximate,
            "page": context["page"],
            "pages": context["pages"],
            "hits": [
                _hit_dict(hit, context["query"], context["filters"], reverse("search_api"))
                for hit in results.hits
            ],
            # Hits from this position on hold only some of the words (few hold them all).
            "looser_from": results.looser_from,
            "facets": {
                name: [
                    {"value": value.value, "label": value.label, "count": value.count}
                    for value in values
                ]
                for name, values in results.facets.items()
            },
            "suggestion": results.suggestion,
            # Nothing found for the query, so these are the hits of its correction.
            "corrected_query": results.corrected or None,
            "literal_url": (
                reverse("search_api") + _link(context["query"], context["filters"], literal=True)
                if results.corrected
                else None
            ),
            "degraded": results.degraded,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _completion_label(completion) -> str:
    # A title says what it is; a bare word is a term to search for.
    return registry.kind_label(completion.kind) if completion.kind else _("Search term")


@require_GET
def autocomplete_api(request):
    completions = engines.autocomplete(_parameter(request, "q"), request.user)
    return JsonResponse(
        {
            "suggestions": [
                {
                    "label": completion.label,
                    "url": completion.url,
                    "kind": completion.kind,
                    "kind_label": _completion_label(completion),
                }
                for completion in completions
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
