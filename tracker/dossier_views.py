"""Dossiers: the list, the dossier page, its public summary, and SAM staff's building of it
(bottlenecks, addressees and answers, meeting snapshots, comparisons).

Who sees what is decided in ``tracker.access``; what changed between two states in
``tracker.dossiers``. Every POST redirects after success (with a Dutch message); a bad
form is shown again with what was typed; a bad id or date is a message or a 404, never a
500.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.access import is_member, member_required, refuse_non_member
from community import attachments as file_store

from . import access, actions, dossiers, records, workflow
from .decorators import manager_required
from .dossier_forms import (
    AddBottleneckForm,
    AddresseeForm,
    AnswerForm,
    DossierForm,
    ItemForm,
    SnapshotForm,
)
from .models import (
    Addressee,
    Body,
    Confirmation,
    Dossier,
    DossierItem,
    DossierStatus,
    Region,
    Snapshot,
    Status,
)

PAGE_SIZE = 25
SEARCH_RESULTS = 20
# Statuses from which a bottleneck put in a dossier goes to "gebundeld".
BUNDLE_FROM = (Status.IN_PROGRESS, Status.REOPENED)


def _int(value) -> int | None:
    value = str(value or "").strip()
    if value.isdigit() and len(value) < 18:
        return int(value)
    return None


def _get_dossier(pk) -> Dossier:
    dossier = Dossier.objects.select_related("owner").filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def _back(dossier, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(dossier.get_absolute_url() + (f"#{anchor}" if anchor else ""))


# --- the list --------------------------------------------------------------------------------


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("dossier").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


@member_required
@require_safe
def index(request):
    user = request.user
    today = timezone.localdate()
    items = DossierItem.objects.filter(
        dossier=OuterRef("pk"), bottleneck__in=access.visible_bottlenecks(user)
    )
    asked = Addressee.objects.filter(dossier=OuterRef("pk"))
    queryset = (
        access.visible_dossiers(user)
        .select_related("owner")
        .annotate(
            bottleneck_count=_count(items),
            addressee_count=_count(asked),
            answered_count=_count(asked.filter(answered_on__isnull=False)),
            overdue_count=_count(asked.filter(answered_on__isnull=True, due_on__lt=today)),
        )
        .order_by("-updated_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in DossierStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))
    labels = dict(DossierStatus.choices)
    return render(
        request,
        "tracker/dossiers/index.html",
        {
            "page_obj": page,
            "rows": [(d, labels.get(d.status, d.status)) for d in page],
            "statuses": DossierStatus.choices,
            "status": status,
            "query_string": f"status={status}" if status else "",
            "can_manage": access.can_manage_dossiers(user),
            "sees_all": access.sees_all(user),
            "today": today,
        },
    )


# --- the dossier page ------------------------------------------------------------------------


@require_safe
def detail(request, pk, slug=""):
    user = request.user
    dossier = Dossier.objects.select_related("owner").filter(pk=pk).first()
    if dossier is None or not access.can_see_dossier(user, dossier):
        if dossier is not None and dossier.public:
            if slug != dossier.slug:
                return HttpResponseRedirect(dossier.get_absolute_url())
            return _render_public(request, dossier)
        if not is_member(user):
            return refuse_non_member(request)
        raise Http404
    if slug != dossier.slug:
        return HttpResponseRedirect(dossier.get_absolute_url())
    return _render_detail(request, dossier)


def _render_public(request, dossier):
    """The short page for everyone: no bottleneck titles, no names, no internal notes."""
    shown = DossierItem.objects.filter(
        dossier=dossier,
        bottleneck__accepted_at__isnull=False,
        bottleneck__merged_into__isnull=True,
    )
    totals = shown.aggregate(
        bottlenecks=Count("pk"),
        confirmations=Coalesce(Sum("bottleneck__confirmation_count"), 0),
        participants=Coalesce(Sum("bottleneck__participants_total"), 0),
    )
    by_region = (
        Confirmation.objects.filter(bottleneck__in=shown.values("bottleneck"))
        .values("region")
        .annotate(n=Count("pk"))
        .order_by("-n", "region")
    )
    labels = dict(Region.choices)
    regions = [(labels[r["region"]], r["n"]) for r in by_region if r["region"] in labels]
    return render(
        request,
        "tracker/dossiers/public.html",
        {
            "dossier": dossier,
            "status_label": DossierStatus(dossier.status).label,
            "summary": records.clean_text(dossier.public_summary or dossier.summary),
            "question": records.clean_text(dossier.question),
            "addressees": list(dossier.addressees.all()),
            "totals": totals,
            "regions": regions,
        },
    )


def _render_detail(request, dossier, *, status=200, **forms):
    user = request.user
    manage = access.can_manage_dossiers(user)
    sees_all = access.sees_all(user)
    statuses = {value: str(label) for value, label in Status.choices}
    items = list(
        access.dossier_items(user, dossier)
        .select_related(None)
        .values_list(
            "bottleneck_id",
            "note",
            "bottleneck__title",
            "bottleneck__slug",
            "bottleneck__status",
            "bottleneck__confirmation_count",
            "bottleneck__participants_total",
        )
    )
    addressees = list(dossier.addressees.all())
    snapshots = list(dossier.snapshots.defer("state").order_by("meeting_on", "pk"))
    last, changes = dossiers.changes_since_last_meeting(dossier)
    today = timezone.localdate()
    # A note that did not pass: (what was typed, why not), shown at its bottleneck.
    typed = forms.get("item_form_errors") or {}
    context = {
        "dossier": dossier,
        "status_label": DossierStatus(dossier.status).label
        if dossier.status in DossierStatus.values
        else dossier.status,
        "items": _item_rows(dossier, items, statuses, typed, manage),
        "addressees": [(a, a.is_overdue(today)) for a in addressees],
        "answered": sum(1 for a in addressees if a.is_answered),
        "snapshots": snapshots,
        "last_snapshot": last,
        "changes": dossiers.for_user(user, changes),
        "can_manage": manage,
        "sees_all": sees_all,
        "can_see_internal_notes": access.can_see_internal_notes(user),
        "can_export": access.can_export(user),
    }
    if manage:
        context.update(
            {
                # Translated once for the rows' buttons (hundreds of rows).
                "texts": {
                    "change_note": _("Change the note"),
                    "why": _("Why it is in this dossier"),
                    "save_note": _("Save the note"),
                    "up": _("Up"),
                    "down": _("Down"),
                    "take_out": _("Take out"),
                },
                "add_form": forms.get("add_form") or AddBottleneckForm(),
                "candidates": forms.get("candidates"),
                "addressee_form": forms.get("addressee_form") or AddresseeForm(prefix="nieuw"),
                "addressee_forms": {
                    a.pk: forms.get("addressee_forms", {}).get(a.pk)
                    or AddresseeForm(instance=a, prefix=f"a{a.pk}")
                    for a in addressees
                },
                "answer_forms": {
                    a.pk: forms.get("answer_forms", {}).get(a.pk)
                    or AnswerForm(
                        addressee=a,
                        prefix=f"b{a.pk}",
                        initial={"answer": a.answer, "answered_on": a.answered_on}
                        if a.is_answered
                        else None,
                    )
                    for a in addressees
                },
                "snapshot_form": forms.get("snapshot_form") or SnapshotForm(),
                "bodies": list(
                    Body.objects.filter(active=True)
                    .order_by("order", "name")[:300]
                    .values_list("name", flat=True)
                ),
            }
        )
    # Template helpers: forms per addressee in one list, so the template needs no lookups.
    if manage:
        context["addressee_rows"] = [
            (a, overdue, context["addressee_forms"][a.pk], context["answer_forms"][a.pk])
            for a, overdue in context["addressees"]
        ]
    else:
        context["addressee_rows"] = [
            (a, overdue, None, None) for a, overdue in context["addressees"]
        ]
    return render(request, "tracker/dossiers/detail.html", context, status=status)


class _Memo(dict):
    """Texts per count, made once per page (200 rows share a few counts)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _item_rows(dossier, items, statuses, typed, manage) -> list[dict]:
    """The dossier's bottlenecks as ready-made rows. The page shows up to hundreds, so
    each row's reading part is built here once (escaped by ``format_html``) instead of
    node by node in the template."""
    bottlenecks_root = reverse("tracker:index")
    item_root = reverse("tracker:dossier_short", args=[dossier.pk]) + "knelpunten/"
    confirmations = _Memo(
        lambda n: ngettext("%(n)s confirmation", "%(n)s confirmations", n) % {"n": n}
    )
    participants = _Memo(
        lambda n: ngettext("%(n)s participant", "%(n)s participants", n) % {"n": n}
    )
    up, down, out = (
        _("Move “%(title)s” up"),
        _("Move “%(title)s” down"),
        _("Take “%(title)s” out of the dossier"),
    )
    rows = []
    for pk, note, title, slug, status, confirmed, affected in items:
        html = format_html(
            '<div class="dossier-item__head"><a class="dossier-item__title" href="{}">{}</a> '
            '<span class="status status--{}">{}</span></div>'
            '<p class="dossier-item__meta">#{} · {} · {}</p>',
            f"{bottlenecks_root}{pk}-{slug or 'knelpunt'}/",
            title,
            status,
            statuses.get(status, ""),
            pk,
            confirmations[confirmed],
            participants[affected],
        )
        if note:
            html += format_html('<p class="dossier-item__note">{}</p>', _lines(note))
        row = {"pk": pk, "html": html, "note": note, "typed": typed.get(pk)}
        if manage:
            row["action"] = f"{item_root}{pk}/"
            row["labels"] = (up % {"title": title}, down % {"title": title}, out % {"title": title})
        rows.append(row)
    return rows


