#!/usr/bin/env python
"""The tracker's JSON API at scale: one page of the bottleneck list for a policy worker.

Usage: .venv/bin/python bench/api.py [--sizes 5000 50000] [--requests 60]
Each size (number of bottlenecks) runs on a fresh database (see bench/run.py; DATABASE_URL
selects PostgreSQL). Measured through Django's test client with an API key in the
Authorization header (server time, no network):

- /api/v1/knelpunten/: the first page (50), page 100, a filtered page (status, region,
  sorted by confirmations) and page 50 sorted oldest first, target p95 <= 100 ms at
  50,000; a page of 200 (the most per page) is reported without a target;
- one bottleneck with its examples, and the dossier list.
Query counts must not grow with the size. The database is analysed after the bulk load
(planner statistics), unless --no-analyze.
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

from bench.forum import summary  # noqa: E402

TARGET_MS = 100.0
PAGES = [
    ("list, page 1", "/api/v1/knelpunten/"),
    ("list, page 100", "/api/v1/knelpunten/?pagina=100"),
    ("list, 200 a page", "/api/v1/knelpunten/?per_pagina=200&pagina=3"),
    (
        "list, filtered",
        "/api/v1/knelpunten/?status=in-behandeling&regio=limburg&sorteer=bevestigingen",
    ),
    ("list, oldest, page 50", "/api/v1/knelpunten/?sorteer=oudste&pagina=50"),
    ("dossier list", "/api/v1/dossiers/"),
]
# The target is for a page of the default size (50); 200 a page is reported, not judged.
TARGETS = {
    label: TARGET_MS for label, _path in PAGES if label.startswith("list") and "200" not in label
}


def populate(size: int, analyze: bool = True) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from knowledge.models import Theme
    from tests.accounts.factories import MemberFactory, PolicyWorkerFactory, StaffFactory
    from tracker import api
    from tracker.models import (
        Addressee,
        Body,
        Bottleneck,
        Confirmation,
        Dossier,
        DossierItem,
        Frequency,
        Kind,
        Level,
        OrganisationType,
        Region,
        Status,
        Tag,
    )

    rng = random.Random(size)  # noqa: S311
    now = timezone.now()
    themes = [
        Theme.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
        for slug in ("werk", "zorg", "inkomen", "mobiliteit", "kinderopvang")
    ]
    tags = [Tag.objects.create(name=f"Label {i}", slug=f"label-{i}") for i in range(5)]
    bodies = [Body.objects.create(name=f"Instantie {i}", level="vlaams") for i in range(12)]
    reporter = MemberFactory()
    staff = StaffFactory()
    policy_worker = PolicyWorkerFactory()
    batch = []
    for i in range(size):
        status = rng.choice(Status.values)
        batch.append(
            Bottleneck(
                title=f"Knelpunt {i} over werk en zorg",
                slug=f"knelpunt-{i}-over-werk-en-zorg",
                situation="Een deelnemer loopt vast tussen twee regels. " * 3,
                rule="Artikel 12 van het besluit.",
                kind=rng.choice(Kind.values),
                level=rng.choice(Level.values),
                body=rng.choice(bodies),
                region=rng.choice(Region.values),
                frequency=rng.choice(Frequency.values),
                reporter=reporter,
                status=status,
                accepted_at=None if status == Status.REPORTED else now,
                created_at=now - datetime.timedelta(minutes=i),
                status_changed_at=now - datetime.timedelta(minutes=rng.randint(0, 100_000)),
                confirmation_count=rng.randint(0, 60),
                follower_count=rng.randint(0, 40),
            )
        )
    Bottleneck.objects.bulk_create(batch, batch_size=2000)
    ids = list(Bottleneck.objects.values_list("pk", flat=True))
    Themes = Bottleneck.themes.through
    Themes.objects.bulk_create(
        [Themes(bottleneck_id=pk, theme_id=rng.choice(themes).pk) for pk in ids], batch_size=5000
    )
    Tags = Bottleneck.tags.through
    Tags.objects.bulk_create(
        [Tags(bottleneck_id=pk, tag_id=rng.choice(tags).pk) for pk in ids[::3]], batch_size=5000
    )
    # A few confirmations on every 10th bottleneck (the newest among them): 10 confirmers.
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(username=f"bevestiger{i}", email=f"bevestiger{i}@bench.example.org")
            for i in range(10)
        ]
    )
    people = list(User.objects.filter(username__startswith="bevestiger"))
    confirmations = []
    for pk in ids[-min(size, 20_000) :: 10]:
        for person in rng.sample(people, 3):
            confirmations.append(
                Confirmation(
                    bottleneck_id=pk,
                    member=person,
                    participants=rng.randint(1, 12),
                    region=rng.choice(Region.values),
                    seen_on=now.date() - datetime.timedelta(days=rng.randint(1, 300)),
                    organisation_type=rng.choice(OrganisationType.values),
                    example="Een kort voorbeeld uit de praktijk." if rng.random() < 0.3 else "",
                )
            )
    Confirmation.objects.bulk_create(confirmations, batch_size=5000)
    for number in range(20):
        dossier = Dossier.objects.create(
            title=f"Dossier {number}",
            question="Kan de regel aangepast worden?",
            summary="Een samenvatting.",
            owner=staff,
            published=number % 2 == 0,
        )
        DossierItem.objects.bulk_create(
            DossierItem(dossier=dossier, bottleneck_id=pk, position=position, note="Waarom.")
            for position, pk in enumerate(rng.sample(ids, 10))
        )
        Addressee.objects.create(dossier=dossier, body="VDAB", due_on=now.date())
    if analyze:
        # After a bulk load the planner's statistics are empty (PostgreSQL: until autovacuum
        # runs; SQLite: until someone runs ANALYZE or PRAGMA optimize).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    key = api.make_token(policy_worker, "Bench")[1]
    return {"key": key, "detail": ids[-5]}


def timed(client, label, path, key, requests, size, warmup=5) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    header = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    for _ in range(warmup):
        response = client.get(path, **header)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
    with CaptureQueriesContext(connection) as captured:
        client.get(path, **header)
    queries = len(captured.captured_queries)
    timings, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, **header)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return summary(label, timings, cpu, queries, size=size, path=path)


def measure(size: int, requests: int, analyze: bool = True) -> list[dict]:
    from django.test import Client

    made = populate(size, analyze)
    client = Client()
    pages = [*PAGES, ("one bottleneck", f"/api/v1/knelpunten/{made['detail']}/")]
    return [timed(client, label, path, made["key"], requests, size) for label, path in pages]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50_000])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--no-analyze", action="store_true", help="leave the planner without statistics"
    )
    args = parser.parse_args()
    from bench.run import each_size, report, setup_django

    setup_django()
    from django.db import connection

    rows = each_size(
        args.sizes,
        lambda size: measure(size, args.requests, not args.no_analyze),
        lambda size: f"{size} bottlenecks",
    )
    print()
    analysed = "without" if args.no_analyze else "with"
    print(
        f"database: {connection.vendor} ({analysed} ANALYZE after the load); "
        f"{args.requests} timed requests per row after 5 warm-up"
    )
    print(f"load average (1, 5, 15 min): {os.getloadavg()}")
    print()
    return report(rows, TARGETS, max(args.sizes), width=22)


if __name__ == "__main__":
    raise SystemExit(main())
