import functools

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import wagtail.admin.wagtail_hooks as wagtail_admin_hooks
from rest_framework.exceptions import PermissionDenied as APIPermissionDenied
from wagtail import hooks
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.actions.unpublish import UnpublishPageAPIAction
from wagtail.admin.wagtail_hooks import PageListingUnpublishButton
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import portal.converters  # noqa: F401 (registers <id:...>)
from portal.admin_menu import PermissionMenuItem

from . import admin_views, workflow
from .models import (
    Audience,
    DocumentText,
    ExtractionStatus,
    KnowledgeProductPage,
    LearningActivityPage,
    Theme,
)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = gettext_lazy("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = gettext_lazy("Target audiences")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = gettext_lazy("Themes and audiences")
    menu_order = 300


register_snippet(TaxonomyGroup)

admin_urls = (
    [
        path("", admin_views.activities, name="activities"),
        path("<id:page_id>/deelnemers/", admin_views.participants, name="participants"),
    ],
    "knowledge_admin",
)


@hooks.register("register_admin_urls")
def register_knowledge_admin_urls():
    return [
        path("leeractiviteiten/", include(admin_urls)),
        path("herzieningen/", admin_views.overdue_report, name="knowledge_overdue"),
    ]


@hooks.register("register_admin_menu_item")
def register_participants_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Participants"),
        reverse("knowledge_admin:activities"),
        icon_name="group",
        order=310,
        permission=admin_views.VIEW_REGISTRATIONS,
    )


@hooks.register("register_reports_menu_item")
def register_overdue_report_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Review due"),
        reverse("knowledge_overdue"),
        icon_name="date",
        order=50,
        permission=admin_views.REVIEW_REPORT,
    )


def _participants_button(page, user, priority):
    if isinstance(page.specific_deferred, LearningActivityPage) and user.has_perm(
        admin_views.VIEW_REGISTRATIONS
    ):
        yield Button(
            _("Participants"),
            reverse("knowledge_admin:participants", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def participants_listing_button(page, user, next_url=None):
    yield from _participants_button(page, user, 35)


@hooks.register("register_page_header_buttons")
def participants_header_button(page, user, view_name, next_url=None):
    yield from _participants_button(page, user, 40)


# The four-eyes principle: in the knowledge sections nobody publishes their own
# page directly, nor takes a page offline; the page goes to a colleague through the
# workflow (taking it offline: an expiry date, approved like any change).
@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("page")
    if page is None or workflow.may_skip_review(request.user):
        return
    hidden = set()
    if workflow.requires_peer_review(page):
        hidden.add("action-publish")
    if workflow.unpublish_needs_review(page, request.user):
        hidden.add("action-unpublish")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    if workflow.may_skip_review(request.user) or not workflow.requires_peer_review(page):
        return None
    messages.error(request, str(workflow.HELP))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_unpublish_page")
def refuse_direct_unpublish(request, page):
    with_descendants = bool(request.POST.get("include_descendants"))
    if not workflow.unpublish_needs_review(page, request.user, with_descendants):
        return None
    messages.error(request, str(workflow.UNPUBLISH_HELP))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_direct_bulk_publishing(request, action_type, objects, action_class_instance):
    """Publishing or unpublishing ticked pages in a listing: the same rule as one by one."""
    user = request.user
    if action_type == "publish":
        refused = not workflow.may_skip_review(user) and any(
            isinstance(page, Page) and workflow.requires_peer_review(page) for page in objects
        )
        help_text = workflow.HELP
    elif action_type == "unpublish":
        with_descendants = bool(request.POST.get("include_descendants"))
        refused = any(
            isinstance(page, Page) and workflow.unpublish_needs_review(page, user, with_descendants)
            for page in objects
        )
        help_text = workflow.UNPUBLISH_HELP
    else:
        return None
    if not refused:
        return None
    messages.error(request, str(help_text))
    return redirect(action_class_instance.next_url)


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    """A copy kept live (or an alias, which is live) in a reviewed section would be
    published without a colleague: copy as a draft instead."""
    if request.method != "POST" or workflow.may_skip_review(request.user):
        return None
    if not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
    if parent is None or not workflow.requires_peer_review(parent):
        return None
    messages.error(request, str(workflow.HELP))
    return redirect("wagtailadmin_pages:copy", page.pk)


class _ReviewedPublishAPIAction(PublishPageAPIAction):
    def execute(self, instance, data):
        user = self.request.user
        if not workflow.may_skip_review(user) and workflow.requires_peer_review(instance):
            raise APIPermissionDenied(str(workflow.HELP))
        return super().execute(instance, data)


class _ReviewedUnpublishAPIAction(UnpublishPageAPIAction):
    def execute(self, instance, data):
        if workflow.unpublish_needs_review(instance, self.request.user, data.get("recursive")):
            raise APIPermissionDenied(str(workflow.UNPUBLISH_HELP))
        return super().execute(instance, data)


@hooks.register("construct_admin_api")
def review_publishing_in_the_admin_api(router):
    """The admin's own API (/admin/api/main/pages/<id>/action/...) publishes and unpublishes
    without the page hooks above: there too, the four-eyes rule holds."""
    base = router._endpoints["pages"]

    class PagesEndpoint(base):
        actions = {
            **base.actions,
            "publish": _ReviewedPublishAPIAction,
            "unpublish": _ReviewedUnpublishAPIAction,
        }

    router.register_endpoint("pages", PagesEndpoint)


def _without_direct_unpublish(button_hook):
    """Wagtail's page buttons, less "Unpublish" where that must go through a colleague."""

    @functools.wraps(button_hook)
    def buttons(page, user, *args, **kwargs):
        for button in button_hook(page, user, *args, **kwargs):
            if isinstance(button, PageListingUnpublishButton) and (
                workflow.unpublish_needs_review(page, user)
            ):
                continue
            yield button

    return buttons


def _hide_direct_unpublish_buttons() -> None:
    # Wagtail offers no hook to filter these menus (the page listing's "more" menu and
    # the page header's), so its own button hooks are wrapped, as portal.wagtail_hooks does.
    for name, original in (
        ("register_page_listing_more_buttons", wagtail_admin_hooks.page_listing_more_buttons),
        ("register_page_header_buttons", wagtail_admin_hooks.page_header_buttons),
    ):
        hooks._hooks[name] = [
            (_without_direct_unpublish(fn) if fn is original else fn, order)
            for fn, order in hooks._hooks.get(name, [])
        ]


_hide_direct_unpublish_buttons()


def _warn_about_unreadable_files(request, page):
    page = page.specific
    if not isinstance(page, KnowledgeProductPage):
        return
    documents = page.all_documents()
    records = DocumentText.objects.filter(
        document__in=documents, status=ExtractionStatus.FAILED
    ).select_related("document")
    for record in records:
        messages.warning(
            request,
            _(
                "The text of ‘%(title)s’ could not be read (%(reason)s). The file is stored "
                "and offered for download, but search does not find what is inside it."
            )
            % {"title": record.document.title, "reason": record.error},
        )


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_unreadable_files(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_unreadable_files(request, page)
