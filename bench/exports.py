#!/usr/bin/env python
"""Exports at scale: the bottleneck list as XLSX, and a dossier's nota as DOCX and PDF.

Usage: .venv/bin/python bench/exports.py [--bottlenecks 10000] [--dossier 200] [--runs 3]
Runs on a fresh database (see bench/run.py; DATABASE_URL selects PostgreSQL), filled with
``--bottlenecks`` bottlenecks (three confirmations each, a third with an example) and a dossier
of ``--dossier`` of them (three addressees, two meeting snapshots). Measured through Django's
test client as SAM staff (server time, no network, the whole file read):

- the XLSX export of every bottleneck (``/knelpunten/export.xlsx``), in a fresh Python process
  so that its peak resident memory (``ru_maxrss``, VmHWM) is the export's own: target
  <= 10 s and <= 300 MB;
- the dossier's knelpuntennota as DOCX and as PDF: target <= 10 s each.
Each is run ``--runs`` times; the slowest run counts.
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

XLSX_SECONDS, XLSX_MB, NOTA_SECONDS = 10.0, 300.0, 10.0


def populate(size: int, dossier_size: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from knowledge.models import Theme
    from tests.accounts.factories import StaffFactory
    from tracker import dossiers
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
    )

    rng = random.Random(size)  # noqa: S311
    now = timezone.now()
    User = get_user_model()
    staff = StaffFactory()
    people = User.objects.bulk_create(
        [
            User(username=f"bevestiger{i}", email=f"bevestiger{i}@bench.example.org")
            for i in range(40)
        ]
    )
    people = list(User.objects.filter(username__startswith="bevestiger").order_by("pk"))
    themes = [
        Theme.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
        for slug in ("werk", "zorg", "inkomen", "mobiliteit", "kinderopvang")
    ]
    bodies = [Body.objects.create(name=f"Instantie {i}", level="vlaams") for i in range(12)]
    batch = []
    for i in range(size):
        status = rng.choice([s for s in Status.values if s != Status.REPORTED])
        batch.append(
            Bottleneck(
                title=f"Knelpunt {i} over werk en zorg",
                slug=f"knelpunt-{i}-over-werk-en-zorg",
                situation="Een deelnemer loopt vast tussen twee regels. " * 4,
                rule="Artikel 12 van het besluit over opleidingen.",
                suggestion="Een uitzondering voor wie een opleiding volgt.",
                kind=rng.choice(Kind.values),
                level=rng.choice(Level.values),
                body=rng.choice(bodies),
                region=rng.choice(Region.values),
                frequency=rng.choice(Frequency.values),
                reporter=staff,
                status=status,
                accepted_at=now,
                created_at=now - datetime.timedelta(minutes=i),
                confirmation_count=3,
                participants_total=rng.randint(3, 30),
                follower_count=rng.randint(0, 40),
            )
        )
    Bottleneck.objects.bulk_create(batch, batch_size=2000)
    ids = list(Bottleneck.objects.order_by("pk").values_list("pk", flat=True))
    Through = Bottleneck.themes.through
    Through.objects.bulk_create(
        [Through(bottleneck_id=pk, theme_id=rng.choice(themes).pk) for pk in ids], batch_size=5000
    )
    confirmations = []
    for pk in ids:
        for person in rng.sample(people, 3):
            confirmations.append(
                Confirmation(
                    bottleneck_id=pk,
                    member=person,
                    participants=rng.randint(1, 10),
                    region=rng.choice(Region.values),
                    seen_on=now.date() - datetime.timedelta(days=rng.randint(1, 300)),
                    organisation_type=rng.choice(OrganisationType.values),
                    example="Een kort voorbeeld uit de praktijk, zonder namen."
                    if rng.random() < 0.33
                    else "",
                )
            )
    Confirmation.objects.bulk_create(confirmations, batch_size=5000)
    dossier = Dossier.objects.create(
        title="Tweehonderd knelpunten",
        question="Kan de regel aangepast worden? " * 5,
        regulation="Het besluit over opleidingen.",
        summary="Casemanagers zien dit in elke regio. " * 10,
        internal_notes="Intern.",
        owner=staff,
        published=True,
    )
    DossierItem.objects.bulk_create(
        [
            DossierItem(dossier=dossier, bottleneck_id=pk, position=n, note="Sterk onderbouwd.")
            for n, pk in enumerate(ids[:dossier_size])
        ]
    )
    for n, body in enumerate(("VDAB", "RIZIV", "Vlaamse Regering")):
        Addressee.objects.create(
            dossier=dossier,
            body=body,
            position=n,
            sent_on=now.date() - datetime.timedelta(days=60),
            due_on=now.date() - datetime.timedelta(days=10),
            answer="We bekijken het. " * 20 if n == 0 else "",
            answered_on=now.date() - datetime.timedelta(days=5) if n == 0 else None,
        )
    dossiers.take_snapshot(dossier, staff, "Eerste overleg", now.date() - datetime.timedelta(30))
    Bottleneck.objects.filter(pk__in=ids[:20]).update(status=Status.ON_AGENDA)
    dossiers.take_snapshot(dossier, staff, "Tweede overleg", now.date() - datetime.timedelta(10))
    Bottleneck.objects.filter(pk__in=ids[20:40]).update(confirmation_count=5)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"staff": staff, "dossier": dossier}


def peak_rss_mb() -> float:
    """The process's peak resident memory in MB (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_download(client, path: str) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of one download (the whole file read), and its size."""
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    size = sum(len(chunk) for chunk in response) if response.streaming else len(response.content)
    response.close()
    return time.perf_counter() - started, time.process_time() - started_cpu, size


