"""Followers hear of every status change, through the notifications app.

``announce_status_change(change)`` is called inside the change's transaction; the fan-out
runs in one background task after the commit (a bottleneck may have hundreds of followers).
When the notifications app is not installed, the change stays recorded in the timeline and
nothing is sent.
"""

import logging

from django.apps import apps
from django.db import transaction

from django_tasks import task

from . import access
from .models import Bottleneck, Dossier, Follow, StatusChange

log = logging.getLogger(__name__)


def _installed() -> bool:
    return apps.is_installed("notifications")


def register() -> None:
    if not _installed():
        return
    import notifications

    notifications.register_target(
        Bottleneck,
        can_see=access.can_see,
        url=lambda bottleneck: bottleneck.get_absolute_url(),
        label=lambda bottleneck: bottleneck.title,
        excerpt=_excerpt,
        place=lambda bottleneck: str(bottleneck._meta.verbose_name).capitalize(),
    )
    notifications.register_target(
        Dossier,
        can_see=access.can_see_dossier,
        url=lambda dossier: dossier.get_absolute_url(),
        label=lambda dossier: dossier.title,
        excerpt=lambda dossier: str(dossier.get_status_display()),
        place=lambda dossier: str(dossier._meta.verbose_name).capitalize(),
    )


def _excerpt(bottleneck) -> str:
    from django.utils.translation import gettext as _

    return _("Status: %(status)s") % {"status": bottleneck.get_status_display()}


def announce_status_change(change: StatusChange) -> None:
    """Tell the bottleneck's followers, after the commit, in a background task."""

    def enqueue():
        try:
            announce.enqueue(change.pk)
        except Exception:
            log.exception("Could not enqueue the announcement of status change %s", change.pk)

    transaction.on_commit(enqueue)


@task()
def announce(change_id: int) -> int:
    """Notify every follower of the change's bottleneck; returns how many were told."""
    change = StatusChange.objects.select_related("bottleneck", "by").filter(pk=change_id).first()
    if change is None or not _installed():
        return 0
    import notifications

    data = {"from": change.from_status, "to": change.to_status, "reason": change.reason[:300]}
    told = 0
    followers = Follow.objects.filter(bottleneck=change.bottleneck_id).select_related("user")
    for follow in followers.iterator(chunk_size=500):
        made = notifications.notify(
            follow.user, "tracker", change.bottleneck, actor=change.by, data=data
        )
        told += made is not None
    return told


def announce_merge(record) -> None:
    """Everyone who followed either bottleneck hears of the merge (on the target)."""

    def enqueue():
        try:
            announce_merged.enqueue(record.pk)
        except Exception:
            log.exception("Could not enqueue the announcement of merge %s", record.pk)

    transaction.on_commit(enqueue)


@task()
def announce_merged(merge_id: int) -> int:
    from .models import Merge

    record = Merge.objects.select_related("source", "target", "by").filter(pk=merge_id).first()
    if record is None or record.undone_at is not None or not _installed():
        return 0
    import notifications

    data = {"merged": record.source.title[:160], "reason": record.reason[:300]}
    users = Follow.objects.filter(bottleneck__in=[record.source_id, record.target_id])
    told = 0
    seen = set()
    for follow in users.select_related("user").iterator(chunk_size=500):
        if follow.user_id in seen:
            continue
        seen.add(follow.user_id)
        made = notifications.notify(
            follow.user, "tracker", record.target, actor=record.by, data=data
        )
        told += made is not None
    return told


def announce_message(message) -> None:
    transaction.on_commit(lambda: _enqueue(announce_thread, message.pk))


def _enqueue(the_task, *args) -> None:
    try:
        the_task.enqueue(*args)
    except Exception:
        log.exception("Could not enqueue %s%r", the_task.name, args)


@task()
def announce_thread(message_id: int) -> int:
    """SAM asked: the reporter hears of it. The reporter answered: the staff who asked."""
    from .models import Message

    message = (
        Message.objects.select_related("bottleneck__reporter", "author")
        .filter(pk=message_id)
        .first()
    )
    if message is None or not _installed():
        return 0
    import notifications

    bottleneck = message.bottleneck
    if message.from_staff:
        recipients = [bottleneck.reporter]
    else:
        asked = (
            Message.objects.filter(bottleneck=bottleneck, from_staff=True, author__isnull=False)
            .select_related("author")
            .order_by("-created_at", "-pk")
            .first()
        )
        recipients = [asked.author] if asked else []
    data = {"message": message.body[:300]}
    told = 0
    for recipient in recipients:
        if recipient is None:
            continue
        made = notifications.notify(
            recipient, "tracker", bottleneck, actor=message.author, data=data
        )
        told += made is not None
    return told
