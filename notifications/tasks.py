"""Mail, sent only from background tasks: never inside a member's request."""

import logging

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from django_tasks import task

from . import delivery, mail, registry, rendering
from .models import NOT_MAILED_AT_ONCE, Frequency, Notification

log = logging.getLogger(__name__)


def wants_mail_at_once():
    """Members who chose immediate mail, or made no choice (the default is immediate)."""
    return Q(recipient__mail_preference__isnull=True) | Q(
        recipient__mail_preference__frequency=Frequency.IMMEDIATELY
    )


@task()
def send_immediate_mails(content_type_id: int, object_id: int) -> int:
    """Mail the unread, not yet mailed notifications about one target to the members who
    want mail at once: one message each, over one connection. Claimed before sending, so a
    second run (a retry, a parallel worker) sends nothing twice."""
    pending = (
        Notification.objects.filter(
            content_type_id=content_type_id,
            object_id=object_id,
            read_at__isnull=True,
            emailed_at__isnull=True,
            recipient__is_active=True,
        )
        .exclude(kind__in=NOT_MAILED_AT_ONCE)
        .exclude(recipient__email="")
        .filter(wants_mail_at_once())
    )
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            pending.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    claimed = list(
        Notification.objects.filter(pk__in=ids).select_related("recipient").order_by("pk")
    )
    targets = rendering.load_targets(claimed[:1])
    target = rendering.target_of(claimed[0], targets)
    if target is None:
        return 0
    entry = registry.target_for(target)
    # Asked again now: whoever left the closed space since gets nothing.
    allowed = delivery.may_see(entry, target, {n.recipient_id for n in claimed})
    topic = entry.topic(target) if entry.topic else None
    body = entry.markdown(target) if entry.markdown else ""
    html = {"html": mail.html_of(body), "text": _plain(body)} if body else None
    messages, sent_ids = [], []
    for notification in claimed:
        if notification.recipient_id not in allowed:
            continue
        shown = rendering.describe(notification, target, entry)
        about = _mail_topic(notification, topic)
        messages.append(mail.immediate(shown, topic=about, html=_body(notification, html)))
        sent_ids.append(notification.pk)
    return _send(messages, sent_ids)


def _plain(body: str) -> str:
    from portal import markdown

    return markdown.to_plain_text(body[: mail.BODY_LIMIT])


def _mail_topic(notification, topic):
    """Replying by mail fits a post in a topic; not a moderator's message."""
    from .models import Kind

    return None if notification.kind == Kind.MODERATION else topic


def _body(notification, html):
    from .models import Kind

    return None if notification.kind == Kind.MODERATION else html


def _send(messages, notification_ids) -> int:
    """Send over one connection; a message that fails is marked unmailed again, so the next
    digest or event can carry it."""
    if not messages:
        return 0
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for message, notification_id in zip(messages, notification_ids, strict=True):
            message.connection = connection
            try:
                sent += message.send()
            except Exception:
                log.exception("Notification mail %s could not be sent", notification_id)
                Notification.objects.filter(pk=notification_id).update(emailed_at=None)
    finally:
        connection.close()
    return sent