def _lines(text: str):
    """``linebreaksbr`` for a view: escaped, with its line breaks kept."""
    return mark_safe(  # noqa: S308  escaped just before
        escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    )


# --- create and edit -------------------------------------------------------------------------


@manager_required
def create(request):
    if request.method == "POST":
        form = DossierForm(request.POST)
        if form.is_valid():
            dossier = form.save()
            messages.success(
                request,
                _("The dossier “%(title)s” was made. Add bottlenecks and addressees below.")
                % {"title": dossier.title},
            )
            return _back(dossier)
        status = 400
    else:
        form = DossierForm(initial={"owner": request.user.pk})
        status = 200
    return render(
        request, "tracker/dossiers/form.html", {"form": form, "dossier": None}, status=status
    )


@manager_required
def edit(request, pk):
    dossier = _get_dossier(pk)
    if request.method == "POST":
        form = DossierForm(request.POST, instance=dossier)
        if form.is_valid():
            form.save()
            messages.success(request, _("The dossier was saved."))
            return _back(dossier)
        status = 400
    else:
        form = DossierForm(instance=dossier)
        status = 200
    return render(
        request, "tracker/dossiers/form.html", {"form": form, "dossier": dossier}, status=status
    )


# --- bottlenecks in the dossier ---------------------------------------------------------------


