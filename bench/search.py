#!/usr/bin/env python
"""Search at scale: indexing throughput, rebuild memory, search and autocomplete latency.

Usage: .venv/bin/python bench/search.py [--sizes 10000 100000] [--requests 40]
Each size runs on a fresh database (see bench/run.py; DATABASE_URL selects PostgreSQL).
Documents are generated Dutch-like text (bench/dutch.py) behind a bench-only adapter, and
indexed through the real rebuild (manage.py rebuild_search_index's code path).
Searches go through the real page /zoeken/ (highlighting and facets included).

--keep NAME keeps the database (PostgreSQL: a database called NAME; SQLite: a file NAME) and
reuses it on the next run when it already holds the documents: population at 100,000 takes
minutes. --rebuild indexes a kept database again (after a change to how documents are
stored). A kept database is indexed once, without the second rebuild under tracemalloc.
The result cache (search.cache) is forgotten before every timed request: the figures are
those of a search computed anew.
"""

import argparse
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import drop_database, fresh_database, setup_django  # noqa: E402

QUERIES = {
    "rare": ["psychiater", "kinderopvang", "rijbewijs", "bipolaire", "beroepsgeheim"],
    "common": ["werk", "traject", "begeleiding", "casemanager", "zorg"],
    "multi-word": [
        "leefloon werk",
        "psychische kwetsbaarheid werkgever",
        "art 60 leefloner psychische problemen",
        '"sociaal huis"',
        "ervaringsdeskundigen -podcast",
    ],
}
PREFIXES = ["ar", "wer", "begel", "psych", "leeflo", "ervarings", "kin", "tra"]


def _memory_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def register() -> None:
    from django.contrib.auth.models import Group

    from bench.dutch import document_for
    from search import registry

    registry.register(
        Group,
        label="bench.group",
        documents=lambda group: [document_for(group.pk)],
        queryset=lambda: Group.objects.filter(name__startswith="bench-").order_by("pk"),
        kinds={"product": "Kennisproduct", "post": "Forumbericht", "transcript": "Podcast"},
    )


def populate(size: int, *, reuse: bool = False, rebuild: bool = False) -> dict:
    """Groups as the things to find: a real model, so rebuild runs its real path."""
    from django.contrib.auth.models import Group

    from search import indexing

    register()
    if reuse and Group.objects.filter(name__startswith="bench-").count() == size:
        if rebuild:
            indexing.rebuild(stdout=io.StringIO())
        return {}
    Group.objects.filter(name__startswith="bench-").delete()
    Group.objects.bulk_create(
        [Group(name=f"bench-{number}") for number in range(size)], batch_size=5000
    )
    out = io.StringIO()
    peak_known = _reset_peak()
    before = _memory_kib("VmRSS")
    started = time.perf_counter()
    indexed = indexing.rebuild(stdout=out)
    elapsed = time.perf_counter() - started
    peak = _memory_kib("VmHWM") if peak_known else 0
    # Once more under tracemalloc: the peak of Python's own allocations during a rebuild
    # (not for a kept database: the figures of a first population are about its speed).
    traced_peak = float("nan")
    if not reuse:
        tracemalloc.start()
        indexing.rebuild(stdout=out)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "traced_peak_mib": traced_peak / 2**20,
        "documents": indexed,
        "seconds": elapsed,
        "per_second": indexed / elapsed,
        "rss_before_mib": before / 1024,
        "peak_growth_mib": (peak - before) / 1024 if peak_known else float("nan"),
    }


def timed(client, path: str, params: dict, repeat: int) -> list[float]:
    from search import cache

    client.get(path, params)  # warm-up
    timings = []
    for _ in range(repeat):
        cache.forget()  # every timed search is computed anew, not read from the result cache
        start = time.perf_counter()
        response = client.get(path, params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, params, response.status_code)
    return timings


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def explain(word: str) -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT d.id FROM search_pg_vector d WHERE d.search_vector @@ "
            "phraseto_tsquery('public.portal_dutch', %s) AND d.audience = ANY(%s)",
            [word, ["public", "members"]],
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", metavar="NAME", help="keep and reuse this database (one size)")
    parser.add_argument("--rebuild", action="store_true", help="index a kept database again")
    parser.add_argument(
        "--theme-rows",
        action="store_true",
        help="theme facet from the theme rows (the earlier join), not the vector rows' bits",
    )
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    original_name = settings.DATABASES["default"]["NAME"]
    if args.theme_rows:
        from search.backends.database import PostgresBackend

        PostgresBackend._theme_bits = lambda self: {}
    rows = []
    if args.keep and len(args.sizes) != 1:
        parser.error("--keep takes one size")
    if args.keep:
        connection.settings_dict["TEST"]["NAME"] = args.keep
    for size in args.sizes:
        if args.keep:
            connection.creation.create_test_db(verbosity=0, serialize=False, keepdb=True)
        else:
            fresh_database()
        try:
            indexing = populate(size, reuse=bool(args.keep), rebuild=args.rebuild)
            if not indexing:
                from django.db import connection as db

                if db.vendor == "postgresql":
                    with db.cursor() as cursor:
                        cursor.execute("ANALYZE")
            member = Client()
            user, _ = get_user_model().objects.get_or_create(
                username="bench", defaults={"email": "bench@x.be"}
            )
            member.force_login(user)
            visitor = Client()
            search_times = {kind: [] for kind in QUERIES}
            for kind, queries in QUERIES.items():
                for query in queries:
                    for client in (visitor, member):
                        search_times[kind] += timed(client, "/zoeken/", {"q": query}, args.requests)
            completion = []
            for prefix in PREFIXES:
                completion += timed(
                    member, "/api/v1/search/autocomplete/", {"q": prefix}, args.requests
                )
            everything = [t for times in search_times.values() for t in times]
            rows.append((size, indexing, search_times, everything, completion))
            plans = {word: explain(word) for word in ("werk", "rijbewijs")}
        finally:
            if not args.keep:
                drop_database(original_name)

    print(f"database: {connection.vendor}; {args.requests} requests per query and role")
    print()
    print("| documents | indexed/s | rebuild s | RSS peak growth MiB | Python peak MiB |")
    print("|---:|---:|---:|---:|---:|")
    for size, indexing, *_ in rows:
        if not indexing:
            print(f"| {size} | (reused) | | | |")
            continue
        print(
            f"| {size} | {indexing['per_second']:.0f} | {indexing['seconds']:.1f} | "
            f"{indexing['peak_growth_mib']:.1f} | {indexing['traced_peak_mib']:.1f} |"
        )
    print()
    print("| documents | queries | median ms | p95 ms |")
    print("|---:|---|---:|---:|")
    for size, _, search_times, everything, completion in rows:
        measured = [(f"search, {kind}", times) for kind, times in search_times.items()]
        measured += [("search, all", everything), ("autocomplete", completion)]
        for label, times in measured:
            print(f"| {size} | {label} | {statistics.median(times):.1f} | {p95(times):.1f} |")
    for word, plan in plans.items():
        if plan:
            print()
            print(f"PostgreSQL plan for '{word}' at the largest size:")
            print(plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
