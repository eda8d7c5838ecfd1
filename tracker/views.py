"""The tracker's pages: reporting, the bottleneck page, "Mijn knelpunten" and staff triage.

Every view asks ``tracker.access`` who may see what; visitors go to the login and accounts
that are not members get the forum's 403 page (``accounts.access.member_required``).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.access import member_required
from community import attachments as file_store

from . import access, actions, similar
from .decorators import staff_required
from .forms import (
    SORT_LABELS,
    BulkStatusForm,
    ConfirmForm,
    MergeForm,
    MessageForm,
    ReportForm,
    SavedFilterForm,
    SplitForm,
    StatusForm,
    TriageFilterForm,
)
from .models import (
    Attachment,
    Bottleneck,
    Confirmation,
    Follow,
    Merge,
    Message,
    OrganisationType,
    Region,
    SavedFilter,
    Status,
    StatusChange,
)

PAGE_SIZE = 25
TRIAGE_PAGE_SIZE = 50
CONFIRMATIONS_SHOWN = 50


def _listed(queryset):
    return queryset.select_related("body").only(
        "pk",
        "title",
        "slug",
        "status",
        "kind",
        "region",
        "created_at",
        "confirmation_count",
        "participants_total",
        "follower_count",
        "accepted_at",
        "reporter_id",
        "merged_into_id",
        "body__name",
    )


@member_required
@require_safe
def index(request):
    """What members may see, the newest first, with the list's filters (the triage filters
    that make sense for members); policy workers and staff export the filtered list."""
    query = request.GET.copy()
    query.pop("pagina", None)
    form = TriageFilterForm(query or None)
    for name in ("label", "min_bevestigingen", "min_volgers"):  # triage only
        del form.fields[name]
    queryset = access.visible_bottlenecks(request.user)
    if form.is_bound and form.is_valid():
        queryset = form.filter(queryset)
    else:
        queryset = queryset.order_by("-created_at", "-pk")
    page = Paginator(_listed(queryset), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "tracker/index.html",
        {
            "page_obj": page,
            "form": form,
            "filtered": form.is_bound,
            "filter_query": query.urlencode(),
            "can_triage": access.can_triage(request.user),
            "can_export": access.can_export(request.user),
        },
    )


# --- reporting -------------------------------------------------------------------------------


@member_required
def report(request):
    """One form in steps (fieldsets); before it is filed, similar bottlenecks are offered."""
    similar_found = []
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            if not data.get("similar_seen"):
                similar_found = similar.find(request.user, f"{data['title']} {data['situation']}")
            if similar_found:
                # Show them, keep everything typed, and let the member file anyway.
                kept = request.POST.copy()
                kept["similar_seen"] = "on"
                form = ReportForm(kept)
                return render(
                    request,
                    "tracker/report.html",
                    {"form": form, "similar": similar_found, "files_dropped": bool(request.FILES)},
                )
            bottleneck = actions.report(
                request.user,
                form.report_data(),
                files=data.get("attachments") or [],
                submission_key=data.get("submission_key"),
            )
            return redirect("tracker:reported", pk=bottleneck.pk)
    else:
        form = ReportForm(initial=_from_forum(request))
    return render(request, "tracker/report.html", {"form": form, "similar": similar_found})


def _from_forum(request) -> dict:
    """ "Meld als knelpunt" on a forum post (?uit=<post>): the topic's title and a link back,
    only for a post this member may read (the forum's bridge decides)."""
    if "uit" not in request.GET:
        return {}
    try:
        from community.bridges import bottleneck_source
    except ImportError:
        return {}
    source = bottleneck_source(request.user, request.GET["uit"])
    if not source:
        return {}
    return {"title": source["title"][:160], "situation": source["text"] + "\n\n"}


@member_required
@require_safe
def reported(request, pk):
    bottleneck = get_object_or_404(Bottleneck, pk=pk, reporter=request.user)
    return render(request, "tracker/reported.html", {"bottleneck": bottleneck})


@member_required
@require_safe
def similar_json(request):
    """Live suggestions while reporting: what this member may see that looks alike."""
    text = request.GET.get("q", "")[:400]
    found = similar.find(request.user, text) if len(text.strip()) >= 3 else []
    return JsonResponse(
        {
            "results": [
                {
                    "title": b.title,
                    "url": b.get_absolute_url(),
                    "status": b.get_status_display(),
                    "confirmations": b.confirmation_count,
                }
                for b in found
            ]
        }
    )


# --- the bottleneck page ---------------------------------------------------------------------


def _visible_or_404(user, pk) -> Bottleneck:
    """The bottleneck if ``user`` may see it; a merged one is followed to where it went."""
    bottleneck = (
        Bottleneck.objects.select_related("body", "reporter", "merged_into").filter(pk=pk).first()
    )
    if bottleneck is None:
        raise Http404
    if bottleneck.merged_into_id is not None:
        # Follow the chain (a duplicate of a duplicate) to the bottleneck that holds it all.
        target = bottleneck.merged_into
        for _step in range(10):
            if target is None or target.merged_into_id is None:
                break
            target = Bottleneck.objects.select_related("merged_into").get(pk=target.pk).merged_into
        if target is not None and access.can_see(user, target):
            raise _Moved(target)
        raise Http404
    if not access.can_see(user, bottleneck):
        raise Http404
    return bottleneck


class _Moved(Exception):
    def __init__(self, target):
        self.target = target


def _evidence(bottleneck) -> dict:
    rows = Confirmation.objects.filter(bottleneck=bottleneck)
    by_region = rows.values("region").annotate(n=Count("pk"), p=Sum("participants"))
    by_type = rows.values("organisation_type").annotate(n=Count("pk"), p=Sum("participants"))
    return {
        "regions": sorted(
            ((Region(r["region"]).label, r["n"], r["p"]) for r in by_region),
            key=lambda row: (-row[1], str(row[0])),
        ),
        "organisation_types": sorted(
            ((OrganisationType(r["organisation_type"]).label, r["n"], r["p"]) for r in by_type),
            key=lambda row: (-row[1], str(row[0])),
        ),
    }


@member_required
@require_safe
def detail(request, pk, slug=""):
    try:
        bottleneck = _visible_or_404(request.user, pk)
    except _Moved as moved:
        return HttpResponseRedirect(moved.target.get_absolute_url())
    if slug != bottleneck.slug:
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    return _render_detail(request, bottleneck)


def _render_detail(
    request,
    bottleneck,
    *,
    confirm_form=None,
    status_form=None,
    merge_form=None,
    split_form=None,
    message_form=None,
    status=200,
):
    user = request.user
    confirmations = list(
        Confirmation.objects.filter(bottleneck=bottleneck).only(
            "region", "participants", "seen_on", "organisation_type", "example", "created_at"
        )[:CONFIRMATIONS_SHOWN]
    )
    mine = Confirmation.objects.filter(bottleneck=bottleneck, member=user).exists()
    timeline = list(
        StatusChange.objects.filter(bottleneck=bottleneck).select_related("by").order_by("at", "pk")
    )
    triage = access.can_triage(user)
    # Labels looked up once: get_FOO_display() hashes every lazy choice on each call.
    statuses = {value: str(label) for value, label in Status.choices}
    organisation_types = {value: str(label) for value, label in OrganisationType.choices}
    seen, was = _("seen on %(date)s"), _("was %(previous)s")
    context = {
        "bottleneck": bottleneck,
        "themes": list(bottleneck.themes.all()),
        "tags": list(bottleneck.tags.all()) if triage else [],
        "attachments": list(Attachment.objects.filter(bottleneck=bottleneck)),
        "reporter": access.reporter_label(user, bottleneck),
        "evidence": _evidence(bottleneck),
        "confirmations": [
            (
                access.anonymous(c.region),
                organisation_types[c.organisation_type],
                ngettext("%(n)s participant", "%(n)s participants", c.participants)
                % {"n": c.participants},
                seen % {"date": date_format(c.seen_on, "j F Y")},
                c,
            )
            for c in confirmations
        ],
        "more_confirmations": max(bottleneck.confirmation_count - len(confirmations), 0),
        "timeline": [
            (
                change,
                localtime(change.at),
                _actor(user, change, bottleneck),
                statuses.get(change.to_status, ""),
                was % {"previous": statuses[change.from_status]}
                if change.from_status and change.from_status != change.to_status
                else "",
            )
            for change in timeline
        ],
        "following": Follow.objects.filter(bottleneck=bottleneck, user=user).exists(),
        "confirmed": mine,
        "own": bottleneck.reporter_id == user.pk,
        "can_confirm": access.can_confirm(user, bottleneck) and not mine,
        "confirm_form": confirm_form or ConfirmForm(user=user),
        "can_triage": triage,
        "status_form": status_form or (StatusForm(bottleneck=bottleneck) if triage else None),
        "merge_form": merge_form or (MergeForm() if triage else None),
        "split_form": split_form or (SplitForm() if triage else None),
        "thread": list(Message.objects.filter(bottleneck=bottleneck).select_related("author"))
        if access.can_use_thread(user, bottleneck)
        else None,
        "message_form": message_form or MessageForm(),
        "merges": list(
            Merge.objects.filter(target=bottleneck, undone_at__isnull=True).select_related("source")
        )
        if triage
        else [],
    }
    return render(request, "tracker/detail.html", context, status=status)


def _actor(user, change, bottleneck) -> str:
    """Status changes are SAM's; the first step is the report itself (anonymous)."""
    if change.moved_from_id and not change.from_status:
        return access.anonymous("")
    if not change.from_status:
        return access.reporter_label(user, bottleneck)
    return _("SAM")


def _post_target(request, pk) -> Bottleneck | HttpResponseRedirect:
    try:
        return _visible_or_404(request.user, pk)
    except _Moved as moved:
        messages.error(request, _("This bottleneck was merged into this one."))
        return HttpResponseRedirect(moved.target.get_absolute_url())


@member_required
@require_POST
def confirm(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    form = ConfirmForm(request.POST, user=request.user)
    if bottleneck.reporter_id == request.user.pk:
        messages.error(
            request, _("You reported this bottleneck yourself, so you cannot confirm it.")
        )
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    if Confirmation.objects.filter(bottleneck=bottleneck, member=request.user).exists():
        messages.error(request, _("You already confirmed this bottleneck."))
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    if not form.is_valid():
        return _render_detail(request, bottleneck, confirm_form=form, status=400)
    try:
        actions.confirm(request.user, bottleneck, form.confirmation_data())
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    messages.success(request, _("Thank you: your confirmation was added. You now follow it."))
    return HttpResponseRedirect(bottleneck.get_absolute_url())


@member_required
@require_POST
def follow(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    if request.POST.get("volgen") == "nee":
        actions.unfollow(request.user, bottleneck)
        messages.success(request, _("You no longer follow this bottleneck."))
    else:
        actions.follow(request.user, bottleneck)
        messages.success(request, _("You follow this bottleneck: you hear of every change."))
    return HttpResponseRedirect(bottleneck.get_absolute_url())


@member_required
@require_safe
def attachment(request, pk, name):
    item = Attachment.objects.select_related("bottleneck").filter(pk=pk).first()
    if item is None or not access.can_see(request.user, item.bottleneck):
        raise Http404
    if name != item.name:
        return HttpResponseRedirect(item.get_absolute_url())
    disposition = content_disposition_header(True, item.name)
    response = file_store._serve(item.file, item.content_type, item.name, inline=False)
    response["Content-Disposition"] = disposition
    return response


# --- mine ------------------------------------------------------------------------------------


@member_required
@require_safe
def mine(request):
    user = request.user
    visible = _listed(access.visible_bottlenecks(user))
    return render(
        request,
        "tracker/mine.html",
        {
            "reported": list(visible.filter(reporter=user).order_by("-created_at", "-pk")[:100]),
            "confirmed": list(
                visible.filter(confirmations__member=user).order_by("-created_at", "-pk")[:100]
            ),
            "followed": list(
                visible.filter(follows__user=user)
                .exclude(reporter=user)
                .order_by("-status_changed_at", "-pk")[:100]
            ),
        },
    )


# --- triage (SAM staff) ----------------------------------------------------------------------


@staff_required
@require_safe
def triage(request):
    form = TriageFilterForm(request.GET or None)
    queryset = Bottleneck.objects.filter(merged_into__isnull=True)
    if form.is_bound and form.is_valid():
        queryset = form.filter(queryset)
    else:
        queryset = queryset.order_by("-created_at", "-pk")
    page = Paginator(_listed(queryset), TRIAGE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "tracker/triage.html",
        {
            "form": form,
            "page_obj": page,
            "saved_filters": SavedFilter.objects.filter(owner=request.user),
            "save_form": SavedFilterForm(initial={"query": query.urlencode()}),
            "bulk_form": BulkStatusForm(),
            "filter_query": query.urlencode(),
            "sort_labels": SORT_LABELS,
        },
    )


@staff_required
@require_POST
def change_status(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, bottleneck, status_form=form, status=400)
    try:
        actions.change_status(
            bottleneck, form.cleaned_data["status"], request.user, form.cleaned_data["reason"]
        )
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    messages.success(
        request, _("The status is now “%(status)s”.") % {"status": bottleneck.get_status_display()}
    )
    return HttpResponseRedirect(bottleneck.get_absolute_url())


@staff_required
@require_POST
def bulk_status(request):
    form = BulkStatusForm(request.POST)
    back = reverse("tracker:triage") + "?" + request.POST.get("query", "")
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()][:500]
    if not ids:
        messages.error(request, _("Tick the bottlenecks whose status should change."))
        return HttpResponseRedirect(back)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(back)
    to_status = form.cleaned_data["status"]
    changed, refused = 0, []
    for bottleneck in Bottleneck.objects.filter(pk__in=ids, merged_into__isnull=True):
        try:
            actions.change_status(bottleneck, to_status, request.user, form.cleaned_data["reason"])
            changed += 1
        except actions.Refused as refusal:
            refused.append(f"“{bottleneck.title}”: {refusal}")
    if changed:
        messages.success(
            request,
            _("%(count)d bottleneck(s) now have the status “%(status)s”.")
            % {"count": changed, "status": Status(to_status).label},
        )
    for line in refused[:10]:
        messages.error(request, line)
    return HttpResponseRedirect(back)


@staff_required
@require_POST
def save_filter(request):
    form = SavedFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the filter a name."))
        return redirect("tracker:triage")
    query = form.cleaned_data["query"]
    SavedFilter.objects.update_or_create(
        owner=request.user, name=form.cleaned_data["name"], defaults={"query": query}
    )
    messages.success(request, _("The filter was saved."))
    return HttpResponseRedirect(reverse("tracker:triage") + "?" + query)


@staff_required
@require_POST
def delete_filter(request, pk):
    deleted, _rows = SavedFilter.objects.filter(pk=pk, owner=request.user).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("The filter was deleted."))
    return redirect("tracker:triage")


@staff_required
@require_POST
def merge(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, bottleneck, merge_form=form, status=400)
    target = Bottleneck.objects.filter(pk=form.cleaned_data["target"]).first()
    if target is None:
        messages.error(
            request,
            _("There is no bottleneck with number %(number)s.")
            % {"number": form.cleaned_data["target"]},
        )
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    try:
        actions.merge(bottleneck, target, request.user, form.cleaned_data["reason"])
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    messages.success(
        request,
        _("“%(source)s” was merged into this bottleneck. You can undo it below.")
        % {"source": bottleneck.title},
    )
    return HttpResponseRedirect(target.get_absolute_url())


@staff_required
@require_POST
def undo_merge(request, pk):
    record = Merge.objects.select_related("source", "target").filter(pk=pk).first()
    if record is None:
        raise Http404
    try:
        actions.undo_merge(record, request.user)
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(record.target.get_absolute_url())
    messages.success(
        request,
        _("The merge was undone: “%(title)s” is on its own again.")
        % {"title": record.source.title},
    )
    return HttpResponseRedirect(record.source.get_absolute_url())


@staff_required
@require_POST
def split(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, bottleneck, split_form=form, status=400)
    try:
        part = actions.split(bottleneck, request.user, **form.cleaned_data)
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(bottleneck.get_absolute_url())
    messages.success(
        request,
        _("“%(title)s” was split off, with the same confirmations and followers.")
        % {"title": part.title},
    )
    return HttpResponseRedirect(part.get_absolute_url())


@member_required
@require_POST
def message(request, pk):
    bottleneck = _post_target(request, pk)
    if isinstance(bottleneck, HttpResponseRedirect):
        return bottleneck
    if not access.can_use_thread(request.user, bottleneck):
        raise Http404
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, bottleneck, message_form=form, status=400)
    actions.write_message(
        bottleneck,
        request.user,
        form.cleaned_data["body"],
        from_staff=access.can_triage(request.user),
    )
    messages.success(request, _("Your message was sent."))
    return HttpResponseRedirect(bottleneck.get_absolute_url() + "#vragen")


def triage_url(**params) -> str:
    return reverse("tracker:triage") + "?" + urlencode(params, doseq=True)
