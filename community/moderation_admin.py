"""Moderation in the Wagtail admin: the review queue, sanctions and the moderator log.

Only moderators (``community.access.can_moderate``) open any of it. The queue shows each
reported post in its context (the post before and after it, its topic and space, the
author's earlier reports, moderator actions and sanctions) and acts through
``community.moderation``: hide (with the reason the author reads), restore, dismiss, one
post or several at once. Acting twice, or two moderators at once, changes and logs once.
"""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from accounts.models import ApprovalStatus
from accounts.roles import SAM_STAFF
from portal import converters, markdown

from . import access, moderation
from .models import Flag, FlagStatus, ModerationAction, Post, Sanction

PAGE_SIZE = 20
HISTORY_SHOWN = 5
TABS = ("open", "hidden", "handled")
VERBS = ("hide", "dismiss", "restore")


def moderator_required(view):
    def wrapper(request, *args, **kwargs):
        if not access.can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


class ModeratorPolicy(BasePermissionPolicy):
    """Moderators may do ``actions`` on the model (view the log; view and add sanctions);
    nobody edits or deletes through the admin."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and access.can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=SAM_STAFF), is_active=True)
            .distinct()
        )


# The queue ---------------------------------------------------------------------------------


def _ids(values) -> list[int]:
    found = []
    for value in values:
        value = str(value).strip()
        if value.isdigit() and len(value) <= 19 and int(value) <= converters.MAX_ID:
            found.append(int(value))
    return found


def _with_context(posts) -> list:
    """Each post with its neighbours, flags and its author's history: a fixed number of
    queries for the whole page."""
    posts = list(posts)
    if not posts:
        return posts
    wanted = Q()
    for post in posts:
        wanted |= Q(topic_id=post.topic_id, number__in=[post.number - 1, post.number + 1])
    neighbours = {
        (neighbour.topic_id, neighbour.number): neighbour
        for neighbour in Post.objects.filter(wanted).select_related("author")
    }
    flags = defaultdict(list)
    for flag in (
        Flag.objects.filter(post__in=posts)
        .select_related("reporter", "resolved_by")
        .order_by("created_at")
    ):
        flags[flag.post_id].append(flag)
    authors = {post.author_id for post in posts}
    counts = {
        row["post__author"]: row
        for row in Flag.objects.filter(post__author__in=authors)
        .values("post__author")
        .annotate(
            total=Count("pk"),
            hidden=Count("pk", filter=Q(status=FlagStatus.HIDDEN)),
            dismissed=Count("pk", filter=Q(status=FlagStatus.DISMISSED)),
        )
    }
    history = defaultdict(list)
    for action in (
        ModerationAction.objects.filter(member__in=authors)
        .select_related("actor")
        .order_by("-created_at")[: HISTORY_SHOWN * len(authors) * 4]
    ):
        if len(history[action.member_id]) < HISTORY_SHOWN:
            history[action.member_id].append(action)
    sanctions = defaultdict(list)
    for found in access.active_sanctions().filter(user__in=authors).order_by("ends_at"):
        sanctions[found.user_id].append(found)
    for post in posts:
        for neighbour in (
            neighbours.get((post.topic_id, post.number - 1)),
            neighbours.get((post.topic_id, post.number + 1)),
        ):
            if neighbour is not None:
                neighbour.html = markdown.render(neighbour.body) if not neighbour.is_deleted else ""
        post.before = neighbours.get((post.topic_id, post.number - 1))
        post.after = neighbours.get((post.topic_id, post.number + 1))
        post.html = markdown.render(post.body)
        post.all_flags = flags.get(post.pk, [])
        post.open_flags = [flag for flag in post.all_flags if flag.status == FlagStatus.OPEN]
        post.author_flags = counts.get(post.author_id, {})
        post.author_history = history.get(post.author_id, [])
        post.author_sanctions = sanctions.get(post.author_id, [])
    return posts


def _queue_posts(tab):
    related = ("topic__space", "author", "hidden_by", "deleted_by")
    if tab == "hidden":
        return (
            Post.objects.select_related(*related)
            .filter(hidden_at__isnull=False)
            .order_by("-hidden_at", "-pk")
        )
    # The same queue as the admin dashboard's panel counts.
    return moderation.flagged_posts().select_related(*related)


@moderator_required
def queue(request):
    """GET: the queue (tabs: open reports, hidden posts, handled reports); POST: act."""
    tab = request.GET.get("tab", "open")
    tab = tab if tab in TABS else "open"
    if request.method == "POST":
        _act(request)
        return redirect(f"{reverse('forum_moderation:queue')}?tab={tab}")
    if tab == "handled":
        flags = Flag.objects.exclude(status=FlagStatus.OPEN).select_related(
            "post__topic", "post__author", "reporter", "resolved_by"
        )
        page = Paginator(flags.order_by("-resolved_at", "-pk"), PAGE_SIZE).get_page(
            request.GET.get("p")
        )
        posts = []
    else:
        page = Paginator(_queue_posts(tab), PAGE_SIZE).get_page(request.GET.get("p"))
        posts = _with_context(page.object_list)
    return render(
        request,
        "community/admin/queue.html",
        {
            "tab": tab,
            "page": page,
            "posts": posts,
            "open_count": moderation.open_flag_count(),
            "hidden_count": Post.objects.filter(hidden_at__isnull=False).count(),
        },
    )


def _act(request) -> None:
    """``act``: "hide", "dismiss" or "restore" for the ticked posts (one ``reason`` for
    all), or "hide:<pk>" and so on for one post (its own ``reason-<pk>``)."""
    user = request.user
    act = request.POST.get("act", "")
    verb, _sep, one = act.partition(":")
    if verb not in VERBS:
        messages.error(request, _("Choose what to do."))
        return
    if one:
        ids = _ids([one])
        reason = request.POST.get(f"reason-{one}", "")
    else:
        ids = _ids(request.POST.getlist("post"))
        reason = request.POST.get("reason", "")
    if not ids:
        messages.error(request, _("Tick the messages to handle first."))
        return
    done = already = 0
    errors = []
    for post in Post.objects.filter(pk__in=ids).select_related("topic"):
        try:
            if verb == "hide":
                changed = moderation.hide(post, user, reason)
            elif verb == "restore":
                changed = moderation.restore(post, user)
            else:
                changed = moderation.dismiss(post, user, reason)
        except moderation.ModerationError as error:
            errors.append(error.message)
            continue
        if changed:
            done += 1
        else:
            already += 1
    for message in dict.fromkeys(errors):
        messages.error(request, message)
    if done:
        texts = {
            "hide": ngettext(
                "%(count)d message hidden; its author can read why.",
                "%(count)d messages hidden; their authors can read why.",
                done,
            ),
            "restore": ngettext(
                "%(count)d message is visible again.", "%(count)d messages are visible again.", done
            ),
            "dismiss": ngettext(
                "The reports on %(count)d message are dismissed; it stays visible.",
                "The reports on %(count)d messages are dismissed; they stay visible.",
                done,
            ),
        }
        messages.success(request, texts[verb] % {"count": done})
    if already:
        messages.info(
            request,
            ngettext(
                "%(count)d message was already handled (by you or another moderator).",
                "%(count)d messages were already handled (by you or another moderator).",
                already,
            )
            % {"count": already},
        )


# Sanctions ---------------------------------------------------------------------------------


def _sanctionable():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, is_superuser=False)
        .filter(approval_status=ApprovalStatus.APPROVED)
        .exclude(groups__name=SAM_STAFF)
        .order_by("last_name", "first_name", "username")
    )


class SanctionForm(forms.ModelForm):
    days = forms.IntegerField(
        label=gettext_lazy("For how many days"),
        min_value=1,
        max_value=moderation.MAX_SANCTION_DAYS,
        initial=7,
        error_messages={
            "min_value": gettext_lazy("The duration is at least 1 day."),
            "max_value": gettext_lazy("The duration is at most %(limit_value)s days."),
            "invalid": gettext_lazy("Give the duration as a number of days."),
            "required": gettext_lazy("Give the duration as a number of days."),
        },
    )

    class Meta:
        model = Sanction
        fields = ["user", "kind", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _sanctionable()
        self.fields["user"].label = _("Member")
        self.fields["reason"].max_length = moderation.MAX_REASON

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").replace("\x00", "").strip()
        if not reason:
            raise forms.ValidationError(_("Say why: the member will read it."))
        return reason


class SanctionCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        member = _ids([self.request.GET.get("lid", "")])
        if member:
            initial["user"] = member[0]
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return moderation.impose(
                data["user"], self.request.user, data["kind"], data["reason"], data["days"]
            )
        except moderation.ModerationError as error:
            raise forms.ValidationError(error.message) from error

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except forms.ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("%(name)s: %(kind)s until %(end)s. They see your reason on the forum.") % {
            "name": instance.user.display_name,
            "kind": instance.get_kind_display(),
            "end": date_format(timezone.localtime(instance.ends_at), "j F Y H:i"),
        }

    def get_success_buttons(self):
        return []


class SanctionStateColumn(Column):
    cell_template_name = "community/admin/sanction_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["in_force"] = instance.lifted_at is None and instance.ends_at > _now()
        context["lift_url"] = reverse("forum_sanctions:lift", args=[instance.pk])
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


def _now():
    return timezone.now()


class SanctionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Sanction.Kind.choices)
    in_force = django_filters.BooleanFilter(
        label=gettext_lazy("In force"), method="filter_in_force"
    )

    class Meta:
        model = Sanction
        fields = ["kind"]

    def filter_in_force(self, queryset, name, value):
        current = Q(lifted_at__isnull=True, ends_at__gt=_now(), starts_at__lte=_now())
        return queryset.filter(current) if value else queryset.exclude(current)


class SanctionViewSet(ModelViewSet):
    model = Sanction
    icon = "warning"
    menu_label = gettext_lazy("Sanctions")
    add_to_admin_menu = False
    url_prefix = "moderatie/sancties"
    url_namespace = "forum_sanctions"
    add_view_class = SanctionCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = SanctionFilterSet
    ordering = ["-starts_at"]
    list_display = [
        "user",
        "kind",
        "reason",
        "starts_at",
        "ends_at",
        "created_by",
        SanctionStateColumn("state", label=gettext_lazy("State")),
    ]
    search_fields = ["user__first_name", "user__last_name", "user__email", "reason"]

    def get_form_class(self, for_update=False):
        return SanctionForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("opheffen/<id:pk>/", self.lift_view, name="lift")]

    @property
    def lift_view(self):
        return lift_sanction


@require_POST
@moderator_required
def lift_sanction(request, pk):
    sanction = get_object_or_404(Sanction.objects.select_related("user"), pk=pk)
    if moderation.lift(sanction, request.user, request.POST.get("reason", "")):
        messages.success(
            request,
            _("The sanction on %(name)s is lifted.") % {"name": sanction.user.display_name},
        )
    else:
        messages.info(request, _("This sanction was no longer in force."))
    return redirect("forum_sanctions:index")


# The log -----------------------------------------------------------------------------------


def _actors(request):
    return (
        get_user_model()
        .objects.filter(pk__in=ModerationAction.objects.values("actor"))
        .order_by("last_name", "first_name")
    )


def _members(request):
    return (
        get_user_model()
        .objects.filter(pk__in=ModerationAction.objects.values("member"))
        .order_by("last_name", "first_name")
    )


class ModerationLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("Action"), choices=ModerationAction.Kind.choices
    )
    actor = django_filters.ModelChoiceFilter(label=gettext_lazy("Moderator"), queryset=_actors)
    member = django_filters.ModelChoiceFilter(label=gettext_lazy("Member"), queryset=_members)

    class Meta:
        model = ModerationAction
        fields = ["action", "actor", "member"]


class ModerationLogViewSet(ModelViewSet):
    """Read only: the log is written by ``community.moderation`` and never edited."""

    model = ModerationAction
    icon = "history"
    menu_label = gettext_lazy("Moderator log")
    add_to_admin_menu = False
    url_prefix = "moderatie/logboek"
    url_namespace = "forum_moderation_log"
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = ModerationLogFilterSet
    ordering = ["-created_at"]
    list_display = ["created_at", "actor", "action", "member", "topic", "reason"]
    # Never shown: nobody may add or change an entry (ModeratorPolicy).
    form_fields = ["reason"]
    inspect_view_fields = [
        "created_at",
        "actor",
        "action",
        "member",
        "topic",
        "post",
        "reason",
        "detail",
    ]


sanction_viewset = SanctionViewSet("forum_sanctions")
log_viewset = ModerationLogViewSet("forum_moderation_log")
