"""Sitemap, robots.txt, canonical links, Open Graph and JSON-LD (portal.seo)."""

import datetime
import json
import re

from django.utils import timezone

import pytest
from wagtail.models import PageViewRestriction

from tests.accounts.factories import MemberFactory
from tests.knowledge import factories
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db

SITE = "https://kennis.example.org"


@pytest.fixture(autouse=True)
def _tree(site_tree, settings):
    settings.SITE_URL = SITE
    return site_tree


def _head(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("</head>", 1)[0]


def _json_ld(response) -> dict | None:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', _head(response), flags=re.S
    )
    assert len(found) <= 1
    return json.loads(found[0]) if found else None


def _meta(response, name: str) -> str | None:
    match = re.search(rf'<meta property="{name}" content="([^"]*)">', _head(response))
    return match.group(1) if match else None


def _restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


# Sitemap and robots.txt ------------------------------------------------------------------


def test_the_sitemap_leaves_out_members_only_restricted_and_draft_pages(client):
    factories.product(title="Open gids", slug="open-gids")
    factories.product(title="Ledengids", slug="ledengids", members_only=True)
    _restrict(factories.product(title="Besloten gids", slug="besloten-gids"))
    factories.product(title="Concept", slug="concept-gids", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{SITE}/kennisbank/open-gids/</loc>" in sitemap
    for slug in ("ledengids", "besloten-gids", "concept-gids"):
        assert slug not in sitemap


def test_the_sitemap_leaves_out_pages_under_a_restricted_parent(client):
    activity = factories.activity(slug="besloten-vorming")
    _restrict(activity.get_parent())
    assert "besloten-vorming" not in client.get("/sitemap.xml").content.decode()


def test_the_sitemap_uses_site_url_not_the_host_header_and_gives_lastmod(client):
    page = factories.product(slug="open-gids")
    page.save_revision().publish()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert "127.0.0.1" not in sitemap and "testserver" not in sitemap
    entry = re.search(r"<url><loc>[^<]*/open-gids/</loc><lastmod>([^<]+)</lastmod>", sitemap)
    assert entry and entry.group(1) == timezone.localdate().isoformat()


def test_the_sitemap_lists_no_forum_or_bottleneck_pages(client):
    # The section placeholders the forum and tracker replace are members-only sections.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/forum/" not in sitemap and "/knelpunten/" not in sitemap
    assert f"<loc>{SITE}/kennisbank/</loc>" in sitemap


def test_the_sitemap_is_the_same_for_a_member(client):
    factories.product(slug="ledengids", members_only=True)
    client.force_login(MemberFactory())
    assert "ledengids" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap_on_site_url_and_keeps_out_the_api(client):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body.splitlines()
    assert "Disallow: /api/" in body.splitlines()


# Canonical links ---------------------------------------------------------------------------


def test_every_page_has_a_canonical_link_on_site_url(client):
    for path in ("/", "/kennisbank/", "/accounts/login/"):
        head = _head(client.get(path, HTTP_HOST="localhost"))
        assert f'<link rel="canonical" href="{SITE}{path}">' in head


def test_the_canonical_link_keeps_the_page_of_a_list_and_drops_filters(client):
    head = _head(client.get("/kennisbank/?thema=werk&pagina=2&sorteer=titel"))
    assert f'<link rel="canonical" href="{SITE}/kennisbank/?pagina=2">' in head
    head = _head(client.get("/kennisbank/?pagina=1"))
    assert f'<link rel="canonical" href="{SITE}/kennisbank/">' in head
    for junk in ("2%00", "twee", "-3", "２"):
        head = _head(client.get(f"/kennisbank/?pagina={junk}"))
        assert f'<link rel="canonical" href="{SITE}/kennisbank/">' in head, junk


# Products ----------------------------------------------------------------------------------


def test_a_product_has_open_graph_and_an_article(client):
    page = factories.product(title="Gids werk", summary="Alles over werk.")
    page.authors.create(name="Els Wouters", organisation="SAM")
    page.save_revision().publish()
    response = client.get(page.url)
    assert _meta(response, "og:title") == "Gids werk"
    assert _meta(response, "og:description") == "Alles over werk."
    assert _meta(response, "og:url") == f"{SITE}{page.url}"
    assert _meta(response, "og:type") == "article"
    assert _meta(response, "og:locale") == "nl_BE"
    assert _meta(response, "og:site_name")
    data = _json_ld(response)
    assert data["@type"] == "Article" and data["headline"] == "Gids werk"
    assert data["author"][0]["name"] == "Els Wouters"
    assert data["datePublished"] and data["dateModified"]


def test_a_members_only_product_tells_visitors_its_title_only(client):
    page = factories.product(title="Ledengids", summary="Geheim overzicht.", members_only=True)
    response = client.get(page.url)
    assert _meta(response, "og:title") == "Ledengids"
    assert _meta(response, "og:description") is None
    assert _json_ld(response) is None
    client.force_login(MemberFactory())
    assert _json_ld(client.get(page.url))["headline"] == "Ledengids"


def test_a_restricted_page_sends_visitors_the_login_page_without_its_tags(client):
    page = factories.product(title="Besloten gids", summary="Niet voor iedereen.")
    _restrict(page)
    response = client.get(page.url, follow=True)
    head = _head(response)
    assert "Besloten gids" not in head and "Niet voor iedereen" not in head
    assert "ld+json" not in head


def test_json_ld_cannot_be_broken_out_of(client):
    page = factories.product(title="</script><script>alert(1)</script> & co")
    head = _head(client.get(page.url))
    block = head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script> & co"


# Learning activities -----------------------------------------------------------------------


def test_an_activity_is_an_event_with_offsets_and_its_place(client):
    starts = datetime.datetime(2031, 7, 1, 9, 30, tzinfo=datetime.UTC)
    page = factories.activity(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), location="SAM, Brussel"
    )
    data = _json_ld(client.get(page.url))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2031-07-01T11:30:00+02:00"
    assert data["endDate"] == "2031-07-01T13:30:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {"@type": "Place", "name": "SAM, Brussel", "address": "SAM, Brussel"}
    assert data["organizer"]["name"] == "SAM vzw"
    assert _meta(client.get(page.url), "og:title") == page.title


