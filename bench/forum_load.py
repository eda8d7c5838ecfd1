#!/usr/bin/env python
"""The forum under load, through a real server: 50 members posting at once for a minute.

Usage: .venv/bin/python bench/forum_load.py --db sqlite|postgres|both
           [--members 50] [--seconds 60] [--max-requests 20000] [--workers 3] [--threads 4]
           [--task-workers 2]

A fresh database (a temporary SQLite file in WAL mode, the embedded default; or a throw-away
PostgreSQL server started here as scripts/_postgres.sh does, initdb run as the postgres user
when we are root) is migrated and filled with 200 topics (bench/forum.py's generator) and 50
members, each logged in by a session made with Django's SessionStore. gunicorn (gthread
workers, settings portal.settings.dev with DEBUG off) serves it on 127.0.0.1. Each member is a
thread that fetches the CSRF token from the busy topic once, then, until the deadline or the
request budget runs out: replies to the busy topic, starts a topic, replies to a topic started
during the run, or reads the busy topic's last page; one post in eight is submitted twice
with the same submission_key (mostly both at once, sometimes again after the first answer).

Afterwards the database is checked: every acknowledged post is there once, double submits
returned the same post, no 5xx, post numbers 1..n without gaps or repeats,
Topic.post_count == posts == highest number, last_poster / last_posted_at are the last
post's, read positions cover what each member posted and never pass the end, and every post
has its search document. Everything started here is stopped again, also on failure.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.forum import RESULTS, Plan, p95, reply_body  # noqa: E402

SETTINGS = "portal.settings.dev"  # this process: generating the data, checking it
SERVED_SETTINGS = "bench.load_settings"  # the servers: tasks queued for the db_worker processes
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Servers we start (and stop).


class Postgres:
    """A throw-away PostgreSQL server in a temporary folder (scripts/_postgres.sh in Python)."""

    def __init__(self):
        self.folder = None
        self.bindir = None
        self.port = free_port()

    def _as_owner(self, *command, **kwargs):
        if os.geteuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=True, **kwargs)  # noqa: S603

    def start(self) -> str:
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if candidates:
            self.bindir = candidates[-1].parent
        elif shutil.which("initdb"):
            self.bindir = Path(shutil.which("initdb")).parent
        else:
            raise RuntimeError("PostgreSQL's initdb is not installed")
        self.folder = Path(tempfile.mkdtemp(prefix="forum-load-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        data = self.folder / "data"
        quiet = {"stdout": subprocess.DEVNULL}
        self._as_owner(
            str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", **quiet,
        )  # fmt: skip
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_owner(
            str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"),
            "-w", "-o", options, "start", **quiet,
        )  # fmt: skip
        self._as_owner(
            str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", "postgres", "portal",
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._as_owner(
                    str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop",
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


class TaskWorkers:
    """`manage.py db_worker` processes: the production queue behind the web server."""

    def __init__(self, env: dict, count: int, log: Path):
        self.env, self.count, self.log = env, count, log
        self.processes = []

    def start(self) -> None:
        self.output = self.log.open("ab")
        for number in range(self.count):
            command = [
                sys.executable, "manage.py", "db_worker", "--queue-name", "*",
                "--interval", "0.1", "--no-reload", "--no-startup-delay",
                "--worker-id", f"bench-{number}",
            ]  # fmt: skip
            self.processes.append(
                subprocess.Popen(  # noqa: S603
                    command,
                    cwd=ROOT,
                    env=self.env,
                    start_new_session=True,
                    stdout=self.output,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
            )

    def drain(self, timeout: float = 600) -> dict:
        """Wait until the queue is empty; how long that took after the last request."""
        from django.db import connections

        from django_tasks_db.models import DBTaskResult

        started = time.monotonic()
        while time.monotonic() - started < timeout:
            waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
            if not waiting:
                break
            time.sleep(0.5)
        connections.close_all()
        return {
            "queue_drained_after_s": round(time.monotonic() - started, 1),
            "tasks_waiting": DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count(),
            "tasks_successful": DBTaskResult.objects.filter(status="SUCCESSFUL").count(),
            "tasks_failed": DBTaskResult.objects.filter(status="FAILED").count(),
        }

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes = []
        if hasattr(self, "output"):
            self.output.close()


class Gunicorn:
    def __init__(self, env: dict, workers: int, threads: int, log: Path, app: str):
        self.env, self.workers, self.threads, self.log = env, workers, threads, log
        self.app = app
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        command = [
            str(Path(sys.executable).parent / "gunicorn"), self.app,
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--threads", str(self.threads), "--worker-class", "gthread", "--timeout", "60",
            "--backlog", "256", "--error-logfile", str(self.log), "--log-level", "warning",
        ]  # fmt: skip
        # A session of its own: stopping the group stops the master and its workers only.
        self.output = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start: see {self.log}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/health/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /health/ within 60 s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.output.close()


# ---------------------------------------------------------------------------------------------
# The members.


@dataclass
class Result:
    kind: str  # reply, topic, double reply, double topic, view
    status: int  # 0: no answer (connection error, timeout)
    ms: float
    member: int
    key: str = ""
    location: str = ""
    error: str = ""


@dataclass
class Shared:
    deadline: float
    budget: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    results: list = field(default_factory=list)
    new_topics: list = field(default_factory=list)  # (topic pk, reply path)
    sent: int = 0

    def take(self, n: int = 1) -> bool:
        with self.lock:
            if self.sent + n > self.budget or time.monotonic() >= self.deadline:
                return False
            self.sent += n
            return True

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)


class Member:
    def __init__(self, number: int, session_key: str, port: int, hot: dict, space_slug: str):
        self.number, self.port, self.hot, self.space_slug = number, port, hot, space_slug
        self.cookies = {"sessionid": session_key}
        self.csrf = ""
        self.rng = random.Random(number)  # noqa: S311

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def _headers(self) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie, "Host": f"127.0.0.1:{self.port}"}

    def request(self, conn, method, path, data=None):
        headers = self._headers()
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", content

    def login_page(self) -> None:
        conn = self.connection()
        try:
            status, _, content = self.request(conn, "GET", self.hot["url"])
        finally:
            conn.close()
        if status != 200:
            raise RuntimeError(f"member {self.number}: topic page answered {status}")
        self.csrf = CSRF_RE.search(content.decode()).group(1)

    def timed(self, shared, conn, kind, method, path, data=None, key="") -> tuple:
        start = time.perf_counter()
        try:
            status, location, _ = self.request(conn, method, path, data)
            error = ""
        except (OSError, http.client.HTTPException) as exc:
            status, location, error = 0, "", repr(exc)
        ms = (time.perf_counter() - start) * 1000
        shared.add(Result(kind, status, ms, self.number, key, location, error))
        return status, location

    def post_twice(self, shared, kind, path, data, key, at_once: bool) -> None:
        """A double submit: two requests with the same submission_key."""
        if not at_once:
            for _ in range(2):
                self.send(shared, kind, "POST", path, data, key)
            return
        barrier = threading.Barrier(2)

        def one():
            conn = self.connection()
            try:
                barrier.wait(timeout=10)
                self.timed(shared, conn, kind, "POST", path, data, key)
            finally:
                conn.close()

        threads = [threading.Thread(target=one) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def run(self, shared: Shared) -> None:
        i = 0
        while True:
            i += 1
            roll = self.rng.random()
            double = self.rng.random() < 1 / 8
            if not shared.take(2 if double else 1):
                return
            key = str(uuid.uuid4())
            if roll < 0.15:
                self.send(shared, "view", "GET", self.hot["last_page"])
                continue
            if roll < 0.35:
                path = f"/forum/s/{self.space_slug}/nieuw-onderwerp/"
                data = {
                    "title": f"Vraag {self.number}-{i} over werk",
                    "body": reply_body(self.number * 100_000 + i),
                    "submission_key": key,
                }
                kind = "topic"
            else:
                with shared.lock:
                    mine = self.rng.choice(shared.new_topics) if shared.new_topics else None
                path = self.hot["reply"] if roll < 0.8 or mine is None else mine
                data = {"body": reply_body(self.number * 100_000 + i), "submission_key": key}
                kind = "reply"
            if double:
                at_once = self.rng.random() < 0.75
                self.post_twice(shared, f"double {kind}", path, data, key, at_once=at_once)
                continue
            status, location = self.send(shared, kind, "POST", path, data, key)
            if kind == "topic" and status == 302:
                match = re.search(r"/forum/t/(\d+)-", location)
                if match:
                    with shared.lock:
                        shared.new_topics.append(f"/forum/t/{match.group(1)}/antwoorden/")

    def send(self, shared, kind, method, path, data=None, key="") -> tuple:
        """One request on a connection of its own (no stale keep-alive connections)."""
        conn = self.connection()
        try:
            return self.timed(shared, conn, kind, method, path, data, key)
        finally:
            conn.close()


# ---------------------------------------------------------------------------------------------
# Setting up and checking, in this process.


def prepare(members: int) -> dict:
    """Migrate, generate 200 topics and the members; returns their sessions and paths."""
    import io

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from allauth.account.models import EmailAddress

    from accounts import roles
    from accounts.models import ApprovalStatus
    from bench.forum import populate
    from community.models import POSTS_PER_PAGE

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    made = populate(Plan(topics=200, long_posts=40, read=100), index=True)
    User = get_user_model()
    people = User.objects.bulk_create(
        [
            User(
                username=f"load-{n}",
                email=f"load-{n}@bench.example.org",
                first_name="Lid",
                last_name=f"Nummer {n}",
                approval_status=ApprovalStatus.APPROVED,
            )
            for n in range(members)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people]
    )
    group = Group.objects.get(name=roles.MEMBER)
    group.user_set.add(*people)
    sessions = []
    for user in people:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    hot = made["long"]
    return {
        "sessions": sessions,
        "user_ids": [u.pk for u in people],
        "space_slug": made["space"].slug,
        "hot": {
            "pk": hot.pk,
            "url": hot.get_absolute_url(),
            "reply": f"/forum/t/{hot.pk}/antwoorden/",
            "last_page": f"{hot.get_absolute_url()}?pagina={hot.page_of(hot.post_count + 10**6)}",
        },
        "posts_per_page": POSTS_PER_PAGE,
    }


def check(results: list[Result], user_ids: list[int]) -> dict:
    """What the database says afterwards."""
    from django.db.models import Count, Max

    from community.models import Post, ReadPosition, Topic
    from search.models import IndexedDocument

    number_of = dict(zip(range(len(user_ids)), user_ids, strict=True))
    acknowledged = {}  # (author id, key) -> set of locations
    for r in results:
        if r.kind != "view" and r.status == 302:
            acknowledged.setdefault((number_of[r.member], r.key), set()).add(r.location)
    keys = {(a, uuid.UUID(k)) for a, k in acknowledged}
    stored = {}
    for author, key in Post.objects.filter(author_id__in=user_ids).values_list(
        "author_id", "submission_key"
    ):
        stored[(author, key)] = stored.get((author, key), 0) + 1
    lost = sum(1 for k in keys if k not in stored)
    duplicates = sum(n - 1 for n in stored.values() if n > 1)
    unacknowledged = sum(1 for k in stored if k not in keys)
    double_mismatch = sum(1 for locations in acknowledged.values() if len(locations) > 1)

    topics = Topic.objects.annotate(n=Count("posts"), top=Max("posts__number"))
    bad_counts = gaps = bad_last = 0
    for topic in topics:
        if not (topic.post_count == topic.n == (topic.top or 0)):
            bad_counts += 1
    numbers = Post.objects.values("topic_id").annotate(
        n=Count("id"), distinct=Count("number", distinct=True), top=Max("number")
    )
    gaps = sum(1 for row in numbers if not (row["n"] == row["distinct"] == row["top"]))
    last_of = {}
    for topic_id, number, author_id, created_at in Post.objects.order_by(
        "topic_id", "number"
    ).values_list("topic_id", "number", "author_id", "created_at"):
        last_of[topic_id] = (number, author_id, created_at)
    for topic in topics:
        last = last_of.get(topic.pk)
        if last is None or (topic.post_count, topic.last_poster_id, topic.last_posted_at) != last:
            bad_last += 1
    # Every member's read position covers the highest post they wrote in each topic.
    written = (
        Post.objects.filter(author_id__in=user_ids)
        .values("author_id", "topic_id")
        .annotate(top=Max("number"))
    )
    positions = {
        (p.user_id, p.topic_id): p.last_read
        for p in ReadPosition.objects.filter(user_id__in=user_ids)
    }
    behind = sum(1 for w in written if positions.get((w["author_id"], w["topic_id"]), 0) < w["top"])
    post_counts = dict(Topic.objects.values_list("pk", "post_count"))
    past_end = sum(
        1
        for (_u, topic_id), last_read in positions.items()
        if last_read > post_counts.get(topic_id, 0)
    )
    indexed = IndexedDocument.objects.filter(source__startswith="community.post:").count()
    live_posts = Post.objects.filter(deleted_at__isnull=True).count()
    return {
        "acknowledged_posts": len(keys),
        "lost_posts": lost,
        "duplicate_posts": duplicates,
        "posts_without_acknowledgement": unacknowledged,
        "double_submits_answered_differently": double_mismatch,
        "topics_with_wrong_counters": bad_counts,
        "topics_with_gaps_or_repeats": gaps,
        "topics_with_wrong_last_post": bad_last,
        "read_positions_behind_own_post": behind,
        "read_positions_past_end": past_end,
        "posts": live_posts,
        "topics": len(topics),
        "search_documents_missing": live_posts - indexed,
    }


def figures(results: list[Result], seconds: float) -> dict:
    by_kind = {}
    for r in results:
        by_kind.setdefault(r.kind, []).append(r)
    out = {
        "requests": len(results),
        "seconds": seconds,
        "requests_per_s": len(results) / seconds,
        "5xx": sum(1 for r in results if r.status >= 500),
        "no_answer": sum(1 for r in results if r.status == 0),
        "4xx": sum(1 for r in results if 400 <= r.status < 500),
        "kinds": {},
    }
    posts_ok = sum(1 for r in results if r.kind != "view" and r.status == 302)
    out["acknowledged_post_requests_per_s"] = posts_ok / seconds
    for kind, rows in sorted(by_kind.items()):
        times = [r.ms for r in rows]
        statuses = {}
        for r in rows:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        out["kinds"][kind] = {
            "requests": len(rows),
            "median_ms": statistics.median(times),
            "p95_ms": p95(times),
            "statuses": statuses,
        }
    errors = [r for r in results if r.status >= 500 or r.status == 0]
    out["first_errors"] = [f"{r.kind} {r.status} {r.error}" for r in errors[:5]]
    return out


def server_errors(log: str) -> dict:
    """The exceptions in the server's log, counted by their last line."""
    counts = {}
    for line in log.splitlines():
        if re.match(r"^[\w.]+(Error|Exception): ", line):
            counts[line[:200]] = counts.get(line[:200], 0) + 1
    return counts


