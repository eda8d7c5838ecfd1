from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Space


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
