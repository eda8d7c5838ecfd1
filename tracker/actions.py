"""Changes to bottlenecks: reporting, confirming, following and status changes.

Every change that touches the evidence counters goes through here, so the counters on
``Bottleneck`` always match the rows.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import attachments as file_checks

from . import workflow
from .models import Attachment, Bottleneck, Confirmation, DossierItem, Follow, StatusChange


class Refused(Exception):
    """A change that is not allowed; ``str(error)`` says why, in the interface's language."""


def report(reporter, data: dict, files=(), submission_key=None) -> Bottleneck:
    """Create a bottleneck from a cleaned report form; the reporter follows it."""
    if submission_key:
        earlier = Bottleneck.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    themes = data.pop("themes", [])
    with transaction.atomic():
        bottleneck = Bottleneck.objects.create(
            reporter=reporter, submission_key=submission_key, **data
        )
        bottleneck.themes.set(themes)
        StatusChange.objects.create(
            bottleneck=bottleneck,
            from_status="",
            to_status=bottleneck.status,
            by=reporter,
            at=bottleneck.created_at,
            reason=_("Reported by a case manager."),
        )
        store_files(bottleneck, reporter, files)
        follow(reporter, bottleneck)
    return bottleneck


def store_files(bottleneck, uploader, checked: list) -> list[Attachment]:
    """Save checked uploads (``community.attachments.check``) in the private store."""
    stored = []
    try:
        for item in checked:
            attachment = Attachment(
                bottleneck=bottleneck,
                uploader=uploader,
                name=item.name,
                content_type=item.content_type,
                size=item.size,
            )
            item.upload.seek(0)
            attachment.file.save("upload", item.upload, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return stored


check_file = file_checks.check


def confirm(member, bottleneck, data: dict) -> Confirmation:
    """Add a member's evidence; refused for the reporter and for a second confirmation."""
    from .access import can_confirm

    if bottleneck.reporter_id == member.pk:
        raise Refused(_("You reported this bottleneck yourself, so you cannot confirm it."))
    if not can_confirm(member, bottleneck):
        raise Refused(_("This bottleneck cannot be confirmed (yet)."))
    if data["seen_on"] > timezone.localdate():
        raise Refused(_("The date you saw it cannot be in the future."))
    try:
        with transaction.atomic():
            confirmation = Confirmation.objects.create(bottleneck=bottleneck, member=member, **data)
            Bottleneck.objects.filter(pk=bottleneck.pk).update(
                confirmation_count=F("confirmation_count") + 1,
                participants_total=F("participants_total") + confirmation.participants,
            )
            follow(member, bottleneck)
    except IntegrityError:
        raise Refused(_("You already confirmed this bottleneck.")) from None
    return confirmation


def follow(user, bottleneck) -> bool:
    """Follow; False when already following."""
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, bottleneck=bottleneck)
    except IntegrityError:
        return False
    Bottleneck.objects.filter(pk=bottleneck.pk).update(follower_count=F("follower_count") + 1)
    return True


def unfollow(user, bottleneck) -> bool:
    deleted, _rows = Follow.objects.filter(user=user, bottleneck=bottleneck).delete()
    if deleted:
        Bottleneck.objects.filter(pk=bottleneck.pk).update(follower_count=F("follower_count") - 1)
    return bool(deleted)