def run_one(db: str, args) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"forum-load-{db}-"))
    postgres = Postgres() if db == "postgres" else None
    server = tasks = None
    try:
        url = postgres.start() if postgres else f"sqlite:///{folder / 'load.sqlite3'}"
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}},
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "STATIC_ROOT": str(folder / "static"),
        }
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connection, connections

        print(f"{db}: migrating and generating ...", flush=True)
        setup = prepare(args.members)
        mode = ""
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                mode = f" (journal_mode={cursor.fetchone()[0]})"
        connections.close_all()

        served = {**env, "DJANGO_SETTINGS_MODULE": SERVED_SETTINGS}
        tasks = TaskWorkers(served, args.task_workers, folder / "gunicorn.log")
        tasks.start()
        app = "portal.wsgi:application"
        server = Gunicorn(served, args.workers, args.threads, folder / "gunicorn.log", app)
        server.start()
        members = [
            Member(n, key, server.port, setup["hot"], setup["space_slug"])
            for n, key in enumerate(setup["sessions"])
        ]
        for member in members:
            member.login_page()
        print(f"{db}: {len(members)} members for {args.seconds} s ...", flush=True)
        started = time.monotonic()
        shared = Shared(deadline=started + args.seconds, budget=args.max_requests)
        threads = [threading.Thread(target=m.run, args=(shared,)) for m in members]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
        server.stop()
        print(f"{db}: waiting for the task workers to empty the queue ...", flush=True)
        queue = tasks.drain()
        tasks.stop()
        log = (folder / "gunicorn.log").read_text() if (folder / "gunicorn.log").exists() else ""
        RESULTS.mkdir(parents=True, exist_ok=True)
        kept = RESULTS / f"forum-load-{db}-{time.strftime('%Y%m%d-%H%M%S')}-server.log"
        kept.write_text(log)
        result = {
            "database": f"{connection.vendor}{mode}",
            "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads",
            "task_workers": args.task_workers,
            "queue": queue,
            "members": args.members,
            "load_average_after": os.getloadavg(),
            **figures(shared.results, elapsed),
            "checks": check(shared.results, setup["user_ids"]),
            "server_log_tracebacks": log.count("Traceback"),
            "server_log_internal_errors": log.count("Internal Server Error"),
            "server_log_errors": server_errors(log),
            "server_log": str(kept.relative_to(ROOT)),
        }
        connections.close_all()
        return result
    finally:
        if server:
            server.stop()
        if tasks:
            tasks.stop()
        if postgres:
            postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def report(result: dict) -> list[str]:
    checks = result["checks"]
    print()
    print(f"== {result['database']}; {result['server']}; {result['members']} members")
    print(f"task workers: {result['task_workers']}; queue after the run: {result['queue']}")
    print(f"load average after the run (1, 5, 15 min): {result['load_average_after']}")
    print(
        f"{result['requests']} requests in {result['seconds']:.1f} s: "
        f"{result['requests_per_s']:.1f} requests/s, "
        f"{result['acknowledged_post_requests_per_s']:.1f} acknowledged post requests/s; "
        f"5xx: {result['5xx']}, no answer: {result['no_answer']}, 4xx: {result['4xx']}"
    )
    print()
    print("| request | count | median ms | p95 ms | statuses |")
    print("|---|---:|---:|---:|---|")
    for kind, row in result["kinds"].items():
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(row["statuses"].items()))
        print(
            f"| {kind} | {row['requests']} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | "
            f"{statuses} |"
        )
    print()
    for name, value in checks.items():
        print(f"  {name}: {value}")
    if result["first_errors"]:
        print(f"  first errors: {result['first_errors']}")
    for error, count in result["server_log_errors"].items():
        print(f"  server log: {count} x {error}")
    must_be_zero = [
        "lost_posts", "duplicate_posts", "double_submits_answered_differently",
        "topics_with_wrong_counters", "topics_with_gaps_or_repeats",
        "topics_with_wrong_last_post", "read_positions_behind_own_post",
        "read_positions_past_end",
    ]  # fmt: skip
    failures = [f"{name} = {checks[name]}" for name in must_be_zero if checks[name]]
    if result["queue"]["tasks_failed"] or result["queue"]["tasks_waiting"]:
        failures.append(f"background tasks failed or left: {result['queue']}")
    if result["5xx"] or result["no_answer"]:
        failures.append(f"errors shown to users: {result['5xx']} 5xx, {result['no_answer']} none")
    for failure in failures:
        print(f"FAIL {failure}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--task-workers", type=int, default=2, help="db_worker processes behind the server"
    )
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    failures = []
    for db in databases:
        if len(databases) > 1:
            # Django is set up once per process: each database gets a process of its own.
            command = [sys.executable, __file__, "--db", db]
            command += ["--members", str(args.members), "--seconds", str(args.seconds)]
            command += ["--max-requests", str(args.max_requests)]
            command += ["--workers", str(args.workers), "--threads", str(args.threads)]
            command += ["--task-workers", str(args.task_workers)]
            if subprocess.run(command, check=False).returncode:  # noqa: S603
                failures.append(db)
            continue
        result = run_one(db, args)
        failures += report(result)
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"forum-load-{db}-{stamp}.json"
        out.write_text(json.dumps(result, indent=2, default=str))
        print(f"written: {out.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
