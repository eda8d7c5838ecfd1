#!/usr/bin/env python
"""The knowledge product page at a small and a large collection, in the same run.

Usage: .venv/bin/python bench/product_page.py [--sizes 10 50000] [--requests 40]
Each size runs on a fresh database (see bench/run.py; DATABASE_URL selects PostgreSQL) with
the demo content and ``size`` generated live products, each with two of the demo themes
(every fifth for members only). 50,000 pages through Wagtail's ``add_child`` would take an
hour, so the pages are written in bulk here: the tree paths, the page rows, the product
rows and their themes (nothing that the page reads is left out). The page of the newest
product is requested as a member; a trivial view (/health/) in the same process shows
how far the machine's speed moved during the run. The related products of that page are
also found directly both ways, the earlier query (count every product's shared themes) and
``sharing_themes``: the two must agree, and their times show what the change saves.
"""

import argparse
import datetime
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import clients, drop_database, fresh_database, measure, setup_django  # noqa: E402

PAGE = "/kennisbank/bench-product-0/"


def bulk_products(count: int) -> None:
    """``count`` live products under /kennisbank/, written in bulk (see the module's text)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import Page

    from bench.generate import _sentence
    from knowledge.models import KnowledgeIndexPage, KnowledgeProductPage, ProductType, Theme
    from knowledge.models.products import add_months

    rng = random.Random(count)  # noqa: S311 (benchmark data, not security)
    index = KnowledgeIndexPage.objects.get()
    last = index.get_last_child()
    first_step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    themes = list(Theme.objects.all())
    types = list(ProductType.values)
    content_type = ContentType.objects.get_for_model(KnowledgeProductPage)
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        for start in range(0, count, 2000):
            numbers = range(start, min(count, start + 2000))
            pages = []
            for i in numbers:
                title = f"{_sentence(rng, 5)[:-1]} {i}"
                published = now - datetime.timedelta(hours=i)
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=f"bench-product-{i}",
                        path=Page._get_path(index.path, index.depth + 1, first_step + i),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}bench-product-{i}/",
                        content_type=content_type,
                        locale_id=index.locale_id,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
            Page.objects.bulk_create(pages)
            products = [
                KnowledgeProductPage(
                    page_ptr_id=page.pk,
                    product_type=types[i % len(types)],
                    summary=_sentence(rng, 30),
                    body=[
                        {"type": "paragraph", "value": f"<p>{_sentence(rng, 80)}</p>"}
                        for _ in range(4)
                    ],
                    members_only=i % 5 == 0,
                    last_reviewed=today,
                    review_due=add_months(today, 12),
                )
                for i, page in zip(numbers, pages, strict=True)
            ]
            fields = KnowledgeProductPage._meta.local_concrete_fields
            KnowledgeProductPage.objects.all()._batched_insert(products, fields, batch_size=500)
            through = KnowledgeProductPage.themes.through
            through.objects.bulk_create(
                [
                    through(knowledgeproductpage_id=page.pk, theme_id=theme.pk)
                    for page in pages
                    for theme in rng.sample(themes, 2)
                ]
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)


def related_ways() -> dict:
    """The related products of the bench page as a member, found both ways: the earlier
    query (count every product's shared themes, then sort) and sharing_themes."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.test import RequestFactory

    from knowledge.models import KnowledgeProductPage
    from knowledge.models.products import sharing_themes
    from portal import visibility

    page = KnowledgeProductPage.objects.get(slug="bench-product-0")
    request = RequestFactory().get(PAGE)
    request.user = get_user_model().objects.get(email="lid@example.org")
    theme_ids = [theme.pk for theme in page.themes.all()]

    def visible():
        products = KnowledgeProductPage.objects.all()
        return visibility.visible_pages(products, request.user, request).exclude(pk=page.pk)

    def counting():
        shared = Count("themes", filter=Q(themes__in=theme_ids))
        found = visible().annotate(shared=shared).filter(shared__gt=0)
        return [p.pk for p in found.order_by("-shared", "-first_published_at", "-pk")[:4]]

    def combinations():
        return [p.pk for p in sharing_themes(visible(), theme_ids, 4)]

    assert counting() == combinations(), (counting(), combinations())
    return {"related: count every product": counting, "related: combinations": combinations}


def slowest_queries(client, size: int, shown: int = 8) -> None:
    """The slowest statements of one view of the page: where its time goes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        client.get(PAGE)
        elapsed = (time.perf_counter() - started) * 1000
    spent = sum(float(query["time"]) for query in context.captured_queries) * 1000
    print(f"{size} products: {elapsed:.1f} ms, {len(context)} queries, {spent:.1f} ms in SQL")
    slowest = sorted(context.captured_queries, key=lambda query: -float(query["time"]))
    for query in slowest[:shown]:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")


def timed_call(function, requests: int) -> tuple[float, float]:
    import statistics

    function()
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(round(0.95 * len(timings))) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50_000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--queries", action="store_true", help="print the slowest SQL of one page view per size"
    )
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    original_name = settings.DATABASES["default"]["NAME"]
    rows = []
    for size in args.sizes:
        fresh_database()
        try:
            call_command("load_demo", stdout=io.StringIO())
            started = time.perf_counter()
            bulk_products(size)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            built = time.perf_counter() - started
            by_role = clients()
            for label, path in (("product page", PAGE), ("health (trivial view)", "/health/")):
                median, p95, queries = measure(by_role["member"], path, args.requests)
                rows.append((label, size, median, p95, queries, built))
            if args.queries:
                slowest_queries(by_role["member"], size)
            for label, find in related_ways().items():
                median, p95 = timed_call(find, args.requests)
                rows.append((label, size, median, p95, 1, built))
        finally:
            drop_database(original_name)

    print(f"database: {connection.vendor}, {args.requests} requests per page after 5 warm-up")
    print()
    print("| page | products | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, size, median, p95, queries, _ in rows:
        print(f"| {label} | {size} | {median:.1f} | {p95:.1f} | {queries} |")
    print()
    for size in args.sizes:
        built = next(row[-1] for row in rows if row[1] == size)
        print(f"{size} products written in {built:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
