"""Erasing a person: every registered holding forgets them, the account row goes last."""

from __future__ import annotations

from django.db import transaction

from .models import ErasureLog
from .personal_data import ErasureOptions, holdings

_DEFAULT_OPTIONS = ErasureOptions()


def erase_user(
    user, *, options: ErasureOptions = _DEFAULT_OPTIONS, reason=ErasureLog.Reason.STAFF
) -> ErasureLog:
    """Erase ``user`` through every holding (in ``erase_order``) and delete the account.

    Runs in one transaction; returns the erasure log entry, which holds counts only.
    """
    counts: dict[str, int] = {}
    with transaction.atomic():
        for holding in sorted(holdings(), key=lambda h: (h.erase_order, h.key)):
            if holding.erase is None:
                continue
            counts[holding.key] = int(holding.erase(user, options) or 0)
        if user.pk is not None:
            type(user).objects.filter(pk=user.pk).delete()
            counts.setdefault("accounts.account", 1)
        return ErasureLog.objects.create(reason=reason, counts=counts)
