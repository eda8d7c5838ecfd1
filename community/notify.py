"""The forum's notifications: what they may point at, who may see it, and who hears of what.

Connected by the notifications app (``notifications.apps``). Each forum event (a post, a
solution, a reaction; the signals of ``community.signals``, sent after the commit) becomes
ONE background task, so the member who posts waits for nothing but one queued task and,
for a post, the row that makes them watch the topic. The task finds the recipients in a
constant number of queries and makes their notifications in bulk.

Who hears of a new post (each member once, the strongest reason wins):
mentioned > quoted (a link to one of their posts, as the quote button writes it) >
reply in their topic > new topic in a space they watch > post in a topic or space they watch.
Visibility is community.access's rule (``who_may_see``, ``can_see_post``), asked again
whenever a notification is shown or mailed.
"""

import datetime
import logging
import re

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from django_tasks import task

import notifications
from accounts import access as account_access
from notifications import watching
from notifications.models import Kind, Notification, WatchReason
from portal import markdown

from . import access, signals
from .models import Post, Reaction, Space, Topic

log = logging.getLogger(__name__)

# A post dated longer ago than this when its task runs (imported with its original date,
# or the demo's) tells nobody: a member would get years of mail at once.
OLD_NEWS = datetime.timedelta(days=1)


def _can_see_post(user, post) -> bool:
    """Readable, and not deleted (a deleted post leaves its notifications, except for its
    author, who may be told a moderator deleted it)."""
    can_see = getattr(access, "can_see_post", None)
    visible = can_see(user, post) if can_see else access.can_see_topic(user, post.topic)
    return visible and (not post.is_deleted or post.author_id == user.pk)


def _only_its_author(post) -> bool:
    return post.is_deleted or post.is_hidden or post.topic.hidden_at is not None


def _post_audience(post):
    members = access.who_may_see(post.topic.space)
    return members.filter(pk=post.author_id) if _only_its_author(post) else members


def _post_audience_key(post):
    if _only_its_author(post):
        return ("post", post.pk)
    return ("space", post.topic.space_id)


def _post_excerpt(post) -> str:
    if post.is_deleted or post.is_hidden:
        return ""
    return markdown.to_plain_text(post.body[:2000])


def _post_markdown(post) -> str:
    return "" if post.is_deleted or post.is_hidden else post.body


def _post_details(post, kind) -> dict:
    """A moderator's action, as it stands when the author is told."""
    if kind != Kind.MODERATION:
        return {}
    if post.is_hidden:
        return {"action": "hidden", "reason": post.hidden_reason}
    if post.is_deleted:
        return {"action": "deleted"}
    return {"action": "restored"}


def _topic_details(topic, kind) -> dict:
    if kind != Kind.MODERATION:
        return {}
    return {"action": "hidden"} if topic.hidden_at else {}


notifications.register_target(
    Post,
    can_see=_can_see_post,
    url=lambda post: post.get_absolute_url(),
    label=lambda post: post.topic.title,
    topic=lambda post: post.topic,
    audience=_post_audience,
    audience_key=_post_audience_key,
    select_related=("topic__space", "author"),
    excerpt=_post_excerpt,
    markdown=_post_markdown,
    place=lambda post: post.topic.space.name,
    details=_post_details,
)
notifications.register_target(
    Topic,
    can_see=access.can_see_topic,
    url=lambda topic: topic.get_absolute_url(),
    label=lambda topic: topic.title,
    topic=lambda topic: topic,
    audience=lambda topic: access.who_may_see(topic.space),
    audience_key=lambda topic: ("space", topic.space_id),
    select_related=("space",),
    place=lambda topic: topic.space.name,
    details=_topic_details,
)
notifications.register_watchable(
    Space,
    name="space",
    can_see=access.can_see_space,
    url=lambda space: space.get_absolute_url(),
    label=lambda space: space.name,
)
notifications.register_watchable(
    Topic,
    name="topic",
    can_see=access.can_see_topic,
    url=lambda topic: topic.get_absolute_url(),
    label=lambda topic: topic.title,
    parent=lambda topic: topic.space,
    select_related=("space",),
)


# Quotes ------------------------------------------------------------------------------------


def _post_link_pattern():
    prefix = reverse("community:post", args=[1]).rsplit("1/", 1)[0]
    # Relative (as the quote button writes it) or absolute to any host: /forum/p/<id>/
    return re.compile(r"(?:https?://[^\s/()<>\]]+)?" + re.escape(prefix) + r"([0-9]{1,18})/")


_POST_LINK = None


def quoted_post_ids(body: str) -> list[int]:
    """The posts a body links to the way a quote does: ``[Naam schreef](/forum/p/<id>/):``."""
    global _POST_LINK
    if _POST_LINK is None:
        _POST_LINK = _post_link_pattern()
    return list(dict.fromkeys(int(found) for found in _POST_LINK.findall(body or "")))[:50]


