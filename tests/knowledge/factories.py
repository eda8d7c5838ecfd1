"""Knowledge products and learning activities for tests, added under the demo's index pages.

They are created directly, not published through the admin, so they are put in the
search index here (tests/search checks that publishing does that by itself).
"""

import datetime
import itertools

from django.utils import timezone

from knowledge.models import (
    Audience,
    KnowledgeIndexPage,
    KnowledgeProductPage,
    LearningActivityIndexPage,
    LearningActivityPage,
    Theme,
)
from search.indexing import index_now

_numbers = itertools.count(1)


def theme(slug="werk", name=None) -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})[0]


def audience(slug="casemanagers-zorg", name=None) -> Audience:
    return Audience.objects.get_or_create(slug=slug, defaults={"name": name or slug})[0]


def product(*, themes=(), audiences=(), live=True, body_text="Inhoud voor leden.", **fields):
    number = next(_numbers)
    defaults = {
        "title": f"Kennisproduct {number}",
        "slug": f"kennisproduct-{number}",
        "summary": f"Samenvatting van kennisproduct {number}.",
        "body": [{"type": "paragraph", "value": f"<p>{body_text}</p>"}],
        "first_published_at": timezone.now() - datetime.timedelta(days=number),
    }
    page = KnowledgeProductPage(**{**defaults, **fields}, live=live)
    page.themes = list(themes)
    page.audiences = list(audiences)
    KnowledgeIndexPage.objects.get().add_child(instance=page)
    index_now([page])
    return page


def activity(*, starts_in=datetime.timedelta(days=10), hours=3, themes=(), live=True, **fields):
    number = next(_numbers)
    starts = timezone.now().replace(microsecond=0) + starts_in
    defaults = {
        "title": f"Leeractiviteit {number}",
        "slug": f"leeractiviteit-{number}",
        "summary": f"Samenvatting van activiteit {number}.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=hours),
        "location": "SAM, Brussel",
    }
    page = LearningActivityPage(**{**defaults, **fields}, live=live)
    page.themes = list(themes)
    LearningActivityIndexPage.objects.get().add_child(instance=page)
    index_now([page])
    return page