@manager_required
@require_POST
def add_bottleneck(request, pk):
    dossier = _get_dossier(pk)
    user = request.user
    form = AddBottleneckForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, dossier, add_form=form, status=400)
    visible = access.visible_bottlenecks(user)
    number = form.number()
    if number is not None:
        bottleneck = visible.filter(pk=number).first()
        if bottleneck is None:
            form.add_error(
                "knelpunt",
                _("There is no bottleneck with number %(number)s.") % {"number": number},
            )
            return _render_detail(request, dossier, add_form=form, status=400)
    else:
        words = form.cleaned_data["knelpunt"].split()[:8]
        found = visible.exclude(dossier_items__dossier=dossier)
        for word in words:
            found = found.filter(title__icontains=word)
        found = list(found.select_related("body").order_by("-confirmation_count", "-pk")[:21])
        if not found:
            form.add_error(
                "knelpunt",
                _("No bottleneck outside this dossier has these words in its title."),
            )
            return _render_detail(request, dossier, add_form=form, status=400)
        if len(found) > 1:
            return _render_detail(
                request,
                dossier,
                add_form=form,
                candidates=[(b, Status(b.status).label) for b in found[:SEARCH_RESULTS]],
            )
        bottleneck = found[0]
    if not bottleneck.is_accepted:
        form.add_error(
            "knelpunt",
            _("“%(title)s” was not accepted yet: accept it in the triage first.")
            % {"title": bottleneck.title},
        )
        return _render_detail(request, dossier, add_form=form, status=400)
    if DossierItem.objects.filter(dossier=dossier, bottleneck=bottleneck).exists():
        messages.info(
            request,
            _("“%(title)s” is already in this dossier.") % {"title": bottleneck.title},
        )
        return _back(dossier, f"knelpunt-{bottleneck.pk}")
    dossiers.add_bottleneck(dossier, bottleneck, user, note=form.cleaned_data["note"])
    messages.success(
        request, _("“%(title)s” was added to the dossier.") % {"title": bottleneck.title}
    )
    if form.cleaned_data["bundle"] and bottleneck.status in BUNDLE_FROM:
        _bundle(request, dossier, bottleneck)
    return _back(dossier, f"knelpunt-{bottleneck.pk}")


