#!/usr/bin/env python
"""Same answers before and after a speed change: top 10 ids, totals and facets per query.

Usage: DATABASE_URL=postgres://... .venv/bin/python bench/search_check.py --keep NAME
NAME is a database kept by ``bench/search.py --keep NAME`` (PostgreSQL or a SQLite file).
Each query of bench/search.py's mix (and each with a theme filter and a kind filter) runs as
a visitor and as a member, once through the plain path and once through each speed-up that
can be switched off; every difference is printed and the exit status is 1 when there is one.
``--time N`` also times each query N times per variant, the variants taking turns request by
request (on a busy machine, runs one after the other are not comparable).
``--save FILE`` writes the answers as JSON and ``--compare FILE`` compares with such a file
(answers of an older commit).
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import setup_django  # noqa: E402


def answers(backend) -> dict:
    from bench.search import QUERIES
    from search import compounds, synonyms
    from search.backends.base import Filters
    from search.query import parse

    found = {}
    for queries in QUERIES.values():
        for raw in queries:
            parsed = parse(raw, synonyms.table(), compounds.split_for_query)
            for audiences in (["public"], ["public", "members"]):
                for filters in (Filters(), Filters(theme="werk"), Filters(kind="post")):
                    results = backend._search(parsed, audiences=audiences, filters=filters)
                    label = f"{raw} | {'+'.join(audiences)} | {filters.theme or filters.kind}"
                    found[label] = {
                        "ids": [hit.key for hit in results.hits],
                        "total": results.total,
                        "facets": {
                            name: [[value.value, value.count] for value in values]
                            for name, values in results.facets.items()
                        },
                    }
    return found


def differences(before: dict, after: dict, what: str) -> list[str]:
    found = []
    for label, answer in before.items():
        other = after.get(label)
        if other != answer:
            found.append(f"{what}: {label}: {answer} != {other}")
    return found


def alternating(backend, repeat: int) -> str:
    """Median and p95 ms per query kind of ``_search`` (audiences public and members), theme
    bits against theme rows taking turns request by request (PostgreSQL)."""
    import statistics
    import time

    from bench.search import QUERIES, p95
    from search import compounds, synonyms
    from search.backends.base import Filters
    from search.query import parse

    own = type(backend)._theme_bits
    variants = {"theme bits": own, "theme rows": lambda self: {}}
    if not backend._theme_bits():
        variants = {backend.name: own}  # SQLite: one way only
    times = {(name, kind): [] for name in variants for kind in QUERIES}
    for kind, queries in QUERIES.items():
        for raw in queries:
            parsed = parse(raw, synonyms.table(), compounds.split_for_query)
            for _ in range(repeat):
                for name, bits in variants.items():
                    type(backend)._theme_bits = bits
                    start = time.perf_counter()
                    backend._search(parsed, audiences=["public", "members"], filters=Filters())
                    times[name, kind].append((time.perf_counter() - start) * 1000)
    type(backend)._theme_bits = own
    lines = ["| variant | queries | median ms | p95 ms |", "|---|---|---:|---:|"]
    for name in variants:
        every = []
        for kind in QUERIES:
            values = times[name, kind]
            every += values
            lines.append(
                f"| {name} | {kind} | {statistics.median(values):.1f} | {p95(values):.1f} |"
            )
        lines.append(f"| {name} | all | {statistics.median(every):.1f} | {p95(every):.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="NAME", required=True)
    parser.add_argument("--save", metavar="FILE")
    parser.add_argument("--compare", metavar="FILE")
    parser.add_argument("--time", type=int, default=0, metavar="N")
    args = parser.parse_args()
    setup_django()

    from django.db import connection

    from bench.search import register
    from search.backends.database import database_backend

    connection.settings_dict["NAME"] = args.keep
    register()
    backend = database_backend()
    plain = answers(backend)
    problems = []
    if backend._theme_bits():
        own = type(backend)._theme_bits
        type(backend)._theme_bits = lambda self: {}
        try:
            problems += differences(answers(backend), plain, "theme rows vs theme bits")
        finally:
            type(backend)._theme_bits = own
    if backend.name == "postgresql":
        # Phrases narrowed by their word pairs (migration 0010) against the plain match.
        own_pairs = type(backend)._pairs
        type(backend)._pairs = lambda self, query: ""
        try:
            problems += differences(answers(backend), plain, "no word pairs vs word pairs")
        finally:
            type(backend)._pairs = own_pairs
    if args.save:
        Path(args.save).write_text(json.dumps(plain, indent=1, ensure_ascii=False))
    if args.compare:
        problems += differences(json.loads(Path(args.compare).read_text()), plain, "saved vs now")
    print("\n".join(problems) or f"{len(plain)} answers, no differences")
    if args.time:
        print(alternating(backend, args.time))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
