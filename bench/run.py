#!/usr/bin/env python
"""Server-side timings and SQL query counts per page, at a small and a large data size.

Usage: .venv/bin/python bench/run.py [--sizes 10 1000] [--requests 60]
Each size runs on a freshly created and migrated database: a temporary SQLite file,
or, when DATABASE_URL is set, a "bench_<name>" database on that server (created and
dropped again, as the test runner does).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [
    ("home, visitor", "/", None),
    ("home, member", "/", "member"),
    ("home, SAM staff", "/", "staff"),
    ("forum index, member", "/forum/", "member"),
    ("knowledge index", "/kennisbank/", None),
    ("knowledge, filtered", "/kennisbank/?thema=werk&sorteer=az&pagina=2", "member"),
    ("knowledge product", "/kennisbank/bench-product-0/", "member"),
    ("learning activities", "/leeractiviteiten/", "member"),
    ("activity page", "/leeractiviteiten/bench-activity-0/", "member"),
    ("podcast overview", "/podcast/", None),
    ("podcast show", "/podcast/sterk-werk/?pagina=2", None),
    ("podcast episode", "/podcast/sterk-werk/bench-episode-0/", None),
    ("podcast feed", "/podcast/sterk-werk/feed/", None),
    ("search", "/zoeken/?q=werk", None),
    ("health", "/health/", None),
    ("admin: registrations", "/admin/registraties/", "staff"),
]


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in the quick start; an in-memory database would flatter the figures.
        folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        database["TEST"] = {"NAME": str(folder / "bench.sqlite3")}
    else:
        # Never the test suite's test_<name>: the suite may be using it right now.
        database["TEST"] = {"NAME": f"bench_{database['NAME']}"}
    django.setup()


def fresh_database() -> str:
    from django.db import connection

    return connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


def drop_database(old_name: str) -> None:
    from django.db import connection

    connection.creation.destroy_test_db(old_name, verbosity=0)


def each_size(sizes, measure, describe) -> list[dict]:
    """``measure(size)`` on a fresh database per size (dropped afterwards); the rows of all.
    ``describe(size)`` says what is being built."""
    from django.conf import settings

    original_name = settings.DATABASES["default"]["NAME"]
    rows = []
    for size in sizes:
        fresh_database()
        try:
            print(f"{describe(size)} ...", flush=True)
            started = time.perf_counter()
            rows += measure(size)
            print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
        finally:
            drop_database(original_name)
    return rows


def report(rows: list[dict], targets: dict[str, float], largest: int, width: int = 24) -> int:
    """Print the rows (from ``bench.forum.summary``) as a table, then check each page's p95
    at the largest size against ``targets`` and that its query count does not grow; 1 when
    something fails."""
    heading = ("what", "size", "median ms", "p95 ms", "CPU p95", "queries")
    print(f"| {{:<{width}}} | {{:>11}} | {{:>9}} | {{:>7}} | {{:>7}} | {{:>7}} |".format(*heading))
    print(f"|{'-' * (width + 2)}|{'-' * 13}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for row in rows:
        print(
            f"| {row['page']:<{width}} | {row['size']:>11} | {row['median_ms']:>9.1f} | "
            f"{row['p95_ms']:>7.1f} | {row['cpu_p95_ms']:>7.1f} | {row['queries']:>7} |"
        )
    failures, by_page = [], {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row)
        target = targets.get(row["page"])
        if target and row["size"] == largest and row["p95_ms"] > target:
            failures.append(f"{row['page']}: p95 {row['p95_ms']:.1f} ms > {target:.0f} ms")
    for page, page_rows in by_page.items():
        counts = {row["queries"] for row in page_rows}
        if len(counts) > 1:
            failures.append(f"{page}: query count changes with the size: {sorted(counts)}")
    print()
    print("\n".join(failures) if failures else "all targets met, query counts constant")
    return 1 if failures else 0


def measure(client, path: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    # Read now: the next request's request_started signal empties the query log.
    query_count = len(queries.captured_queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95, query_count


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    result = {None: Client()}
    for key, email in (("member", "lid@example.org"), ("staff", "sam@example.org")):
        client = Client()
        client.force_login(User.objects.get(email=email))
        result[key] = client
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    setup_django()

    import io

    from django.core.management import call_command
    from django.db import connection

    from bench.generate import populate

    rows, notes = [], []
    from django.conf import settings

    original_name = settings.DATABASES["default"]["NAME"]
    for size in args.sizes:
        fresh_database()
        try:
            call_command("load_demo", stdout=io.StringIO())
            notes = populate(size)
            by_role = clients()
            for label, path, role in PAGES:
                median, p95, queries = measure(by_role[role], path, args.requests)
                rows.append((label, size, median, p95, queries))
        finally:
            drop_database(original_name)

    print(f"database: {connection.vendor}, {args.requests} requests per page after 5 warm-up")
    print()
    print(f"| {'page':<22} | {'items':>6} | {'median ms':>9} | {'p95 ms':>7} | {'queries':>7} |")
    print(f"|{'-' * 24}|{'-' * 7}:|{'-' * 10}:|{'-' * 8}:|{'-' * 8}:|")
    for label, size, median, p95, queries in rows:
        print(f"| {label:<22} | {size:>6} | {median:>9.1f} | {p95:>7.1f} | {queries:>7} |")
    for note in notes:
        print(f"note: {note}")

    failures = []
    for label, *_ in PAGES:
        counts = {queries for row_label, _, _, _, queries in rows if row_label == label}
        if len(counts) > 1:
            failures.append(f"{label}: query count grows with the data ({sorted(counts)})")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