def test_an_online_activity_never_shows_its_meeting_link(client):
    page = factories.activity(location="Online", online_url="https://meet.example.org/geheim-123")
    response = client.get(page.url)
    data = _json_ld(response)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": f"{SITE}{page.url}"}
    assert "geheim-123" not in _head(response)


# Podcast -----------------------------------------------------------------------------------


@pytest.fixture
def show(site_tree):
    return make_show(site_tree)


def test_a_public_episode_is_a_podcast_episode_with_its_audio(client, show):
    episode = make_episode(show, title="Werk na een burn-out")
    response = client.get(episode.url)
    data = _json_ld(response)
    assert data["@type"] == "PodcastEpisode"
    assert data["partOfSeries"]["name"] == show.title
    assert data["associatedMedia"]["contentUrl"] == f"{SITE}{episode.audio_url()}"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+S", data["duration"])
    assert _meta(response, "og:title") == "Werk na een burn-out"


def test_a_restricted_episode_never_offers_its_audio_address(client, show):
    episode = make_episode(show, title="Besloten aflevering")
    _restrict(episode)
    client.force_login(MemberFactory())
    data = _json_ld(client.get(episode.url))
    assert data["@type"] == "PodcastEpisode"
    assert "associatedMedia" not in data


def test_the_show_is_a_podcast_series_with_its_feed(client, show):
    data = _json_ld(client.get(show.url))
    assert data["@type"] == "PodcastSeries"
    assert data["webFeed"] == f"{SITE}{show.url}feed/"
    assert _meta(client.get(show.url), "og:title") == show.title


def test_other_pages_carry_no_open_graph(client):
    response = client.get("/kennisbank/")
    assert _meta(response, "og:title") is None and _json_ld(response) is None


# Compressed responses (portal.compression) ----------------------------------------------


def test_html_is_compressed_for_a_browser_that_accepts_gzip(client, settings):
    import gzip

    settings.GZIP_RESPONSES = True
    response = client.get("/kennisbank/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in gzip.decompress(response.content)


def test_compression_can_be_turned_off_for_a_proxy_that_compresses(client, settings):
    settings.GZIP_RESPONSES = False
    response = client.get("/kennisbank/", HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("Content-Encoding")


def test_audio_and_ranges_are_not_compressed(client, settings, show):
    settings.GZIP_RESPONSES = True
    episode = make_episode(show)
    response = client.get(episode.audio_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
    response = client.get(episode.audio_url(), HTTP_ACCEPT_ENCODING="gzip", HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206 and not response.has_header("Content-Encoding")


@pytest.mark.parametrize(("value", "expected"), [(None, "False"), ("true", "True")])
def test_production_leaves_compression_to_the_proxy_unless_told(value, expected):
    from tests.portal.test_settings import PRODUCTION_ENV, manage

    env = {**PRODUCTION_ENV, **({"GZIP_RESPONSES": value} if value else {})}
    script = "from django.conf import settings; print(settings.GZIP_RESPONSES)"
    result = manage("shell", "--no-imports", "-c", script, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == expected


def test_a_list_page_is_as_new_in_the_sitemap_as_what_it_lists(client):
    page = factories.product(slug="open-gids")
    page.save_revision().publish()
    sitemap = client.get("/sitemap.xml").content.decode()
    today = timezone.localdate().isoformat()
    assert f"<loc>{SITE}/kennisbank/</loc><lastmod>{today}</lastmod>" in sitemap
    assert f"<loc>{SITE}/</loc><lastmod>{today}</lastmod>" in sitemap
