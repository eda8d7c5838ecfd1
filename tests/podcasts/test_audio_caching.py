"""Audio files: validators, conditional requests and how long caches may keep them."""

import pytest
from wagtail.models import PageViewRestriction

from podcasts.views import audio_version
from tests.accounts.factories import MemberFactory
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(site_tree):
    return make_episode(make_show(site_tree))


def test_audio_sends_etag_and_last_modified(client, episode):
    response = client.get(episode.audio_url())
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")


def test_if_none_match_gets_304_without_the_file(client, episode):
    etag = client.get(episode.audio_url())["ETag"]
    response = client.get(episode.audio_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "max-age" in response["Cache-Control"]
    # Also when the player asks for a part of what it already has.
    ranged = client.get(episode.audio_url(), HTTP_IF_NONE_MATCH=etag, HTTP_RANGE="bytes=0-1")
    assert ranged.status_code == 304
    assert client.get(episode.audio_url(), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since_gets_304(client, episode):
    modified = client.get(episode.audio_url())["Last-Modified"]
    assert client.get(episode.audio_url(), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_versioned_address_is_cached_for_a_year_others_for_a_day(client, episode):
    versioned = f"{episode.audio_url()}?v={audio_version(episode.audio_file)}"
    assert client.get(versioned)["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(episode.audio_url())["Cache-Control"] == "public, max-age=86400"
    # An old version's address does not promise the new file forever.
    stale = client.get(episode.audio_url() + "?v=000000000000")
    assert stale["Cache-Control"] == "public, max-age=86400"


def test_members_only_audio_stays_private_in_caches(client, episode):
    PageViewRestriction.objects.create(page=episode, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(MemberFactory())
    versioned = f"{episode.audio_url()}?v={audio_version(episode.audio_file)}"
    response = client.get(versioned)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=31536000, immutable"
    assert "Access-Control-Allow-Origin" not in response