def change_status(bottleneck, to_status: str, by, reason: str) -> StatusChange:
    """Move a bottleneck along the workflow; raises Refused with the reason when not allowed."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the status changes: followers read it in the timeline."))
    with transaction.atomic():
        locked = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
        if locked.merged_into_id is not None:
            raise Refused(_("This bottleneck was merged into another one."))
        why_not = workflow.refusal(locked.status, to_status)
        if why_not:
            raise Refused(why_not)
        now = timezone.now()
        change = StatusChange.objects.create(
            bottleneck=locked,
            from_status=locked.status,
            to_status=to_status,
            by=by,
            at=now,
            reason=reason,
        )
        locked.status = to_status
        locked.status_changed_at = now
        fields = ["status", "status_changed_at", "updated_at"]
        if to_status in workflow.ACCEPTING and locked.accepted_at is None:
            locked.accepted_at = now
            fields.append("accepted_at")
        locked.save(update_fields=fields)
        from . import notify

        notify.announce_status_change(change)
    bottleneck.status, bottleneck.accepted_at = locked.status, locked.accepted_at
    return change


def default_seen_on() -> datetime.date:
    return timezone.localdate()


# --- merge, undo, split --------------------------------------------------------------------


def recount(bottleneck_ids) -> None:
    """Set the evidence counters from the rows (after rows moved between bottlenecks)."""
    from django.db.models import Count, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    confirmations = Confirmation.objects.filter(bottleneck=OuterRef("pk")).order_by()
    follows = Follow.objects.filter(bottleneck=OuterRef("pk")).order_by()
    Bottleneck.objects.filter(pk__in=list(bottleneck_ids)).update(
        confirmation_count=Coalesce(
            Subquery(confirmations.values("bottleneck").annotate(n=Count("pk")).values("n")[:1]),
            0,
        ),
        participants_total=Coalesce(
            Subquery(
                confirmations.values("bottleneck").annotate(n=Sum("participants")).values("n")[:1]
            ),
            0,
        ),
        follower_count=Coalesce(
            Subquery(follows.values("bottleneck").annotate(n=Count("pk")).values("n")[:1]), 0
        ),
    )


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def merge(source, target, by, reason: str):
    """Merge the duplicate ``source`` into ``target``: its confirmations, followers,
    attachments and history move over, the counters add up, its address leads to the target.

    A member who confirmed (or follows) both keeps the row on the duplicate: one member counts
    once. Everything that moved is recorded in a ``Merge``, so ``undo_merge`` puts it back.
    """
    from .models import Merge

    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why these bottlenecks are the same."))
    if source.pk == target.pk:
        raise Refused(_("A bottleneck cannot be merged into itself."))
    with transaction.atomic():
        locked = {
            b.pk: b
            for b in Bottleneck.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
        }
        source, target = locked.get(source.pk), locked.get(target.pk)
        if source is None or target is None:
            raise Refused(_("That bottleneck does not exist."))
        if source.merged_into_id is not None:
            raise Refused(_("This bottleneck was already merged into another one."))
        if target.merged_into_id is not None:
            raise Refused(
                _("“%(title)s” was itself merged into another bottleneck: merge into that one.")
                % {"title": target.title}
            )
        # NOT IN with a NULL in the list matches nothing: erased members' rows are left out.
        on_target = Confirmation.objects.filter(bottleneck=target, member__isnull=False).values(
            "member"
        )
        followers = Follow.objects.filter(bottleneck=target).values("user")
        confirmations = Confirmation.objects.filter(bottleneck=source).exclude(member__in=on_target)
        follows = Follow.objects.filter(bottleneck=source).exclude(user__in=followers)
        # A dossier that held the duplicate holds the bottleneck it moves into (where it
        # holds that one already, the duplicate's line simply no longer shows).
        in_dossiers = DossierItem.objects.filter(bottleneck=target).values("dossier")
        moved = {
            "confirmations": _ids(confirmations),
            "follows": _ids(follows),
            "attachments": _ids(Attachment.objects.filter(bottleneck=source)),
            "history": _ids(StatusChange.objects.filter(bottleneck=source)),
            "dossier_items": _ids(
                DossierItem.objects.filter(bottleneck=source).exclude(dossier__in=in_dossiers)
            ),
        }
        DossierItem.objects.filter(pk__in=moved["dossier_items"]).update(bottleneck=target)
        Confirmation.objects.filter(pk__in=moved["confirmations"]).update(bottleneck=target)
        Follow.objects.filter(pk__in=moved["follows"]).update(bottleneck=target)
        Attachment.objects.filter(pk__in=moved["attachments"]).update(bottleneck=target)
        StatusChange.objects.filter(pk__in=moved["history"]).update(
            bottleneck=target, moved_from=source
        )
        now = timezone.now()
        note = StatusChange.objects.create(
            bottleneck=target,
            from_status=target.status,
            to_status=target.status,
            by=by,
            at=now,
            reason=_("“%(title)s” was merged into this bottleneck: %(reason)s")
            % {"title": source.title, "reason": reason},
        )
        moved["note"] = note.pk
        Bottleneck.objects.filter(pk=source.pk).update(merged_into=target, updated_at=now)
        recount([source.pk, target.pk])
        record = Merge.objects.create(
            source=source, target=target, by=by, reason=reason, moved=moved
        )
        _reindex(source, target)
        from . import notify

        notify.announce_merge(record)
    return record


def undo_merge(record, by):
    """Put back what a merge moved; the duplicate is its own bottleneck again."""
    with transaction.atomic():
        record = type(record).objects.select_for_update().get(pk=record.pk)
        if record.undone_at is not None:
            raise Refused(_("This merge was already undone."))
        source, target = record.source, record.target
        moved = record.moved
        Confirmation.objects.filter(
            pk__in=moved.get("confirmations", []), bottleneck=target
        ).update(bottleneck=source)
        Follow.objects.filter(pk__in=moved.get("follows", []), bottleneck=target).update(
            bottleneck=source
        )
        Attachment.objects.filter(pk__in=moved.get("attachments", []), bottleneck=target).update(
            bottleneck=source
        )
        StatusChange.objects.filter(pk__in=moved.get("history", []), bottleneck=target).update(
            bottleneck=source, moved_from=None
        )
        DossierItem.objects.filter(pk__in=moved.get("dossier_items", []), bottleneck=target).update(
            bottleneck=source
        )
        StatusChange.objects.filter(pk=moved.get("note")).delete()
        Bottleneck.objects.filter(pk=source.pk).update(merged_into=None, updated_at=timezone.now())
        recount([source.pk, target.pk])
        record.undone_at, record.undone_by = timezone.now(), by
        record.save(update_fields=["undone_at", "undone_by"])
        _reindex(source, target)
    return record


def split(bottleneck, by, *, title: str, situation: str, reason: str):
    """Split off a second problem: a new bottleneck with the same classifications, status,
    confirmations and followers (the evidence was given for both)."""
    reason, title, situation = (reason or "").strip(), (title or "").strip(), situation or ""
    if not (reason and title and situation.strip()):
        raise Refused(_("Give the new bottleneck a title, a description and a reason."))
    with transaction.atomic():
        original = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
        if original.merged_into_id is not None:
            raise Refused(_("This bottleneck was merged into another one."))
        now = timezone.now()
        part = Bottleneck.objects.create(
            title=title,
            situation=situation,
            rule=original.rule,
            kind=original.kind,
            level=original.level,
            body=original.body,
            region=original.region,
            frequency=original.frequency,
            reporter=original.reporter,
            status=original.status,
            accepted_at=original.accepted_at,
            created_at=original.created_at,
            status_changed_at=now,
        )
        part.themes.set(original.themes.all())
        part.tags.set(original.tags.all())
        Confirmation.objects.bulk_create(
            [
                Confirmation(
                    bottleneck=part,
                    member_id=c.member_id,
                    participants=c.participants,
                    region=c.region,
                    seen_on=c.seen_on,
                    organisation_type=c.organisation_type,
                    example=c.example,
                    created_at=c.created_at,
                )
                for c in Confirmation.objects.filter(bottleneck=original)
            ]
        )
        Follow.objects.bulk_create(
            [
                Follow(bottleneck=part, user_id=user_id, created_at=now)
                for user_id in Follow.objects.filter(bottleneck=original).values_list(
                    "user_id", flat=True
                )
            ]
        )
        for target, text in (
            (original, _("“%(title)s” was split off from this bottleneck: %(reason)s")),
            (part, _("Split off from “%(title)s”: %(reason)s")),
        ):
            StatusChange.objects.create(
                bottleneck=target,
                from_status=original.status,
                to_status=original.status,
                by=by,
                at=now,
                reason=text
                % {"title": part.title if target is original else original.title, "reason": reason},
            )
        recount([original.pk, part.pk])
        _reindex(original, part)
    return part


def _reindex(*bottlenecks) -> None:
    import search

    for bottleneck in bottlenecks:
        search.index(bottleneck)


def write_message(bottleneck, author, body: str, *, from_staff: bool):
    """A message in the thread between SAM and the reporter; the other side is told."""
    from .models import Message

    with transaction.atomic():
        message = Message.objects.create(
            bottleneck=bottleneck, author=author, body=body, from_staff=from_staff
        )
        from . import notify

        notify.announce_message(message)
    return message
