from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access
from .models import Body, Tag


class BodyViewSet(SnippetViewSet):
    model = Body
    icon = "site"
    menu_label = _("Responsible bodies")
    list_display = ["name", "level", "active", "order"]
    search_fields = ["name"]
    ordering = ["order", "name"]
    panels = [FieldPanel("name"), FieldPanel("level"), FieldPanel("active"), FieldPanel("order")]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Bottleneck tags")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class TrackerViewSetGroup(SnippetViewSetGroup):
    items = (BodyViewSet, TagViewSet)
    menu_icon = "warning"
    menu_label = _("Bottlenecks")
    menu_order = 330


register_snippet(TrackerViewSetGroup)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_manage_dossiers(request.user)


@hooks.register("register_admin_menu_item")
def register_dossier_menu():
    # Dossiers are built on the site itself, beside triage; the admin links there.
    return StaffMenuItem(
        _("Bottleneck dossiers"),
        reverse("tracker:dossiers"),
        name="tracker-dossiers",
        icon_name="folder-open-inverse",
        order=331,
    )
