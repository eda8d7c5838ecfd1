#!/usr/bin/env python
"""The peer: django-machina, on the same data as bench/forum.py, measured the same way.

Usage: .venv/bin/python bench/peer_machina.py [--topics 10 10000] [--posts 10 1000] [--requests 60]
The peer runs in its own virtualenv (PEER_VENV, default /work/peer-venv) with Django 4.2 and
django-machina from PyPI, never in this project's lock files: the script creates it when it is
missing, then runs itself inside it. A throw-away Django project (settings and URLs written by
this script into a temporary folder) serves machina's own views and templates with its
documented set-up (haystack's simple backend, no attachments or polls). Each size gets a fresh
database: a temporary SQLite file, or "bench_peer_<name>" on the DATABASE_URL server.

Pages, in the same order as ours: the long topic's page 1 and page 50 (20 posts a page), the
10-post topic, the forum page (30 topics a page), "unread topics", the board index, a reply
and a new topic. Prints the table, and the ratio to the latest bench/forum.py results of the
same database kind when there are any.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PEER_VENV = Path(os.environ.get("PEER_VENV", "/work/peer-venv"))
REQUIREMENTS = ["django>=4.2,<5", "django-machina==1.3.1", "psycopg[binary]>=3.1"]

SETTINGS = """
from pathlib import Path
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

HERE = Path(__file__).resolve().parent
SECRET_KEY = "peer-benchmark-only-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "peer_urls"
DATABASES = {DATABASES!r}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_search",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "machina.apps.forum_permission.middleware.ForumPermissionMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(HERE / "attachments-cache"),
    },
}
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "nl-be"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
MEDIA_ROOT = str(HERE / "media")
# The same page sizes as ours.
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 20
MACHINA_FORUM_TOPICS_NUMBER_PER_PAGE = 30
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_post_without_approval",
]
"""

URLS = """
from django.urls import include, path
from machina import urls as machina_urls

