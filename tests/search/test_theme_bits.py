"""Theme facets and the theme filter come out the same from the vector rows' theme bits
(PostgreSQL) as from the theme rows, also once a theme has no bit left."""

from django.db import connection

import pytest

from search.backends.database import database_backend
from search.documents import PUBLIC
from search.models import ThemeLabel

from .helpers import doc, find, keys, store

pytestmark = pytest.mark.django_db


def _themes(results):
    return sorted((facet.value, facet.count) for facet in results.facets["theme"])


def _store(backend):
    store(
        backend,
        doc("a", "Jobcoaching en werk", themes=[("werk", "Werk")]),
        doc("b", "Jobcoaching en zorg", themes=[("werk", "Werk"), ("zorg", "Zorg")]),
        doc("c", "Jobcoaching thuis", themes=[("wonen", "Wonen")], kind="post"),
        doc("d", "Iets anders", themes=[("zorg", "Zorg")]),
    )


def test_facets_and_filter_from_the_theme_bits():
    backend = database_backend()
    if connection.vendor == "postgresql":
        # Earlier tests' labels were rolled back, their ids were not: start from 1 again.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('search_themelabel', 'id'), 1, false)"
            )
    _store(backend)
    if connection.vendor == "postgresql":
        assert set(backend._theme_bits()) == {"werk", "zorg", "wonen"}
    results = find(backend, "jobcoaching", audiences=(PUBLIC,))
    assert _themes(results) == [("werk", 2), ("wonen", 1), ("zorg", 1)]
    assert sorted(keys(find(backend, "jobcoaching", theme="werk"))) == ["a", "b"]
    assert keys(find(backend, "jobcoaching", theme="zorg")) == ["b"]
    assert find(backend, "jobcoaching", theme="onbekend").total == 0
    # The theme facet leaves out its own filter, and follows the others.
    assert _themes(find(backend, "jobcoaching", theme="zorg")) == _themes(results)
    assert _themes(find(backend, "jobcoaching", kind="post")) == [("wonen", 1)]


def test_a_theme_without_a_bit_falls_back_to_the_theme_rows():
    backend = database_backend()
    ThemeLabel.objects.create(id=500, slug="laat", label="Laat")
    _store(backend)
    store(backend, doc("e", "Jobcoaching laat", themes=[("laat", "Laat"), ("werk", "Werk")]))
    assert backend._theme_bits() == {}
    results = find(backend, "jobcoaching")
    assert _themes(results) == [("laat", 1), ("werk", 3), ("wonen", 1), ("zorg", 1)]
    assert sorted(keys(find(backend, "jobcoaching", theme="laat"))) == ["e"]