# Receivers: cheap, in the request, after the commit ------------------------------------------


@receiver(signals.post_created, dispatch_uid="notifications.post_created")
def _post_created(sender, post, topic_created, mentioned, **kwargs):
    # Starting a topic, or replying, makes one watch it (unless one chose otherwise).
    reason = WatchReason.CREATED if topic_created else WatchReason.REPLIED
    watching.watch_automatically(post.author_id, post.topic, reason)
    _enqueue(fan_out_post, post.pk, bool(topic_created), [user.pk for user in mentioned])


@receiver(signals.solution_chosen, dispatch_uid="notifications.solution_chosen")
def _solution_chosen(sender, topic, post, by, **kwargs):
    _enqueue(notify_solution, post.pk, by.pk if by else None)


@receiver(signals.reaction_added, dispatch_uid="notifications.reaction_added")
def _reaction_added(sender, reaction, **kwargs):
    _enqueue(notify_reaction, reaction.pk)


def _enqueue(the_task, *args) -> None:
    """The post is saved already: a queue that fails costs its notifications, not a 500."""
    try:
        the_task.enqueue(*args)
    except Exception:
        log.exception("Could not enqueue %s%r", the_task.name, args)


@receiver(pre_delete, sender=Topic, dispatch_uid="notifications.topic_deleted")
def _topic_deleted(sender, instance, **kwargs):
    """A topic removed for good (in the admin) takes its notifications and watchers along."""
    post_ids = Post.objects.filter(topic=instance).values("pk")
    Notification.objects.filter(
        content_type=watching.content_type(Post), object_id__in=post_ids
    ).delete()
    Notification.objects.filter(
        content_type=watching.content_type(Topic), object_id=instance.pk
    ).delete()
    watching.forget(instance)


@receiver(pre_delete, sender=Space, dispatch_uid="notifications.space_deleted")
def _space_deleted(sender, instance, **kwargs):
    watching.forget(instance)


# Tasks: one per event ------------------------------------------------------------------------


@task()
def fan_out_post(post_id: int, topic_created: bool, mentioned_ids: list[int]) -> int:
    """Everyone who should hear of a new post, in a constant number of queries."""
    post = Post.objects.select_related("topic__space", "author").filter(pk=post_id).first()
    if post is None or post.is_deleted or post.is_hidden or post.topic.hidden_at:
        return 0
    if post.created_at < timezone.now() - OLD_NEWS:
        return 0  # dated in the past (an import, the demo): nobody is told of old news
    topic = post.topic
    kinds: dict[int, str] = {}

    def offer(user_id, kind):
        current = kinds.get(user_id)
        if current is None or _rank(kind) < _rank(current):
            kinds[user_id] = kind

    # Watchers: of the topic, or of its space (a topic's own level overrides the space's).
    watched_kind = Kind.NEW_TOPIC if topic_created else Kind.WATCHED
    for user_id in watching.watchers(topic):
        offer(user_id, watched_kind)
    if not topic_created:
        offer(topic.author_id, Kind.REPLIED)
    quoted = quoted_post_ids(post.body)
    if quoted:
        for author_id in (
            Post.objects.filter(pk__in=quoted, deleted_at__isnull=True)
            .exclude(pk=post.pk)
            .values_list("author_id", flat=True)
        ):
            offer(author_id, Kind.QUOTED)
    for user_id in mentioned_ids:
        offer(user_id, Kind.MENTIONED)
    kinds.pop(post.author_id, None)
    return len(notifications.notify_many(kinds, post, actor=post.author))


def _rank(kind) -> int:
    from notifications.models import precedence

    return precedence(kind)


@task()
def notify_solution(post_id: int, by_id: int | None) -> int:
    """The reply's author (their answer helped) and the topic's author (their question has an
    answer), unless they chose it themselves."""
    from django.contrib.auth import get_user_model

    post = (
        Post.objects.select_related("topic__space", "topic__author", "author")
        .filter(pk=post_id)
        .first()
    )
    if post is None or post.topic.solution_id != post.pk:
        return 0
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    made = 0
    for recipient, role in ((post.author, "answer"), (post.topic.author, "asker")):
        if recipient is None:
            continue  # an erased member's post or topic
        if recipient.pk == post.author_id and role == "asker":
            continue  # answered their own question: one notification is enough
        if notifications.notify(recipient, Kind.SOLUTION, post, actor=by, data={"role": role}):
            made += 1
    return made


@task()
def notify_reaction(reaction_id: int) -> bool:
    reaction = (
        Reaction.objects.select_related("user", "post__topic__space", "post__author")
        .filter(pk=reaction_id)
        .first()
    )
    if reaction is None or not account_access.is_member(reaction.user):
        return False
    post = reaction.post
    emoji = {"emoji": [reaction.get_kind_display()]}
    return bool(
        notifications.notify(post.author, Kind.REACTION, post, actor=reaction.user, data=emoji)
    )
