from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search published, public pages.

    This is the interim search on Wagtail's own index; the cross-content search
    with Dutch stemming and synonyms replaces it (issue: one search for everything).
    """
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().exclude(depth__lte=1).specific().search(query)
        paginator = Paginator(pages, PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return render(request, "search/search.html", {"query": query, "results": results})
