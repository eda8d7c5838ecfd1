"""The read-only JSON API for policy workers and SAM staff, and the page where they make
and revoke their keys.

- ``/api/v1/knelpunten/`` (+ ``<id>/``) and ``/api/v1/dossiers/`` (+ ``<id>/``): GET only,
  with ``Authorization: Bearer <key>`` (or ``Token <key>``). No session, no cookies, no CSRF.
  The key's user must still be active and allowed to export (``access.can_export``) at the
  time of the request; what they may read is ``access.visible_bottlenecks`` /
  ``access.visible_dossiers``, in the one anonymous shape of ``tracker.records``.
- Keys: ``kp_`` + 32 random bytes (URL-safe). Only the SHA-256 of the key is stored, with its
  first characters (``prefix``) so that its owner can tell keys apart; the key itself is
  shown once, in the answer to the form that made it. A key is looked up by the hash of
  what was presented (an index lookup, no comparison of secrets character by character),
  and never logged.
"""

import datetime
import hashlib
import secrets
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from accounts.access import member_required

from . import access, records
from . import dossiers as dossier_services
from .forms import TriageFilterForm
from .models import Addressee, ApiToken, Bottleneck, DossierItem, OrganisationType, Snapshot

KEY_PREFIX = "kp_"
PREFIX_LENGTH = 10
MAX_ACTIVE_KEYS = 10
# How long a key's "last used" may lag behind: at most one write a minute per key.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
PER_PAGE = 50
MAX_PER_PAGE = 200


# --- keys ------------------------------------------------------------------------------------


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def make_token(user, name: str) -> tuple[ApiToken, str]:
    """A new key for ``user``: the stored token (hash only) and the key, to show once."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
    )
    return token, key


def _presented_key(request) -> str | None:
    """The key in the Authorization header (``Bearer`` or ``Token``), taken out of the
    request so that no error report or log further on can show it."""
    header = request.META.pop("HTTP_AUTHORIZATION", "")
    scheme, _space, key = header.strip().partition(" ")
    key = key.strip()
    if scheme.lower() not in ("bearer", "token") or not key or len(key) > 200:
        return None
    return key


def authenticate(request):
    """The token presented with the request (not revoked), or None."""
    key = _presented_key(request)
    if key is None:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- answers ---------------------------------------------------------------------------------


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, private=True, no_store=True)
    return response


def _error(status: int, message: str, **extra) -> JsonResponse:
    return _json({"error": message, **extra}, status=status)


def _unauthorised() -> JsonResponse:
    response = _error(
        401,
        _(
            "Give a valid API key in the Authorization header: “Bearer <key>”. You make keys "
            "on your profile."
        ),
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def api_view(view):
    """GET only, authenticated by key, for users who may export; JSON errors."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            response = _error(405, _("This API only reads: use GET."))
            response["Allow"] = "GET"
            return response
        token = authenticate(request)
        if token is None:
            return _unauthorised()
        user = token.user
        if not access.can_export(user):
            return _error(403, _("Only policy workers and SAM staff may use the API."))
        return view(request, user, *args, **kwargs)

    return wrapper


class PageForm(forms.Form):
    pagina = forms.IntegerField(min_value=1, max_value=1_000_000, required=False)
    per_pagina = forms.IntegerField(min_value=1, max_value=MAX_PER_PAGE, required=False)


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["pagina"] = str(number)
    return records.absolute(request.path) + "?" + urlencode(query, doseq=True)


def _paginate(request, queryset, fetch=None):
    """(page of objects, envelope) or (None, an error answer). ``fetch(queryset, start,
    stop)`` gives the page's objects (default: the slice)."""
    form = PageForm(request.GET)
    if not form.is_valid():
        return None, _error(400, _("These parameters are not valid."), errors=form.errors)
    number = form.cleaned_data["pagina"] or 1
    per_page = form.cleaned_data["per_pagina"] or PER_PAGE
    count = queryset.count()
    start = (number - 1) * per_page
    if start and start >= count:
        return None, _error(404, _("This page does not exist."), count=count)
    if not count:
        objects = []
    elif fetch is None:
        objects = list(queryset[start : start + per_page])
    else:
        objects = fetch(queryset, start, start + per_page)
    envelope = {
        "count": count,
        "page": number,
        "per_page": per_page,
        "next": _page_url(request, number + 1) if start + per_page < count else None,
        "previous": _page_url(request, number - 1) if number > 1 else None,
    }
    return objects, envelope


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _bottleneck_json(bottleneck, regions) -> dict:
    """The record of ``tracker.records`` with its dates as ISO strings and its API address."""
    record = records.bottleneck_record(bottleneck, regions)
    for field in ("reported_on", "accepted_on", "status_changed_on"):
        record[field] = _day(record[field])
    record["api_url"] = records.absolute(reverse("api_bottleneck", args=[bottleneck.pk]))
    return record


