#!/usr/bin/env python
"""The dossier page at scale: a dossier with 200 bottlenecks and 3 meeting snapshots.

Usage: .venv/bin/python bench/dossier_page.py [--sizes 20 200] [--requests 60]
Each size (bottlenecks in the dossier) runs on a fresh database (see bench/run.py;
DATABASE_URL selects PostgreSQL). Measured, through Django's test client (server time, no
network):

- the dossier page as a policy worker (everything, with "what changed since the last
  meeting" computed against the newest of three snapshots), target p95 <= 80 ms at 200;
- the same page as SAM staff (with the forms to build it) and as a member;
- the list of dossiers as a policy worker.
Query counts must not grow with the number of bottlenecks.
"""

import argparse
import datetime
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.forum import timed_get  # noqa: E402

TARGETS = {"dossier, policy worker": 80.0}
SNAPSHOTS = 3
CONFIRMATIONS_PER_BOTTLENECK = 8


def populate(size: int) -> dict:
    from django.utils import timezone

    from knowledge.models import Theme
    from tests.accounts.factories import MemberFactory, PolicyWorkerFactory, StaffFactory
    from tracker import dossiers
    from tracker.models import (
        Addressee,
        Body,
        Bottleneck,
        Confirmation,
        Dossier,
        DossierItem,
        DossierStatus,
        Frequency,
        Kind,
        Level,
        OrganisationType,
        Region,
        Status,
    )

    rng = random.Random(size)  # noqa: S311
    now = timezone.now()
    today = timezone.localdate()
    theme = Theme.objects.get_or_create(slug="werk", defaults={"name": "Werk"})[0]
    bodies = [Body.objects.create(name=f"Instantie {i}", level="vlaams") for i in range(12)]
    reporter, member = MemberFactory(), MemberFactory()
    staff, policy_worker = StaffFactory(), PolicyWorkerFactory()
    # Other bottlenecks on the site, so the dossier's are a part of the table.
    total = size * 5
    Bottleneck.objects.bulk_create(
        [
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
                status=Status.IN_PROGRESS,
                accepted_at=now,
                created_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(total)
        ],
        batch_size=2000,
    )
    ids = list(Bottleneck.objects.order_by("pk").values_list("pk", flat=True))
    Through = Bottleneck.themes.through
    Through.objects.bulk_create(
        [Through(bottleneck_id=pk, theme_id=theme.pk) for pk in ids], batch_size=5000
    )
    chosen = rng.sample(ids, size)
    people = []
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.bulk_create(
        [
            User(username=f"bevestiger{i}", email=f"bevestiger{i}@bench.example.org")
            for i in range(CONFIRMATIONS_PER_BOTTLENECK)
        ]
    )
    people = list(User.objects.filter(username__startswith="bevestiger"))
    Confirmation.objects.bulk_create(
        [
            Confirmation(
                bottleneck_id=pk,
                member=person,
                participants=rng.randint(1, 12),
                region=rng.choice(Region.values),
                seen_on=today - datetime.timedelta(days=rng.randint(1, 300)),
                organisation_type=rng.choice(OrganisationType.values),
            )
            for pk in chosen
            for person in people
        ],
        batch_size=5000,
    )
    from tracker import actions

    actions.recount(chosen)

    dossier = Dossier.objects.create(
        title="Werk en zorg: de grote bundel",
        question="Kunnen de regels op elkaar afgestemd worden?",
        regulation="Decreet werk en zorg",
        summary="Tweehonderd knelpunten uit de praktijk.",
        internal_notes="Interne afspraak.",
        owner=staff,
        status=DossierStatus.SENT,
        published=True,
    )
    first = size * 2 // 3
    DossierItem.objects.bulk_create(
        [
            DossierItem(dossier=dossier, bottleneck_id=pk, position=n, note="Sterk onderbouwd.")
            for n, pk in enumerate(chosen[:first])
        ]
    )
    for n, name in enumerate(("VDAB", "Departement Zorg", "RIZIV")):
        Addressee.objects.create(
            dossier=dossier,
            body=name,
            contact="Dienst beleid",
            sent_on=today - datetime.timedelta(days=60),
            due_on=today - datetime.timedelta(days=10 - n * 10),
            position=n,
        )
    # Three meetings; between them bottlenecks join, gain confirmations and move on.
    step = (size - first) // SNAPSHOTS or 1
    for number in range(SNAPSHOTS):
        dossiers.take_snapshot(
            dossier,
            staff,
            f"Overleg {number + 1}",
            today - datetime.timedelta(days=30 * (SNAPSHOTS - number)),
            "VDAB, Departement Zorg, SAM",
        )
        start = first + number * step
        for pk in chosen[start : start + step]:
            dossiers.add_bottleneck(dossier, Bottleneck.objects.get(pk=pk), staff, "Nieuw.")
    DossierItem.objects.bulk_create(
        [
            DossierItem(dossier=dossier, bottleneck_id=pk, position=10_000 + n)
            for n, pk in enumerate(chosen)
            if not DossierItem.objects.filter(dossier=dossier, bottleneck_id=pk).exists()
        ]
    )
    Bottleneck.objects.filter(pk__in=chosen[: size // 4]).update(status=Status.BUNDLED)
    Bottleneck.objects.filter(pk__in=chosen[: size // 5]).update(
        confirmation_count=CONFIRMATIONS_PER_BOTTLENECK + 3
    )
    Addressee.objects.filter(dossier=dossier, body="VDAB").update(
        answer="Het antwoord.", answered_on=today - datetime.timedelta(days=3)
    )
    assert DossierItem.objects.filter(dossier=dossier).count() == size
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"dossier": dossier, "staff": staff, "policy": policy_worker, "member": member}


def measure(size: int, requests: int) -> list[dict]:
    from django.test import Client

    from tracker import dossiers

    made = populate(size)
    dossier = made["dossier"]
    _snapshot, changes = dossiers.changes_since_last_meeting(dossier)
    assert changes, "the bench dossier should show changes since its last meeting"
    rows = []
    for label, user in (
        ("dossier, policy worker", made["policy"]),
        ("dossier, SAM staff", made["staff"]),
        ("dossier, member", made["member"]),
    ):
        client = Client()
        client.force_login(user)
        rows.append(timed_get(client, label, dossier.get_absolute_url(), requests, size=size))
    client = Client()
    client.force_login(made["policy"])
    rows.append(timed_get(client, "dossier list", "/knelpunten/dossiers/", requests, size=size))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    from bench.run import each_size, report, setup_django

    setup_django()
    from django.db import connection

    rows = each_size(
        args.sizes,
        lambda size: measure(size, args.requests),
        lambda size: f"dossier with {size} bottlenecks, {SNAPSHOTS} snapshots",
    )
    print()
    print(f"database: {connection.vendor}; {args.requests} timed requests per row after 5 warm-up")
    print(f"load average (1, 5, 15 min): {os.getloadavg()}")
    print()
    return report(rows, TARGETS, max(args.sizes))


if __name__ == "__main__":
    raise SystemExit(main())
