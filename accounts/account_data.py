"""What the accounts app (and the Django, allauth and Wagtail apps it builds on) holds about a
person: the account itself, e-mail addresses, sessions, the admin's logs and the CMS's traces.

Registered by ``accounts.personal_data.discover`` (that module is the registry itself).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from .data_rows import deleted, nulled, plain, rows
from .models import DataExport, ErasureRequest
from .personal_data import Holding, register

try:  # Wagtail's API tokens (Wagtail 8)
    from wagtail.models.api import APIToken as WagtailAPIToken
except ImportError:  # pragma: no cover - older Wagtail
    WagtailAPIToken = None

ACCOUNT_PERIOD = _(
    "As long as the account exists; inactive accounts are removed after the period SAM sets "
    "(retention periods)."
)


# The account ------------------------------------------------------------------------------------


def _account(user) -> list[dict]:
    return [
        {
            "email": user.email,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": user.organisation,
            "region": user.region,
            "region_label": plain(user.get_region_display()) if user.region else "",
            "role": user.role,
            "role_label": plain(user.get_role_display()) if user.role else "",
            "approval_status": user.approval_status,
            "approved_at": plain(user.approved_at),
            "date_joined": plain(user.date_joined),
            "last_login": plain(user.last_login),
            "is_active": user.is_active,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
    ]


def _erase_account(user, options) -> int:
    # The row itself goes last, in ``erasure.erase_user``; here: whom they approved.
    return nulled(get_user_model().objects.filter(approved_by=user), approved_by=None)


register(
    Holding(
        key="accounts.account",
        label=_("Account and profile"),
        purpose=_(
            "To let members log in, to check that they work as case managers (approval) and "
            "to show their name, organisation and region with what they write."
        ),
        retention=ACCOUNT_PERIOD,
        legal_basis=_("Agreement to the terms of use when registering (contract)"),
        covers=("accounts.User.approved_by",),
        export=_account,
        erase=_erase_account,
        erase_order=1000,
    )
)


register(
    Holding(
        key="accounts.email_addresses",
        label=_("E-mail addresses"),
        purpose=_("To log in, to confirm the address and to send the mails the member asked for."),
        retention=ACCOUNT_PERIOD,
        legal_basis=_("Contract"),
        covers=("account.EmailAddress.user",),
        export=lambda user: rows(
            EmailAddress.objects.filter(user=user).order_by("pk"), "email", "verified", "primary"
        ),
        erase=lambda user, options: deleted(EmailAddress.objects.filter(user=user)),
        erase_order=900,
    )
)


DATABASE_SESSIONS = ("sessions.backends.db", "sessions.backends.cached_db")


def _session_keys(user) -> list[str]:
    """Sessions stored in the database that belong to ``user`` (decoded one by one)."""
    if not settings.SESSION_ENGINE.endswith(
        ("sessions.backends.db", "sessions.backends.cached_db")
    ):
        return []
    from django.contrib.sessions.models import Session

    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.append(session.session_key)
    return keys


def _erase_sessions(user, options) -> int:
    keys = _session_keys(user)
    if not keys:
        return 0
    from django.contrib.sessions.models import Session
    from django.core.cache import cache

    if settings.SESSION_ENGINE.endswith("cached_db"):
        cache.delete_many([f"django.contrib.sessions.cached_db{key}" for key in keys])
    return deleted(Session.objects.filter(session_key__in=keys))


register(
    Holding(
        key="accounts.sessions",
        label=_("Login sessions"),
        purpose=_("To keep a member logged in between pages."),
        retention=_("Until the member logs out, or two weeks without a visit."),
        legal_basis=_("Contract"),
        erase=_erase_sessions,
        erase_order=900,
    )
)


# Pending mails about the person -----------------------------------------------------------------

# Tasks that mail the person (or staff about the person), queued with the user's id as their
# first argument or as ``user_id``: once erased, a waiting one must not go out, and a finished
# one keeps arguments (an address) the platform no longer needs.
MAIL_TASKS_BY_USER_ID = (
    "accounts.tasks.notify_staff_of_registration",
    "accounts.tasks.notify_user_of_approval",
    "accounts.tasks.notify_deletion_requested",
    "community.mail_replies.mail_author",
    "knowledge.tasks.send_review_reminder",
)


def _for_user(args_kwargs, user) -> bool:
    args = list((args_kwargs or {}).get("args") or [])
    kwargs = (args_kwargs or {}).get("kwargs") or {}
    return args[:1] == [user.pk] or kwargs.get("user_id") == user.pk


def _erase_pending_mails(user, options) -> int:
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    # Waiting (also delayed) and finished ones; a running one is left to finish.
    tasks = DBTaskResult.objects.filter(task_path__in=MAIL_TASKS_BY_USER_ID).exclude(
        status="RUNNING"
    )
    ids = [task.pk for task in tasks.only("pk", "args_kwargs") if _for_user(task.args_kwargs, user)]
    return deleted(DBTaskResult.objects.filter(pk__in=ids)) if ids else 0


register(
    Holding(
        key="accounts.mail_queue",
        label=_("Mails waiting to be sent"),
        purpose=_(
            "Mails to the member (or to SAM about a new registration) wait in the task queue "
            "for a moment. When the account is erased, those still waiting are dropped and the "
            "record of those sent is deleted."
        ),
        retention=_("Until sent, a few seconds to minutes."),
        legal_basis=_("Contract"),
        erase=_erase_pending_mails,
        erase_order=900,
    )
)


# Personal-data requests -------------------------------------------------------------------------


def _erase_exports(user, options) -> int:
    from django.core.files.storage import default_storage

    exports = DataExport.objects.filter(user=user)
    for name in exports.exclude(file_name="").values_list("file_name", flat=True):
        default_storage.delete(name)
    return deleted(exports)


register(
    Holding(
        key="accounts.data_exports",
        label=_("Copies of your data"),
        purpose=_(
            "To prepare the copy of their data that a member asked for and let them download it."
        ),
        retention=_("The download expires after the period SAM sets (retention periods)."),
        legal_basis=_("Legal obligation (GDPR right of access)"),
        covers=("accounts.DataExport.user",),
        export=lambda user: rows(
            DataExport.objects.filter(user=user).order_by("requested_at"),
            "requested_at",
            "state",
            "ready_at",
            "expires_at",
        ),
        erase=_erase_exports,
    )
)

register(
    Holding(
        key="accounts.erasure_requests",
        label=_("Request to delete the account"),
        purpose=_("To delete the account after the cooling-off period, unless the member cancels."),
        retention=_("Until the account is deleted or the member cancels the request."),
        legal_basis=_("Legal obligation (GDPR right to erasure)"),
        covers=("accounts.ErasureRequest.user",),
        export=lambda user: rows(
            ErasureRequest.objects.filter(user=user), "requested_at", "erase_after", "remove_posts"
        ),
        erase=lambda user, options: deleted(ErasureRequest.objects.filter(user=user)),
    )
)


# Logs of the admin and the CMS ------------------------------------------------------------------


def _about(user) -> Q:
    """Log entries about the account itself (their label is the person's name)."""
    content_type = ContentType.objects.get_for_model(get_user_model())
    return Q(content_type=content_type, object_id=str(user.pk))


def _logs(user) -> list[dict]:
    found = rows(
        LogEntry.objects.filter(user=user).order_by("action_time"),
        "action_time",
        "object_repr",
        "change_message",
    )
    for model in (PageLogEntry, ModelLogEntry):
        found += rows(
            model.objects.filter(user=user).order_by("timestamp"), "timestamp", "action", "label"
        )
    return found


def _erase_logs(user, options) -> int:
    count = deleted(LogEntry.objects.filter(Q(user=user) | _about(user)))
    count += deleted(ModelLogEntry.objects.filter(_about(user)))
    for model in (PageLogEntry, ModelLogEntry):
        # DO_NOTHING in Wagtail: the rows stay (what happened to the content), without the person.
        count += nulled(model.objects.filter(user=user), user=None)
    return count


register(
    Holding(
        key="accounts.audit_logs",
        label=_("Audit logs of the admin"),
        purpose=_(
            "To know who changed what in the admin and the CMS (security and accountability). "
            "After erasure the entries stay without the person; entries about the account go."
        ),
        retention=ACCOUNT_PERIOD,
        legal_basis=_("Legitimate interest (security of the platform)"),
        covers=(
            "admin.LogEntry.user",
            "wagtailcore.PageLogEntry.user",
            "wagtailcore.ModelLogEntry.user",
        ),
        export=_logs,
        erase=_erase_logs,
        erase_order=900,
    )
)


def _cms(user) -> list[dict]:
    found = []
    for comment in Comment.objects.filter(user=user).order_by("created_at"):
        found.append({"comment": comment.text, "created_at": plain(comment.created_at)})
    for reply in CommentReply.objects.filter(user=user).order_by("created_at"):
        found.append({"comment_reply": reply.text, "created_at": plain(reply.created_at)})
    found += rows(
        PageSubscription.objects.filter(user=user), "page__title", "comment_notifications"
    )
    found += rows(
        UserProfile.objects.filter(user=user),
        "preferred_language",
        "current_time_zone",
        "theme",
        "avatar",
    )
    found += rows(Page.objects.filter(owner=user).order_by("pk"), "title", "first_published_at")
    found += rows(
        Revision.objects.filter(user=user).order_by("created_at"), "object_str", "created_at"
    )
    return found


def _erase_cms(user, options) -> int:
    count = 0
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        count += deleted(UserProfile.objects.filter(pk=profile.pk))
    for upload in UploadedFile.objects.filter(uploaded_by_user=user):
        if upload.file:
            upload.file.delete(save=False)
        count += deleted(UploadedFile.objects.filter(pk=upload.pk))
    count += deleted(CommentReply.objects.filter(user=user))
    count += deleted(Comment.objects.filter(user=user))
    count += nulled(Comment.objects.filter(resolved_by=user), resolved_by=None)
    count += deleted(PageSubscription.objects.filter(user=user))
    count += deleted(EditingSession.objects.filter(user=user))
    count += deleted(FormState.objects.filter(user=user))
    if WagtailAPIToken is not None:
        count += deleted(WagtailAPIToken.objects.filter(user=user))
    count += nulled(Revision.objects.filter(user=user), user=None)
    count += nulled(WorkflowState.objects.filter(requested_by=user), requested_by=None)
    count += nulled(TaskState.objects.filter(finished_by=user), finished_by=None)
    count += nulled(Page.objects.filter(owner=user), owner=None)
    count += nulled(
        Page.objects.filter(locked_by=user), locked_by=None, locked=False, locked_at=None
    )
    for model in (get_document_model(), get_image_model()):
        count += nulled(model.objects.filter(uploaded_by_user=user), uploaded_by_user=None)
    return count


register(
    Holding(
        key="accounts.cms",
        label=_("Work in the CMS"),
        purpose=_(
            "For SAM staff and editors: comments on pages, subscriptions, admin preferences, "
            "locks, revisions and uploads. Pages, revisions and files stay without the person."
        ),
        retention=ACCOUNT_PERIOD,
        legal_basis=_("Legitimate interest (editing the site together)"),
        covers=(
            "wagtailusers.UserProfile.user",
            "wagtailadmin.EditingSession.user",
            "wagtailadmin.FormState.user",
            "wagtailcore.APIToken.user",
            "wagtailcore.Comment.user",
            "wagtailcore.Comment.resolved_by",
            "wagtailcore.CommentReply.user",
            "wagtailcore.PageSubscription.user",
            "wagtailcore.Revision.user",
            "wagtailcore.WorkflowState.requested_by",
            "wagtailcore.TaskState.finished_by",
            "wagtailcore.UploadedFile.uploaded_by_user",
            "wagtailcore.Page.owner",
            "wagtailcore.Page.locked_by",
            "wagtaildocs.Document.uploaded_by_user",
            "wagtailimages.Image.uploaded_by_user",
        ),
        export=_cms,
        erase=_erase_cms,
        erase_order=900,
    )
)
