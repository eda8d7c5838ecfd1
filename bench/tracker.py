#!/usr/bin/env python
"""The bottleneck tracker at scale: the triage list, the bottleneck page and a merge.

Usage: .venv/bin/python bench/tracker.py [--sizes 1000 50000] [--requests 60]
Each size (number of bottlenecks) runs on a fresh database (see bench/run.py; DATABASE_URL
selects PostgreSQL). Measured, through Django's test client (server time, no network):

- the triage list as SAM staff with three filters (status, region, kind) and a sort (most
  confirmations), page 1 and page 3, target p95 <= 150 ms at 50,000;
- a bottleneck page with 500 confirmations and a 50-step timeline, as a member, target
  p95 <= 50 ms;
- merging two bottlenecks with 1,000 confirmations each, target <= 1 s.
Query counts must not grow with the size.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.forum import timed_get  # noqa: E402

TARGETS = {"triage": 150.0, "triage, page 3": 150.0, "bottleneck page": 50.0}
MERGE_TARGET_S = 1.0
TRIAGE = (
    "/knelpunten/triage/?status=in-behandeling&regio=limburg&soort=regelgeving"
    "&sorteer=bevestigingen"
)


def _users(prefix: str, count: int) -> list:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.bulk_create(
        [
            User(username=f"{prefix}{i}", email=f"{prefix}{i}@bench.example.org", region="limburg")
            for i in range(count)
        ],
        batch_size=1000,
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("pk"))


def populate(size: int) -> dict:
    from django.utils import timezone

    from knowledge.models import Theme
    from tests.accounts.factories import MemberFactory, StaffFactory
    from tracker.models import (
        Body,
        Bottleneck,
        Confirmation,
        Frequency,
        Kind,
        Level,
        OrganisationType,
        Region,
        Status,
        StatusChange,
    )

    rng = random.Random(size)  # noqa: S311
    now = timezone.now()
    themes = [
        Theme.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
        for slug in ("werk", "zorg", "inkomen", "mobiliteit", "kinderopvang")
    ]
    bodies = [Body.objects.create(name=f"Instantie {i}", level="vlaams") for i in range(12)]
    reporter = MemberFactory()
    member = MemberFactory()
    staff = StaffFactory()
    batch = []
    for i in range(size):
        status = rng.choice(Status.values)
        batch.append(
            Bottleneck(
                title=f"Knelpunt {i} over werk en zorg",
                slug=f"knelpunt-{i}-over-werk-en-zorg",
                situation="Een deelnemer loopt vast tussen twee regels. " * 3,
                kind=rng.choice(Kind.values),
                level=rng.choice(Level.values),
                body=rng.choice(bodies),
                region=rng.choice(Region.values),
                frequency=rng.choice(Frequency.values),
                reporter=reporter,
                status=status,
                accepted_at=None if status == Status.REPORTED else now,
                created_at=now - datetime.timedelta(minutes=i),
                confirmation_count=rng.randint(0, 60),
                follower_count=rng.randint(0, 40),
            )
        )
    Bottleneck.objects.bulk_create(batch, batch_size=2000)
    Through = Bottleneck.themes.through
    ids = list(Bottleneck.objects.values_list("pk", flat=True))
    Through.objects.bulk_create(
        [Through(bottleneck_id=pk, theme_id=rng.choice(themes).pk) for pk in ids], batch_size=5000
    )

    def confirmations(bottleneck, people):
        Confirmation.objects.bulk_create(
            [
                Confirmation(
                    bottleneck=bottleneck,
                    member=person,
                    participants=rng.randint(1, 12),
                    region=rng.choice(Region.values),
                    seen_on=now.date() - datetime.timedelta(days=rng.randint(1, 300)),
                    organisation_type=rng.choice(OrganisationType.values),
                    example="Een kort voorbeeld uit de praktijk." if rng.random() < 0.3 else "",
                )
                for person in people
            ],
            batch_size=1000,
        )
        from tracker import actions

        actions.recount([bottleneck.pk])

    page = Bottleneck.objects.create(
        title="Het grote knelpunt",
        situation="Veel collega's zien dit.",
        kind="regelgeving",
        level="federaal",
        region="limburg",
        frequency="wekelijks",
        reporter=reporter,
        status="in-behandeling",
        accepted_at=now,
    )
    confirmations(page, _users("bevestiger", 500))
    statuses = ["in-behandeling", "gebundeld"]
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                bottleneck=page,
                from_status=statuses[(step + 1) % 2],
                to_status=statuses[step % 2],
                by=staff,
                at=now - datetime.timedelta(days=50 - step),
                reason=f"Stap {step} in de behandeling.",
            )
            for step in range(50)
        ]
    )
    people = _users("samen", 2000)
    source = Bottleneck.objects.create(
        title="Dubbel",
        situation="x",
        kind="werking",
        level="lokaal",
        region="brussel",
        frequency="soms",
        reporter=reporter,
        status="in-behandeling",
        accepted_at=now,
    )
    target = Bottleneck.objects.create(
        title="Origineel",
        situation="x",
        kind="werking",
        level="lokaal",
        region="brussel",
        frequency="soms",
        reporter=reporter,
        status="in-behandeling",
        accepted_at=now,
    )
    confirmations(source, people[:1000])
    confirmations(target, people[1000:])
    from django.db import connection

    if connection.vendor == "postgresql":
        # After a bulk load the planner's statistics are empty until autovacuum runs.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"member": member, "staff": staff, "page": page, "source": source, "target": target}


def measure(size: int, requests: int) -> list[dict]:
    from django.test import Client

    from tracker import actions

    made = populate(size)
    rows = []
    staff = Client()
    staff.force_login(made["staff"])
    rows.append(timed_get(staff, "triage", TRIAGE, requests, size=size))
    rows.append(timed_get(staff, "triage, page 3", TRIAGE + "&pagina=3", requests, size=size))
    member = Client()
    member.force_login(made["member"])
    rows.append(
        timed_get(member, "bottleneck page", made["page"].get_absolute_url(), requests, size=size)
    )
    started = time.perf_counter()
    actions.merge(made["source"], made["target"], made["staff"], "Bench.")
    seconds = time.perf_counter() - started
    made["target"].refresh_from_db()
    assert made["target"].confirmation_count == 2000
    rows.append({"page": "merge 1,000 + 1,000", "size": size, "seconds": seconds})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 50_000])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    from bench.run import drop_database, fresh_database, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection

    original_name = settings.DATABASES["default"]["NAME"]
    rows = []
    for size in args.sizes:
        fresh_database()
        try:
            print(f"{size} bottlenecks ...", flush=True)
            rows += measure(size, args.requests)
        finally:
            drop_database(original_name)
    print()
    print(f"database: {connection.vendor}; {args.requests} timed requests per row after 5 warm-up")
    print(f"load average (1, 5, 15 min): {os.getloadavg()}")
    print()
    heading = ("what", "bottlenecks", "median ms", "p95 ms", "CPU p95", "queries")
    print("| {:<20} | {:>11} | {:>9} | {:>7} | {:>7} | {:>7} |".format(*heading))
    print(f"|{'-' * 22}|{'-' * 13}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for row in rows:
        if "seconds" in row:
            milliseconds = row["seconds"] * 1000
            cells = (row["page"], row["size"], f"{milliseconds:.1f}", "", "", "")
            print("| {:<20} | {:>11} | {:>9} | {:>7} | {:>7} | {:>7} |".format(*cells))
        else:
            print(
                f"| {row['page']:<20} | {row['size']:>11} | {row['median_ms']:>9.1f} | "
                f"{row['p95_ms']:>7.1f} | {row['cpu_p95_ms']:>7.1f} | {row['queries']:>7} |"
            )
    failures = []
    largest = max(args.sizes)
    by_page = {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row)
        target = TARGETS.get(row["page"])
        if target and row["size"] == largest and row["p95_ms"] > target:
            failures.append(f"{row['page']}: p95 {row['p95_ms']:.1f} ms > {target:.0f} ms")
        if "seconds" in row and row["seconds"] > MERGE_TARGET_S:
            failures.append(f"merge: {row['seconds']:.2f} s > {MERGE_TARGET_S:.0f} s")
    for page, page_rows in by_page.items():
        counts = {row.get("queries") for row in page_rows}
        if len(counts) > 1:
            failures.append(f"{page}: query count changes with the size: {sorted(counts)}")
    print()
    print("\n".join(failures) if failures else "all targets met, query counts constant")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
