from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import portal.converters  # noqa: F401 (registers <id:...>)

from . import access, moderation, moderation_admin
from .models import ModerationAction, Sanction, Space

# Before the viewsets are registered: Wagtail would otherwise give them model permissions.
register_permission_policy(
    ModerationAction, moderation_admin.ModeratorPolicy(ModerationAction, ["view"])
)
register_permission_policy(Sanction, moderation_admin.ModeratorPolicy(Sanction, ["view", "add"]))


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "group"
    menu_label = _("Forum spaces")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "group", "staff_only_topics", "position"]
    search_fields = ["name", "description"]
    ordering = ["position", "name"]


register_snippet(SpaceViewSet)


# Moderation --------------------------------------------------------------------------------


def _open_flags(request) -> int:
    """Open reports, counted once per request (the menu shows the number twice)."""
    if not hasattr(request, "_forum_open_flags"):
        request._forum_open_flags = moderation.open_flag_count()
    return request._forum_open_flags


def _counted(label, count) -> str:
    return f"{label} ({count})" if count else str(label)


class ModeratorMenuItem(MenuItem):
    def __init__(self, *args, counts=False, **kwargs):
        self.counts = counts
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return access.can_moderate(request.user)

    def render_component(self, request):
        label = _counted(self.label, _open_flags(request)) if self.counts else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


class ModerationSubmenu(SubmenuMenuItem):
    """ "Moderatie (3)": the number of open reports on the menu itself."""

    def render_component(self, request):
        return SubMenuItemComponent(
            self.name,
            _counted(self.label, _open_flags(request)),
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


admin_urls = ([path("", moderation_admin.queue, name="queue")], "forum_moderation")


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderatie/", include(admin_urls))]


@hooks.register("register_admin_viewset")
def register_sanctions():
    return moderation_admin.sanction_viewset


@hooks.register("register_admin_viewset")
def register_moderation_log():
    return moderation_admin.log_viewset


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    items = [
        ModeratorMenuItem(
            _("Reports"),
            reverse("forum_moderation:queue"),
            name="forum-reports",
            icon_name="warning",
            order=1,
            counts=True,
        ),
        ModeratorMenuItem(
            _("Sanctions"),
            reverse("forum_sanctions:index"),
            name="forum-sanctions",
            icon_name="lock",
            order=2,
        ),
        ModeratorMenuItem(
            _("Moderator log"),
            reverse("forum_moderation_log:index"),
            name="forum-moderation-log",
            icon_name="history",
            order=3,
        ),
    ]
    return ModerationSubmenu(
        _("Moderation"),
        Menu(items=items),
        name="forum-moderation",
        icon_name="warning",
        order=325,
    )
