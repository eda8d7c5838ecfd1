import io

from django.core.management import call_command

import pytest


@pytest.fixture
def demo_site():
    """The demo content, as the quick start loads it."""
    call_command("load_demo", stdout=io.StringIO())
