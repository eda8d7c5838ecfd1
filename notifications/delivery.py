"""Making notifications: ``notify`` for one member, ``notify_many`` for one event's fan-out.

Both leave out the actor, accounts that are not members (inactive, pending ...), members who
may not see the target (the owning app's rule) and members who ignore it; both send the mail
of those who want it at once from a background task, after the commit.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import access

from . import registry, watching
from .models import (
    NOT_MAILED_AT_ONCE,
    POST_KINDS,
    UNMUTABLE_KINDS,
    Kind,
    Notification,
    precedence,
)

log = logging.getLogger(__name__)

# Names kept with a bundle of reactions, and distinct actors remembered to count them.
BUNDLE_NAMES = 10
BUNDLE_ACTORS = 200
# Bulk queries ask for at most this many ids at once; larger sets are matched in Python.
IN_LIMIT = 2000


def notify(recipient, kind, target, actor=None, *, data=None) -> Notification | None:
    """Tell ``recipient`` that ``actor`` did ``kind`` to ``target`` (a registered model).

    Returns the notification, or None when the member is left out. Reactions to a post add to
    one unread notification per post ("3 collega's reageerden"); a second notification of a
    post's kind for the same post keeps the stronger kind.
    """
    kind = Kind(kind)
    entry = registry.target_for(target)
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return None
    if not recipient.is_active or not access.is_member(recipient):
        return None
    if not entry.can_see(recipient, target):
        return None
    topic = entry.topic(target) if entry.topic else None
    if kind not in UNMUTABLE_KINDS and topic is not None and watching.is_muted(recipient, topic):
        return None
    details = {**_details(entry, target, kind), **(data or {})}
    if kind == Kind.REACTION:
        notification = _bundle(recipient, target, actor, details)
    elif kind == Kind.TRACKER and "to" in details:
        notification = _newer_status(recipient, target, actor, details)
        notification = notification or _create(recipient, kind, target, actor, details)
    else:
        notification = _create(recipient, kind, target, actor, details)
    if notification is not None and kind not in NOT_MAILED_AT_ONCE:
        send_soon(notification.content_type_id, notification.object_id)
    return notification


def _details(entry, target, kind) -> dict:
    return entry.details(target, kind) if entry.details else {}


def _create(recipient, kind, target, actor, details):
    content_type = watching.content_type(target)
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient,
                kind=kind,
                target=target,
                actor=actor,
                actor_names=[actor.display_name] if actor else [],
                data=details,
            )
    except IntegrityError:
        pass
    # This member already heard of this post (or of its solution): keep the stronger kind.
    existing = Notification.objects.filter(
        recipient=recipient, content_type=content_type, object_id=target.pk
    )
    existing = existing.filter(kind__in=POST_KINDS if kind in POST_KINDS else [kind]).first()
    if existing is not None and precedence(kind) < precedence(existing.kind):
        existing.kind = kind
        existing.actor = actor
        existing.data = details
        existing.save(update_fields=["kind", "actor", "data"])
    return existing


def _newer_status(recipient, target, actor, details):
    """A status change replaces an unread one about the same target: a member who was away
    reads "now: Op de agenda" once, not every step on the way. The updated one, or None."""
    content_type = watching.content_type(target)
    with transaction.atomic():
        unread = (
            Notification.objects.select_for_update()
            .filter(
                recipient=recipient,
                content_type=content_type,
                object_id=target.pk,
                kind=Kind.TRACKER,
                read_at__isnull=True,
                data__has_key="to",
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if unread is None:
            return None
        # Keep where it started ("from"), take the rest from the newest change.
        unread.data = {**details, "from": unread.data.get("from", details.get("from"))}
        unread.actor = actor
        unread.actor_names = [actor.display_name] if actor else []
        unread.created_at = timezone.now()
        unread.emailed_at = None
        unread.save(update_fields=["data", "actor", "actor_names", "created_at", "emailed_at"])
    return unread


def _bundle(recipient, target, actor, details):
    """One unread notification per post gathers the reactions to it."""
    content_type = watching.content_type(target)
    name = actor.display_name if actor else ""
    for _attempt in range(3):
        with transaction.atomic():
            bundle = (
                Notification.objects.select_for_update()
                .filter(
                    recipient=recipient,
                    content_type=content_type,
                    object_id=target.pk,
                    kind=Kind.REACTION,
                    read_at__isnull=True,
                )
                .first()
            )
            if bundle is not None:
                actors = bundle.data.get("actors", [])
                if actor is not None and actor.pk not in actors:
                    actors = [actor.pk, *actors][:BUNDLE_ACTORS]
                    bundle.count += 1
                names = [name, *(n for n in bundle.actor_names if n != name)] if name else []
                known = bundle.data.get("emoji", [])
                emoji = [e for e in details.get("emoji", []) if e not in known]
                bundle.actor_names = (names or bundle.actor_names)[:BUNDLE_NAMES]
                bundle.data = {
                    **bundle.data,
                    "actors": actors,
                    "emoji": [*bundle.data.get("emoji", []), *emoji],
                }
                bundle.actor = actor or bundle.actor
                bundle.created_at = timezone.now()
                # Grown since a digest told of it: the next digest tells the new count.
                bundle.emailed_at = None
                bundle.save()
                return bundle
            try:
                with transaction.atomic():
                    return Notification.objects.create(
                        recipient=recipient,
                        kind=Kind.REACTION,
                        target=target,
                        actor=actor,
                        actor_names=[name] if name else [],
                        data={**details, "actors": [actor.pk] if actor else []},
                    )
            except IntegrityError:
                continue  # another reaction made the bundle just now: add to it
    return None


def notify_many(kinds: dict[int, str], target, actor=None) -> list[int]:
    """The fan-out of one event: ``kinds`` maps member ids to their kind. A constant number of
    queries, whatever the number of members; returns the ids of those notified."""
    entry = registry.target_for(target)
    wanted = {user_id: Kind(kind) for user_id, kind in kinds.items() if user_id}
    if actor is not None:
        wanted.pop(actor.pk, None)
    if not wanted:
        return []
    allowed = may_see(entry, target, set(wanted))
    topic = entry.topic(target) if entry.topic else None
    mutable = {uid for uid in allowed if wanted[uid] not in UNMUTABLE_KINDS}
    if topic is not None and mutable:
        allowed -= watching.muted(topic, mutable)
    if not allowed:
        return []
    content_type = watching.content_type(target)
    names = [actor.display_name] if actor else []
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=user_id,
            kind=wanted[user_id],
            content_type=content_type,
            object_id=target.pk,
            actor=actor,
            actor_names=names,
            data=_details(entry, target, wanted[user_id]),
            created_at=now,
        )
        for user_id in sorted(allowed)
    ]
    with transaction.atomic():
        # A task that runs twice adds nothing: one notification per member and post.
        Notification.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    if any(kind not in NOT_MAILED_AT_ONCE for kind in wanted.values()):
        send_soon(content_type.pk, target.pk)
    return sorted(allowed)


def may_see(entry, target, user_ids: set[int]) -> set[int]:
    """Those of ``user_ids`` who may see ``target``: one query with a registered audience,
    else the access rule per member."""
    if not user_ids:
        return set()
    if entry.audience is not None:
        audience = entry.audience(target)
        if len(user_ids) > IN_LIMIT:
            return user_ids & set(audience.values_list("pk", flat=True))
        return set(audience.filter(pk__in=list(user_ids)).values_list("pk", flat=True))
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    return {user.pk for user in users if access.is_member(user) and entry.can_see(user, target)}


def mail_delay() -> timedelta:
    """How long a mail waits, so that a member who is on the site and reads the notification
    gets no mail about it (Discourse waits too); only where the task backend can defer."""
    return timedelta(seconds=getattr(settings, "NOTIFICATIONS_MAIL_DELAY", 300))


def send_soon(content_type_id: int, object_id: int) -> None:
    """After the commit: the mail of whoever wants it at once, from a background task."""
    from . import tasks

    def enqueue():
        task = tasks.send_immediate_mails
        delay = mail_delay()
        if delay and task.get_backend().supports_defer:
            task = task.using(run_after=timezone.now() + delay)
        try:
            task.enqueue(content_type_id, object_id)
        except Exception:  # the notification stands; a digest or the next event mails it
            log.exception("Could not enqueue the notification mail")

    transaction.on_commit(enqueue)


def mark_read(user, notifications=None) -> int:
    """Mark the member's notifications read (all unread ones, or those given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        unread = unread.filter(pk__in=[n.pk if hasattr(n, "pk") else n for n in notifications])
    return unread.update(read_at=timezone.now())


def mark_read_for(user, targets) -> int:
    """Seeing the things themselves (the posts of a topic page) reads their notifications."""
    targets = [t for t in targets if t is not None]
    if not targets or not user.is_authenticated:
        return 0
    content_type = watching.content_type(targets[0])
    return Notification.objects.filter(
        recipient=user,
        read_at__isnull=True,
        content_type=content_type,
        object_id__in=[t.pk for t in targets],
    ).update(read_at=timezone.now())
