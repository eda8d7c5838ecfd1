import io

import pytest

from knowledge import demo as knowledge_demo
from podcasts import demo as podcasts_demo
from portal import demo as portal_demo

pytest_plugins = ["tests.browser"]


@pytest.fixture
def site_tree(db):
    """The home page and the section pages, as load_demo builds them."""
    portal_demo.load(io.StringIO())
    knowledge_demo.ensure_sections(io.StringIO())
    podcasts_demo.ensure_index(io.StringIO())
    from portal.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and Wagtail's caches live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