def _bundle(request, dossier, bottleneck) -> None:
    if workflow.refusal(bottleneck.status, Status.BUNDLED):
        return
    try:
        actions.change_status(
            bottleneck,
            Status.BUNDLED,
            request.user,
            _("Bundled in the dossier “%(title)s” for the policy dialogue.")
            % {"title": dossier.title},
        )
    except actions.Refused as refusal:
        messages.warning(request, str(refusal))
        return
    messages.success(
        request, _("Its status is now “%(status)s”.") % {"status": Status.BUNDLED.label}
    )


@manager_required
@require_POST
def item(request, pk, bottleneck_id):
    dossier = _get_dossier(pk)
    entry = (
        DossierItem.objects.select_related("bottleneck")
        .filter(dossier=dossier, bottleneck_id=bottleneck_id)
        .first()
    )
    if entry is None:
        raise Http404
    action = request.POST.get("actie", "opslaan")
    anchor = f"knelpunt-{bottleneck_id}"
    if action in ("omhoog", "omlaag"):
        dossiers.move(dossier, entry.bottleneck_id, -1 if action == "omhoog" else 1)
        dossiers.touch(dossier)
        messages.success(request, _("The order was changed."))
        return _back(dossier, anchor)
    if action == "verwijderen":
        title = entry.bottleneck.title
        entry.delete()
        dossiers.touch(dossier)
        messages.success(request, _("“%(title)s” was taken out of the dossier.") % {"title": title})
        return _back(dossier, "knelpunten")
    form = ItemForm(request.POST)
    if not form.is_valid():
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _render_detail(
            request,
            dossier,
            item_form_errors={entry.bottleneck_id: (request.POST.get("note", ""), errors)},
            status=400,
        )
    entry.note = form.cleaned_data["note"]
    entry.save(update_fields=["note"])
    dossiers.touch(dossier)
    messages.success(request, _("The note was saved."))
    return _back(dossier, anchor)


# --- addressees and answers ------------------------------------------------------------------


@manager_required
@require_POST
def addressee(request, pk, addressee_id=None):
    dossier = _get_dossier(pk)
    existing = None
    if addressee_id is not None:
        existing = Addressee.objects.filter(dossier=dossier, pk=addressee_id).first()
        if existing is None:
            raise Http404
        if request.POST.get("actie") == "verwijderen":
            body = existing.body
            if existing.answer_file:
                name, storage = existing.answer_file.name, existing.answer_file.storage
                transaction.on_commit(lambda: storage.delete(name))
            existing.delete()
            dossiers.touch(dossier)
            messages.success(
                request, _("%(body)s was removed from the addressees.") % {"body": body}
            )
            return _back(dossier, "adressaten")
    prefix = f"a{existing.pk}" if existing else "nieuw"
    before = (existing.sent_on, existing.due_on) if existing else (None, None)
    form = AddresseeForm(request.POST, instance=existing, prefix=prefix)
    if not form.is_valid():
        if existing:
            return _render_detail(request, dossier, addressee_forms={existing.pk: form}, status=400)
        return _render_detail(request, dossier, addressee_form=form, status=400)
    with transaction.atomic():
        saved = form.save(commit=False)
        saved.dossier = dossier
        if existing is None:
            last = Addressee.objects.filter(dossier=dossier).order_by("-position").first()
            saved.position = (last.position + 1) if last else 0
        if before[1] != saved.due_on:
            # A new deadline gets its own reminder.
            saved.reminded_at = None
        saved.save()
        moved_to_sent = saved.sent_on and dossier.status == DossierStatus.BUILDING
        if moved_to_sent:
            dossier.status = DossierStatus.SENT
            dossier.save(update_fields=["status", "updated_at"])
        else:
            dossiers.touch(dossier)
    if existing is None:
        messages.success(request, _("%(body)s was added as addressee.") % {"body": saved.body})
    else:
        messages.success(request, _("%(body)s was saved.") % {"body": saved.body})
    if moved_to_sent:
        messages.success(
            request,
            _("The dossier's status is now “%(status)s”.") % {"status": DossierStatus.SENT.label},
        )
    return _back(dossier, f"adressaat-{saved.pk}")


