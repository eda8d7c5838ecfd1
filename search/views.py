import re

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail import hooks
from wagtail.models import Page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
# Wagtail's database backends parse quotes, operators and brackets; the interim
# search passes only words on, so no query can break it.
_NOT_A_WORD = re.compile(r"[^\w\s-]+", re.UNICODE)


def search(request):
    """Search published, public pages.

    This is the interim search on Wagtail's own index; the cross-content search
    with Dutch stemming and synonyms replaces it (issue: one search for everything).
    """
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    words = " ".join(_NOT_A_WORD.sub(" ", query).split())
    results = None
    if words:
        pages = Page.objects.live().public().exclude(depth__lte=1)
        if not request.user.is_authenticated:
            # Members-only pages must not be found through words visitors cannot read.
            # Apps announce theirs through this hook, so search imports no app.
            for members_only_pages in hooks.get_hooks("members_only_pages"):
                pages = pages.exclude(pk__in=members_only_pages())
        pages = pages.specific().search(words)
        results = Paginator(pages, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "search/search.html", {"query": query, "results": results})
