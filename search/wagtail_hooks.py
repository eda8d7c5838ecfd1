from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import access

from . import admin_views
from .models import SynonymGroup


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]


register_snippet(SynonymViewSet)


admin_urls = (
    [
        path("zoekopdrachten/", admin_views.poor_queries, name="poor_queries"),
        path("synoniem/", admin_views.add_synonym, name="add_synonym"),
    ],
    "search_admin",
)


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("zoeken/", include(admin_urls))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_staff(request.user)


class StaffSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return access.is_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_search_menu():
    items = [
        StaffMenuItem(
            _("Queries without results"),
            reverse("search_admin:poor_queries"),
            name="search-poor-queries",
            icon_name="search",
            order=1,
        ),
        StaffMenuItem(
            _("Synonyms"),
            reverse("wagtailsnippets_search_synonymgroup:list"),
            name="search-synonym-list",
            icon_name="list-ul",
            order=2,
        ),
    ]
    return StaffSubmenu(
        _("Site search"), Menu(items=items), name="search-admin", icon_name="search", order=330
    )