urlpatterns = [path("forum/", include(machina_urls))]
"""


# ---------------------------------------------------------------------------------------------
# Outside: the virtualenv.


def ensure_venv() -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"peer: creating {PEER_VENV} (Django 4.2, django-machina 1.3.1 from PyPI)")
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)  # noqa: S603
    check = subprocess.run(  # noqa: S603
        [str(python), "-c", "import machina, django; assert django.VERSION[:2] == (4, 2)"],
        capture_output=True,
        check=False,
    )
    if check.returncode != 0:
        subprocess.run(  # noqa: S603
            [str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True
        )
    return python


# ---------------------------------------------------------------------------------------------
# Inside the peer's virtualenv.


def database_settings(folder: Path) -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(folder / "peer.sqlite3"),
                "TEST": {"NAME": str(folder / "bench-peer.sqlite3")},
            }
        }
    parts = urlparse(url)
    name = parts.path.lstrip("/") or "portal"
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": parts.username or "",
            "PASSWORD": parts.password or "",
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "TEST": {"NAME": f"bench_peer_{name}"},
        }
    }


def setup_peer_django() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="peer-machina-"))
    (folder / "peer_settings.py").write_text(
        SETTINGS.replace("{DATABASES!r}", repr(database_settings(folder)))
    )
    (folder / "peer_urls.py").write_text(URLS)
    sys.path.insert(0, str(folder))
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "peer_settings"
    import django

    django.setup()
    return folder


class _NoAutoNow:
    """Lets bulk_create write the plan's own dates into auto_now(_add) fields."""

    def __init__(self, *fields):
        self.fields = fields

    def __enter__(self):
        self.saved = [(f, f.auto_now, f.auto_now_add) for f in self.fields]
        for f in self.fields:
            f.auto_now = f.auto_now_add = False

    def __exit__(self, *exc):
        for f, auto_now, auto_now_add in self.saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def populate(plan) -> dict:
    """The same plan as bench/forum.py, as machina's rows (counters and rendered HTML set as
    machina's own signals would have set them)."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils.text import slugify

    from machina.apps.forum.models import Forum
    from machina.apps.forum_conversation.models import Post, Topic
    from machina.apps.forum_member.models import ForumProfile
    from machina.apps.forum_tracking.models import TopicReadTrack

    from bench.forum import MEMBER_EMAIL, PINNED

    render = Post._meta.get_field("content").render_data
    password = make_password(None)
    with transaction.atomic():
        people = [
            User(
                username=f"forum-{i}",
                email=f"forum-{i}@bench.example.org",
                first_name=plan.person(i)[0],
                last_name=plan.person(i)[1],
                password=password,
                date_joined=plan.joined(),
            )
            for i in range(plan.authors)
        ]
        people.append(
            User(username="forumlid", email=MEMBER_EMAIL, password=password, first_name="Lid")
        )
        people = User.objects.bulk_create(people, batch_size=500)
        member = people[-1]
        ids = [u.pk for u in people]
        forum = Forum.objects.create(name="Werk en inkomen", type=Forum.FORUM_POST)
        by_index = {}
        posts_by_author = {}
        topic_dates = (Topic._meta.get_field("created"), Topic._meta.get_field("updated"))
        post_dates = (Post._meta.get_field("created"), Post._meta.get_field("updated"))
        with _NoAutoNow(*topic_dates, *post_dates):
            for start in range(0, plan.topics, 1000):
                batch = range(start, min(start + 1000, plan.topics))
                topics = []
                for t in batch:
                    title = plan.title(t)
                    count = plan.counts[t]
                    topics.append(
                        Topic(
                            forum=forum,
                            poster_id=ids[plan.author(t, 1)],
                            subject=title,
                            slug=slugify(title),
                            type=Topic.TOPIC_STICKY if t in PINNED else Topic.TOPIC_POST,
                            status=Topic.TOPIC_UNLOCKED,
                            approved=True,
                            posts_count=count,
                            last_post_on=plan.posted(t, count),
                            created=plan.started(t),
                            updated=plan.posted(t, count),
                        )
                    )
                Topic.objects.bulk_create(topics)
                posts = []
                for t, topic in zip(batch, topics, strict=True):
                    by_index[t] = topic
                    for number, text in enumerate(plan.bodies(t), start=1):
                        author = plan.author(t, number)
                        posts_by_author[author] = posts_by_author.get(author, 0) + 1
                        post = Post(
                            topic=topic,
                            poster_id=ids[author],
                            subject=topic.subject if number == 1 else f"Re: {topic.subject}",
                            content=text,
                            approved=True,
                            created=plan.posted(t, number),
                            updated=plan.posted(t, number),
                        )
                        render(None, Post, instance=post)
                        posts.append(post)
                Post.objects.bulk_create(posts, batch_size=2000)
                first, last = {}, {}
                for post in posts:
                    first.setdefault(post.topic_id, post.pk)
                    last[post.topic_id] = post.pk
                for topic in topics:
                    topic.first_post_id, topic.last_post_id = first[topic.pk], last[topic.pk]
                Topic.objects.bulk_update(topics, ["first_post", "last_post"], batch_size=1000)
        ForumProfile.objects.bulk_create(
            [
                ForumProfile(user_id=pk, posts_count=posts_by_author.get(i, 0))
                for i, pk in enumerate(ids)
            ]
        )
        forum.refresh_from_db()
        forum.update_trackers()
        minute = datetime.timedelta(minutes=1)
        track_time = TopicReadTrack._meta.get_field("mark_time")
        with _NoAutoNow(track_time):
            TopicReadTrack.objects.bulk_create(
                [
                    TopicReadTrack(
                        user=member, topic=by_index[t], mark_time=plan.posted(t, last_read) + minute
                    )
                    for t, last_read in plan.last_read.items()
                ],
                batch_size=2000,
            )
    return {"member": member, "forum": forum, "long": by_index[0], "short": by_index[1]}


def measure_peer(plan, requests: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from bench.forum import reply_body, timed_get, timed_post

    started = time.perf_counter()
    made = populate(plan)
    generated = time.perf_counter() - started
    member = Client()
    member.force_login(made["member"])
    forum, long, short = made["forum"], made["long"], made["short"]
    size = {"topics": plan.topics, "long_posts": plan.long_posts, "read": len(plan.last_read)}

    def topic_url(topic):
        kwargs = {"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug}
        return reverse("forum_conversation:topic", kwargs={**kwargs, "pk": topic.pk})

    forum_url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    rows = [
        timed_get(member, "topic, long, page 1", topic_url(long), requests, kind="topic", **size),
        timed_get(
            member,
            "topic, long, page 50",
            f"{topic_url(long)}?page={min(50, (plan.long_posts + 19) // 20)}",  # 404 past the end
            requests,
            kind="topic",
            **size,
        ),
        timed_get(member, "topic, 10 posts", topic_url(short), requests, kind="topic", **size),
        timed_get(member, "space page", forum_url, requests, kind="space", **size),
        timed_get(
            member,
            "Nieuw & ongelezen",
            reverse("forum_tracking:unread_topics"),
            requests,
            kind="unread",
            **size,
        ),
        timed_get(member, "forum index", reverse("forum:index"), requests, kind="list", **size),
    ]
    reply_path = reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "topic_slug": long.slug,
            "topic_pk": long.pk,
        },
    )
    rows.append(
        timed_post(
            member,
            "reply (POST)",
            lambda i: (reply_path, {"subject": f"Re: {long.subject}", "content": reply_body(i)}),
            requests,
            kind="reply",
            **size,
        )
    )
    create_path = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )
    rows.append(
        timed_post(
            member,
            "new topic (POST)",
            lambda i: (
                create_path,
                {
                    "subject": f"Nieuwe vraag over werk {i} {uuid.uuid4().hex[:6]}",
                    "content": reply_body(10_000 + i),
                    "topic_type": "0",
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


def run_inside(args) -> int:
    folder = setup_peer_django()
    try:
        return _measure_all(args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _measure_all(args) -> int:
    import django
    from django.db import connection

    import machina

    from bench.forum import Plan, print_table, query_count_failures

    rows = []
    for topics, posts in zip(args.topics, args.posts, strict=True):
        plan = Plan(topics=topics, long_posts=posts, read=int(topics * args.read))
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            print(f"peer: {topics} topics, {plan.total_posts} posts ...", flush=True)
            rows += measure_peer(plan, args.requests)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    peer = (
        f"django-machina {getattr(machina, '__version__', '1.3.1')} on Django "
        f"{django.get_version()} ({connection.vendor})"
    )
    print()
    print(f"{peer}; {args.requests} timed requests per row after 5 warm-up")
    print()
    print_table(rows, None)
    for failure in query_count_failures(rows):
        print(f"query counts: {failure}")
    result = {"peer": peer, "database": connection.vendor, "rows": rows}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    else:
        print_ratio(result)
    return 0


def print_ratio(result: dict) -> None:
    """Against the latest bench/forum.py results on the same database kind, if any."""
    from bench.forum import PEER_PAGES, RESULTS

    ours = sorted(RESULTS.glob(f"forum-{result['database']}-*.json"))
    if not ours:
        print("no bench/forum.py results to compare with: run it (or run it with --peer)")
        return
    rows = json.loads(ours[-1].read_text())["rows"]
    peer = {(r["page"], r["topics"]): r for r in result["rows"]}
    print()
    print(f"ratio to {ours[-1].name} (peer p95 / our p95):")
    for row in rows:
        other = peer.get((PEER_PAGES.get(row["page"]), row["topics"]))
        if other:
            print(
                f"  {row['page']:<20} {row['topics']:>6} topics: ours {row['p95_ms']:.1f} ms, "
                f"peer {other['p95_ms']:.1f} ms, ratio {other['p95_ms'] / row['p95_ms']:.1f}x"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--posts", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--read", type=float, default=0.5)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--json", help="write the results here (bench/forum.py --peer does)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return run_inside(args)
    python = ensure_venv()
    command = [str(python), str(Path(__file__).resolve()), *sys.argv[1:], "--inside"]
    return subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
