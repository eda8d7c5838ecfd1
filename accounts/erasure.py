"""Erasing a person: every registered holding forgets them, the account row goes last.

Each app's ``personal_data`` module says how its rows about the person are erased or
anonymised (see ``accounts.personal_data``); this runs them all in one transaction, in their
``erase_order``, deletes the account and writes an erasure log entry with counts only.
Search documents are updated after the commit (the holdings ask ``search.index``), and files
leave storage after the commit too, so a rolled-back erasure loses nothing.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import ErasureLog
from .personal_data import ErasureOptions, holdings

logger = logging.getLogger(__name__)

_DEFAULT_OPTIONS = ErasureOptions()


def erase_user(
    user, *, options: ErasureOptions = _DEFAULT_OPTIONS, reason=ErasureLog.Reason.STAFF
) -> ErasureLog:
    """Erase ``user`` through every holding (in ``erase_order``) and delete the account.

    Runs in one transaction; returns the erasure log entry, which holds counts only.
    """
    if user is None or user.pk is None:
        raise ValueError("erase_user needs a saved user")
    counts: dict[str, int] = {}
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        for holding in sorted(holdings(), key=lambda h: (h.erase_order, h.key)):
            if holding.erase is None:
                continue
            counts[holding.key] = int(holding.erase(user, options) or 0)
        # Anything a holding left behind that still cascades goes with the account; the
        # registry test makes sure nothing is left to chance.
        get_user_model().objects.filter(pk=user.pk).delete()
        counts["accounts.account"] = counts.get("accounts.account", 0) + 1
        log = ErasureLog.objects.create(reason=reason, counts=counts)
    logger.info("Erased an account (%s): erasure log %s", reason, log.pk)
    return log
