"""Mail about registrations, sent in the background."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from django_tasks import task

from portal import mail

from . import roles


@task()
def notify_staff_of_registration(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    staff = (
        get_user_model()
        .objects.filter(groups__name=roles.SAM_STAFF, is_active=True)
        .values_list("email", flat=True)
    )
    return mail.send(
        "accounts/email/registration_pending",
        sorted(set(staff)),
        {"user": user, "review_url": settings.SITE_URL + reverse("accounts_admin:pending")},
    )


@task()
def notify_user_of_approval(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    return mail.send("accounts/email/account_approved", [user.email], {"user": user})


@task()
def prepare_data_export(export_id: int) -> str:
    """Build a member's copy of their data and mail them the link (one recipient)."""
    from . import export as data_export
    from .models import DataExport

    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.state != DataExport.State.PENDING:
        return "skipped"
    export = data_export.build(export)
    if export.state != DataExport.State.READY:
        return export.state
    mail.send(
        "accounts/email/data_export_ready",
        [export.user.email],
        {
            "user": export.user,
            "download_url": settings.SITE_URL + data_export.download_url(export),
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
            "expires_at": export.expires_at,
        },
    )
    return export.state


@task()
def notify_deletion_requested(user_id: int) -> int:
    """Confirm a member's request to delete their account, with the way to cancel it."""
    from . import deletion

    user = get_user_model().objects.filter(pk=user_id).first()
    erasure_request = deletion.pending_request(user) if user is not None else None
    if erasure_request is None:
        return 0
    return mail.send(
        "accounts/email/erasure_requested",
        [user.email],
        {
            "user": user,
            "erase_after": erasure_request.erase_after,
            "cancel_url": deletion.cancel_url(),
        },
    )
