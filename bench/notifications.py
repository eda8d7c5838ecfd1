#!/usr/bin/env python
"""Notifications at scale: a reply that notifies its watchers, the header counter, digests.

Usage: .venv/bin/python bench/notifications.py [--watchers 200 2000] [--requests 60]
                                               [--members 1000 5000] [--per-member 5]

- **reply, request**: a member replies in a topic that ``--watchers[0]`` members watch. The
  request runs with django-tasks' database backend (the production queue): it only queues
  the fan-out; the p95 over ``--requests`` replies (after 5 warm-up) is the figure (target
  100 ms).
- **reply, worker**: for each watcher count, one reply, then the queued tasks run in this
  process through django-tasks-db's own ``Worker`` (as ``manage.py db_worker --batch`` does):
  the fan-out (notifications in bulk) and the mail (one message per watcher, one connection;
  the mail backend counts and discards). Times come from the task rows (started, finished).
- **header counter**: the queries of a member's page with 30 unread notifications, and how
  many of them touch the notifications table (target: one).
- **digest**: ``--members`` members on a daily digest, ``--per-member`` unread notifications
  each (posts in an open and a closed space); ``digests.run()`` timed, then run again from
  the same state under tracemalloc for its peak memory (target: 5,000 members in 60 s, memory
  flat: the peak should not grow with the number of members).

Runs on a fresh database (see bench/run.py; DATABASE_URL selects PostgreSQL).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"reply_p95_ms": 100.0, "digest_5000_s": 60.0, "counter_queries": 1}
PASSWORD = "!"  # noqa: S105 - unusable: no hashing for thousands of bench accounts


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


# The mail backend: counts, keeps nothing (a real SMTP server is not what is measured).
SENT = {"messages": 0, "connections": 0}


def counting_backend():
    from django.core.mail.backends.base import BaseEmailBackend

    class CountingBackend(BaseEmailBackend):
        def open(self):
            SENT["connections"] += 1
            return True

        def send_messages(self, messages):
            for message in messages:
                message.message()  # render it, as an SMTP backend would
            SENT["messages"] += len(messages)
            return len(messages)

    return CountingBackend


# ---------------------------------------------------------------------------------------------
# Data


def members(count: int, prefix: str, *, days_ago: int = 60) -> list:
    """``count`` approved members with a verified address (no group needed for open spaces)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from allauth.account.models import EmailAddress

    from accounts.models import ApprovalStatus

    User = get_user_model()
    joined = timezone.now() - datetime.timedelta(days=days_ago)
    users = User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{i}",
                email=f"{prefix}{i}@bench.example.org",
                first_name="Lid",
                last_name=f"{prefix.capitalize()} {i}",
                password=PASSWORD,
                approval_status=ApprovalStatus.APPROVED,
                approved_at=joined,
                date_joined=joined,
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    if users and users[0].pk is None:  # backends that return no ids
        users = list(User.objects.filter(username__startswith=prefix).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=1000,
    )
    return users


def topic_with_watchers(space, author, watchers):
    """A topic (its own tasks left out of the measures) and its watchers."""
    from django_tasks_db.models import DBTaskResult

    from community import posting
    from notifications import watching
    from notifications.models import Watch, WatchLevel

    topic = posting.start_topic(space, author, f"Vraag voor {len(watchers)} volgers", "Wie?")
    content_type = watching.content_type(topic)
    Watch.objects.bulk_create(
        [
            Watch(
                user=user,
                content_type=content_type,
                object_id=topic.pk,
                level=WatchLevel.WATCHING,
            )
            for user in watchers
        ],
        batch_size=1000,
    )
    DBTaskResult.objects.all().delete()
    return topic


# ---------------------------------------------------------------------------------------------
# Measures


def queued_settings():
    from django.test import override_settings

    return override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
        EMAIL_BACKEND="bench.notifications.CountingBackend",
        NOTIFICATIONS_MAIL_DELAY=0,
    )


