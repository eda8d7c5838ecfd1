"""Deleting an account: the member's own request with a cooling-off period, and SAM staff's erasure.

The erasure itself (what each app forgets or anonymises) is ``accounts.erasure.erase_user``; this
module decides when it runs and tells the person.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal import mail

from . import access
from .models import ErasureLog, ErasureRequest, RetentionSettings
from .personal_data import ErasureOptions

logger = logging.getLogger(__name__)


def pending_request(user) -> ErasureRequest | None:
    if user is None or not user.is_authenticated:
        return None
    return ErasureRequest.objects.filter(user=user).first()


def request_deletion(user, *, remove_posts: bool = False) -> ErasureRequest:
    """Plan the deletion of ``user``'s account after the cooling-off period, and mail them."""
    from . import tasks

    days = RetentionSettings.load().erasure_cooling_off_days
    now = timezone.now()
    with transaction.atomic():
        erasure_request, _created = ErasureRequest.objects.update_or_create(
            user=user,
            defaults={
                "requested_at": now,
                "erase_after": now + timedelta(days=days),
                "remove_posts": remove_posts,
            },
        )
        transaction.on_commit(lambda: tasks.notify_deletion_requested.enqueue(user.pk))
    return erasure_request


def cancel_deletion(user) -> bool:
    deleted, _per_model = ErasureRequest.objects.filter(user=user).delete()
    return bool(deleted)


def cancel_url() -> str:
    return settings.SITE_URL + reverse("accounts:cancel_deletion")


def erase(user, *, reason, remove_posts: bool = False) -> ErasureLog:
    from .erasure import erase_user

    return erase_user(user, options=ErasureOptions(remove_posts=remove_posts), reason=reason)


def process_due(now=None, write=None) -> int:
    """Erase the accounts whose cooling-off period is over; a goodbye mail goes first.

    Idempotent: an erased account's request goes with it, so a second run finds nothing.
    """
    now = now or timezone.now()
    erased = 0
    due = ErasureRequest.objects.filter(erase_after__lte=now).select_related("user")
    for erasure_request in list(due.order_by("erase_after", "pk")):
        user = erasure_request.user
        try:
            # Sent before the account goes: afterwards the address is kept nowhere.
            mail.send(
                "accounts/email/erasure_goodbye",
                [user.email],
                {"first_name": user.first_name, "email": user.email},
            )
            log = erase(
                user,
                reason=ErasureLog.Reason.OWN_REQUEST,
                remove_posts=erasure_request.remove_posts,
            )
        except Exception:
            # One failure must not stop the others; the next round tries again.
            logger.exception("Deleting account %s failed", user.pk)
            continue
        erased += 1
        if write:
            write(f"Erased an account on request (erasure log {log.pk}).")
    return erased


def may_erase(actor, target) -> bool:
    """SAM staff erase members on request; staff accounts and superusers only a superuser."""
    if actor is None or not access.is_staff(actor) or target.pk == actor.pk:
        return False
    if target.is_superuser or target.is_staff or access.is_staff(target):
        return actor.is_superuser
    return True
