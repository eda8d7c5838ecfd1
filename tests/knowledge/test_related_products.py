"""Related products found through each combination of themes give the same answer as
counting the shared themes of every product (knowledge.models.products.sharing_themes)."""

import datetime
import itertools

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.test import RequestFactory
from django.utils import timezone

import pytest

from knowledge.models import KnowledgeProductPage
from knowledge.models.products import sharing_themes
from portal import visibility
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _counted(products, theme_ids, limit):
    """The straightforward answer: count every product's shared themes and sort."""
    found = products.annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
    found = found.filter(shared__gt=0).order_by("-shared", "-first_published_at", "-pk")
    return list(found[:limit])


def test_older_products_sharing_more_themes_come_before_newer_ones_sharing_fewer():
    werk, zorg, inkomen = (factories.theme(s) for s in ("werk", "zorg", "inkomen"))
    now = timezone.now()
    # Five new products with one shared theme each, then older ones with two and three.
    for days in range(5):
        factories.product(themes=[werk], first_published_at=now - datetime.timedelta(days=days))
    two = factories.product(themes=[werk, zorg], first_published_at=now - datetime.timedelta(60))
    three = factories.product(
        themes=[werk, zorg, inkomen], first_published_at=now - datetime.timedelta(90)
    )
    factories.product(themes=[werk, zorg], live=False)
    live = KnowledgeProductPage.objects.live()
    found = sharing_themes(live, [werk.pk, zorg.pk, inkomen.pk], 4)
    assert [page.pk for page in found[:2]] == [three.pk, two.pk]
    assert len(found) == 4 and all(page.live for page in found)


def test_same_answer_as_counting_every_product():
    themes = [factories.theme(slug) for slug in ("a", "b", "c", "d")]
    now = timezone.now()
    combinations = [c for size in (1, 2, 3) for c in itertools.combinations(themes, size)]
    for number in range(30):
        factories.product(
            themes=combinations[(number * 7) % len(combinations)],
            first_published_at=now - datetime.timedelta(hours=(number * 13) % 29),
            members_only=number % 4 == 0,
        )
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    visible = visibility.visible_pages(KnowledgeProductPage.objects.all(), request.user, request)
    for page in KnowledgeProductPage.objects.all():
        theme_ids = [theme.pk for theme in page.themes.all()]
        products = visible.exclude(pk=page.pk)
        for limit in (1, 4):
            expected = [p.pk for p in _counted(products, theme_ids, limit)]
            assert [p.pk for p in sharing_themes(products, theme_ids, limit)] == expected
