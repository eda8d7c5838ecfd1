"""Optional feed tags filled from data staff keep: update frequency and episode artwork.

Each feed is read back with two independent parsers, feedparser and lxml.
"""

import io

from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser
import pytest
from lxml import etree
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from podcasts import feed
from podcasts.models import UpdateFrequency
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db
NS = {"itunes": feed.ITUNES, "podcast": feed.PODCAST}


@pytest.fixture
def show(site_tree):
    return make_show(site_tree)


def _image(title: str, side: int = 400, colour=(200, 40, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (side, side), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def _feed(client, show) -> bytes:
    cache.clear()
    response = client.get(show.url + show.feed_url())
    assert response.status_code == 200
    return response.content


def _set_frequency(show, value: str):
    show.update_frequency = value
    show.save_revision().publish()
    show.refresh_from_db()


@pytest.mark.parametrize(
    "value, rrule",
    [
        (UpdateFrequency.WEEKLY, "FREQ=WEEKLY"),
        (UpdateFrequency.BIWEEKLY, "FREQ=WEEKLY;INTERVAL=2"),
        (UpdateFrequency.MONTHLY, "FREQ=MONTHLY"),
    ],
)
def test_update_frequency_is_a_recurrence_rule(client, show, value, rrule):
    _set_frequency(show, value)
    content = _feed(client, show)
    (tag,) = etree.fromstring(content).findall("channel/podcast:updateFrequency", NS)
    assert tag.get("rrule") == rrule
    assert tag.get("complete") is None
    assert tag.text.strip()  # a text apps may show
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.podcast_updatefrequency["rrule"] == rrule


def test_a_complete_show_says_so_without_a_rule(client, show):
    _set_frequency(show, UpdateFrequency.COMPLETE)
    content = _feed(client, show)
    (tag,) = etree.fromstring(content).findall("channel/podcast:updateFrequency", NS)
    assert tag.get("complete") == "true"
    assert tag.get("rrule") is None
    assert feedparser.parse(content).feed.podcast_updatefrequency == {"complete": "true"}


def test_an_irregular_show_has_a_text_and_no_rule(client, show):
    _set_frequency(show, UpdateFrequency.IRREGULAR)
    (tag,) = etree.fromstring(_feed(client, show)).findall("channel/podcast:updateFrequency", NS)
    assert tag.get("rrule") is None and tag.get("complete") is None
    assert tag.text.strip()


def test_no_update_frequency_no_tag(client, show):
    assert show.update_frequency == ""
    root = etree.fromstring(_feed(client, show))
    assert root.find("channel/podcast:updateFrequency", NS) is None


def _public_file(url: str) -> bool:
    """The address is absolute, on the public media path, and the file is in public storage."""
    prefix = settings.SITE_URL + settings.MEDIA_URL
    if not url.startswith(prefix):
        return False
    return storages["public"].exists(url.removeprefix(prefix))


def test_an_episode_with_its_own_artwork_names_it_and_others_fall_back_to_the_show(client, show):
    own = make_episode(show, title="Eigen beeld", slug="eigen", artwork=_image("eigen"))
    make_episode(show, title="Zonder beeld", slug="zonder", number=2)
    content = _feed(client, show)

    root = etree.fromstring(content)
    show_image = root.find("channel/itunes:image", NS).get("href")
    items = {item.findtext("title"): item for item in root.iter("item")}
    own_image = items["Eigen beeld"].find("itunes:image", NS).get("href")
    assert own_image != show_image
    assert items["Zonder beeld"].find("itunes:image", NS).get("href") == show_image
    for url in (own_image, show_image):
        assert _public_file(url), url

    # The Podcasting 2.0 tags name the same image, the smaller sizes in the srcset too.
    tag = items["Eigen beeld"].find("podcast:image", NS)
    assert tag.get("href") == own_image
    assert (tag.get("width"), tag.get("aspect-ratio")) == ("400", "1/1")
    srcset = items["Eigen beeld"].find("podcast:images", NS).get("srcset")
    candidates = [part.strip().split(" ") for part in srcset.split(",")]
    assert candidates[0] == [own_image, "400w"]
    assert [width for _url, width in candidates] == ["400w", "300w"]
    assert all(_public_file(url) for url, _width in candidates)

    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entries = {entry.title: entry for entry in parsed.entries}
    assert entries["Eigen beeld"].image.href == own_image
    assert entries["Zonder beeld"].image.href == show_image
    assert parsed.feed.image.href == show_image
    assert own.artwork.renditions.exists()


def test_the_image_description_is_its_alternative_text(client, show):
    image = _image("met-tekst")
    image.description = "Karim aan zijn werkplek"
    image.save()
    make_episode(show, title="Met tekst", slug="tekst", artwork=image)
    root = etree.fromstring(_feed(client, show))
    item = next(root.iter("item"))
    assert item.find("podcast:image", NS).get("alt") == "Karim aan zijn werkplek"


def test_members_only_episodes_and_their_artwork_stay_out_of_the_feed(client, show):
    make_episode(show, title="Openbaar", slug="open")
    private = make_episode(
        show, title="Voor leden", slug="leden", number=2, artwork=_image("geheim")
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    content = _feed(client, show)
    assert [entry.title for entry in feedparser.parse(content).entries] == ["Openbaar"]
    assert b"geheim" not in content


def test_episode_artwork_costs_no_query_per_episode(client, show):
    for number in range(1, 3):
        make_episode(show, slug=f"a{number}", number=number, artwork=_image(f"a{number}"))
    _feed(client, show)  # the first build makes the renditions
    with CaptureQueriesContext(connection) as two:
        _feed(client, show)
    for number in range(3, 6):
        make_episode(show, slug=f"a{number}", number=number, artwork=_image(f"a{number}"))
    _feed(client, show)
    with CaptureQueriesContext(connection) as five:
        _feed(client, show)
    assert len(five.captured_queries) == len(two.captured_queries)