def run_worker() -> dict:
    """Run every queued task (django-tasks-db's Worker, batch mode); seconds per task path."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="SUCCESSFUL").delete()
    start = time.perf_counter()
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    ).run()
    wall = time.perf_counter() - start
    per_task: dict[str, float] = {}
    for path, status, started, finished in DBTaskResult.objects.values_list(
        "task_path", "status", "started_at", "finished_at"
    ):
        if status != "SUCCESSFUL":
            raise RuntimeError(f"{path}: {status}")
        name = path.rsplit(".", 1)[-1]
        per_task[name] = per_task.get(name, 0.0) + (finished - started).total_seconds()
    DBTaskResult.objects.all().delete()
    return {"wall_s": wall, **per_task}


def measure_reply(space, author, replier, watchers, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from django_tasks_db.models import DBTaskResult

    topic = topic_with_watchers(space, author, watchers)
    client = Client()
    client.force_login(replier)
    url = f"/forum/t/{topic.pk}/antwoorden/"

    def send(i):
        response = client.post(url, {"body": f"Antwoord {i}: bij ons ook, via het GPMI."})
        assert response.status_code == 302, response.status_code

    for i in range(5):
        send(i)
    with CaptureQueriesContext(connection) as captured:
        send(5)
    # Read now: the next request empties the query log.
    queries = len(captured.captured_queries)
    timings = []
    for i in range(6, 6 + requests):
        start = time.perf_counter()
        send(i)
        timings.append((time.perf_counter() - start) * 1000)
    queued = DBTaskResult.objects.filter(task_path__endswith="fan_out_post").count()
    DBTaskResult.objects.all().delete()  # the worker is measured on one reply, below
    return {
        "watchers": len(watchers),
        "median_ms": statistics.median(timings),
        "p95_ms": p95(timings),
        "queries": queries,
        "fan_outs_queued": queued,
    }


def measure_worker(space, author, replier, watchers) -> dict:
    from community import posting
    from notifications.models import Notification

    topic = topic_with_watchers(space, author, watchers)
    SENT.update(messages=0, connections=0)
    before = Notification.objects.count()
    from django.db import transaction

    with transaction.atomic():  # the signal goes out on commit, as after a request
        posting.reply(topic, replier, "Een antwoord dat iedereen die volgt moet horen.")
    times = run_worker()
    made = Notification.objects.count() - before
    return {
        "watchers": len(watchers),
        "notifications": made,
        "mails": SENT["messages"],
        "connections": SENT["connections"],
        "fan_out_s": times.get("fan_out_post", 0.0),
        "mail_s": times.get("send_immediate_mails", 0.0),
        "worker_wall_s": times["wall_s"],
    }


def measure_counter(space, author, member) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from community import posting
    from notifications.models import Kind, Notification

    topic = posting.start_topic(space, author, "Dertig meldingen", "Tekst")
    posts = [posting.reply(topic, author, f"Bericht {i}") for i in range(30)]
    Notification.objects.bulk_create(
        [
            Notification(recipient=member, kind=Kind.WATCHED, target=post, actor=author)
            for post in posts
        ]
    )
    client = Client()
    client.force_login(member)
    rows = {}
    for label, path in (("settings page", "/meldingen/instellingen/"), ("forum", "/forum/")):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert b'data-testid="notification-count">30<' in response.content, path
        touching = [
            q for q in captured.captured_queries if "notifications_notification" in q["sql"]
        ]
        rows[label] = {"queries": len(captured.captured_queries), "counter": len(touching)}
    return rows


def digest_data(count: int, per_member: int):
    """``count`` members on a daily digest, due; ``per_member`` unread notifications each,
    about posts in an open space and (for one in ten, who are in its group) a closed one."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from community import posting
    from community.models import Space
    from notifications import watching
    from notifications.models import Frequency, Kind, MailPreference, Notification

    digest_members = members(count, f"d{count}x")
    group = Group.objects.create(name=f"Bench regio {count}")
    group.user_set.add(*digest_members[::10])
    author = digest_members[0]
    open_space = Space.objects.create(name=f"Open {count}", slug=f"open-{count}")
    closed = Space.objects.create(name=f"Regio {count}", slug=f"regio-{count}", group=group)
    posts = []
    for space in (open_space, closed):
        for t in range(5):
            topic = posting.start_topic(space, author, f"Onderwerp {t} in {space.name}", "Vraag")
            posts += [
                posting.reply(topic, author, f"Antwoord {i} met wat tekst over werk en zorg.")
                for i in range(5)
            ]
    open_posts = [p for p in posts if p.topic.space_id == open_space.pk]
    closed_posts = [p for p in posts if p.topic.space_id == closed.pk]
    content_type = watching.content_type(posts[0])
    yesterday = timezone.now() - datetime.timedelta(days=2)
    MailPreference.objects.bulk_create(
        [
            MailPreference(user=u, frequency=Frequency.DAILY, last_digest_at=yesterday)
            for u in digest_members
        ],
        batch_size=1000,
    )
    kinds = [Kind.WATCHED, Kind.REPLIED, Kind.MENTIONED, Kind.QUOTED, Kind.NEW_TOPIC]
    rows = []
    for i, user in enumerate(digest_members):
        pool = closed_posts if i % 10 == 0 else open_posts
        for n in range(per_member):
            post = pool[(i + n * 7) % len(pool)]
            rows.append(
                Notification(
                    recipient=user,
                    kind=kinds[n % len(kinds)],
                    content_type=content_type,
                    object_id=post.pk,
                    actor=author,
                    actor_names=[author.display_name],
                    created_at=yesterday + datetime.timedelta(minutes=n),
                )
            )
        if len(rows) >= 5000:
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return digest_members


