#!/usr/bin/env python
"""Importing a large Teams channel: time and memory of manage.py import_teams_channel.

Usage: .venv/bin/python bench/teams_import.py [--threads 1000] [--replies 9] [--no-tracemalloc]
Writes a synthetic Microsoft Graph export (pages of 50 root messages with their replies
nested, as ``$expand=replies`` returns them, plus members.json) to a temporary folder, then
imports it twice into a fresh database: the first run imports everything, the second finds
it all imported already. Half of the 300 authors have an account (matched by e-mail), the
others become former members; messages carry HTML, mentions, reactions, a link to a file,
and one in two hundred a national number the privacy guard hides.

The database is a temporary SQLite file, or, with DATABASE_URL, a "bench_teams_<name>"
database on that server (created and dropped again). Peak memory is what tracemalloc saw
Python allocate during each run (it slows the run down by about a third; --no-tracemalloc
for clean times); the process's maximum resident size is printed at the end.
"""

import argparse
import datetime
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHANNEL = "19:bench0000000000000000000000000000@thread.tacv2"
PAGE_SIZE = 50
AUTHORS = 300
START = datetime.datetime(2021, 1, 4, 8, 0, tzinfo=datetime.UTC)
WORDS = """
werk zorg traject begeleiding casemanager leefloon werkzoekende activering doorstroom welzijn
samenwerking ocmw vdab inkomen mobiliteit kinderopvang huisvesting herstel ervaringsdeskundige
jobcoaching arbeidszorg intervisie regelgeving decreet werkgever werkplek attest premie overleg
de het een en van in op met voor naar aan dat die is niet ook als bij om we ze hebben kunnen
""".split()  # noqa: SIM905
REACTIONS = ["like", "like", "like", "heart", "laugh", "surprised"]


def graph_id(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def email(number: int) -> str:
    return f"collega{number}@bench.example.org"


def identity(number: int, name: bool = True) -> dict:
    return {
        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
        "id": graph_id(number),
        "displayName": f"Collega {number}" if name else None,
        "userIdentityType": "aadUser",
    }


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."


def html_body(rng: random.Random, message: int, mentioned: int | None) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(2)]
    if mentioned is not None:
        paragraphs[0] = f'<at id="0">Collega {mentioned}</at> {paragraphs[0]}'
    if rng.random() < 0.3:
        paragraphs[1] = f"<strong>{rng.choice(WORDS)}</strong>: {paragraphs[1]}"
    html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    if rng.random() < 0.2:
        html += "<ul>" + "".join(f"<li>{sentence(rng)}</li>" for _ in range(3)) + "</ul>"
    if rng.random() < 0.1:
        html += '<p>Zie <a href="https://www.vdab.be/">vdab.be</a>.</p>'
    if message % 200 == 7:  # 30 February: nobody's number, but the checksum holds
        html += "<p>Het gaat om rijksregisternummer 90.02.30-123-08.</p>"
    return f"<div>{html}</div>"


def message(rng: random.Random, number: int, when, reply_to: str | None) -> dict:
    author = rng.randrange(AUTHORS)
    mentioned = rng.randrange(AUTHORS) if rng.random() < 0.2 else None
    reactions = [
        {
            "reactionType": rng.choice(REACTIONS),
            "createdDateTime": (when + datetime.timedelta(minutes=5)).isoformat(),
            "user": {"user": identity(rng.randrange(AUTHORS), name=False)},
        }
        for _ in range(rng.choice((0, 0, 1, 2, 3)))
    ]
    attachments = []
    if rng.random() < 0.05:
        attachments.append(
            {
                "id": f"file-{number}",
                "contentType": "reference",
                "contentUrl": f"https://bench.sharepoint.example.org/verslag-{number}.docx",
                "name": f"verslag-{number}.docx",
            }
        )
    return {
        "id": str(1_600_000_000_000 + number),
        "replyToId": reply_to,
        "messageType": "message",
        "createdDateTime": when.isoformat().replace("+00:00", "Z"),
        "lastModifiedDateTime": when.isoformat().replace("+00:00", "Z"),
        "deletedDateTime": None,
        "subject": f"Onderwerp {number}: {sentence(rng)[:60]}" if reply_to is None else None,
        "importance": "normal",
        "from": {"application": None, "device": None, "user": identity(author)},
        "body": {"contentType": "html", "content": html_body(rng, number, mentioned)},
        "channelIdentity": {"teamId": "bench-team", "channelId": CHANNEL},
        "attachments": attachments,
        "mentions": []
        if mentioned is None
        else [
            {
                "id": 0,
                "mentionText": f"Collega {mentioned}",
                "mentioned": {"user": identity(mentioned)},
            }
        ],
        "reactions": reactions,
    }


