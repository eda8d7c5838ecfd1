import datetime
from urllib.parse import quote

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from podcasts.models import PodcastIndexPage
from search import indexing
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db


def test_empty_podcast_overview(client, site_tree):
    assert PodcastIndexPage.objects.child_of(site_tree).exists()
    html = client.get("/podcast/").content.decode()
    assert "Er is nog geen podcast." in html


def test_show_lists_episodes_newest_first_grouped_by_season(client, site_tree):
    show = make_show(site_tree)
    now = timezone.now()
    make_episode(show, title="Oud", slug="oud", number=1, release_date=now - datetime.timedelta(60))
    make_episode(show, title="Nieuw", slug="nieuw", number=2, season=2, release_date=now)
    make_episode(show, title="Concept", slug="concept", number=3, live=False)
    html = client.get(show.url).content.decode()
    assert html.index("Nieuw") < html.index("Oud")
    assert "Concept" not in html
    assert html.index("2</h3>") < html.index("Nieuw") < html.index("1</h3>") < html.index("Oud")


def test_show_page_queries_do_not_grow(client, site_tree, django_assert_max_num_queries):
    show = make_show(site_tree)
    for number in range(1, 4):
        make_episode(show, slug=f"a{number}", number=number)
    client.get(show.url)  # the first request makes the artwork rendition
    with CaptureQueriesContext(connection) as few:
        client.get(show.url)
    for number in range(4, 26):
        make_episode(show, slug=f"a{number}", number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(show.url)
    assert response.context["episodes"].paginator.num_pages == 2
    assert 'rel="next"' in response.content.decode()


def test_episode_page_has_player_chapters_and_transcript(client, site_tree):
    episode = make_episode(make_show(site_tree))
    html = client.get(episode.url).content.decode()
    assert f'controls preload="metadata" src="{episode.audio_url()}"' in html
    assert "data-player-controls hidden" in html  # shown by the script; the audio works without
    assert "data-player-mini hidden" in html  # the compact player too
    slider = f'max="{round(episode.audio_duration)}" step="1" value="0"'
    assert slider in html  # the position slider knows the length before the audio loads
    assert 'href="#t=5" data-seek="5"' in html  # a chapter
    first = episode.cues[0]
    assert f'id="t={int(first.start)}"' in html
    assert f'data-seek="{first.start:.3f}"' in html
    assert "Karim Bouzid" in html
    assert first.text in html
    assert "js/podcast-player.js" in html


def test_unpublished_and_private_episodes(client, site_tree, django_user_model):
    from wagtail.models import PageViewRestriction

    show = make_show(site_tree)
    make_episode(show, slug="concept", live=False)
    assert client.get("/podcast/sterk-werk/concept/").status_code == 404
    private = make_episode(show, slug="leden", number=2)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(private.url).status_code == 302


def test_transcript_sentences_are_found_with_a_deep_link(client, site_tree):
    episode = make_episode(make_show(site_tree))
    indexing.rebuild()
    response = client.get("/api/v1/search/", {"q": "kleine stappen"})
    hits = response.json()["hits"]
    # Sentences are grouped under their episode (or shown alone when it does not match).
    sentences = [hit for hit in hits if hit["kind"] == "transcript"]
    sentences += [f for hit in hits for f in hit.get("fragments", []) if f["kind"] == "transcript"]
    cue = next(c for c in episode.cues if "Kleine stappen" in c.text)
    deep_link = f"{episode.url}#t={int(cue.start)}"
    hit = next((hit for hit in sentences if hit["url"] == deep_link), None)
    assert hit is not None, hits
    assert hit["anchor_label"] == f"0:{int(cue.start):02d}"
    assert "<mark>" in hit["snippet"] and "stappen" in hit["snippet"]
    assert hit["parent_title"] == episode.title


def test_unpublishing_removes_episode_and_transcript_from_search(
    client, site_tree, django_capture_on_commit_callbacks
):
    episode = make_episode(make_show(site_tree))
    indexing.rebuild()
    assert client.get("/api/v1/search/", {"q": "stappen"}).json()["total"] >= 1
    with django_capture_on_commit_callbacks(execute=True):
        episode.unpublish()
    assert client.get("/api/v1/search/", {"q": "stappen"}).json()["total"] == 0


def test_private_episode_transcript_only_for_members(client, site_tree, django_user_model):
    from wagtail.models import PageViewRestriction

    episode = make_episode(make_show(site_tree))
    PageViewRestriction.objects.create(page=episode, restriction_type=PageViewRestriction.LOGIN)
    indexing.rebuild()
    assert client.get("/api/v1/search/", {"q": "stappen"}).json()["total"] == 0
    from tests.accounts.factories import MemberFactory

    client.force_login(MemberFactory())
    assert client.get("/api/v1/search/", {"q": "stappen"}).json()["total"] >= 1


def test_home_page_shows_the_latest_episode(client, site_tree):
    show = make_show(site_tree)
    make_episode(
        show,
        title="Oudere aflevering",
        slug="oud",
        number=1,
        release_date=timezone.now() - datetime.timedelta(30),
    )
    make_episode(show, title="Nieuwste aflevering", slug="nieuw", number=2)
    html = client.get("/").content.decode()
    assert "Nieuwste aflevering" in html
    assert "Oudere aflevering" not in html


def test_overview_names_the_show_of_each_episode_without_a_query_each(
    client, site_tree, django_assert_max_num_queries
):
    first = make_show(site_tree)
    second = make_show(site_tree, title="Tweede reeks", slug="tweede-reeks")
    make_episode(first, title="Uit de eerste", slug="a")
    make_episode(second, title="Uit de tweede", slug="b")
    client.get("/podcast/")  # the first request makes the artwork renditions
    with CaptureQueriesContext(connection) as few:
        client.get("/podcast/")
    for number in range(2, 6):
        make_episode(second, slug=f"b{number}", number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/podcast/").content.decode()
    assert "Uit de eerste" in html and "Sterk Werk" in html and "Tweede reeks" in html


def test_show_page_offers_podcast_apps_and_a_copyable_feed_address(client, site_tree):
    show = make_show(site_tree)
    html = client.get(show.url).content.decode()
    feed = show.absolute_feed_url()
    bare = feed.split("://", 1)[1]
    with translation.override("nl"):  # Dutch once the lead merges the new msgid
        assert translation.gettext("Subscribe in your app") in html
    assert f'href="pcast://{bare}"' in html  # Apple Podcasts without an Apple id
    assert f'href="overcast://x-callback-url/add?url={quote(feed, safe="")}"' in html
    assert f'href="pktc://subscribe/{bare}"' in html
    assert f'href="https://antennapod.org/deeplink/subscribe?url={quote(feed, safe="")}"' in html
    assert f'href="podcastaddict://{bare}"' in html
    assert f'href="podcast://{bare}"' in html
    assert "Spotify" not in html  # needs an id from Spotify's side
    assert (
        f'<input class="subscribe__url" id="feed-url" type="text" readonly value="{feed}"' in html
    )
    assert "data-copy-button" in html and "js/podcast-player" in html


def test_show_page_uses_the_apple_and_spotify_pages_staff_filled_in(client, site_tree):
    show = make_show(site_tree)
    show.apple_podcasts_url = "https://podcasts.apple.com/be/podcast/id123"
    show.spotify_url = "https://open.spotify.com/show/abc"
    show.save_revision().publish()
    html = client.get(show.url).content.decode()
    assert 'href="https://podcasts.apple.com/be/podcast/id123"' in html and "pcast://" not in html
    assert 'href="https://open.spotify.com/show/abc"' in html


def test_the_episode_document_ends_every_paragraph_and_chapter_as_a_sentence(site_tree):
    from podcasts.search_documents import episode_documents

    episode = make_episode(
        make_show(site_tree),
        show_notes="<p>Over kleine stappen.</p><p>Waarom een vast aanspreekpunt helpt</p>",
        chapters="0:00 Wat maakt het verschil?\n0:05 Wonen en werk",
    )
    body = episode_documents(episode)[0].body
    assert "stappen.\nWaarom een vast aanspreekpunt helpt." in body
    assert "Wat maakt het verschil?\n" in body and "verschil?." not in body
    assert "Wonen en werk." in body
