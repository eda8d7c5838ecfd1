"""Dossiers: their state as a meeting saw it, what changed since, answers and reminders.

- ``capture(dossier)`` is the dossier's state now, as plain data (what a ``Snapshot``
  freezes); ``compare(old, new)`` lists what changed between two states as readable
  ``Change``s; ``changes_since_last_meeting(dossier)`` compares the newest snapshot with now.
- ``take_snapshot`` freezes the state for a meeting.
- ``record_answer`` stores an addressee's answer and tells everyone who follows a
  bottleneck in the dossier (in a background task after the commit).
- ``send_overdue_reminders`` reminds each dossier's owner once per overdue answer; run by
  the scheduler (``manage.py send_dossier_reminders``), safe to run again.

Access stays in ``tracker.access``; texts that leave the site go through ``tracker.records``.
"""

import datetime
import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from django_tasks import task

from . import access, records
from .models import (
    Addressee,
    Bottleneck,
    Dossier,
    DossierItem,
    DossierStatus,
    Follow,
    Snapshot,
    Status,
)

log = logging.getLogger(__name__)

STATE_VERSION = 1


# --- state and changes -------------------------------------------------------------------


def capture(dossier: Dossier, *, with_regions: bool = True) -> dict:
    """The dossier's state now, as JSON-ready data (four queries, whatever its size).
    ``with_regions=False`` leaves out the confirmations per region (a snapshot keeps them;
    comparing does not need them)."""
    items = list(
        DossierItem.objects.filter(dossier=dossier, bottleneck__merged_into__isnull=True)
        .select_related("bottleneck")
        .only(
            "pk",
            "position",
            "bottleneck__id",
            "bottleneck__title",
            "bottleneck__status",
            "bottleneck__confirmation_count",
            "bottleneck__participants_total",
        )
        .order_by("position", "pk")
    )
    regions = (
        records.evidence_by_region(item.bottleneck_id for item in items) if with_regions else {}
    )
    return {
        "version": STATE_VERSION,
        "captured_at": timezone.now().isoformat(),
        "status": dossier.status,
        "bottlenecks": [
            {
                "id": item.bottleneck_id,
                "title": item.bottleneck.title,
                "status": item.bottleneck.status,
                "confirmations": item.bottleneck.confirmation_count,
                "participants": item.bottleneck.participants_total,
                "regions": {
                    region: counts["confirmations"]
                    for region, counts in regions.get(item.bottleneck_id, {}).items()
                },
            }
            for item in items
        ],
        "addressees": [
            {
                "id": addressee.pk,
                "body": addressee.body,
                "sent_on": _iso(addressee.sent_on),
                "due_on": _iso(addressee.due_on),
                "answered_on": _iso(addressee.answered_on),
            }
            for addressee in Addressee.objects.filter(dossier=dossier).order_by("position", "pk")
        ],
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> str:
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(value), "j F Y")


class _LazyTitle:
    """A title masked by the privacy guard when it is first written into a sentence."""

    def __init__(self, title: str):
        self.title, self.masked = title, None

    def __str__(self) -> str:
        if self.masked is None:
            self.masked = records.clean_text(self.title)
        return self.masked


@dataclass(frozen=True)
class Change:
    """One readable line of "what changed": ``kind`` is one of added, removed,
    confirmations, status, sent, answer, addressee, dossier_status."""

    kind: str
    text: str
    bottleneck_id: int | None = None