@manager_required
@require_POST
def answer(request, pk, addressee_id):
    dossier = _get_dossier(pk)
    target = Addressee.objects.filter(dossier=dossier, pk=addressee_id).first()
    if target is None:
        raise Http404
    form = AnswerForm(request.POST, request.FILES, addressee=target, prefix=f"b{target.pk}")
    if not form.is_valid():
        return _render_detail(request, dossier, answer_forms={target.pk: form}, status=400)
    target.dossier = dossier
    checked = form.cleaned_data.get("file")
    old_file = target.answer_file.name if target.answer_file else ""
    storage = target.answer_file.storage
    with transaction.atomic():
        if checked is not None:
            checked.upload.seek(0)
            target.answer_file.save("upload", checked.upload, save=False)
            target.answer_file_name = checked.name
            target.answer_file_type = checked.content_type
            target.answer_file_size = checked.size
            target.save(
                update_fields=[
                    "answer_file",
                    "answer_file_name",
                    "answer_file_type",
                    "answer_file_size",
                ]
            )
            if old_file:
                transaction.on_commit(lambda: storage.delete(old_file))
        dossiers.record_answer(
            target, form.cleaned_data["answer"], form.cleaned_data["answered_on"], request.user
        )
        dossiers.touch(dossier)
    messages.success(
        request,
        _("The answer of %(body)s was recorded; followers of its bottlenecks hear of it.")
        % {"body": target.body},
    )
    dossier.refresh_from_db(fields=["status"])
    if dossier.status == DossierStatus.ANSWERED:
        messages.success(request, _("Every addressee answered: the dossier is “Answered”."))
    return _back(dossier, f"adressaat-{target.pk}")


@member_required
@require_safe
def answer_file(request, addressee_id, name):
    target = Addressee.objects.select_related("dossier").filter(pk=addressee_id).first()
    if (
        target is None
        or not target.answer_file
        or not access.can_see_dossier(request.user, target.dossier)
    ):
        raise Http404
    if name != target.answer_file_name:
        return HttpResponseRedirect(answer_file_url(target))
    response = file_store._serve(
        target.answer_file,
        target.answer_file_type or "application/octet-stream",
        target.answer_file_name,
        inline=False,
    )
    response["Content-Disposition"] = content_disposition_header(True, target.answer_file_name)
    return response


def answer_file_url(target) -> str:
    return reverse("tracker:dossier_answer_file", args=[target.pk, target.answer_file_name])


# --- meetings --------------------------------------------------------------------------------


@manager_required
@require_POST
def snapshot(request, pk):
    dossier = _get_dossier(pk)
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, dossier, snapshot_form=form, status=400)
    data = form.cleaned_data
    with transaction.atomic():
        if dossier.status in (DossierStatus.BUILDING, DossierStatus.SENT):
            dossier.status = DossierStatus.ON_AGENDA
            dossier.save(update_fields=["status", "updated_at"])
        made = dossiers.take_snapshot(
            dossier, request.user, data["meeting"], data["meeting_on"], data["attendees"]
        )
    messages.success(
        request,
        _("The dossier was frozen for “%(meeting)s”: from now on it shows what changed since.")
        % {"meeting": made.meeting},
    )
    return _back(dossier, "overleg")


@member_required
@require_safe
def compare(request, pk):
    user = request.user
    dossier = _get_dossier(pk)
    if not access.can_see_dossier(user, dossier):
        raise Http404
    older_id, newer_value = _int(request.GET.get("van")), request.GET.get("tot", "").strip()
    if older_id is None or not (newer_value == "nu" or _int(newer_value) is not None):
        messages.error(request, _("Choose two meetings to compare (or a meeting and now)."))
        return _back(dossier, "overleg")
    older = Snapshot.objects.filter(pk=older_id).first()
    if older is None or older.dossier_id != dossier.pk:
        raise Http404
    if newer_value == "nu":
        newer = None
        changes = dossiers.compare(older.state, dossiers.capture(dossier, with_regions=False))
    else:
        newer = Snapshot.objects.filter(pk=_int(newer_value)).first()
        if newer is None or newer.dossier_id != dossier.pk:
            raise Http404
        if newer.pk == older.pk:
            messages.error(request, _("Choose two different meetings to compare."))
            return _back(dossier, "overleg")
        if (newer.meeting_on, newer.pk) < (older.meeting_on, older.pk):
            older, newer = newer, older
        changes = dossiers.compare_snapshots(older, newer)
    return render(
        request,
        "tracker/dossiers/compare.html",
        {
            "dossier": dossier,
            "older": older,
            "newer": newer,
            "changes": dossiers.for_user(user, changes),
            "snapshots": list(dossier.snapshots.defer("state").order_by("meeting_on", "pk")),
        },
    )


__all__ = [
    "add_bottleneck",
    "addressee",
    "answer",
    "answer_file",
    "compare",
    "create",
    "detail",
    "edit",
    "index",
    "item",
    "snapshot",
]
