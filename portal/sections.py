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
    Section("knowledge", _("Kennisbank"), "/kennisbank/"),
    Section("learning", _("Leeractiviteiten"), "/leeractiviteiten/"),
    Section("podcast", _("Podcast"), "/podcast/"),
    Section("forum", _("Forum"), "/forum/", members_only=True),
    Section("bottlenecks", _("Knelpunten"), "/knelpunten/"),
    Section("search", _("Zoeken"), "/zoeken/"),
)


def active_section(path: str) -> str | None:
    for section in SECTIONS:
        if path.startswith(section.path):
            return section.key
    return None
