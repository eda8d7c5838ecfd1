"""Members, a forum space and helpers that post the way a member does (signals after commit,
background tasks run at once)."""

from django.contrib.auth.models import Group

import pytest

from community import posting
from tests.accounts.factories import MemberFactory
from tests.community import factories


@pytest.fixture
def anja():
    return MemberFactory(username="anja.peeters", first_name="Anja", last_name="Peeters")


@pytest.fixture
def bram():
    return MemberFactory(username="bram.claes", first_name="Bram", last_name="Claes")


@pytest.fixture
def carla():
    return MemberFactory(username="carla.maes", first_name="Carla", last_name="Maes")


@pytest.fixture
def space():
    return factories.space(name="Leefloon en werk", slug="leefloon-en-werk")


@pytest.fixture
def region():
    return Group.objects.create(name="Regio Gent")


@pytest.fixture
def closed_space(region):
    return factories.space(name="Regio Gent", slug="regio-gent", group=region)


@pytest.fixture
def forum(django_capture_on_commit_callbacks):
    """Post as members do; the signals and the tasks they start run before it returns."""

    class Forum:
        def topic(self, space, author, body="Wie heeft hier ervaring mee?", mentions=()):
            with django_capture_on_commit_callbacks(execute=True):
                topic = posting.start_topic(
                    space, author, "Studentenjob naast het leefloon", body, mentions=mentions
                )
            return topic

        def reply(self, topic, author, body="Bij ons ook.", mentions=()):
            with django_capture_on_commit_callbacks(execute=True):
                return posting.reply(topic, author, body, mentions=mentions)

        def run(self, func, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return func(*args, **kwargs)

    return Forum()
