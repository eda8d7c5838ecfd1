#!/usr/bin/env python
"""The forum at scale: topic pages, the space page, "Nieuw & ongelezen" and posting, per member.

Usage: .venv/bin/python bench/forum.py [--topics 10 10000] [--posts 10 1000] [--requests 60]
                                       [--peer] [--no-index]
Each pair of sizes (topics in the space, posts in the long topic) runs on a fresh database
(see bench/run.py; DATABASE_URL selects PostgreSQL). The member has read half of the topics.
Requests go through Django's test client: server time inside the process, no network.
--peer runs bench/peer_machina.py (django-machina, in its own virtualenv) on the same sizes
and the same database kind, and prints the ratio beside our figures.

The data plan (Plan) and the measuring functions use only the standard library at import
time: bench/peer_machina.py imports them under its own Django.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PEER_VENV = Path(os.environ.get("PEER_VENV", "/work/peer-venv"))

TARGETS = {"topic": 80.0, "space": 80.0, "unread": 80.0, "reply": 100.0}

# ---------------------------------------------------------------------------------------------
# The data: the same for our forum and the peer's (stdlib only).

WORDS = """
werk zorg traject begeleiding casemanager leefloon werkzoekende activering doorstroom welzijn
samenwerking ocmw vdab inkomen mobiliteit kinderopvang huisvesting herstel ervaringsdeskundige
jobcoaching arbeidszorg intervisie regelgeving decreet werkgever werkplek attest premie overleg
de het een en van in op met voor naar aan dat die is niet ook als bij om we ze hebben kunnen
""".split()  # noqa: SIM905
FIRST = ["An", "Bart", "Charlotte", "Dries", "Eline", "Fatima", "Gert", "Hanne", "Ilias", "Joke"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens"]
NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
SHORT_POSTS = 10
PINNED = (2, 3, 4)
MEMBER_EMAIL = "forumlid@bench.example.org"


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body(rng: random.Random) -> str:
    """A Markdown message of one to three paragraphs (~60 words), sometimes bold or a list."""
    paragraphs = [
        " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(1, 3))
    ]
    if rng.random() < 0.3:
        word = rng.choice(WORDS[:20])
        paragraphs[0] = f"Over **{word}**: {paragraphs[0]}"
    if rng.random() < 0.2:
        paragraphs.append("\n".join(f"- {sentence(rng, rng.randint(3, 7))}" for _ in range(3)))
    return "\n\n".join(paragraphs)


@dataclass
class Plan:
    """Topic 0 is the long topic, topic 1 the short one (10 posts); the rest have 1-8 posts.
    The member has read ``read`` topics: four in five to the end, the others partly."""

    topics: int
    long_posts: int
    read: int
    authors: int = 200
    seed: int = 2026
    counts: list[int] = field(default_factory=list)
    last_read: dict[int, int] = field(default_factory=dict)

    def __post_init__(self):
        rng = random.Random(self.seed)  # noqa: S311 (benchmark data)
        self.counts = [
            self.long_posts if t == 0 else SHORT_POSTS if t == 1 else rng.randint(1, 8)
            for t in range(self.topics)
        ]
        candidates = list(range(2, self.topics))
        chosen = rng.sample(candidates, min(self.read, len(candidates)))
        for i, t in enumerate(chosen):
            count = self.counts[t]
            partly = i % 5 == 4 and count > 1
            self.last_read[t] = count - rng.randint(1, count - 1) if partly else count

    @property
    def total_posts(self) -> int:
        return sum(self.counts)

    def title(self, t: int) -> str:
        rng = random.Random(self.seed * 7919 + t)  # noqa: S311
        return f"{sentence(rng, rng.randint(4, 8))[:-1]} ({t})"

    def bodies(self, t: int) -> list[str]:
        rng = random.Random(self.seed * 100_003 + t)  # noqa: S311
        return [body(rng) for _ in range(self.counts[t])]

    def author(self, t: int, number: int) -> int:
        return (t * 7 + number * 13) % self.authors

    def started(self, t: int) -> datetime.datetime:
        return NOW - datetime.timedelta(hours=self.topics - t)

    def posted(self, t: int, number: int) -> datetime.datetime:
        return self.started(t) + datetime.timedelta(minutes=7 * (number - 1))

    def joined(self) -> datetime.datetime:
        return NOW - datetime.timedelta(hours=self.topics + 24)

    def person(self, i: int) -> tuple[str, str]:
        return FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]


# ---------------------------------------------------------------------------------------------
# Measuring (stdlib at import; Django inside the functions).


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def summary(label: str, timings: list[float], cpu: list[float], queries: int, **extra) -> dict:
    """Server time (wall clock) and this process's CPU time per request. The CPU time leaves
    out other processes competing for the machine (and, on PostgreSQL, the server's work)."""
    return {
        "page": label,
        "requests": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": p95(timings),
        "cpu_median_ms": statistics.median(cpu),
        "cpu_p95_ms": p95(cpu),
        "queries": queries,
        **extra,
    }


def timed_get(client, label: str, path: str, requests: int, warmup: int = 5, **extra) -> dict:
    """Warm-up, one request with its SQL queries counted, then ``requests`` timed ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured.captured_queries)
    timings, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return summary(label, timings, cpu, queries, path=path, **extra)


def timed_post(client, label: str, make, requests: int, warmup: int = 5, **extra) -> dict:
    """``make(i)`` gives (path, data) for a new submission; a redirect (302) is success."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def send(i):
        path, data = make(i)
        response = client.post(path, data)
        assert response.status_code == 302, (path, response.status_code)
        return response

    for i in range(warmup):
        send(i)
    with CaptureQueriesContext(connection) as captured:
        send(warmup)
    queries = len(captured.captured_queries)
    timings, cpu = [], []
    for i in range(warmup + 1, warmup + 1 + requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        send(i)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return summary(label, timings, cpu, queries, **extra)


def reply_body(i: int) -> str:
    rng = random.Random(i)  # noqa: S311
    return body(rng)


# ---------------------------------------------------------------------------------------------
# Our forum.


def populate(plan: Plan, *, index: bool = True) -> dict:
    """The plan as rows of community.models, written in bulk; returns what the pages need."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils.text import slugify

    from allauth.account.models import EmailAddress

    from accounts import roles
    from accounts.models import ApprovalStatus
    from community.models import Post, ReadPosition, Space, Topic

    User = get_user_model()
    password = make_password(None)
    joined = plan.joined()
    with transaction.atomic():
        people = []
        for i in range(plan.authors):
            first, last = plan.person(i)
            people.append(
                User(
                    username=f"forum-{i}",
                    email=f"forum-{i}@bench.example.org",
                    first_name=first,
                    last_name=last,
                    organisation="OCMW Leuven",
                    approval_status=ApprovalStatus.APPROVED,
                    password=password,
                    date_joined=joined,
                )
            )
        people.append(
            User(
                username="forumlid",
                email=MEMBER_EMAIL,
                first_name="Lid",
                last_name="Forum",
                approval_status=ApprovalStatus.APPROVED,
                password=password,
                date_joined=joined,
            )
        )
        people = User.objects.bulk_create(people, batch_size=500)
        member = people[-1]
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people]
        )
        through = User.groups.through
        group_id = Group.objects.get(name=roles.MEMBER).pk
        through.objects.bulk_create([through(user_id=u.pk, group_id=group_id) for u in people])
        ids = [u.pk for u in people]

        space = Space.objects.create(name="Werk en inkomen", slug="werk-en-inkomen")
        by_index = {}
        for start in range(0, plan.topics, 1000):
            batch = range(start, min(start + 1000, plan.topics))
            topics = []
            for t in batch:
                title = plan.title(t)
                count = plan.counts[t]
                topics.append(
                    Topic(
                        space=space,
                        title=title,
                        slug=slugify(title)[:80],
                        author_id=ids[plan.author(t, 1)],
                        created_at=plan.started(t),
                        last_posted_at=plan.posted(t, count),
                        last_poster_id=ids[plan.author(t, count)],
                        post_count=count,
                        pinned=t in PINNED,
                    )
                )
            Topic.objects.bulk_create(topics)
            posts = []
            for t, topic in zip(batch, topics, strict=True):
                by_index[t] = topic
                for number, text in enumerate(plan.bodies(t), start=1):
                    posts.append(
                        Post(
                            topic=topic,
                            number=number,
                            author_id=ids[plan.author(t, number)],
                            body=text,
                            created_at=plan.posted(t, number),
                        )
                    )
                    if len(posts) >= 5000:
                        Post.objects.bulk_create(posts)
                        posts = []
            Post.objects.bulk_create(posts)
        ReadPosition.objects.bulk_create(
            [
                ReadPosition(user=member, topic=by_index[t], last_read=last_read)
                for t, last_read in plan.last_read.items()
            ],
            batch_size=2000,
        )
    if index:
        import io

        from search import indexing

        indexing.rebuild(stdout=io.StringIO())
    return {"member": member, "space": space, "long": by_index[0], "short": by_index[1]}


def measure_ours(plan: Plan, requests: int, index: bool) -> list[dict]:
    from django.test import Client

    started = time.perf_counter()
    made = populate(plan, index=index)
    generated = time.perf_counter() - started
    member = Client()
    member.force_login(made["member"])
    long, short, space = made["long"], made["short"], made["space"]
    size = {"topics": plan.topics, "long_posts": plan.long_posts, "read": len(plan.last_read)}
    topic_url = long.get_absolute_url()
    rows = [
        timed_get(member, "topic, long, page 1", topic_url, requests, kind="topic", **size),
        timed_get(
            member, "topic, long, page 50", f"{topic_url}?pagina=50", requests, kind="topic", **size
        ),
        timed_get(
            member, "topic, 10 posts", short.get_absolute_url(), requests, kind="topic", **size
        ),
        timed_get(member, "space page", space.get_absolute_url(), requests, kind="space", **size),
        timed_get(member, "Nieuw & ongelezen", "/forum/nieuw/", requests, kind="unread", **size),
        timed_get(member, "Laatste", "/forum/laatste/", requests, kind="list", **size),
        timed_get(member, "forum index", "/forum/", requests, kind="list", **size),
    ]
    reply_path = f"/forum/t/{long.pk}/antwoorden/"
    rows.append(
        timed_post(
            member,
            "reply (POST)",
            lambda i: (reply_path, {"body": reply_body(i), "submission_key": str(uuid.uuid4())}),
            requests,
            kind="reply",
            **size,
        )
    )
    new_topic_path = f"/forum/s/{space.slug}/nieuw-onderwerp/"
    rows.append(
        timed_post(
            member,
            "new topic (POST)",
            lambda i: (
                new_topic_path,
                {
                    "title": f"Nieuwe vraag over werk {i}",
                    "body": reply_body(10_000 + i),
                    "submission_key": str(uuid.uuid4()),
                },
            ),
            requests,
            kind="post",
            **size,
        )
    )
    for row in rows:
        row["generate_s"] = generated
    return rows


def query_count_failures(rows: list[dict], peer: bool = False) -> list[str]:
    """Constant query counts: every topic page alike, and each list alike at every size."""
    failures = []
    topic_counts = {row["queries"] for row in rows if row.get("kind") == "topic"}
    if len(topic_counts) > 1:
        failures.append(f"topic pages: query counts differ ({sorted(topic_counts)})")
    for label in dict.fromkeys(row["page"] for row in rows if row.get("kind") != "topic"):
        counts = {row["queries"] for row in rows if row["page"] == label}
        if len(counts) > 1:
            failures.append(f"{label}: query count grows with the data ({sorted(counts)})")
    return failures


def target_misses(rows: list[dict]) -> list[str]:
    largest = max(row["topics"] for row in rows)
    misses = []
    for row in rows:
        target = TARGETS.get(row.get("kind"))
        if target is not None and row["topics"] == largest and row["p95_ms"] > target:
            misses.append(f"{row['page']}: p95 {row['p95_ms']:.1f} ms > {target:.0f} ms")
    return misses


def run_peer(args, json_path: Path) -> dict | None:
    python = PEER_VENV / "bin" / "python"
    script = ROOT / "bench" / "peer_machina.py"
    command = [str(python), str(script)]
    if not python.exists():
        command = [sys.executable, str(script)]  # sets the virtualenv up, then runs inside it
    command += ["--topics", *map(str, args.topics), "--posts", *map(str, args.posts)]
    command += ["--requests", str(args.requests), "--json", str(json_path)]
    print(f"peer: {' '.join(command)}", flush=True)
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603
    if result.returncode != 0 or not json_path.exists():
        print(f"peer: failed (exit {result.returncode})")
        return None
    return json.loads(json_path.read_text())


# Our page label -> the peer's equivalent (None: the peer has no such page).
PEER_PAGES = {
    "topic, long, page 1": "topic, long, page 1",
    "topic, long, page 50": "topic, long, page 50",
    "topic, 10 posts": "topic, 10 posts",
    "space page": "space page",
    "Nieuw & ongelezen": "Nieuw & ongelezen",
    "Laatste": None,
    "forum index": "forum index",
    "reply (POST)": "reply (POST)",
    "new topic (POST)": "new topic (POST)",
}


def print_table(rows: list[dict], peer_rows: list[dict] | None) -> None:
    peer = {(r["page"], r["topics"]): r for r in peer_rows or []}
    head = f"| {'page':<20} | {'topics':>6} | {'posts':>5} | {'median ms':>9} | {'p95 ms':>7} |"
    head += f" {'CPU med':>7} | {'queries':>7} |"
    rule = f"|{'-' * 22}|{'-' * 7}:|{'-' * 6}:|{'-' * 10}:|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|"
    if peer_rows is not None:
        head += f" {'peer p95 ms':>11} | {'peer CPU med':>12} | {'peer queries':>12} |"
        head += f" {'ratio':>6} |"
        rule += f"{'-' * 12}:|{'-' * 13}:|{'-' * 13}:|{'-' * 7}:|"
    print(head)
    print(rule)
    for row in rows:
        line = (
            f"| {row['page']:<20} | {row['topics']:>6} | {row['long_posts']:>5} | "
            f"{row['median_ms']:>9.1f} | {row['p95_ms']:>7.1f} | {row['cpu_median_ms']:>7.1f} | "
            f"{row['queries']:>7} |"
        )
        if peer_rows is not None:
            other = peer.get((PEER_PAGES.get(row["page"]), row["topics"]))
            if other:
                ratio = other["p95_ms"] / row["p95_ms"]
                line += (
                    f" {other['p95_ms']:>11.1f} | {other['cpu_median_ms']:>12.1f} |"
                    f" {other['queries']:>12} | {ratio:>5.1f}x |"
                )
            else:
                line += f" {'-':>11} | {'-':>12} | {'-':>12} | {'-':>6} |"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--posts", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--read", type=float, default=0.5, help="share of topics read")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--peer", action="store_true", help="also measure django-machina")
    parser.add_argument("--no-index", action="store_true", help="skip the search rebuild")
    args = parser.parse_args()
    if len(args.topics) != len(args.posts):
        parser.error("--topics and --posts take as many values each")

    sys.path.insert(0, str(ROOT))
    from bench.run import drop_database, fresh_database, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection

    original_name = settings.DATABASES["default"]["NAME"]
    rows = []
    for topics, posts in zip(args.topics, args.posts, strict=True):
        plan = Plan(topics=topics, long_posts=posts, read=int(topics * args.read))
        fresh_database()
        try:
            print(f"ours: {topics} topics, {plan.total_posts} posts ...", flush=True)
            rows += measure_ours(plan, args.requests, index=not args.no_index)
        finally:
            drop_database(original_name)
    vendor = connection.vendor

    peer_result = None
    if args.peer:
        with tempfile.TemporaryDirectory() as folder:
            peer_result = run_peer(args, Path(folder) / "peer.json")

    print()
    print(f"database: {vendor}; {args.requests} timed requests per row after 5 warm-up")
    print(f"load average (1, 5, 15 min): {os.getloadavg()}")
    print("ratio = peer p95 / our p95 (above 1: ours is faster); CPU med: median CPU ms")
    print()
    print_table(rows, peer_result["rows"] if peer_result else None if not args.peer else [])
    if peer_result:
        print(f"peer: {peer_result['peer']}")
        for failure in query_count_failures(peer_result["rows"]):
            print(f"peer query counts: {failure}")
    failures = query_count_failures(rows)
    for failure in failures:
        print(f"FAIL {failure}")
    for miss in target_misses(rows):
        print(f"MISS {miss}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"forum-{vendor}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "database": vendor,
                "requests": args.requests,
                "load_average_after": os.getloadavg(),
                "rows": rows,
                "peer": peer_result,
            },
            indent=2,
            default=str,
        )
    )
    print(f"written: {out.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
