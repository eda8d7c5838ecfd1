"""Daily and weekly digests, sent by ``manage.py send_digests`` (the scheduler runs it every
few minutes; it sends what is due and nothing else).

A daily digest is due at 07:00 Brussels time, a weekly one on Monday at 07:00. A member is
due when their last digest (``MailPreference.last_digest_at``) is older than the latest such
moment. Members are taken in chunks, in the order of their id; for each chunk, in one
transaction, the unread notifications not yet mailed are marked mailed and the members'
``last_digest_at`` moves on, then the mails are built and sent. So a second run, or one that
overlaps (rows are locked and skipped on PostgreSQL; SQLite writes one transaction at a
time), sends nothing twice, and memory holds one chunk at a time.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import access

from . import mail, registry, rendering
from .models import Frequency, MailPreference, Notification

log = logging.getLogger(__name__)

DIGEST_HOUR = 7
WEEKLY_DAY = 0  # Monday
ITEMS_SHOWN = 20
CHUNK = 500


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def latest_moment(frequency, now=None) -> datetime.datetime:
    """The latest moment at or before ``now`` at which a digest of ``frequency`` was due."""
    now = now or timezone.now()
    local = timezone.localtime(now, _zone())
    hour = getattr(settings, "NOTIFICATIONS_DIGEST_HOUR", DIGEST_HOUR)
    day = local.date()
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=_zone())
    if moment > local:
        day -= datetime.timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=(day.weekday() - WEEKLY_DAY) % 7)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=_zone())


def due(now=None) -> Q:
    now = now or timezone.now()
    condition = Q()
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        moment = latest_moment(frequency, now)
        condition |= Q(frequency=frequency) & (
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=moment)
        )
    return condition


@dataclass
class Result:
    members: int = 0
    mails: int = 0
    notifications: int = 0
    chunks: int = 0


def run(now=None, chunk_size: int = CHUNK) -> Result:
    now = now or timezone.now()
    result = Result()
    after = 0
    while True:
        with transaction.atomic():
            chunk = list(
                MailPreference.objects.select_for_update(skip_locked=True)
                .filter(due(now), user_id__gt=after)
                .order_by("user_id")
                .values_list("user_id", "frequency")[:chunk_size]
            )
            if not chunk:
                break
            after = chunk[-1][0]
            frequency = dict(chunk)
            pending = list(
                Notification.objects.filter(
                    recipient_id__in=list(frequency),
                    read_at__isnull=True,
                    emailed_at__isnull=True,
                    created_at__lte=now,
                ).order_by("recipient_id", "-created_at", "-pk")
            )
            for start in range(0, len(pending), 1000):
                ids = [n.pk for n in pending[start : start + 1000]]
                Notification.objects.filter(pk__in=ids).update(emailed_at=now)
            MailPreference.objects.filter(user_id__in=list(frequency)).update(last_digest_at=now)
        result.chunks += 1
        result.members += len(chunk)
        mails, count = _send_chunk(pending, frequency, now)
        result.mails += mails
        result.notifications += count
    return result


def _send_chunk(pending, frequency, now) -> tuple[int, int]:
    if not pending:
        return 0, 0
    per_member = defaultdict(list)
    for notification in pending:
        per_member[notification.recipient_id].append(notification)
    users = (
        get_user_model().objects.filter(pk__in=list(per_member), is_active=True).exclude(email="")
    )
    users = {user.pk: user for user in users}
    targets = rendering.load_targets(pending)
    allowed = _allowed(pending, targets, users)
    messages, claims = [], []
    for user_id, items in per_member.items():
        user = users.get(user_id)
        if user is None:
            continue
        visible = [n for n in items if (user_id, n.pk) in allowed]
        if not visible:
            continue
        shown = []
        for notification in visible[:ITEMS_SHOWN]:
            target = rendering.target_of(notification, targets)
            shown.append(rendering.describe(notification, target))
        more = len(visible) - len(shown)
        messages.append(mail.digest(user, shown, more, frequency[user_id]))
        claims.append((user_id, [n.pk for n in visible]))
    return _send(messages, claims), sum(len(ids) for _user, ids in claims)


def _allowed(pending, targets, users) -> set[tuple[int, int]]:
    """(member, notification) pairs the member may still see: one query per audience (the
    members who may see one forum space, as the forum defines them), else the access rule
    per member."""
    groups: dict = defaultdict(list)
    for notification in pending:
        target = rendering.target_of(notification, targets)
        if target is None or notification.recipient_id not in users:
            continue
        entry = registry.target_for(target)
        groups[(entry.model, entry.key(target))].append((notification, target, entry))
    allowed = set()
    for items in groups.values():
        _notification, target, entry = items[0]
        if entry.audience is not None:
            member_ids = {n.recipient_id for n, _t, _e in items}
            may = set(
                entry.audience(target).filter(pk__in=list(member_ids)).values_list("pk", flat=True)
            )
            allowed.update((n.recipient_id, n.pk) for n, _t, _e in items if n.recipient_id in may)
        else:
            for notification, target, entry in items:
                user = users[notification.recipient_id]
                if access.is_member(user) and entry.can_see(user, target):
                    allowed.add((notification.recipient_id, notification.pk))
    return allowed


def _send(messages, claims) -> int:
    if not messages:
        return 0
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for message, (user_id, ids) in zip(messages, claims, strict=True):
            message.connection = connection
            try:
                sent += message.send()
            except Exception:
                log.exception("Digest for member %s could not be sent", user_id)
                Notification.objects.filter(pk__in=ids).update(emailed_at=None)
    finally:
        connection.close()
    return sent
