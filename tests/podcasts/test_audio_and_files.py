import json

from django.contrib.auth.models import Group

import pytest
from wagtail.models import PageViewRestriction

from tests.accounts.factories import MemberFactory, PendingUserFactory
from tests.podcasts.helpers import make_episode, make_show, sample_audio

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(site_tree):
    return make_episode(make_show(site_tree))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_whole_file_with_accept_ranges(client, episode):
    mp3, _cues = sample_audio()
    response = client.get(episode.audio_url())
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert int(response["Content-Length"]) == len(mp3)
    assert _body(response) == mp3


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-1", 0, 1),
        ("bytes=-500", None, None),
        ("bytes=100-", 100, None),
        ("bytes=10-19", 10, 19),
    ],
)
def test_ranges_get_206_with_content_range(client, episode, header, first, last):
    mp3, _cues = sample_audio()
    size = len(mp3)
    if first is None:
        first, last = size - 500, size - 1
    last = size - 1 if last is None else last
    response = client.get(episode.audio_url(), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert int(response["Content-Length"]) == last - first + 1
    assert _body(response) == mp3[first : last + 1]


def test_unsatisfiable_range_is_416(client, episode):
    size = len(sample_audio()[0])
    response = client.get(episode.audio_url(), HTTP_RANGE=f"bytes={size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_head_gives_headers_without_body(client, episode):
    size = len(sample_audio()[0])
    response = client.head(episode.audio_url(), HTTP_RANGE="bytes=0-1")
    assert response.status_code == 206
    assert response["Content-Length"] == "2"
    assert response["Content-Range"] == f"bytes 0-1/{size}"
    assert response.content == b""
    assert client.head(episode.audio_url()).status_code == 200


def test_if_range_with_an_old_etag_sends_the_whole_file(client, episode):
    fresh = client.get(episode.audio_url(), HTTP_RANGE="bytes=0-1")
    same = client.get(episode.audio_url(), HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=fresh["ETag"])
    old = client.get(episode.audio_url(), HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"old"')
    assert same.status_code == 206
    assert old.status_code == 200


def test_post_is_not_allowed(client, episode):
    assert client.post(episode.audio_url()).status_code == 405


def test_wrong_extension_is_404(client, episode):
    assert client.get(episode.audio_url().replace(".mp3", ".m4a")).status_code == 404


def test_chapters_json_and_transcripts(client, episode):
    chapters = client.get(episode.chapters_url())
    assert chapters.status_code == 200
    assert chapters["Access-Control-Allow-Origin"] == "*"
    data = json.loads(chapters.content)
    assert data["version"] == "1.2.0"
    assert [c["startTime"] for c in data["chapters"]] == [0, 5]
    vtt = client.get(episode.transcript_url("vtt"))
    assert vtt["Content-Type"].startswith("text/vtt")
    assert vtt.content.startswith(b"WEBVTT")
    assert b"<v Karim Bouzid>" in vtt.content
    srt = client.get(episode.transcript_url("srt"))
    assert srt["Content-Type"].startswith("application/x-subrip")
    assert b"Karim Bouzid: " in srt.content
    assert client.get(episode.transcript_url("txt")).status_code == 404


def test_unpublished_episode_files_are_not_served(client, site_tree):
    show = make_show(site_tree)
    draft = make_episode(show, slug="concept", number=2, live=False)
    for url in (draft.audio_url(), draft.chapters_url(), draft.transcript_url("vtt")):
        assert client.get(url).status_code == 404
    assert client.get("/podcast/sterk-werk/concept/").status_code == 404


def test_unpublishing_takes_the_audio_offline(client, episode):
    assert client.get(episode.audio_url()).status_code == 200
    episode.unpublish()
    assert client.get(episode.audio_url()).status_code == 404


def test_private_episode_files_only_for_those_allowed(client, django_user_model, episode):
    group = Group.objects.create(name="Intervisiegroep")
    restriction = PageViewRestriction.objects.create(
        page=episode, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    assert client.get(episode.audio_url()).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(episode.audio_url()).status_code == 404
    # In the group but not approved: still a visitor.
    client.force_login(PendingUserFactory(group="Intervisiegroep"))
    assert client.get(episode.audio_url()).status_code == 404
    insider = MemberFactory(group="Intervisiegroep")
    client.force_login(insider)
    response = client.get(episode.audio_url())
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert response["Cache-Control"].startswith("private")
