"""What the bottleneck tracker holds about a person, for the export and for erasure.

Erasure keeps the evidence: a report, its files and its status history stay, and a confirmation
keeps its region, organisation type and number of participants (the counts per region stay),
all without any link to the person. Files they added to a report stay with it, without the
uploader: they document the bottleneck, and are stored under a random name.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.data_rows import deleted, nulled, rows
from accounts.personal_data import Holding, register

from . import actions
from .models import (
    ApiToken,
    Attachment,
    Bottleneck,
    Confirmation,
    Dossier,
    DossierItem,
    Follow,
    Merge,
    Message,
    SavedFilter,
    Snapshot,
    StatusChange,
)

EVIDENCE = _(
    "As long as the bottleneck is followed up; the link to the person goes when the account "
    "is erased."
)


register(
    Holding(
        key="tracker.reports",
        label=_("Bottlenecks you reported"),
        purpose=_(
            "To collect the bottlenecks case managers meet, so SAM can raise them with the "
            "government. After erasure the report stays without the person."
        ),
        retention=EVIDENCE,
        legal_basis=_("Legitimate interest (policy signals on behalf of the sector)"),
        covers=("tracker.Bottleneck.reporter",),
        export=lambda user: rows(
            Bottleneck.objects.filter(reporter=user).order_by("created_at"),
            "id",
            "title",
            "situation",
            "rule",
            "suggestion",
            "kind",
            "level",
            "region",
            "frequency",
            "status",
            "created_at",
        ),
        erase=lambda user, options: nulled(Bottleneck.objects.filter(reporter=user), reporter=None),
    )
)

register(
    Holding(
        key="tracker.confirmations",
        label=_("Bottlenecks you confirmed"),
        purpose=_(
            "To count how often and where a bottleneck occurs. After erasure the confirmation "
            "stays (region, organisation type, participants) without the person."
        ),
        retention=EVIDENCE,
        legal_basis=_("Legitimate interest (policy signals on behalf of the sector)"),
        covers=("tracker.Confirmation.member",),
        export=lambda user: rows(
            Confirmation.objects.filter(member=user).order_by("created_at"),
            "bottleneck__title",
            "participants",
            "region",
            "organisation_type",
            "seen_on",
            "example",
            "created_at",
        ),
        erase=lambda user, options: nulled(Confirmation.objects.filter(member=user), member=None),
    )
)


def _erase_follows(user, options) -> int:
    followed = list(Follow.objects.filter(user=user).values_list("bottleneck_id", flat=True))
    count = deleted(Follow.objects.filter(user=user))
    if followed:
        actions.recount(followed)  # the follower counts on the bottlenecks
    return count


register(
    Holding(
        key="tracker.follows",
        label=_("Bottlenecks you follow"),
        purpose=_("To tell members when a bottleneck they follow moves on."),
        retention=_("As long as the account exists."),
        legal_basis=_("Contract"),
        covers=("tracker.Follow.user",),
        export=lambda user: rows(
            Follow.objects.filter(user=user).order_by("created_at"),
            "bottleneck__title",
            "created_at",
        ),
        erase=_erase_follows,
    )
)

register(
    Holding(
        key="tracker.messages",
        label=_("Messages about your reports"),
        purpose=_(
            "Questions between SAM and the person who reported a bottleneck. After erasure the "
            "messages stay with the report without the person."
        ),
        retention=EVIDENCE,
        legal_basis=_("Legitimate interest (policy signals on behalf of the sector)"),
        covers=("tracker.Message.author",),
        export=lambda user: rows(
            Message.objects.filter(author=user).order_by("created_at"),
            "bottleneck__title",
            "body",
            "created_at",
        ),
        erase=lambda user, options: nulled(Message.objects.filter(author=user), author=None),
    )
)


def _attachment_files(user):
    for attachment in Attachment.objects.filter(uploader=user).order_by("pk"):
        if attachment.file:
            yield f"tracker/{attachment.pk}-{attachment.name}", attachment.file


register(
    Holding(
        key="tracker.attachments",
        label=_("Files added to bottleneck reports"),
        purpose=_(
            "Evidence for a bottleneck. After erasure the file stays with the report, without "
            "who added it."
        ),
        retention=EVIDENCE,
        legal_basis=_("Legitimate interest (policy signals on behalf of the sector)"),
        covers=("tracker.Attachment.uploader",),
        export=lambda user: rows(
            Attachment.objects.filter(uploader=user).order_by("pk"),
            "id",
            "name",
            "content_type",
            "size",
            "created_at",
            "bottleneck__title",
        ),
        files=_attachment_files,
        erase=lambda user, options: nulled(Attachment.objects.filter(uploader=user), uploader=None),
    )
)


def _staff_work(user) -> list[dict]:
    found = rows(
        StatusChange.objects.filter(by=user).order_by("at"),
        "bottleneck__title",
        "from_status",
        "to_status",
        "reason",
        "at",
    )
    found += rows(Dossier.objects.filter(owner=user).order_by("pk"), "title", "status")
    return found


def _erase_staff_work(user, options) -> int:
    count = nulled(StatusChange.objects.filter(by=user), by=None)
    count += nulled(Merge.objects.filter(by=user), by=None)
    count += nulled(Merge.objects.filter(undone_by=user), undone_by=None)
    count += nulled(Dossier.objects.filter(owner=user), owner=None)
    count += nulled(DossierItem.objects.filter(added_by=user), added_by=None)
    count += nulled(Snapshot.objects.filter(created_by=user), created_by=None)
    return count


register(
    Holding(
        key="tracker.staff_work",
        label=_("Triage and dossiers"),
        purpose=_(
            "For SAM staff: who changed a bottleneck's status, merged reports and owns a "
            "dossier. After erasure the history stays without the person."
        ),
        retention=EVIDENCE,
        legal_basis=_("Legitimate interest (accountability of the follow-up)"),
        covers=(
            "tracker.StatusChange.by",
            "tracker.Merge.by",
            "tracker.Merge.undone_by",
            "tracker.Dossier.owner",
            "tracker.DossierItem.added_by",
            "tracker.Snapshot.created_by",
        ),
        export=_staff_work,
        erase=_erase_staff_work,
    )
)

register(
    Holding(
        key="tracker.saved_filters",
        label=_("Saved bottleneck filters"),
        purpose=_("To reopen a list of bottlenecks a member filtered before."),
        retention=_("As long as the account exists."),
        legal_basis=_("Contract"),
        covers=("tracker.SavedFilter.owner",),
        export=lambda user: rows(
            SavedFilter.objects.filter(owner=user).order_by("created_at"),
            "name",
            "query",
            "created_at",
        ),
        erase=lambda user, options: deleted(SavedFilter.objects.filter(owner=user)),
    )
)

register(
    Holding(
        key="tracker.api_tokens",
        label=_("API keys"),
        purpose=_("To let a member's own tools read the bottlenecks and dossiers."),
        retention=_("Until revoked or the account goes."),
        legal_basis=_("Contract"),
        covers=("tracker.ApiToken.user",),
        # Never the key itself (only its hash is stored): what tells keys apart.
        export=lambda user: rows(
            ApiToken.objects.filter(user=user).order_by("created_at"),
            "name",
            "prefix",
            "created_at",
            "last_used_at",
            "revoked_at",
        ),
        erase=lambda user, options: deleted(ApiToken.objects.filter(user=user)),
    )
)
