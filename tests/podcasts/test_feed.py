import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser
import pytest

from podcasts import feed
from tests.podcasts.helpers import make_episode, make_show, sample_audio

pytestmark = pytest.mark.django_db

NS = {"itunes": feed.ITUNES, "podcast": feed.PODCAST, "atom": feed.ATOM}


@pytest.fixture
def show(site_tree):
    return make_show(site_tree)


def _get(client, show):
    response = client.get(show.url + show.feed_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response.content


def test_feed_parses_with_every_required_tag(client, show):
    first = make_episode(show, title="Eerste", number=1, slug="een")
    second = make_episode(
        show, title="Tweede", number=2, slug="twee", season=2, episode_type="bonus"
    )
    parsed = feedparser.parse(_get(client, show))
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title == "Sterk Werk"
    assert channel.language == "nl"
    assert channel.subtitle == "Over duurzaam werk."
    assert channel.image.href.startswith("http")
    assert channel.author_detail.name == "SAM vzw"
    assert channel.publisher_detail.email == "podcast@example.org"
    assert channel.tags[0].term == "Society & Culture"
    assert len(parsed.entries) == 2
    entries = {entry.title: entry for entry in parsed.entries}
    size = len(sample_audio()[0])
    for episode in (first, second):
        entry = entries[episode.title]
        assert entry.id == episode.guid
        assert entry.guidislink is False
        assert entry.published_parsed is not None
        assert entry.link == f"http://127.0.0.1:8000{episode.url}"
        (enclosure,) = entry.enclosures
        assert int(enclosure.length) == size == episode.audio_file.size
        assert enclosure.type == "audio/mpeg"
        assert enclosure.href.split("?v=")[0].endswith(episode.audio_url())
        assert enclosure.href.startswith("http")
        assert int(entry.itunes_duration) == round(episode.audio_duration)
        assert entry.itunes_episode == str(episode.number)
        assert entry.itunes_episodetype == episode.episode_type
    assert entries[second.title].itunes_season == "2"


def test_podcasting_namespace_tags(client, show):
    episode = make_episode(show)
    root = ET.fromstring(_get(client, show))
    channel = root.find("channel")
    assert channel.find("podcast:guid", NS).text == str(show.podcast_guid)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "podcast@example.org")
    host = channel.find("podcast:person", NS)
    assert (host.text, host.get("role")) == ("Lotte Vermeulen", "host")
    category = channel.find("itunes:category", NS)
    assert (category.get("text"), category.text) == ("Society & Culture", None)
    # feedparser reads only "yes"/"clean" here; Apple's current spelling is true/false.
    assert channel.find("itunes:explicit", NS).text == "false"
    image = channel.find("itunes:image", NS).get("href")
    assert "fill-1400x1400" in image
    assert channel.find("atom:link", NS).get("rel") == "self"
    item = channel.find("item")
    transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", NS)}
    assert transcripts == {
        "text/vtt": f"http://127.0.0.1:8000{episode.transcript_url('vtt')}",
        "application/x-subrip": f"http://127.0.0.1:8000{episode.transcript_url('srt')}",
    }
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url").endswith(episode.chapters_url())
    persons = [
        (person.text, person.get("role"), person.get("group"))
        for person in item.findall("podcast:person", NS)
    ]
    # The episode's persons replace the show's in apps, so the host is repeated.
    assert persons == [
        ("Lotte Vermeulen", "host", "cast"),
        ("Karim Bouzid", "guest", "cast"),
    ]
    # The URLs in the feed answer.
    for url in (chapters.get("url"), *transcripts.values()):
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_only_published_public_episodes(client, show):
    from wagtail.models import PageViewRestriction

    make_episode(show, title="Gepubliceerd", slug="live")
    make_episode(show, title="Concept", slug="concept", number=2, live=False)
    private = make_episode(show, title="Privé", slug="prive", number=3)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    titles = [entry.title for entry in feedparser.parse(_get(client, show)).entries]
    assert titles == ["Gepubliceerd"]


def test_odd_characters_keep_the_xml_valid(client, show):
    title = "Werk & zorg <samen> \x0b\x01 “quotes” ]]> 😀 café"
    make_episode(show, title=title, summary="a\x1fb & <c>", show_notes="<p>x &amp; y</p>")
    content = _get(client, show)
    root = ET.fromstring(content)
    assert root.find("channel/item/title").text == "Werk & zorg <samen>  “quotes” ]]> 😀 café"
    assert not feedparser.parse(content).bozo


def test_feed_is_cached_and_refreshed_on_publish(client, show):
    make_episode(show, title="Eerste", slug="een")
    _get(client, show)
    assert cache.get(feed.cache_key(show.pk)) is not None
    make_episode(show, title="Tweede", slug="twee", number=2)
    titles = [entry.title for entry in feedparser.parse(_get(client, show)).entries]
    assert "Tweede" in titles
    episode = show.get_children().specific().get(slug="een")
    episode.unpublish()
    titles = [entry.title for entry in feedparser.parse(_get(client, show)).entries]
    assert titles == ["Tweede"]


def _queries(client, show) -> int:
    with CaptureQueriesContext(connection) as context:
        _get(client, show)
    return len(context.captured_queries)


def test_feed_queries_do_not_grow_with_episodes(client, show):
    for number in range(1, 3):
        make_episode(show, slug=f"a{number}", number=number)
    _get(client, show)  # the first build makes the artwork rendition
    cache.clear()
    with_two = _queries(client, show)
    for number in range(3, 13):
        make_episode(show, slug=f"a{number}", number=number)
    cache.clear()
    assert _queries(client, show) == with_two
    # From the cache, no query reads episodes at all.
    with CaptureQueriesContext(connection) as context:
        _get(client, show)
    assert not any("podcasts_episodepage" in q["sql"] for q in context.captured_queries)


def test_feed_is_linked_from_show_and_episode_pages(client, show):
    episode = make_episode(show)
    link = (
        f'<link rel="alternate" type="application/rss+xml" title="Sterk Werk" '
        f'href="{show.absolute_feed_url()}">'
    )
    for url in (show.url, episode.url, "/podcast/"):
        assert link in client.get(url).content.decode()


def test_subcategory_is_nested(client, show):
    show.category = "Business|Careers"
    show.save_revision().publish()
    root = ET.fromstring(_get(client, show))
    category = root.find("channel/itunes:category", NS)
    assert category.get("text") == "Business"
    assert category.find("itunes:category", NS).get("text") == "Careers"


def test_publishing_builds_the_new_feed_in_the_background(
    client, show, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_episode(show, title="Vers van de pers", slug="vers")
    cached = cache.get(feed.cache_key(show.pk))
    assert cached is not None and b"Vers van de pers" in cached[1]


def test_apps_with_the_current_etag_get_304(client, show):
    make_episode(show, title="Eerste", slug="een")
    first = client.get(show.url + show.feed_url())
    etag = first["ETag"]
    again = client.get(show.url + show.feed_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    make_episode(show, title="Tweede", slug="twee", number=2)
    changed = client.get(show.url + show.feed_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_no_transcript_or_chapters_no_tags(client, show):
    make_episode(show, cues=[], chapters="")
    item = ET.fromstring(_get(client, show)).find("channel/item")
    assert item.find("podcast:transcript", NS) is None
    assert item.find("podcast:chapters", NS) is None
    assert item.find("enclosure") is not None