# --- bottlenecks -----------------------------------------------------------------------------


def _bottleneck_page(queryset, start: int, stop: int) -> list:
    """The page's ids first (sorting narrow rows is cheap, whatever index the database
    picks), then their records in one go, in the page's order."""
    ids = list(queryset.values_list("pk", flat=True)[start:stop])
    found = records.record_queryset(Bottleneck.objects.filter(pk__in=ids)).in_bulk()
    return [found[pk] for pk in ids if pk in found]


@api_view
def bottlenecks(request, user):
    """The bottlenecks the user may see, filtered like the triage list, a page at a time."""
    filters = TriageFilterForm(request.GET)
    if not filters.is_valid():
        return _error(400, _("These filters are not valid."), errors=filters.errors)
    queryset = filters.filter(access.visible_bottlenecks(user))
    page, envelope = _paginate(request, queryset, _bottleneck_page)
    if page is None:
        return envelope
    regions = records.evidence_by_region(b.pk for b in page) if page else {}
    envelope["results"] = [_bottleneck_json(b, regions.get(b.pk, {})) for b in page]
    return _json(envelope)


@api_view
def bottleneck(request, user, pk):
    """One bottleneck with anonymised examples and its evidence per organisation type."""
    found = records.record_queryset(access.visible_bottlenecks(user)).filter(pk=pk).first()
    if found is None:
        return _error(404, _("There is no bottleneck with this number that you may see."))
    record = _bottleneck_json(found, records.evidence_by_region([pk]).get(pk, {}))
    record["examples"] = records.examples([pk]).get(pk, [])
    record["organisation_types"] = [
        {
            "organisation_type": value,
            "label": records._label(OrganisationType, value),
            "confirmations": count,
        }
        for value, count in sorted(records.evidence_by_organisation([pk]).get(pk, {}).items())
    ]
    return _json(record)


# --- dossiers --------------------------------------------------------------------------------


def _dossier_queryset(user, *, records_too=False):
    """Dossiers with their addressees, meetings and items (with the bottleneck: every
    column for a record, or what ``access.can_see`` needs)."""
    items = DossierItem.objects.select_related("bottleneck").order_by("position", "pk")
    if records_too:
        items = items.select_related("bottleneck__body")
    else:
        items = items.only(
            "pk",
            "dossier_id",
            "bottleneck_id",
            "position",
            "note",
            "bottleneck__id",
            "bottleneck__merged_into_id",
            "bottleneck__accepted_at",
            "bottleneck__reporter_id",
        )
    return access.visible_dossiers(user).prefetch_related(
        Prefetch("items", queryset=items, to_attr="all_items"),
        Prefetch("addressees", queryset=Addressee.objects.order_by("position", "pk")),
        Prefetch(
            "snapshots",
            # Never the attendees (names of officials) nor the frozen state.
            queryset=Snapshot.objects.only("pk", "dossier_id", "meeting", "meeting_on").order_by(
                "meeting_on", "pk"
            ),
        ),
    )


def _visible_items(user, dossier) -> list:
    """The dossier's items whose bottleneck ``user`` may see (``access.can_see``, asked of
    the prefetched rows rather than in a subquery over every bottleneck)."""
    return [item for item in dossier.all_items if access.can_see(user, item.bottleneck)]


def _dossier_json(dossier, items, today) -> dict:
    """A dossier without internal notes, owner or the names of who attended a meeting."""
    return {
        "id": dossier.pk,
        "title": records.clean_text(dossier.title),
        "url": records.absolute(dossier.get_absolute_url()),
        "api_url": records.absolute(reverse("api_dossier", args=[dossier.pk])),
        "status": dossier.status,
        "status_label": str(dossier.get_status_display()),
        "question": records.clean_text(dossier.question),
        "regulation": records.clean_text(dossier.regulation),
        "summary": records.clean_text(dossier.summary),
        "published": dossier.published,
        "public": dossier.public,
        "created_on": _day(timezone.localtime(dossier.created_at).date()),
        "updated_on": _day(timezone.localtime(dossier.updated_at).date()),
        "addressees": [
            {
                "body": records.clean_text(addressee.body),
                "sent_on": _day(addressee.sent_on),
                "due_on": _day(addressee.due_on),
                "answered_on": _day(addressee.answered_on),
                "answer": records.clean_text(addressee.answer),
                "has_answer_file": bool(addressee.answer_file),
                "overdue": addressee.is_overdue(today),
            }
            for addressee in dossier.addressees.all()
        ],
        "bottlenecks": [
            {
                "id": item.bottleneck_id,
                "position": item.position,
                "note": records.clean_text(item.note),
            }
            for item in items
        ],
        "snapshots": [
            {
                "meeting": records.clean_text(snapshot.meeting),
                "meeting_on": _day(snapshot.meeting_on),
            }
            for snapshot in dossier.snapshots.all()
        ],
    }