def child(database: str, username: str, path: str, runs: int) -> None:
    """In a fresh process: the export ``runs`` times, then the timings and peak memory."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    before = peak_rss_mb()
    seconds, cpu, sizes = [], [], []
    for _ in range(runs):
        took, took_cpu, size = timed_download(client, path)
        seconds.append(took)
        cpu.append(took_cpu)
        sizes.append(size)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "bytes": sizes,
                "rss_before": before,
                "peak": peak_rss_mb(),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bottlenecks", type=int, default=10_000)
    parser.add_argument("--dossier", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("DATABASE", "USERNAME", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(*args.child, runs=args.runs)
        return 0
    from bench.run import drop_database, fresh_database, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    original_name = settings.DATABASES["default"]["NAME"]
    database = fresh_database()
    try:
        print(f"{args.bottlenecks} bottlenecks, a dossier of {args.dossier} ...", flush=True)
        started = time.perf_counter()
        made = populate(args.bottlenecks, args.dossier)
        print(f"filled in {time.perf_counter() - started:.1f} s", flush=True)
        # Committed (no test transaction): the child process reads the same database.
        connection.close()
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--runs",
                str(args.runs),
                "--child",
                database,
                made["staff"].username,
                "/knelpunten/export.xlsx",
            ],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr)
            return 1
        xlsx = json.loads(done.stdout.strip().splitlines()[-1])
        client = Client()
        client.force_login(made["staff"])
        dossier = made["dossier"]
        nota = {}
        for kind in ("docx", "pdf"):
            path = f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.{kind}"
            nota[kind] = [timed_download(client, path) for _ in range(args.runs)]
        vendor = connection.vendor
    finally:
        drop_database(original_name)
    print()
    print(f"database: {vendor}; {args.runs} runs each; load average {os.getloadavg()}")
    print("(CPU s: the process's own CPU time, what the export costs on an idle machine)")
    print()
    print(
        "| export                         |   rows | slowest s | median s | CPU s (median) "
        "| size KB | peak RSS MB |"
    )
    print(f"|{'-' * 32}|{'-' * 7}:|{'-' * 10}:|{'-' * 9}:|{'-' * 15}:|{'-' * 8}:|{'-' * 12}:|")
    failures = []
    rows = [
        (
            "XLSX, whole list (own process)",
            args.bottlenecks,
            xlsx["seconds"],
            xlsx["cpu"],
            xlsx["bytes"][0],
            f"{xlsx['peak']:.0f}",
        )
    ]
    for kind, runs in nota.items():
        rows.append(
            (
                f"nota, {kind.upper()}",
                args.dossier,
                [r[0] for r in runs],
                [r[1] for r in runs],
                runs[0][2],
                "",
            )
        )
    for label, count, seconds, cpu, size, peak in rows:
        seconds, cpu = sorted(seconds), sorted(cpu)
        median, median_cpu = seconds[len(seconds) // 2], cpu[len(cpu) // 2]
        print(
            f"| {label:<30} | {count:>6} | {seconds[-1]:>9.2f} | {median:>8.2f} "
            f"| {median_cpu:>14.2f} | {size / 1024:>7.0f} | {peak:>11} |"
        )
        target = XLSX_SECONDS if label.startswith("XLSX") else NOTA_SECONDS
        if seconds[-1] > target:
            failures.append(f"{label}: {seconds[-1]:.2f} s > {target:.0f} s")
    print(f"(the XLSX child process before the export: {xlsx['rss_before']:.0f} MB)")
    if xlsx["peak"] > XLSX_MB:
        failures.append(f"XLSX: peak RSS {xlsx['peak']:.0f} MB > {XLSX_MB:.0f} MB")
    print()
    print("\n".join(failures) if failures else "all targets met")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
