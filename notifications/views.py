"""A member's notifications (/meldingen/), their settings, watching, and unsubscribing.

Everything is for members only (the same refusals as the forum), except the unsubscribe
page, which a signed link opens without logging in: GET asks to confirm, POST (the button,
or a mail program's one-click request, RFC 8058) unsubscribes.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.access import member_required

from . import delivery, mail, registry, rendering, watching
from .forms import FREQUENCY_HELP, FrequencyForm, WatchForm
from .models import (
    DEFAULT_FREQUENCY,
    DIGEST_FREQUENCIES,
    Frequency,
    MailPreference,
    Notification,
    Watch,
    WatchLevel,
)

PER_PAGE = 20
WATCHES_PER_PAGE = 50


@member_required
def index(request):
    user = request.user
    notifications = Notification.objects.filter(recipient=user)
    page = Paginator(notifications.order_by("-created_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    shown, gone = rendering.for_member(user, page.object_list)
    if gone:
        # The target is gone, or the member left the closed space it is in: for good.
        Notification.objects.filter(pk__in=[n.pk for n in gone]).delete()
    return render(request, "notifications/list.html", {"page_obj": page, "items": shown})


@member_required
def open_notification(request, pk):
    """Mark a notification read and go to what it is about."""
    user = request.user
    notification = Notification.objects.filter(pk=pk, recipient=user).first()
    if notification is None:
        raise Http404
    shown, _gone = rendering.for_member(user, [notification])
    if not shown:
        notification.delete()
        messages.info(request, _("That is no longer available to you."))
        return redirect("notifications:list")
    # Whatever else was unread about the same thing is read now too.
    Notification.objects.filter(
        recipient=user,
        read_at__isnull=True,
        content_type_id=notification.content_type_id,
        object_id=notification.object_id,
    ).update(read_at=timezone.now())
    return redirect(shown[0].url)


@member_required
@require_POST
def mark_all_read(request):
    marked = delivery.mark_read(request.user)
    if marked:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                marked,
            )
            % {"count": marked},
        )
    return redirect("notifications:list")


def preference_of(user) -> MailPreference:
    return MailPreference.objects.filter(user=user).first() or MailPreference(
        user=user, frequency=DEFAULT_FREQUENCY
    )


def save_frequency(user, frequency) -> MailPreference:
    preference = preference_of(user)
    changed = preference.frequency != frequency or preference._state.adding
    preference.frequency = frequency
    preference.updated_at = timezone.now()
    if changed and frequency in DIGEST_FREQUENCIES:
        # The first digest comes at the next digest hour, with what is new from now on.
        preference.last_digest_at = timezone.now()
    if frequency != Frequency.NEVER:
        preference.unsubscribed_at = None
    preference.save()
    return preference


@member_required
def preferences(request):
    user = request.user
    preference = preference_of(user)
    if request.method == "POST":
        form = FrequencyForm(request.POST)
        if form.is_valid():
            save_frequency(user, form.cleaned_data["frequency"])
            messages.success(request, _("Your mail settings are saved."))
            return redirect("notifications:settings")
    else:
        form = FrequencyForm(initial={"frequency": preference.frequency})
    watches = Watch.objects.filter(user=user).exclude(level=WatchLevel.NORMAL)
    # Followed first (watching sorts after muted), the latest choice first.
    page = Paginator(watches.order_by("-level", "-updated_at", "-pk"), WATCHES_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "choices": [
                {"value": value, "label": label, "help": FREQUENCY_HELP[value]}
                for value, label in Frequency.choices
            ],
            "current": form["frequency"].value() or preference.frequency,
            "page_obj": page,
            "watched": _watch_rows(user, page.object_list),
            "levels": WatchLevel.choices,
        },
        status=400 if form.is_bound else 200,
    )


def _watch_rows(user, watches) -> list[dict]:
    """What the member watches or ignores, as far as they may still see it (one query per
    kind of thing)."""
    wanted = defaultdict(set)
    watches = list(watches)
    for watch in watches:
        wanted[watch.content_type_id].add(watch.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        entry = registry.watchable_for(model) if model else None
        if entry is None:
            continue
        for pk, obj in (
            model._default_manager.select_related(*entry.select_related).in_bulk(ids).items()
        ):
            found[(type_id, pk)] = (obj, entry)
    rows = []
    for watch in watches:
        obj, entry = found.get((watch.content_type_id, watch.object_id), (None, None))
        if obj is None or not entry.can_see(user, obj):
            continue
        rows.append(
            {
                "watch": watch,
                "what": entry.name,
                "id": obj.pk,
                "label": entry.label(obj),
                "url": entry.url(obj),
            }
        )
    return rows


WATCH_MESSAGES = {
    WatchLevel.WATCHING: _("You now watch “%(label)s”: a notification for every new post."),
    WatchLevel.NORMAL: _("“%(label)s”: you only hear of what concerns you."),
    WatchLevel.MUTED: _("You now ignore “%(label)s”: no notifications from it."),
}


@member_required
@require_POST
def watch(request):
    user = request.user
    form = WatchForm(request.POST)
    if not form.is_valid():
        entry = registry.watchable(request.POST.get("what", ""))
        if entry is None:
            raise Http404
        messages.error(request, _("Choose how closely you want to follow this."))
        return redirect(_next(request, "/"))
    entry = registry.watchable(form.cleaned_data["what"])
    if entry is None:
        raise Http404
    obj = (
        entry.model._default_manager.select_related(*entry.select_related)
        .filter(pk=form.cleaned_data["id"])
        .first()
    )
    if obj is None or not entry.can_see(user, obj):
        raise Http404
    level = form.cleaned_data["level"]
    watching.set_level(user, obj, level)
    messages.success(request, WATCH_MESSAGES[level] % {"label": entry.label(obj)})
    return redirect(_next(request, entry.url(obj)))


def _next(request, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


@csrf_exempt  # the signed token is the proof; a mail program posts without a session
def unsubscribe(request, token):
    user = mail.read_unsubscribe_token(token)
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        preference = save_frequency(user, Frequency.NEVER)
        preference.unsubscribed_at = timezone.now()
        preference.save(update_fields=["unsubscribed_at"])
        return render(request, "notifications/unsubscribe_done.html", {"account": user})
    if request.method not in ("GET", "HEAD"):
        return render(request, "notifications/unsubscribe_invalid.html", status=405)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"account": user, "already": preference_of(user).frequency == Frequency.NEVER},
    )