@api_view
def dossiers(request, user):
    """The dossiers the user may read, the most recently changed first, a page at a time."""
    page, envelope = _paginate(request, _dossier_queryset(user).order_by("-updated_at", "-pk"))
    if page is None:
        return envelope
    today = timezone.localdate()
    envelope["results"] = [
        _dossier_json(dossier, _visible_items(user, dossier), today) for dossier in page
    ]
    return _json(envelope)


@api_view
def dossier(request, user, pk):
    """One dossier with its bottlenecks' records in order and the changes since the last
    meeting."""
    found = _dossier_queryset(user, records_too=True).filter(pk=pk).first()
    if found is None:
        return _error(404, _("There is no dossier with this number that you may see."))
    items = _visible_items(user, found)
    record = _dossier_json(found, items, timezone.localdate())
    chosen = [item.bottleneck for item in items]
    prefetch_related_objects(chosen, "themes", "tags")
    regions = records.evidence_by_region(b.pk for b in chosen)
    record["bottlenecks"] = [
        {
            **_bottleneck_json(item.bottleneck, regions.get(item.bottleneck_id, {})),
            "position": item.position,
            "note": records.clean_text(item.note),
        }
        for item in items
    ]
    snapshot, changes = dossier_services.changes_since_last_meeting(found)
    record["changes_since_last_meeting"] = {
        "meeting": records.clean_text(snapshot.meeting) if snapshot else None,
        "meeting_on": _day(snapshot.meeting_on) if snapshot else None,
        "changes": [
            {
                "kind": change.kind,
                "text": records.clean_text(change.text),
                "bottleneck_id": change.bottleneck_id,
            }
            for change in changes
        ],
    }
    return _json(record)


# --- the keys page ---------------------------------------------------------------------------


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the key"),
        max_length=80,
        help_text=gettext_lazy("What uses it, e.g. “Power BI dashboard”."),
        error_messages={"required": gettext_lazy("Give the key a name.")},
    )


def export_required(view):
    """Policy workers and SAM staff; visitors go to the login, other members get a 403."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.can_export(request.user):
            return render(request, "tracker/api_tokens.html", {"refused": True}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _tokens_page(request, form, *, new_key=None, new_token=None, confirm=None, status=200):
    tokens = list(ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk"))
    response = render(
        request,
        "tracker/api_tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "active_count": sum(1 for token in tokens if token.revoked_at is None),
            "max_active": MAX_ACTIVE_KEYS,
            "new_key": new_key,
            "new_token": new_token,
            "confirm": confirm,
            "api_root": records.absolute(reverse("api_bottlenecks")),
        },
        status=status,
    )
    return response


@export_required
@never_cache
def tokens(request):
    """The user's keys: make one (shown once), see when each was used, revoke."""
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            active = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).count()
            if active >= MAX_ACTIVE_KEYS:
                form.add_error(
                    None,
                    _(
                        "You already have %(count)d active keys, the most there may be. Revoke "
                        "one you no longer use before making a new one."
                    )
                    % {"count": active},
                )
            else:
                token, key = make_token(request.user, form.cleaned_data["name"])
                # Shown in this answer only (never stored, never in a redirect or a message).
                return _tokens_page(request, TokenForm(), new_key=key, new_token=token)
        return _tokens_page(request, form, status=400)
    return _tokens_page(request, TokenForm())


@export_required
@never_cache
def revoke_token(request, pk):
    """GET asks to confirm; POST revokes. Only one's own keys (another's: 404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "POST":
        return _revoke(request, token)
    if token.revoked_at is not None:
        messages.info(request, _("This key was already revoked."))
        return redirect("tracker:api_tokens")
    return _tokens_page(request, TokenForm(), confirm=token)


def _revoke(request, token):
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        messages.success(
            request,
            _("The key “%(name)s” is revoked: whatever used it no longer gets in.")
            % {"name": token.name},
        )
    else:
        messages.info(request, _("This key was already revoked."))
    return redirect("tracker:api_tokens")