def _status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def compare(old: dict, new: dict) -> list[Change]:
    """What changed from state ``old`` to state ``new`` (both from ``capture``)."""
    changes: list[Change] = []
    if old.get("status") != new.get("status") and new.get("status") in DossierStatus.values:
        changes.append(
            Change(
                "dossier_status",
                _("The dossier's status changed from “%(old)s” to “%(new)s”.")
                % {
                    "old": _dossier_status_label(old.get("status")),
                    "new": _dossier_status_label(new["status"]),
                },
            )
        )
    before = {b["id"]: b for b in old.get("bottlenecks", [])}
    after = {b["id"]: b for b in new.get("bottlenecks", [])}
    for bid, now in after.items():
        # Masked only for what is said (most bottlenecks did not change).
        title = _LazyTitle(now["title"])
        was = before.get(bid)
        if was is None:
            changes.append(
                Change(
                    "added",
                    ngettext(
                        "New in the dossier: “%(title)s” (%(count)d confirmation).",
                        "New in the dossier: “%(title)s” (%(count)d confirmations).",
                        now["confirmations"],
                    )
                    % {"title": title, "count": now["confirmations"]},
                    bid,
                )
            )
            continue
        more = now["confirmations"] - was["confirmations"]
        if more > 0:
            changes.append(
                Change(
                    "confirmations",
                    ngettext(
                        "“%(title)s”: %(more)d new confirmation (now %(count)d, "
                        "%(participants)d participants).",
                        "“%(title)s”: %(more)d new confirmations (now %(count)d, "
                        "%(participants)d participants).",
                        more,
                    )
                    % {
                        "title": title,
                        "more": more,
                        "count": now["confirmations"],
                        "participants": now["participants"],
                    },
                    bid,
                )
            )
        if now["status"] != was["status"]:
            changes.append(
                Change(
                    "status",
                    _("“%(title)s”: status changed from “%(old)s” to “%(new)s”.")
                    % {
                        "title": title,
                        "old": _status_label(was["status"]),
                        "new": _status_label(now["status"]),
                    },
                    bid,
                )
            )
    for bid, was in before.items():
        if bid not in after:
            changes.append(
                Change(
                    "removed",
                    _("No longer in the dossier: “%(title)s”.")
                    % {"title": records.clean_text(was["title"])},
                    bid,
                )
            )
    asked = {a["id"]: a for a in old.get("addressees", [])}
    for addressee in new.get("addressees", []):
        was = asked.get(addressee["id"], {})
        values = {"body": addressee["body"]}
        if not was:
            changes.append(Change("addressee", _("New addressee: %(body)s.") % values))
        if addressee.get("sent_on") and not was.get("sent_on"):
            changes.append(
                Change(
                    "sent",
                    _("The question went to %(body)s on %(day)s.")
                    % {**values, "day": _day(addressee["sent_on"])},
                )
            )
        if addressee.get("answered_on") and not was.get("answered_on"):
            changes.append(
                Change(
                    "answer",
                    _("%(body)s answered on %(day)s.")
                    % {**values, "day": _day(addressee["answered_on"])},
                )
            )
    return changes


def _dossier_status_label(value: str | None) -> str:
    return str(DossierStatus(value).label) if value in DossierStatus.values else (value or "")


def last_snapshot(dossier: Dossier) -> Snapshot | None:
    return dossier.snapshots.order_by("-meeting_on", "-pk").first()


def changes_since_last_meeting(dossier: Dossier, user=None) -> tuple[Snapshot | None, list[Change]]:
    """The newest snapshot and what changed since (no snapshot: nothing to compare). With
    ``user``, only the changes about bottlenecks that user may see (``for_user``)."""
    snapshot = last_snapshot(dossier)
    if snapshot is None:
        return None, []
    changes = compare(snapshot.state, capture(dossier, with_regions=False))
    return snapshot, changes if user is None else for_user(user, changes)


