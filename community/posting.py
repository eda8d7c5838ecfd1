"""Writing to the forum: new topics and replies, numbered without gaps, counted in step.

Each write locks the topic row (SQLite serialises writers anyway), takes the next number
and updates the topic's counters in the same transaction. A double submit carries the
same submission key and returns the post the first one made.
"""

import re

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import signals
from .models import Mention, Post, ReadPosition, Topic

# A handle ends on a letter or digit: "@joris.peeters." at the end of a sentence is joris.peeters.
MENTION_RE = re.compile(r"(?<![\w@])@([\w.\-]*\w)")


def mentioned_handles(body: str) -> list[str]:
    return list(dict.fromkeys(MENTION_RE.findall(body)))


def _existing(author, submission_key):
    if submission_key is None:
        return None
    return Post.objects.filter(author=author, submission_key=submission_key).first()


def start_topic(
    space, author, title: str, body: str, submission_key=None, mentions=(), attachments=()
) -> Topic:
    """``attachments``: files checked by ``community.attachments.check``, saved with the post."""
    existing = _existing(author, submission_key)
    if existing is not None:
        return existing.topic
    now = timezone.now()
    try:
        with transaction.atomic():
            topic = Topic.objects.create(
                space=space,
                title=title,
                author=author,
                created_at=now,
                last_posted_at=now,
                last_poster=author,
                post_count=1,
            )
            post = Post.objects.create(
                topic=topic,
                number=1,
                author=author,
                body=body,
                created_at=now,
                **({"submission_key": submission_key} if submission_key else {}),
            )
            _save_mentions(post, mentions)
            _save_attachments(post, author, attachments)
            ReadPosition.objects.create(user=author, topic=topic, last_read=1)
            _announce(post, topic_created=True, mentioned=mentions)
    except IntegrityError:
        # The same submission raced in twice: the other request made the topic.
        existing = _existing(author, submission_key)
        if existing is None:
            raise
        return existing.topic
    return topic


def reply(topic, author, body: str, submission_key=None, mentions=(), attachments=()) -> Post:
    existing = _existing(author, submission_key)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            locked = Topic.objects.select_for_update().get(pk=topic.pk)
            now = timezone.now()
            post = Post.objects.create(
                topic=locked,
                number=locked.post_count + 1,
                author=author,
                body=body,
                created_at=now,
                **({"submission_key": submission_key} if submission_key else {}),
            )
            Topic.objects.filter(pk=locked.pk).update(
                post_count=F("post_count") + 1, last_posted_at=now, last_poster=author
            )
            _save_mentions(post, mentions)
            _save_attachments(post, author, attachments)
            mark_read(author, locked, post.number)
            _announce(post, topic_created=False, mentioned=mentions)
    except IntegrityError:
        # The same submission raced in twice: the other request made the post.
        existing = _existing(author, submission_key)
        if existing is None:
            raise
        return existing
    return post


def _announce(post, *, topic_created: bool, mentioned) -> None:
    """Send ``signals.post_created`` once the post is committed (never for a rolled-back one)."""
    mentioned = [user for user in mentioned if user.pk != post.author_id]
    transaction.on_commit(
        lambda: signals.post_created.send(
            sender=Post, post=post, topic_created=topic_created, mentioned=mentioned
        )
    )


def _save_mentions(post, users) -> None:
    Mention.objects.bulk_create(
        [Mention(post=post, user=user) for user in users if user.pk != post.author_id],
        ignore_conflicts=True,
    )


def _save_attachments(post, author, checked) -> None:
    if checked:
        from .attachments import store

        store(post, author, list(checked))


def mark_read(user, topic, number: int) -> None:
    """Remember that ``user`` has seen up to post ``number``; never moves backwards."""
    updated = ReadPosition.objects.filter(user=user, topic=topic, last_read__lt=number).update(
        last_read=number
    )
    if not updated:
        ReadPosition.objects.get_or_create(user=user, topic=topic, defaults={"last_read": number})


def mark_all_read(user) -> int:
    """Move the member's read position to the end of every unread topic they may see."""
    from .queries import unread_topics

    ends = list(unread_topics(user).order_by().values_list("pk", "post_count"))
    ReadPosition.objects.bulk_create(
        [ReadPosition(user=user, topic_id=pk, last_read=count) for pk, count in ends],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["last_read"],
    )
    return len(ends)


def resolve_mentions(body: str, space) -> tuple[list, list[str], list[str]]:
    """The members a body mentions, the handles nobody has, and those who cannot see ``space``.

    A handle is a member's username (``@lotte.vermeulen``), which the autocomplete inserts.
    """
    from .access import who_may_see

    handles = mentioned_handles(body)
    if not handles:
        return [], [], []
    User = get_user_model()
    found, unknown, outside = [], [], []
    allowed = set(who_may_see(space).values_list("pk", flat=True))
    for handle in handles:
        user = User.objects.filter(username__iexact=handle, is_active=True).first()
        if user is None:
            unknown.append(handle)
        elif user.pk not in allowed:
            outside.append(handle)
        else:
            found.append(user)
    return found, unknown, outside
