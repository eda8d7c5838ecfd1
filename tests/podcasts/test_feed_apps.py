"""What podcast apps read in the feed: hosts beside guests, caching by content, transcripts.

Each feed is read back with feedparser and lxml, besides xml.etree in test_feed.py.
"""

import time
import types

from django.core.cache import cache

import feedparser
import pytest
from lxml import etree

from podcasts import feed, transcripts
from podcasts.models import EpisodeGuest, ShowHost
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db
NS = {"itunes": feed.ITUNES, "podcast": feed.PODCAST}


@pytest.fixture
def show(site_tree):
    return make_show(site_tree)


def _url(show) -> str:
    return show.url + show.feed_url()


def _items(content: bytes) -> dict:
    root = etree.fromstring(content)
    return {item.findtext("title"): item for item in root.iter("item")}


def test_episodes_with_guests_keep_the_hosts(client, show):
    show.hosts = [ShowHost(name="Lotte Vermeulen"), ShowHost(name="Ann & Co")]
    show.save_revision().publish()
    make_episode(show, title="Met gast", slug="gast")
    alone = make_episode(show, title="Zonder gast", slug="alleen", number=2)
    alone.guests = []
    alone.save_revision().publish()

    content = client.get(_url(show)).content
    items = _items(content)
    persons = [
        (person.text, person.get("role"))
        for person in items["Met gast"].findall("podcast:person", NS)
    ]
    assert persons == [
        ("Lotte Vermeulen", "host"),
        ("Ann & Co", "host"),
        ("Karim Bouzid", "guest"),
    ]
    # Without guests the show's persons apply as they are: nothing to repeat.
    assert items["Zonder gast"].findall("podcast:person", NS) == []
    assert b"Ann &amp; Co" in content
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")


def test_etag_names_the_content_not_the_build(client, show, monkeypatch):
    make_episode(show)
    first = client.get(_url(show))
    later = time.time() + 3600
    cache.delete(feed.cache_key(show.pk))  # as when the cache expires or a worker rebuilds
    monkeypatch.setattr(feed, "time", types.SimpleNamespace(time=lambda: later))
    second = client.get(_url(show))
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content
    assert client.get(_url(show), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_last_modified_and_if_modified_since(client, show, monkeypatch):
    make_episode(show, title="Eerste", slug="een")
    first = client.get(_url(show))
    build_date = feedparser.parse(first.content).feed.updated_parsed
    assert first["Last-Modified"]
    assert time.strftime("%a, %d %b %Y %H:%M:%S GMT", build_date) == first["Last-Modified"]
    same = client.get(_url(show), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert same.status_code == 304 and same.content == b""

    later = time.time() + 60
    monkeypatch.setattr(feed, "time", types.SimpleNamespace(time=lambda: later))
    show.get_children().specific().get(slug="een").unpublish()
    # An episode left: no publication date moved, yet the feed is newer than the app's copy.
    gone = client.get(_url(show), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert gone.status_code == 200
    assert feedparser.parse(gone.content).entries == []
    assert gone["Last-Modified"] != first["Last-Modified"]


def test_transcripts_in_the_shows_language_both_as_captions(client, show):
    type(show).objects.filter(pk=show.pk).update(language="nl-BE")
    cache.clear()
    make_episode(show)
    (item,) = _items(client.get(_url(show)).content).values()
    transcripts = item.findall("podcast:transcript", NS)
    assert {(t.get("type"), t.get("rel"), t.get("language")) for t in transcripts} == {
        ("text/vtt", "captions", "nl-BE"),
        ("application/x-subrip", "captions", "nl-BE"),
    }


def test_enclosure_names_the_file_version_and_is_cached_for_good(client, show):
    episode = make_episode(show)
    (entry,) = feedparser.parse(client.get(_url(show)).content).entries
    (enclosure,) = entry.enclosures
    path = enclosure.href.removeprefix("http://127.0.0.1:8000")
    assert "?v=" in path
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get(episode.audio_url())
    assert plain["Cache-Control"] == "public, max-age=86400"


def test_guest_names_with_an_ampersand(client, show):
    episode = make_episode(show)
    episode.guests = [EpisodeGuest(name="Jan & Piet <vzw>", role="andere")]
    episode.save_revision().publish()
    content = client.get(_url(show)).content
    assert b"Jan &amp; Piet &lt;vzw&gt;" in content
    (item,) = _items(content).values()
    names = [p.text for p in item.findall("podcast:person", NS)]
    assert names == ["Lotte Vermeulen", "Jan & Piet <vzw>"]
    assert not feedparser.parse(content).bozo


def test_speaker_names_with_an_ampersand_in_the_vtt_transcript(client, show):
    cues = [
        transcripts.Cue(start=0.0, end=2.0, text="Welkom & dag.", speaker="Jan & Piet"),
        transcripts.Cue(start=2.0, end=4.0, text="Dank je.", speaker="Ann"),
    ]
    episode = make_episode(show, cues=cues)
    (item,) = _items(client.get(_url(show)).content).values()
    url = item.find("podcast:transcript[@type='text/vtt']", NS).get("url")
    vtt = client.get(url.removeprefix("http://127.0.0.1:8000")).content.decode()
    assert "<v Jan &amp; Piet>Welkom &amp; dag." in vtt
    assert "<v Jan & Piet>" not in vtt
    assert transcripts.parse(vtt) == cues
    srt = client.get(episode.transcript_url("srt")).content.decode()
    # SRT has no markup to escape: the name is written as it is.
    assert "Jan & Piet: Welkom & dag." in srt


def test_a_creative_commons_licence_in_the_copyright_line_is_tagged(client, show):
    show.copyright = "© SAM vzw, CC BY-SA 4.0"
    show.save_revision().publish()
    make_episode(show)
    root = etree.fromstring(client.get(_url(show)).content)
    (tag,) = root.findall("channel/podcast:license", NS)
    assert tag.text == "cc-by-sa-4.0"
    assert tag.get("url") == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_no_licence_tag_for_a_plain_copyright_line(client, show):
    show.copyright = "© SAM vzw"
    show.save_revision().publish()
    root = etree.fromstring(client.get(_url(show)).content)
    assert root.findall("channel/podcast:license", NS) == []
