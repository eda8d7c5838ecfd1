"""Demo notifications for lid@example.org, made from the demo forum (idempotent).

What the forum's demo conversations would have told her: mentions, quotes of her posts,
replies in her topics, reactions to her posts (bundled), solutions, and posts in a space she
watches; dated as the posts are, read as far as she read each topic, the newest few unread.
She watches the topics she started or answered in, and one space; she gets a daily digest.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from . import registry, watching
from .models import (
    Frequency,
    Kind,
    MailPreference,
    Notification,
    WatchLevel,
    WatchReason,
    precedence,
)

EMAIL = "lid@example.org"
# The space she follows closely (every post), if the forum demo has it.
WATCHED_SPACE = "vraag-en-antwoord"
KEEP = 14
UNREAD_AT_LEAST = 4


def load(out) -> None:
    from django.apps import apps

    if not apps.is_installed("community"):
        return
    lid = get_user_model().objects.filter(email=EMAIL).first()
    if lid is None:
        out.write("  overgeslagen: lid@example.org ontbreekt")
        return
    if Notification.objects.filter(recipient=lid).exists():
        return
    from community.models import Post, Space

    if not Post.objects.exists():
        out.write("  overgeslagen: het demoforum is leeg")
        return
    space = Space.objects.filter(slug=WATCHED_SPACE).first() or Space.objects.first()
    watches = _watches(lid, space)
    made = _notifications(lid, space)
    MailPreference.objects.update_or_create(
        user=lid,
        defaults={"frequency": Frequency.DAILY, "last_digest_at": timezone.now()},
    )
    unread = sum(1 for n in made if n.read_at is None)
    out.write(f"  {len(made)} meldingen voor {EMAIL} ({unread} ongelezen), {watches} keer volgen")


def _watches(lid, space) -> int:
    from community.models import Post, Topic

    own = Topic.objects.filter(author=lid)
    replied = Topic.objects.filter(posts__author=lid).exclude(author=lid).distinct()
    for topic in own:
        watching.watch_automatically(lid.pk, topic, WatchReason.CREATED)
    for topic in replied:
        watching.watch_automatically(lid.pk, topic, WatchReason.REPLIED)
    if space is not None:
        watching.set_level(lid, space, WatchLevel.WATCHING)
    # One noisy conversation she turned down: a topic in another space she answered once.
    quiet = (
        Post.objects.filter(author=lid, number__gt=1)
        .exclude(topic__space=space)
        .select_related("topic")
        .order_by("created_at")
        .first()
    )
    if quiet is not None:
        watching.set_level(lid, quiet.topic, WatchLevel.NORMAL)
    return own.count() + replied.count() + (1 if space else 0)


def _notifications(lid, space) -> list:
    from community.models import Mention, Post, ReadPosition
    from community.notify import quoted_post_ids

    entry = registry.target_for(Post)
    posts = Post.objects.select_related("topic__space", "topic__solution", "author").filter(
        deleted_at__isnull=True
    )
    wanted: dict[int, tuple] = {}  # post id -> (kind, post, actor, data)

    def offer(post, kind, actor, data=None):
        if actor is not None and actor.pk == lid.pk:
            return
        if not entry.can_see(lid, post):
            return
        current = wanted.get(post.pk)
        if current is None or precedence(kind) < precedence(current[0]):
            wanted[post.pk] = (kind, post, actor, data or {})

    mine = set(Post.objects.filter(author=lid).values_list("pk", flat=True))
    for post in posts.filter(topic__author=lid, number__gt=1).exclude(author=lid):
        offer(post, Kind.REPLIED, post.author)
    if space is not None:
        for post in (
            posts.filter(topic__space=space).exclude(author=lid).order_by("-created_at")[:6]
        ):
            offer(post, Kind.NEW_TOPIC if post.number == 1 else Kind.WATCHED, post.author)
    for post in posts.filter(body__contains="/forum/p/").exclude(author=lid):
        if mine.intersection(quoted_post_ids(post.body)):
            offer(post, Kind.QUOTED, post.author)
    for mention in Mention.objects.filter(user=lid).select_related(
        "post__topic__space", "post__author"
    ):
        offer(mention.post, Kind.MENTIONED, mention.post.author)

    read = dict(ReadPosition.objects.filter(user=lid).values_list("topic_id", "last_read"))
    rows = []
    for kind, post, actor, data in wanted.values():
        rows.append(_row(lid, kind, post, actor, data, post.created_at, read))
    rows += _solutions(lid, posts, read)
    rows += _reactions(lid, mine, read)
    rows.sort(key=lambda n: n.created_at, reverse=True)
    rows = rows[:KEEP]
    # The newest few are waiting for her, whatever she read of those topics.
    for row in rows[:UNREAD_AT_LEAST]:
        row.read_at = None
        row.emailed_at = None
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def _row(lid, kind, post, actor, data, when, read):
    from community.models import Post

    seen = read.get(post.topic_id, 0) >= post.number
    return Notification(
        recipient=lid,
        kind=kind,
        content_type=watching.content_type(Post),
        object_id=post.pk,
        actor=actor,
        actor_names=[actor.display_name] if actor else [],
        data=data,
        created_at=when,
        read_at=when + datetime.timedelta(hours=3) if seen else None,
        emailed_at=when + datetime.timedelta(minutes=5) if seen else None,
    )


def _solutions(lid, posts, read) -> list:
    rows = []
    for post in posts.filter(solves__isnull=False).filter(Q(author=lid) | Q(topic__author=lid)):
        topic = post.topic
        if post.author_id == lid.pk and topic.author_id != lid.pk:
            rows.append(
                _row(
                    lid,
                    Kind.SOLUTION,
                    post,
                    topic.author,
                    {"role": "answer"},
                    post.created_at + datetime.timedelta(hours=5),
                    read,
                )
            )
    return rows


def _reactions(lid, mine, read) -> list:
    from community.models import Reaction

    bundles: dict[int, list] = {}
    for reaction in (
        Reaction.objects.filter(post_id__in=mine)
        .exclude(user=lid)
        .select_related("user", "post__topic")
        .order_by("-created_at")
    ):
        bundles.setdefault(reaction.post_id, []).append(reaction)
    rows = []
    for reactions in bundles.values():
        people = list({r.user_id: r.user for r in reactions}.values())
        newest = reactions[0]
        post = newest.post
        row = _row(
            lid,
            Kind.REACTION,
            post,
            newest.user,
            {
                "actors": [user.pk for user in people],
                "emoji": list(dict.fromkeys(r.get_kind_display() for r in reactions)),
            },
            newest.created_at,
            read,
        )
        row.count = len(people)
        row.actor_names = [user.display_name for user in people][:10]
        rows.append(row)
    return rows
