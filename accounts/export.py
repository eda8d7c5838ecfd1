"""A member's copy of their data ("Download mijn gegevens"), built from the personal-data registry.

The ZIP holds one ``<app>.json`` per app (every holding of that app, keyed by the holding's key,
with its label and rows), a readable ``index.html`` in Dutch and the member's own uploads under
``bestanden/``. It lives in the private storage and is served only to its owner, with the
export's secret token, until it expires.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import DataExport, RetentionSettings
from .personal_data import by_app

logger = logging.getLogger(__name__)

FOLDER = "persoonsgegevens"
FILES_FOLDER = "bestanden"
# At most this many requests a day; never a second one while one is being prepared.
REQUESTS_PER_DAY = 3
# A request the worker never finished (lost task) stops blocking a new one after this.
STALE_PENDING = timedelta(hours=6)


class ExportRefused(Exception):
    """The member may not ask for another copy right now (the message says why)."""


def retention() -> RetentionSettings:
    return RetentionSettings.load()


def pending_export(user) -> DataExport | None:
    return (
        DataExport.objects.filter(
            user=user,
            state=DataExport.State.PENDING,
            requested_at__gte=timezone.now() - STALE_PENDING,
        )
        .order_by("-requested_at")
        .first()
    )


def latest_export(user) -> DataExport | None:
    return DataExport.objects.filter(user=user).order_by("-requested_at", "-pk").first()


def refusal(user) -> str | None:
    """Why ``user`` may not ask for a copy now, or None."""
    from django.utils.translation import gettext as _

    if pending_export(user) is not None:
        return _("Your copy is still being prepared. You will get an email when it is ready.")
    since = timezone.now() - timedelta(days=1)
    if DataExport.objects.filter(user=user, requested_at__gte=since).count() >= REQUESTS_PER_DAY:
        return _("You have asked for a copy several times today. Try again tomorrow.")
    return None


def request_export(user) -> DataExport:
    """Record the request and have the worker build the ZIP (after the transaction commits)."""
    from . import tasks

    with transaction.atomic():
        # Serialise requests of one member so two quick clicks make one export.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        reason = refusal(user)
        if reason:
            raise ExportRefused(reason)
        export = DataExport.objects.create(user=user, token=secrets.token_urlsafe(32))
        transaction.on_commit(lambda: tasks.prepare_data_export.enqueue(export.pk))
    return export


def download_url(export: DataExport) -> str:
    return reverse("accounts:data_export_download", args=[export.pk, export.token])


# Building --------------------------------------------------------------------------------------


def _app_title(app_label: str) -> str:
    try:
        return str(apps.get_app_config(app_label).verbose_name)
    except LookupError:
        return app_label


# Readable labels for the keys of the export's rows (index.html only; the JSON keeps the keys).
FIELD_LABELS = {
    "email": _("Email"),
    "username": _("Username"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "organisation": _("Organisation"),
    "organisation_type": _("Type of organisation"),
    "region": _("Region"),
    "region_label": _("Region (name)"),
    "role": _("Job role"),
    "role_label": _("Job role (name)"),
    "approval_status": _("Approval status"),
    "approved_at": _("Approved on"),
    "date_joined": _("Registered on"),
    "last_login": _("Last login"),
    "is_active": _("Active account"),
    "groups": _("Groups"),
    "title": _("Title"),
    "topic": _("Topic"),
    "topic__title": _("Topic"),
    "post__topic__title": _("Topic of the message"),
    "post__number": _("Message number"),
    "post__created_at": _("Message posted on"),
    "body": _("Text"),
    "created_at": _("Created on"),
    "updated_at": _("Changed on"),
    "edited_at": _("Edited on"),
    "deleted_at": _("Deleted on"),
    "hidden_at": _("Hidden on"),
    "hidden_reason": _("Reason for hiding"),
    "read_at": _("Read on"),
    "last_read": _("Last read"),
    "requested_at": _("Requested on"),
    "ready_at": _("Ready on"),
    "expires_at": _("Expires on"),
    "erase_after": _("Deleted after"),
    "remove_posts": _("Remove messages"),
    "state": _("State"),
    "status": _("Status"),
    "actor": _("Done by"),
    "actor_names": _("Done by"),
    "action": _("Action"),
    "at": _("When"),
    "content_type__app_label": _("Part of the platform"),
    "content_type__model": _("Kind of item"),
    "object_id": _("Item number"),
    "starts_at": _("Starts on"),
    "ends_at": _("Ends on"),
    "reason": _("Reason"),
    "note": _("Note"),
    "name": _("Name"),
    "query": _("Search terms"),
    "answers": _("Answers"),
    "data": _("Data"),
    "size": _("Size"),
    "id": _("Number"),
    "number": _("Number"),
    "kind": _("Kind"),
    "level": _("Level"),
    "count": _("Count"),
    "frequency": _("Frequency"),
    "participants": _("Participants"),
    "situation": _("Situation"),
    "suggestion": _("Suggestion"),
    "example": _("Example"),
    "bottleneck__title": _("Bottleneck"),
    "space__name": _("Space"),
    "topic_id": _("Topic number"),
    "from_status": _("From status"),
    "to_status": _("To status"),
    "issued_at": _("Issued on"),
    "revoked_at": _("Revoked on"),
    "last_used_at": _("Last used on"),
    "emailed_at": _("Emailed on"),
    "last_digest_at": _("Last digest on"),
    "unsubscribed_at": _("Unsubscribed on"),
    "waiting_since": _("Waiting since"),
    "seen_on": _("Seen on"),
    "review_due": _("Review due on"),
    "moderation": _("Moderation"),
    "sanction": _("Sanction"),
    "action_time": _("When"),
    "change_message": _("Change"),
}


# Stored codes shown with their label (holding key, field) -> choices.
def _choice_labels() -> dict:
    from .models import ApprovalStatus, ProfessionalRole, Region

    return {
        ("accounts.account", "approval_status"): dict(ApprovalStatus.choices),
        ("accounts.account", "region"): dict(Region.choices),
        ("accounts.account", "role"): dict(ProfessionalRole.choices),
        ("accounts.data_exports", "state"): dict(DataExport.State.choices),
    }


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
LOCAL_ZONE = ZoneInfo("Europe/Brussels")


def field_label(key) -> str:
    """A Dutch label for a row key, or the key made readable ("a__b_c" -> "A b c")."""
    label = FIELD_LABELS.get(str(key))
    if label is not None:
        return str(label)
    text = re.sub(r"_+", " ", str(key)).strip()
    return text[:1].upper() + text[1:]


def _moment(value) -> str | None:
    """An ISO date or datetime (string or object) as "28-11-2026 08:01" in Brussels, or None."""
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            value = date.fromisoformat(value)
        elif _ISO_DATETIME.match(value):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return None
        else:
            return None
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(LOCAL_ZONE)
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return None


def _readable(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translation.gettext("yes") if value else translation.gettext("no")
    moment = _moment(value)
    if moment is not None:
        return moment
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(item) for item in value) or "—"
    if isinstance(value, dict):
        return "\n".join(f"{field_label(k)}: {_readable(v)}" for k, v in value.items()) or "—"
    return str(value)


def readable_row(row: dict, holding_key: str = "", choices: dict | None = None) -> list:
    """The (label, text) pairs of one row for index.html."""
    choices = choices or {}
    pairs = []
    for key, value in row.items():
        known = choices.get((holding_key, key))
        if known and isinstance(value, str) and value in known:
            value = str(known[value])
        pairs.append((field_label(key), _readable(value)))
    return pairs


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def _safe_name(name: str) -> str:
    """A relative path without ``..``, absolute parts or odd characters (from uploads)."""
    parts = []
    for part in str(name).replace("\\", "/").split("/"):
        part = _UNSAFE.sub("_", part.strip()).lstrip(".")[:120]
        if part:
            parts.append(part)
    return "/".join(parts[-4:]) or "bestand"


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{extension}" if dot else f"{stem}-{n}"
    taken.add(candidate)
    return candidate


def _copy_file(archive: zipfile.ZipFile, arcname: str, file: File) -> int:
    size = 0
    file.open("rb")
    try:
        with archive.open(arcname, "w", force_zip64=True) as target:
            for chunk in file.chunks():
                target.write(chunk)
                size += len(chunk)
    finally:
        file.close()
    return size


def _is_export(row: dict, export: DataExport) -> bool:
    """Whether an exported row of ``accounts.data_exports`` is ``export`` (rows carry no id)."""
    requested = row.get("requested_at")
    if isinstance(requested, str):
        try:
            requested = datetime.fromisoformat(requested)
        except ValueError:
            return False
    return requested == export.requested_at and row.get("state") == export.state


def write_archive(user, target, building: DataExport | None = None) -> dict:
    """Write the member's ZIP to the binary file ``target``; return a summary (counts).

    ``building`` is the export this ZIP is for: it is left out of the "copies" holding, where
    it would otherwise show itself as still being prepared.
    """
    summary = {"apps": 0, "holdings": 0, "rows": 0, "files": 0}
    choices = _choice_labels()
    overview = []
    file_entries = []
    taken: set[str] = set()
    with (
        translation.override(settings.LANGUAGE_CODE),
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for app_label, app_holdings in by_app().items():
            document = {}
            section = {"label": _app_title(app_label), "file": f"{app_label}.json", "holdings": []}
            for holding in app_holdings:
                rows = list(holding.export(user)) if holding.export else []
                if building is not None and holding.key == "accounts.data_exports":
                    rows = [row for row in rows if not _is_export(row, building)]
                document[holding.key] = {"label": str(holding.label), "rows": rows}
                section["holdings"].append(
                    {
                        "key": holding.key,
                        "label": str(holding.label),
                        "purpose": str(holding.purpose),
                        "retention": str(holding.retention),
                        "rows": [readable_row(row, holding.key, choices) for row in rows],
                    }
                )
                summary["holdings"] += 1
                summary["rows"] += len(rows)
                if holding.files:
                    for name, file in holding.files(user):
                        arcname = _unique(f"{FILES_FOLDER}/{app_label}/{_safe_name(name)}", taken)
                        try:
                            size = _copy_file(archive, arcname, file)
                        except (OSError, ValueError):
                            logger.warning("Export: a file of holding %s is missing", holding.key)
                            continue
                        file_entries.append(
                            {"name": arcname, "size": size, "holding": str(holding.label)}
                        )
                        summary["files"] += 1
            archive.writestr(
                f"{app_label}.json",
                json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            overview.append(section)
            summary["apps"] += 1
        archive.writestr(
            "index.html",
            render_to_string(
                "accounts/export/index.html",
                {
                    "person": user,
                    "generated_at": timezone.localtime(),
                    "apps": overview,
                    "files": file_entries,
                    "site_url": settings.SITE_URL,
                },
            ),
        )
    return summary


def build(export: DataExport) -> DataExport:
    """Build the ZIP for ``export``, store it privately and mark it ready (or failed)."""
    with tempfile.TemporaryFile(suffix=".zip") as handle:
        try:
            write_archive(export.user, handle, building=export)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(0)
            name = default_storage.save(f"{FOLDER}/{export.token}.zip", File(handle))
        except Exception:
            logger.exception("Export %s failed", export.pk)
            DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.FAILED)
            export.state = DataExport.State.FAILED
            return export
    now = timezone.now()
    export.state = DataExport.State.READY
    export.ready_at = now
    export.expires_at = now + timedelta(days=retention().export_days)
    export.file_name = name
    export.size = size
    export.save(update_fields=["state", "ready_at", "expires_at", "file_name", "size"])
    return export


def is_downloadable(export: DataExport) -> bool:
    return (
        export.state == DataExport.State.READY
        and bool(export.file_name)
        and export.expires_at is not None
        and export.expires_at > timezone.now()
    )


def delete_file(export: DataExport) -> None:
    if export.file_name:
        default_storage.delete(export.file_name)


def expire(now=None) -> int:
    """Delete the files of exports past their date (and of lost requests); idempotent."""
    now = now or timezone.now()
    expired = 0
    for export in DataExport.objects.filter(
        state=DataExport.State.READY, expires_at__lte=now
    ).iterator():
        delete_file(export)
        export.state = DataExport.State.EXPIRED
        export.file_name = ""
        export.save(update_fields=["state", "file_name"])
        expired += 1
    DataExport.objects.filter(
        state=DataExport.State.PENDING, requested_at__lt=now - STALE_PENDING
    ).update(state=DataExport.State.FAILED)
    return expired
