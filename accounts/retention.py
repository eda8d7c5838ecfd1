"""Nothing kept longer than needed: the periods SAM staff set in RetentionSettings, applied.

Run from the scheduler (``manage.py apply_retention``); every step is idempotent, so a second
run in the same minute finds nothing more to do.
"""

from __future__ import annotations

import calendar
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal import mail

from . import deletion, roles
from . import export as data_export
from .models import ApprovalStatus, ErasureLog, RetentionSettings

logger = logging.getLogger(__name__)


def months_before(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def ordinary_accounts():
    """Accounts retention may remove: never staff, SAM staff or superusers."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False, is_staff=False)
        .exclude(groups__name=roles.SAM_STAFF)
    )


def _verified_address():
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)


def unconfirmed_accounts(now, days: int):
    """Registered, never confirmed the address and so never logged in."""
    return ordinary_accounts().filter(
        ~Exists(_verified_address()),
        last_login__isnull=True,
        date_joined__lt=now - timedelta(days=days),
    )


def rejected_accounts(now, days: int):
    # The decision's time is not stored (reject() clears approved_at): the registration's age
    # counts, which is never shorter than the time since the decision.
    return ordinary_accounts().filter(
        approval_status=ApprovalStatus.REJECTED,
        last_login__isnull=True,
        date_joined__lt=now - timedelta(days=days),
    )


def _with_last_seen(queryset):
    return queryset.annotate(last_seen=Coalesce(F("last_login"), F("date_joined")))


def inactive_accounts(now, months: int):
    """Approved accounts not used for ``months`` (last login, or registration if never)."""
    return _with_last_seen(
        ordinary_accounts().filter(approval_status=ApprovalStatus.APPROVED, is_active=True)
    ).filter(last_seen__lt=months_before(now, months))


def _erase_all(queryset, reason, write) -> int:
    erased = 0
    for user in list(queryset.distinct().order_by("pk")):
        try:
            log = deletion.erase(user, reason=reason)
        except Exception:
            logger.exception("Retention: erasing account %s failed", user.pk)
            continue
        erased += 1
        write(f"Erased an account ({reason}, erasure log {log.pk}).")
    return erased


def _remind_and_erase_inactive(now, periods: RetentionSettings, write) -> tuple[int, int]:
    User = get_user_model()
    # A login after the reminder makes it void: the next period of inactivity gets a new one.
    User.objects.filter(
        inactivity_reminder_sent_at__isnull=False,
        last_login__gt=F("inactivity_reminder_sent_at"),
    ).update(inactivity_reminder_sent_at=None)

    warn_before = timedelta(days=periods.inactive_reminder_days)
    # Warned long enough ago, and still not back: the account goes.
    erased = _erase_all(
        inactive_accounts(now, periods.inactive_account_months).filter(
            inactivity_reminder_sent_at__lte=now - warn_before
        ),
        ErasureLog.Reason.INACTIVE,
        write,
    )
    # Who will be inactive once the warning period has passed gets the warning now (once).
    reminded = 0
    to_remind = inactive_accounts(now + warn_before, periods.inactive_account_months).filter(
        inactivity_reminder_sent_at__isnull=True
    )
    login_url = settings.SITE_URL + "/accounts/login/"
    for user in list(to_remind.distinct().order_by("pk")):
        claimed = User.objects.filter(pk=user.pk, inactivity_reminder_sent_at__isnull=True).update(
            inactivity_reminder_sent_at=now
        )
        if not claimed:
            continue
        try:
            mail.send(
                "accounts/email/inactivity_reminder",
                [user.email],
                {"user": user, "remove_on": now + warn_before, "login_url": login_url},
            )
        except Exception:
            logger.exception("Retention: reminding account %s failed", user.pk)
            User.objects.filter(pk=user.pk).update(inactivity_reminder_sent_at=None)
            continue
        reminded += 1
    return reminded, erased


def prune_notifications(now, days: int) -> int:
    from notifications.models import Notification

    deleted, _per_model = Notification.objects.filter(
        read_at__isnull=False, created_at__lt=now - timedelta(days=days)
    ).delete()
    return deleted


def prune_read_positions(now, days: int) -> int:
    """Forget where members stopped reading topics that have been quiet for ``days``.

    A read position has no date of its own; the topic's last activity bounds it from below.
    Only positions of topics that went quiet before the member joined are removed: without a
    position such a topic does not turn "new" for them (the forum counts a topic without a
    position as unread only when it was active after the member joined). Pruning more needs a
    date on the read position.
    """
    from community.models import ReadPosition

    deleted, _per_model = ReadPosition.objects.filter(
        Q(topic__last_posted_at__lt=now - timedelta(days=days))
        & Q(topic__last_posted_at__lt=F("user__date_joined"))
    ).delete()
    return deleted


def prune_registration_answers(now, days: int) -> int:
    """Answers to registration questions may hold health data: they go ``days`` after the
    activity ends, and at once when the registration was cancelled."""
    from knowledge.models.activities import RegistrationAnswer, RegistrationStatus

    deleted, _per_model = RegistrationAnswer.objects.filter(
        Q(registration__activity__ends_at__lt=now - timedelta(days=days))
        | Q(registration__status=RegistrationStatus.CANCELLED)
    ).delete()
    return deleted


def apply(now=None, write=None) -> dict[str, int]:
    """Apply every retention period once; returns what was done, per step (counts only)."""
    now = now or timezone.now()
    write = write or (lambda _line: None)
    periods = RetentionSettings.load()
    done = {
        "unconfirmed": _erase_all(
            unconfirmed_accounts(now, periods.unconfirmed_registration_days),
            ErasureLog.Reason.UNCONFIRMED,
            write,
        ),
        "rejected": _erase_all(
            rejected_accounts(now, periods.rejected_registration_days),
            ErasureLog.Reason.REJECTED,
            write,
        ),
    }
    done["inactive_reminded"], done["inactive"] = _remind_and_erase_inactive(now, periods, write)
    done["notifications"] = prune_notifications(now, periods.notification_days)
    done["read_positions"] = prune_read_positions(now, periods.read_position_days)
    done["registration_answers"] = prune_registration_answers(now, periods.registration_answer_days)
    done["exports"] = data_export.expire(now)
    return done
