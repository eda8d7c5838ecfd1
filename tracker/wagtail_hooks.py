from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
