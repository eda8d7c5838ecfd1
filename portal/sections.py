"""The site's sections: one list for the header, the footer and the home page."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    path: str
    members_only: bool = False


SECTIONS = (
    Section("knowledge", _("Knowledge base"), "/kennisbank/"),
    Section("learning", _("Learning activities"), "/leeractiviteiten/"),
    Section("podcast", _("Podcast"), "/podcast/"),
    Section("forum", _("Forum"), "/forum/", members_only=True),
    Section("bottlenecks", _("Bottlenecks"), "/knelpunten/", members_only=True),
    Section("search", _("Search"), "/zoeken/"),
)


def active_section(path: str) -> str | None:
    for section in SECTIONS:
        if path.startswith(section.path):
            return section.key
    return None