def measure_digest(count: int, per_member: int) -> dict:
    from django.utils import timezone

    from notifications import digests
    from notifications.models import MailPreference, Notification

    digest_members = digest_data(count, per_member)
    ids = [u.pk for u in digest_members]

    def reset():
        Notification.objects.filter(recipient_id__in=ids).update(emailed_at=None)
        MailPreference.objects.filter(user_id__in=ids).update(
            last_digest_at=timezone.now() - datetime.timedelta(days=2)
        )
        SENT.update(messages=0, connections=0)

    reset()
    start = time.perf_counter()
    result = digests.run()
    seconds = time.perf_counter() - start
    assert result.mails == count, (result, count)
    again = digests.run()
    assert again.mails == 0, again  # idempotent
    reset()
    tracemalloc.start()
    digests.run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    MailPreference.objects.filter(user_id__in=ids).update(frequency="never")  # next sizes
    return {
        "members": count,
        "notifications": result.notifications,
        "mails": result.mails,
        "seconds": seconds,
        "per_member_ms": seconds * 1000 / count,
        "peak_mib": peak / 2**20,
        "chunks": result.chunks,
    }


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watchers", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--members", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--per-member", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from bench.run import drop_database, fresh_database, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection

    # The script runs as __main__; settings name the backend by its module path.
    import bench.notifications as module

    module.CountingBackend = counting_backend()
    original_name = settings.DATABASES["default"]["NAME"]
    fresh_database()
    try:
        with queued_settings():
            from community.models import Space

            people = members(max(args.watchers) + 3, "w")
            author, replier, reader, watchers = people[0], people[1], people[2], people[3:]
            space = Space.objects.create(name="Vraag en antwoord", slug="vraag-en-antwoord")
            print("reply request ...", flush=True)
            request = measure_reply(
                space, author, replier, watchers[: args.watchers[0]], args.requests
            )
            workers = []
            for count in args.watchers:
                print(f"worker, {count} watchers ...", flush=True)
                workers.append(measure_worker(space, author, replier, watchers[:count]))
            print("header counter ...", flush=True)
            counter = measure_counter(space, author, reader)
            digests_rows = []
            for count in args.members:
                print(f"digest, {count} members ...", flush=True)
                digests_rows.append(measure_digest(count, args.per_member))
        vendor = connection.vendor
    finally:
        drop_database(original_name)

    print()
    print(f"database: {vendor}; load average (1, 5, 15 min): {os.getloadavg()}")
    print()
    print("| measure | size | figure | target |")
    print("|---|---:|---:|---:|")
    print(
        f"| reply request p95 (queued tasks) | {request['watchers']} watchers | "
        f"{request['p95_ms']:.1f} ms (median {request['median_ms']:.1f}, "
        f"{request['queries']} queries) | ≤ {TARGETS['reply_p95_ms']:.0f} ms |"
    )
    for row in workers:
        print(
            f"| worker: fan-out + mail | {row['watchers']} watchers | "
            f"{row['fan_out_s'] * 1000:.0f} ms + {row['mail_s'] * 1000:.0f} ms "
            f"({row['notifications']} notifications, {row['mails']} mails over "
            f"{row['connections']} connection(s); worker wall {row['worker_wall_s']:.2f} s) | "
            "background |"
        )
    for label, row in counter.items():
        print(
            f"| header counter queries ({label}) | 30 unread | {row['counter']} of "
            f"{row['queries']} queries | ≤ {TARGETS['counter_queries']} |"
        )
    for row in digests_rows:
        target = f"≤ {TARGETS['digest_5000_s']:.0f} s" if row["members"] >= 5000 else "-"
        print(
            f"| daily digest | {row['members']} members | {row['seconds']:.1f} s "
            f"({row['per_member_ms']:.2f} ms/member, {row['notifications']} notifications, "
            f"{row['mails']} mails, {row['chunks']} chunks), peak {row['peak_mib']:.1f} MiB | "
            f"{target} |"
        )
    misses = []
    if request["p95_ms"] > TARGETS["reply_p95_ms"]:
        misses.append("reply request p95")
    if any(row["counter"] > TARGETS["counter_queries"] for row in counter.values()):
        misses.append("header counter queries")
    for row in digests_rows:
        if row["members"] >= 5000 and row["seconds"] > TARGETS["digest_5000_s"]:
            misses.append(f"digest for {row['members']}")
    for miss in misses:
        print(f"MISS {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
