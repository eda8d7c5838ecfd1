"""Absurd input from an audit: each answer is a normal page or a 4xx, never a 500."""

import pytest

from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.fixture
def episode(site_tree):
    return make_episode(make_show(site_tree))


@pytest.mark.parametrize(
    ("header", "status"),
    [(f"bytes={HUGE}-", 416), (f"bytes=0-{HUGE}", 206), (f"bytes={HUGE}-1", 200)],
)
def test_a_range_of_thousands_of_digits(client, episode, header, status):
    client.raise_request_exception = False
    assert client.get(episode.audio_url(), HTTP_RANGE=header).status_code == status
