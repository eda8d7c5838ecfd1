"""What moderators do to the forum: the operations, used by the site, the admin and tests.

Each operation runs in one transaction that locks the topic rows it changes first (the
style of ``community.posting``; two topics in the order of their ids, so two moderators
never wait on each other in a circle). Each checks, under that lock, whether its change is
still to be made: two moderators who act at once change the post once, and the log says
so once (``ModerationAction``: who, what, on which topic, post and member, why, details).

Bad input (a space that does not exist, splitting off the question, merging a topic into
itself, a duration below a day) raises ``ModerationError`` with a message for the
moderator, never a server error. The search follows after the commit; the authors the
action concerns are told through the notifications app, when it is installed.
"""

import bisect
import datetime
import logging
import re

from django.apps import apps
from django.db import transaction
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import task

import search

from . import access
from .models import (
    Draft,
    Flag,
    FlagReason,
    FlagStatus,
    ModerationAction,
    Post,
    ReadPosition,
    Sanction,
    Space,
    Topic,
)

logger = logging.getLogger(__name__)

Kind = ModerationAction.Kind
MAX_REASON = 1000
MAX_NOTE = 1000
MAX_TITLE = 150
MAX_SANCTION_DAYS = 3650
# Renumbering moves the numbers out of the way first: the unique (topic, number) pair is
# checked row by row on PostgreSQL, so a post may never take a number another still holds.
RENUMBER_OFFSET = 1_000_000_000
REINDEX_BATCH = 200