def write_export(folder: Path, threads: int, replies: int) -> int:
    rng = random.Random(2026)  # noqa: S311 (benchmark data)
    number = 0
    page, pages = [], 0
    for thread in range(threads):
        when = START + datetime.timedelta(hours=7 * thread)
        root = message(rng, number, when, None)
        number += 1
        root["replies"] = []
        for reply in range(replies):
            later = when + datetime.timedelta(minutes=31 * (reply + 1))
            root["replies"].append(message(rng, number, later, root["id"]))
            number += 1
        page.append(root)
        if len(page) == PAGE_SIZE or thread == threads - 1:
            pages += 1
            data = {"@odata.context": f"bench/messages(replies())/page{pages}", "value": page}
            if thread < threads - 1:
                data["@odata.nextLink"] = (
                    f"https://graph.microsoft.com/v1.0/bench?$skiptoken={pages}"
                )
            (folder / f"messages-{pages:04d}.json").write_text(json.dumps(data), encoding="utf-8")
            page = []
    members = [
        {
            "@odata.type": "#microsoft.graph.aadUserConversationMember",
            "userId": graph_id(n),
            "displayName": f"Collega {n}",
            "email": email(n),
        }
        for n in range(AUTHORS)
    ]
    (folder / "members.json").write_text(json.dumps({"value": members}), encoding="utf-8")
    return number


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        folder = Path(tempfile.mkdtemp(prefix="portal-bench-teams-"))
        database["TEST"] = {"NAME": str(folder / "bench.sqlite3")}
    else:
        database["TEST"] = {"NAME": f"bench_teams_{database['NAME']}"}
    django.setup()


def accounts() -> None:
    """Every other author has an account with a verified address."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from allauth.account.models import EmailAddress

    from accounts.models import ApprovalStatus

    User = get_user_model()
    password = make_password("bench")
    users = User.objects.bulk_create(
        User(
            username=f"collega{n}",
            email=email(n),
            first_name="Collega",
            last_name=str(n),
            approval_status=ApprovalStatus.APPROVED,
            password=password,
        )
        for n in range(0, AUTHORS, 2)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )


def timed_import(folder: Path, space, trace: bool) -> dict:
    from community import teams_import

    marks = []
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    summary = teams_import.import_channel(
        folder, space, progress=lambda line: marks.append((time.perf_counter(), line))
    )
    total = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    written = max((at for at, line in marks if "threads" in line), default=started + total)
    return {
        "seconds": total,
        "write": written - started,
        "index": started + total - written,
        "peak": peak,
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=9, help="replies per thread")
    parser.add_argument("--no-tracemalloc", action="store_true")
    options = parser.parse_args()
    trace = not options.no_tracemalloc

    setup_django()
    from django.db import connection

    from bench.run import drop_database

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from community.models import Post, Space, Topic

        with tempfile.TemporaryDirectory(prefix="teams-export-") as folder:
            started = time.perf_counter()
            count = write_export(Path(folder), options.threads, options.replies)
            size = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1e6
            print(
                f"Export: {count} messages ({options.threads} threads), {size:.1f} MB in "
                f"{len(list(Path(folder).iterdir()))} files, written in "
                f"{time.perf_counter() - started:.1f} s"
            )
            accounts()
            space = Space.objects.create(name="Uit Teams", slug="uit-teams")
            first = timed_import(Path(folder), space, trace)
            second = timed_import(Path(folder), space, trace)
        database = connection.vendor
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\nDatabase: {database}; tracemalloc {'on' if trace else 'off'}")
        print(f"{'run':<22}{'total s':>9}{'write s':>9}{'index s':>9}{'msg/s':>8}{'peak MB':>9}")
        for label, run in (("first (all new)", first), ("second (idempotent)", second)):
            rate = count / run["seconds"]
            peak = f"{run['peak'] / 1e6:.0f}" if run["peak"] is not None else "-"
            print(
                f"{label:<22}{run['seconds']:>9.1f}{run['write']:>9.1f}{run['index']:>9.1f}"
                f"{rate:>8.0f}{peak:>9}"
            )
        print(f"process max RSS: {rss:.0f} MB")
        summary = first["summary"]
        print(
            f"first run: {summary.topics} topics, {summary.replies} replies, {summary.hidden} "
            f"hidden, {summary.flagged} flagged, {summary.reactions} reactions, "
            f"{summary.mentions} mentions, {summary.indexed} documents indexed"
        )
        print(
            f"second run: {second['summary'].imported} imported, "
            f"{second['summary'].already} already there"
        )
        assert Topic.objects.count() == options.threads
        assert Post.objects.count() == count
    finally:
        drop_database(old_name)


if __name__ == "__main__":
    main()