def for_user(user, changes: list[Change]) -> list[Change]:
    """The changes ``user`` may read: a member does not learn the title of a bottleneck
    they may not open (one not yet accepted, in a published dossier)."""
    if access.sees_all(user):
        return changes
    ids = {change.bottleneck_id for change in changes if change.bottleneck_id is not None}
    visible = set(access.visible_bottlenecks(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [c for c in changes if c.bottleneck_id is None or c.bottleneck_id in visible]


def compare_snapshots(older: Snapshot, newer: Snapshot, user=None) -> list[Change]:
    if (newer.meeting_on, newer.pk) < (older.meeting_on, older.pk):
        older, newer = newer, older
    changes = compare(older.state, newer.state)
    return changes if user is None else for_user(user, changes)


# --- building a dossier ------------------------------------------------------------------


def take_snapshot(dossier: Dossier, by, meeting: str, meeting_on, attendees: str = "") -> Snapshot:
    return Snapshot.objects.create(
        dossier=dossier,
        meeting=meeting,
        meeting_on=meeting_on,
        attendees=attendees,
        state=capture(dossier),
        created_by=by,
    )


@transaction.atomic
def add_bottleneck(dossier: Dossier, bottleneck: Bottleneck, by, note: str = "") -> DossierItem:
    """Put a bottleneck at the end of the dossier (once; a second time keeps the first)."""
    last = DossierItem.objects.filter(dossier=dossier).order_by("-position").first()
    item, _created = DossierItem.objects.get_or_create(
        dossier=dossier,
        bottleneck=bottleneck,
        defaults={"position": (last.position + 1) if last else 0, "note": note, "added_by": by},
    )
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=timezone.now())
    return item


@transaction.atomic
def reorder(dossier: Dossier, bottleneck_ids: list[int]) -> None:
    """Put the dossier's bottlenecks in the given order (ids not in it keep theirs, after)."""
    items = {item.bottleneck_id: item for item in DossierItem.objects.filter(dossier=dossier)}
    order = [bid for bid in bottleneck_ids if bid in items]
    order += [bid for bid in sorted(items, key=lambda b: items[b].position) if bid not in order]
    for position, bid in enumerate(order):
        items[bid].position = position
    DossierItem.objects.bulk_update(items.values(), ["position"])


def move(dossier: Dossier, bottleneck_id: int, step: int) -> None:
    """Move one bottleneck up (-1) or down (+1)."""
    ids = list(
        DossierItem.objects.filter(dossier=dossier)
        .order_by("position", "pk")
        .values_list("bottleneck_id", flat=True)
    )
    if bottleneck_id not in ids:
        return
    at = ids.index(bottleneck_id)
    to = max(0, min(len(ids) - 1, at + step))
    ids.insert(to, ids.pop(at))
    reorder(dossier, ids)


# --- answers and reminders ---------------------------------------------------------------


def record_answer(addressee: Addressee, answer: str, answered_on, by) -> Addressee:
    """Store the answer; when every addressee has answered the dossier is "beantwoord".
    Followers of the dossier's bottlenecks hear of it after the commit."""
    first = addressee.answered_on is None
    addressee.answer = answer
    addressee.answered_on = answered_on
    addressee.save(update_fields=["answer", "answered_on"])
    dossier = addressee.dossier
    open_questions = Addressee.objects.filter(dossier=dossier, answered_on__isnull=True)
    if dossier.status not in (DossierStatus.ANSWERED, DossierStatus.CLOSED) and not (
        open_questions.exists()
    ):
        dossier.status = DossierStatus.ANSWERED
        dossier.save(update_fields=["status", "updated_at"])
    if first:
        actor_id = by.pk if by is not None else None
        transaction.on_commit(lambda: _enqueue(announce_answer, addressee.pk, actor_id))
    return addressee


def _enqueue(the_task, *args) -> None:
    try:
        the_task.enqueue(*args)
    except Exception:
        log.exception("Could not enqueue %s%r", the_task, args)


@task()
def announce_answer(addressee_id: int, actor_id: int | None = None) -> int:
    """Tell every follower of a bottleneck in the dossier that an answer came in: on the
    dossier for those who may read it, else on a bottleneck of it they follow."""
    addressee = Addressee.objects.select_related("dossier").filter(pk=addressee_id).first()
    if addressee is None or not apps.is_installed("notifications"):
        return 0
    from django.contrib.auth import get_user_model

    import notifications

    dossier = addressee.dossier
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    follows = (
        Follow.objects.filter(bottleneck__dossier_items__dossier=dossier)
        .select_related("user", "bottleneck")
        .order_by("user_id", "bottleneck__dossier_items__position")
    )
    told, seen = 0, set()
    for follow in follows.iterator(chunk_size=500):
        if follow.user_id in seen:
            continue
        seen.add(follow.user_id)
        user = follow.user
        if access.can_see_dossier(user, dossier):
            target, data = dossier, {"answer": addressee.body, "dossier": dossier.title}
        else:
            # Told on the bottleneck they follow, without the dossier they may not read.
            target, data = follow.bottleneck, {"answer": addressee.body}
        made = notifications.notify(user, "tracker", target, actor=actor, data=data)
        told += made is not None
    return told


def overdue(today=None):
    """Questions whose answer is late, in dossiers still open."""
    today = today or timezone.localdate()
    return Addressee.objects.filter(
        answered_on__isnull=True, due_on__lt=today, sent_on__isnull=False
    ).exclude(dossier__status=DossierStatus.CLOSED)


def send_overdue_reminders(today=None) -> int:
    """Remind each owner once per overdue answer (``reminded_at``); returns how many went.
    Moving the due date clears ``reminded_at`` (the dossier views do), so a new deadline
    gets its own reminder."""
    sent = 0
    candidates = overdue(today).filter(reminded_at__isnull=True, dossier__owner__isnull=False)
    for addressee in candidates.select_related("dossier", "dossier__owner"):
        # Claim the reminder first, so two runs at once send it once.
        claimed = Addressee.objects.filter(pk=addressee.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        sent += _remind(addressee)
    return sent


def _remind(addressee: Addressee) -> int:
    if not apps.is_installed("notifications"):
        return 0
    import notifications

    data = {"overdue": addressee.body, "due": _iso(addressee.due_on)}
    made = notifications.notify(addressee.dossier.owner, "tracker", addressee.dossier, data=data)
    return int(made is not None)


def touch(dossier: Dossier) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=timezone.now())


__all__ = [
    "Change",
    "add_bottleneck",
    "announce_answer",
    "capture",
    "changes_since_last_meeting",
    "compare",
    "compare_snapshots",
    "last_snapshot",
    "move",
    "record_answer",
    "reorder",
    "send_overdue_reminders",
    "take_snapshot",
]
