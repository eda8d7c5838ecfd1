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
from .models import Attachment, Bottleneck, Confirmation, Follow, StatusChange


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