class ModerationError(Exception):
    """A moderator's request that cannot be done; the message says why (for the screen)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


# Helpers -----------------------------------------------------------------------------------


def _log(actor, action, *, topic=None, post=None, member=None, reason="", **detail):
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        topic=topic,
        post=post,
        member=member,
        reason=reason,
        detail=detail,
    )


def notify(recipient, post, actor, action: str, **data) -> None:
    """Tell ``recipient`` about a moderator's ``action`` on ``post`` ("hidden", "restored",
    "deleted", "moved", "split", "merged"), after the commit. The notifications app is
    optional here: without it nobody is told (the log still is)."""
    if recipient is None or post is None or not apps.is_installed("notifications"):
        return

    def send():
        import notifications

        notifications.notify(
            recipient, "moderation", post, actor=actor, data={"action": action, **data}
        )

    # robust: a failing notification is logged; the moderator's action stands.
    transaction.on_commit(send, robust=True)


def _carry_watchers(source, target) -> None:
    """Who watched (or muted) the merged topic keeps that choice on the target."""
    if apps.is_installed("notifications"):
        from notifications import watching

        watching.transfer(source, target)


def _clean_text(value, *, limit: int, required_message=None) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required_message is not None and not value:
        raise ModerationError(required_message)
    if len(value) > limit:
        raise ModerationError(
            _("Keep it shorter: at most %(limit)d characters (now %(count)d).")
            % {"limit": limit, "count": len(value)}
        )
    return value


def _lock(*topic_ids) -> dict[int, Topic]:
    """Lock the topics' rows, in the order of their ids; {id: topic}."""
    ids = sorted(set(topic_ids))
    found = {
        topic.pk: topic
        for topic in Topic.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    if len(found) != len(ids):
        raise ModerationError(_("That topic no longer exists."))
    return found


def reindex_topics(*topic_ids) -> None:
    """Index every post of these topics again after the commit (their URLs, audience or
    visibility changed), in one background task."""
    ids = sorted({pk for pk in topic_ids if pk})
    if ids:
        transaction.on_commit(lambda: reindex_topic_posts.enqueue(ids))


@task()
def reindex_topic_posts(topic_ids: list[int]) -> int:
    """The documents of every post of the topics, in batches."""
    from search import indexing

    posts = (
        Post.objects.filter(topic_id__in=topic_ids)
        .select_related("topic__space", "topic__solution", "author")
        .order_by("pk")
    )
    total, batch = 0, []
    for post in posts.iterator(chunk_size=REINDEX_BATCH):
        batch.append(post)
        if len(batch) >= REINDEX_BATCH:
            total += indexing.index_now(batch, background=True)
            batch.clear()
    if batch:
        total += indexing.index_now(batch, background=True)
    return total


def _reindex_question(topic_id) -> None:
    """The first post's document carries the solution's text."""
    first = Post.objects.filter(topic_id=topic_id, number=1).first()
    if first is not None:
        search.index(first)


# Flags -------------------------------------------------------------------------------------


def flag(post: Post, reporter, reason: str, note: str = "") -> tuple[Flag, bool]:
    """Report ``post``; one open flag per member and post: a second report returns the
    first (created False). The post stays visible until a moderator acts."""
    if reason not in FlagReason.values:
        raise ModerationError(_("Choose why you report this message."))
    note = _clean_text(note, limit=MAX_NOTE)
    with transaction.atomic():
        # The topic's lock makes "one open flag each" hold when the same form is sent twice.
        _lock(post.topic_id)
        existing = Flag.objects.filter(post=post, reporter=reporter, status=FlagStatus.OPEN).first()
        if existing is not None:
            return existing, False
        created = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    return created, True


def open_flag_count() -> int:
    return Flag.objects.filter(status=FlagStatus.OPEN).count()


def flagged_posts() -> QuerySet:
    """Posts with an open report, the longest waiting first (the moderation queue's order)."""
    open_flags = Q(flags__status=FlagStatus.OPEN)
    return (
        Post.objects.filter(open_flags)
        .annotate(first_flag=Min("flags__created_at", filter=open_flags))
        .order_by("first_flag", "pk")
    )


# Posts -------------------------------------------------------------------------------------


def hide(post: Post, actor, reason: str) -> bool:
    """Hide a post (its author sees ``reason``); its open flags are handled with it. A hidden
    first post hides its topic. False: it was hidden already (nothing logged twice)."""
    reason = _clean_text(
        reason, limit=MAX_REASON, required_message=_("Say why: the author will read it.")
    )
    with transaction.atomic():
        topic = _lock(post.topic_id)[post.topic_id]
        current = Post.objects.select_related("author").get(pk=post.pk)
        now = timezone.now()
        if current.is_hidden:
            return False
        if current.is_deleted:
            raise ModerationError(_("This message was deleted: there is nothing to hide."))
        Post.objects.filter(pk=current.pk).update(
            hidden_at=now, hidden_reason=reason, hidden_by=actor
        )
        current.hidden_at, current.hidden_reason, current.hidden_by = now, reason, actor
        handled = Flag.objects.filter(post=current, status=FlagStatus.OPEN).update(
            status=FlagStatus.HIDDEN, resolved_by=actor, resolved_at=now
        )
        if current.number == 1:
            Topic.objects.filter(pk=topic.pk).update(hidden_at=now)
        _log(
            actor,
            Kind.HIDE,
            topic=topic,
            post=current,
            member=current.author,
            reason=reason,
            flags=handled,
            number=current.number,
        )
        notify(current.author, current, actor, "hidden", reason=reason)
        _follow_visibility(topic, current)
    return True


def restore(post: Post, actor) -> bool:
    """Show a hidden post again (and its topic, if it is the first post). False: it was
    not hidden (any more)."""
    with transaction.atomic():
        topic = _lock(post.topic_id)[post.topic_id]
        current = Post.objects.select_related("author").get(pk=post.pk)
        if not current.is_hidden:
            return False
        was_hidden_for = current.hidden_reason
        Post.objects.filter(pk=current.pk).update(hidden_at=None, hidden_reason="", hidden_by=None)
        current.hidden_at, current.hidden_reason, current.hidden_by = None, "", None
        if current.number == 1:
            Topic.objects.filter(pk=topic.pk).update(hidden_at=None)
        _log(
            actor,
            Kind.RESTORE,
            topic=topic,
            post=current,
            member=current.author,
            number=current.number,
            hidden_for=was_hidden_for,
        )
        notify(current.author, current, actor, "restored")
        _follow_visibility(topic, current)
    return True


def _follow_visibility(topic, post) -> None:
    """The search after hiding or restoring: the whole topic when its first post changed,
    else the post (and the question, whose document carries the solution's text)."""
    if post.number == 1:
        reindex_topics(topic.pk)
        return
    search.index(post)
    if topic.solution_id == post.pk:
        _reindex_question(topic.pk)


def dismiss(post: Post, actor, reason: str = "") -> int:
    """Close the open flags of ``post`` without acting on it; how many (0: none were open)."""
    reason = _clean_text(reason, limit=MAX_REASON)
    with transaction.atomic():
        topic = _lock(post.topic_id)[post.topic_id]
        author = Post.objects.select_related("author").get(pk=post.pk).author
        handled = Flag.objects.filter(post=post, status=FlagStatus.OPEN).update(
            status=FlagStatus.DISMISSED, resolved_by=actor, resolved_at=timezone.now()
        )
        if handled:
            _log(
                actor,
                Kind.DISMISS,
                topic=topic,
                post=post,
                member=author,
                reason=reason,
                flags=handled,
            )
    return handled


def deleted_by_moderator(post: Post, actor) -> None:
    """Log a moderator's deletion of someone else's post and handle its open flags (called
    inside the deleting transaction by ``actions.delete_post``)."""
    Flag.objects.filter(post=post, status=FlagStatus.OPEN).update(
        status=FlagStatus.HIDDEN, resolved_by=actor, resolved_at=timezone.now()
    )
    _log(actor, Kind.DELETE, topic=post.topic, post=post, member=post.author, number=post.number)
    notify(post.author, post, actor, "deleted")


# Topics ------------------------------------------------------------------------------------


def set_locked(topic: Topic, actor, locked: bool, reason: str = "") -> bool:
    """Close a topic for replies (moderators may still reply) or open it again."""
    reason = _clean_text(reason, limit=MAX_REASON)
    with transaction.atomic():
        current = _lock(topic.pk)[topic.pk]
        if current.locked == locked:
            return False
        Topic.objects.filter(pk=current.pk).update(locked=locked)
        _log(actor, Kind.LOCK if locked else Kind.UNLOCK, topic=current, reason=reason)
    return True


PIN_SCOPES = ("none", "space", "everywhere")


def set_pinned(topic: Topic, actor, scope: str) -> bool:
    """Pin a topic in its space (first in the space), everywhere (also first on 'Laatste'
    and the forum's front page) or not at all."""
    if scope not in PIN_SCOPES:
        raise ModerationError(_("Choose where to pin the topic."))
    pinned, everywhere = scope != "none", scope == "everywhere"
    with transaction.atomic():
        current = _lock(topic.pk)[topic.pk]
        if (current.pinned, current.pinned_globally) == (pinned, everywhere):
            return False
        Topic.objects.filter(pk=current.pk).update(pinned=pinned, pinned_globally=everywhere)
        _log(actor, Kind.PIN if pinned else Kind.UNPIN, topic=current, scope=scope)
    return True


def space_for(actor, value) -> Space:
    """The space a moderator chose (by id or address), or a clear refusal."""
    value = str(value or "").strip()
    found = None
    if value.isdigit() and len(value) <= 18:
        found = Space.objects.filter(pk=int(value)).first()
    elif value:
        found = Space.objects.filter(slug=value[:80]).first()
    if found is None or not access.can_see_space(actor, found):
        raise ModerationError(_("That space does not exist. Choose one from the list."))
    return found


def move(topic: Topic, actor, space: Space, reason: str = "") -> bool:
    """Move a topic to another space; its documents get that space's audience."""
    reason = _clean_text(reason, limit=MAX_REASON)
    with transaction.atomic():
        current = _lock(topic.pk)[topic.pk]
        if current.space_id == space.pk:
            raise ModerationError(_("The topic is already in that space."))
        old = Space.objects.get(pk=current.space_id)
        Topic.objects.filter(pk=current.pk).update(space=space)
        Draft.objects.filter(topic=current).update(space=None)
        _log(
            actor,
            Kind.MOVE,
            topic=current,
            member=current.author,
            reason=reason,
            **{"from": old.pk, "from_name": old.name, "to": space.pk, "to_name": space.name},
        )
        first = Post.objects.filter(topic=current, number=1).first()
        notify(current.author, first, actor, "moved", space=space.name, reason=reason)
        reindex_topics(current.pk)
    return True


def _renumber(posts_in_order, *, new_topic_id=None) -> None:
    """Give ``posts_in_order`` the numbers 1, 2, ... (in ``new_topic_id`` when given)."""
    for number, post in enumerate(posts_in_order, start=1):
        post.number = number
        if new_topic_id is not None:
            post.topic_id = new_topic_id
    fields = ["number"] if new_topic_id is None else ["number", "topic"]
    Post.objects.bulk_update(posts_in_order, fields, batch_size=500)


def _counters(posts_in_order) -> dict:
    last = max(posts_in_order, key=lambda post: (post.created_at, post.number))
    return {
        "post_count": len(posts_in_order),
        "last_posted_at": last.created_at,
        "last_poster_id": last.author_id,
    }


def split(topic: Topic, actor, post_ids, title: str, space: Space | None = None) -> Topic:
    """Move the chosen replies into a new topic (titled ``title``, in ``space`` or the same
    space). Both topics are numbered again without gaps in the posts' order; counters and
    every member's read position follow (what was read stays read)."""
    title = " ".join(
        _clean_text(
            title, limit=MAX_TITLE, required_message=_("Give the new topic a title.")
        ).split()
    )
    try:
        wanted = {int(pk) for pk in post_ids}
    except (TypeError, ValueError):
        raise ModerationError(_("Choose the replies to move from this topic.")) from None
    if not wanted:
        raise ModerationError(_("Choose at least one reply to move to the new topic."))
    with transaction.atomic():
        current = _lock(topic.pk)[topic.pk]
        posts = list(Post.objects.filter(topic=current).order_by("number"))
        chosen = [post for post in posts if post.pk in wanted]
        if len(chosen) != len(wanted):
            raise ModerationError(_("Some of the chosen messages are not in this topic."))
        if any(post.number == 1 for post in chosen):
            raise ModerationError(
                _("The first message starts the topic and cannot be split off. Choose replies.")
            )
        remaining = [post for post in posts if post.pk not in wanted]
        target_space = space or Space.objects.get(pk=current.space_id)
        first = chosen[0]
        new = Topic.objects.create(
            space=target_space,
            title=title,
            author_id=first.author_id,
            created_at=first.created_at,
            hidden_at=first.hidden_at,
            **_counters(chosen),
        )
        old_numbers = [post.number for post in remaining]
        moved_numbers = [post.number for post in chosen]
        Post.objects.filter(topic=current).update(number=F("number") + RENUMBER_OFFSET)
        _renumber(remaining)
        _renumber(chosen, new_topic_id=new.pk)
        changes = _counters(remaining)
        if current.solution_id in wanted:
            changes["solution"] = None
        Topic.objects.filter(pk=current.pk).update(**changes)
        if current.solution_id in wanted:
            solution = next(post for post in chosen if post.pk == current.solution_id)
            if solution.number > 1:
                Topic.objects.filter(pk=new.pk).update(solution=solution)
        _split_read_positions(current, new, old_numbers, moved_numbers)
        _log(
            actor,
            Kind.SPLIT,
            topic=current,
            post=first,
            member=first.author,
            new_topic=new.pk,
            title=title,
            posts=[post.pk for post in chosen],
            numbers=moved_numbers,
        )
        # Each author once, about the first of their posts that moved.
        for post in {post.author_id: post for post in reversed(chosen)}.values():
            notify(post.author, post, actor, "split", title=title)
        reindex_topics(current.pk, new.pk)
    new.refresh_from_db()
    return new


def _split_read_positions(old, new, old_numbers, moved_numbers) -> None:
    """Who had read up to number n of the whole topic has read the posts up to n in each."""
    positions = list(ReadPosition.objects.filter(topic=old))
    created = []
    for position in positions:
        read = position.last_read
        position.last_read = bisect.bisect_right(old_numbers, read)
        moved = bisect.bisect_right(moved_numbers, read)
        if moved:
            created.append(ReadPosition(user_id=position.user_id, topic=new, last_read=moved))
    ReadPosition.objects.bulk_update(positions, ["last_read"], batch_size=500)
    ReadPosition.objects.bulk_create(created, batch_size=500, ignore_conflicts=True)


def topic_for(value) -> Topic | None:
    """A topic by its number or its address (``/forum/t/12-title/``, a full URL, ``12``)."""
    match = re.search(r"(?:^|/t/)([0-9]{1,18})(?:\b|-|/|$)", str(value or "").strip())
    if match is None:
        return None
    return Topic.objects.select_related("space").filter(pk=int(match.group(1))).first()


def merge(source: Topic, target: Topic, actor, reason: str = "") -> Topic:
    """Append ``source``'s posts to ``target`` in their order (numbered after target's),
    then delete ``source``: its address leads to ``target`` (``merged_into``). The target's
    posts keep their numbers, so its links and read positions stay right."""
    reason = _clean_text(reason, limit=MAX_REASON)
    if source.pk == target.pk:
        raise ModerationError(_("A topic cannot be merged into itself. Choose another topic."))
    with transaction.atomic():
        locked = _lock(source.pk, target.pk)
        source, target = locked[source.pk], locked[target.pk]
        base = Post.objects.filter(topic=target).count()
        moved = list(Post.objects.filter(topic=source).order_by("created_at", "number"))
        source_numbers = {post.pk: post.number for post in moved}
        for number, post in enumerate(moved, start=base + 1):
            post.number = number
            post.topic_id = target.pk
        Post.objects.bulk_update(moved, ["topic", "number"], batch_size=500)
        everything = list(Post.objects.filter(topic=target).only("number", "created_at", "author"))
        changes = _counters(everything)
        changes["last_posted_at"] = max(changes["last_posted_at"], target.last_posted_at)
        if target.solution_id is None and source.solution_id is not None:
            changes["solution"] = source.solution_id
        Topic.objects.filter(pk=source.pk).update(solution=None)
        Topic.objects.filter(pk=target.pk).update(**changes)
        _merge_read_positions(source, target, base, source_numbers, moved)
        _merge_drafts(source, target)
        first = moved[0] if moved else None
        _log(
            actor,
            Kind.MERGE,
            topic=target,
            post=first,
            member=source.author,
            reason=reason,
            source=source.pk,
            source_title=source.title,
            source_space=source.space_id,
            posts=len(moved),
            first_number=base + 1,
        )
        # Earlier log entries keep the source's number in their details.
        ModerationAction.objects.filter(topic=source).update(topic=target)
        notify(source.author, first, actor, "merged", title=target.title, reason=reason)
        _carry_watchers(source, target)
        source.delete()
        reindex_topics(target.pk)
    target.refresh_from_db()
    return target


def _merge_read_positions(source, target, base, source_numbers, moved) -> None:
    """Who had read all of the target and some of the source reads on from there."""
    positions = {p.user_id: p for p in ReadPosition.objects.filter(topic=target)}
    # The source's n-th post (by its old number) is now base + its place.
    new_number = {source_numbers[post.pk]: post.number for post in moved}
    old_numbers = sorted(new_number)
    updates = []
    for position in ReadPosition.objects.filter(topic=source):
        read = bisect.bisect_right(old_numbers, position.last_read)
        there = positions.get(position.user_id)
        if read and there is not None and there.last_read >= base:
            there.last_read = base + read
            updates.append(there)
    ReadPosition.objects.bulk_update(updates, ["last_read"], batch_size=500)


def _merge_drafts(source, target) -> None:
    """A reply draft for the source goes to the target, unless one is already there."""
    taken = Draft.objects.filter(topic=target).values("user_id")
    Draft.objects.filter(topic=source).exclude(user_id__in=taken).update(topic=target)


def merged_into(topic_id: int) -> Topic | None:
    """Where a merged (and so deleted) topic's posts went. A later merge of that topic
    points its log entries on to the next one, so one look-up follows the whole trail."""
    entry = (
        ModerationAction.objects.filter(
            action=Kind.MERGE, detail__source=topic_id, topic__isnull=False
        )
        .select_related("topic__space")
        .order_by("-created_at", "-pk")
        .first()
    )
    return entry.topic if entry is not None else None


# Sanctions ---------------------------------------------------------------------------------


def impose(user, actor, kind: str, reason: str, days) -> Sanction:
    """Silence or suspend ``user`` from now for ``days`` days; the member sees ``reason``."""
    if kind not in Sanction.Kind.values:
        raise ModerationError(_("Choose to silence or to suspend."))
    reason = _clean_text(
        reason, limit=MAX_REASON, required_message=_("Say why: the member will read it.")
    )
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ModerationError(_("Give the duration as a number of days.")) from None
    if not 1 <= days <= MAX_SANCTION_DAYS:
        raise ModerationError(
            _("The duration is at least 1 and at most %(max)d days.") % {"max": MAX_SANCTION_DAYS}
        )
    if user is None or not user.is_active:
        raise ModerationError(_("Choose an active member."))
    if access.can_moderate(user):
        raise ModerationError(_("SAM staff cannot be silenced or suspended."))
    now = timezone.now()
    with transaction.atomic():
        created = Sanction.objects.create(
            user=user,
            kind=kind,
            reason=reason,
            starts_at=now,
            ends_at=now + datetime.timedelta(days=days),
            created_by=actor,
        )
        _log(
            actor,
            Kind.SUSPEND if kind == Sanction.Kind.SUSPEND else Kind.SILENCE,
            member=user,
            reason=reason,
            sanction=created.pk,
            days=days,
            ends_at=created.ends_at.isoformat(),
        )
    access.forget(user)
    return created


def lift(sanction: Sanction, actor, reason: str = "") -> bool:
    """End a sanction now. False: it had ended or been lifted already."""
    reason = _clean_text(reason, limit=MAX_REASON)
    with transaction.atomic():
        now = timezone.now()
        lifted = Sanction.objects.filter(
            pk=sanction.pk, lifted_at__isnull=True, ends_at__gt=now
        ).update(lifted_at=now)
        if lifted:
            _log(
                actor,
                Kind.LIFT,
                member=sanction.user,
                reason=reason,
                sanction=sanction.pk,
                kind=sanction.kind,
            )
    return bool(lifted)
