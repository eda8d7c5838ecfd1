"""The RSS 2.0 feed of a show, for Apple Podcasts, Spotify and every other podcast app.

It carries the iTunes tags the directories require and the Podcasting 2.0 namespace
(guid, locked, transcript, chapters, person, license, updateFrequency, image and the
older images). It is built once and cached until an episode or the show is published,
unpublished, moved or deleted (see signals.py).
"""

import datetime
import hashlib
import re
import time
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import BooleanField, Case, Prefetch, Value, When
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.html import strip_tags
from django.utils.http import http_date

from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from portal import visibility

from .models import EpisodePage, PodcastShowPage, UpdateFrequency, absolute
from .views import audio_version

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
for prefix, uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM), ("content", CONTENT)):
    ET.register_namespace(prefix, uri)

CACHE_SECONDS = 24 * 3600
# How long to remember when a version of a feed was first built (its lastBuildDate).
SEEN_SECONDS = 400 * 24 * 3600
# Characters XML 1.0 does not allow, whatever is escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RELATIVE_HREF = re.compile(r'(href|src)="/')
# A Creative Commons licence named in the copyright line ("© SAM, CC BY-SA 4.0").
_CC_LICENCE = re.compile(r"\bCC[ -]?(BY(?:[ -](?:NC|SA|ND))*)[ -](\d\.\d)\b", re.IGNORECASE)


def licence(copyright_line: str) -> tuple[str, str] | None:
    """The SPDX identifier and deed of a CC licence in the copyright line, if it names one."""
    match = _CC_LICENCE.search(copyright_line or "")
    if match is None:
        return None
    terms = re.split(r"[ -]", match.group(1).lower())
    version = match.group(2)
    return (
        f"cc-{'-'.join(terms)}-{version}",
        f"https://creativecommons.org/licenses/{'-'.join(terms)}/{version}/",
    )


def cache_key(show_id: int) -> str:
    return f"podcasts:feed:{show_id}"


def invalidate(show_id: int) -> None:
    cache.delete(cache_key(show_id))


def store(show: PodcastShowPage) -> tuple[str, bytes, int]:
    body, since = _render(show)
    # The content (lastBuildDate included, which only moves when the content does) names
    # the ETag, so a rebuild of an unchanged show keeps it.
    entry = ('"' + hashlib.sha256(body).hexdigest()[:24] + '"', body, since)
    cache.set(cache_key(show.pk), entry, CACHE_SECONDS)
    return entry


def response(show: PodcastShowPage, request=None) -> HttpResponse:
    """The feed; apps that send the ETag or date they have get 304 while it is unchanged."""
    entry = cache.get(cache_key(show.pk))
    if entry is None or len(entry) != 3:
        entry = store(show)
    etag, body, since = entry
    result = None
    if request is not None:
        result = get_conditional_response(request, etag=etag, last_modified=since)
    if result is None:
        result = HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
    result["ETag"] = etag
    result["Last-Modified"] = http_date(since)
    result["Access-Control-Allow-Origin"] = "*"
    result["Cache-Control"] = "public, max-age=300"
    return result


def _first_seen(show_id: int, content: bytes) -> int:
    """When this content of the feed was first built: its lastBuildDate and Last-Modified.

    A date taken from the episodes would not move when one is unpublished or deleted, and
    apps asking with If-Modified-Since would keep it.
    """
    key = f"podcasts:feed:seen:{show_id}:{hashlib.sha256(content).hexdigest()[:32]}"
    cache.add(key, int(time.time()), SEEN_SECONDS)
    return cache.get(key) or int(time.time())


def _text(value) -> str:
    return _NOT_XML.sub("", str(value))


def _add(parent, tag: str, value=None, **attributes):
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if value is not None:
        element.text = _text(value)
    return element


def _html(value: str) -> str:
    return _RELATIVE_HREF.sub(lambda m: f'{m.group(1)}="{absolute("/")}', expand_db_html(value))


# podcast:updateFrequency: an RFC 5545 recurrence rule per choice (none for "now and then").
UPDATE_RULES = {
    UpdateFrequency.WEEKLY: "FREQ=WEEKLY",
    UpdateFrequency.BIWEEKLY: "FREQ=WEEKLY;INTERVAL=2",
    UpdateFrequency.MONTHLY: "FREQ=MONTHLY",
}
# The smaller sizes besides the full one in podcast:images.
SMALLER_ARTWORK = (600, 300)


class Artwork:
    """Square artwork in the sizes the feed names: absolute addresses on the public media path."""

    def __init__(self, image):
        self.image = image
        self.side = min(image.width, image.height, 3000)
        self.extension = "png" if image.file.name.lower().endswith(".png") else "jpeg"
        self._urls: dict[int, str] = {}

    def url(self, side: int | None = None) -> str:
        side = side or self.side
        if side not in self._urls:  # the show's artwork serves every episode without its own
            rendition = self.image.get_rendition(f"fill-{side}x{side}|format-{self.extension}")
            self._urls[side] = absolute(rendition.url)
        return self._urls[side]

    def srcset(self) -> str:
        sides = [self.side] + [side for side in SMALLER_ARTWORK if side < self.side]
        return ", ".join(f"{self.url(side)} {side}w" for side in sides)

    def add_tags(self, parent) -> str:
        """itunes:image, podcast:image and podcast:images; returns the full size's address."""
        url = self.url()
        _add(parent, f"{{{ITUNES}}}image", href=url)
        attributes = {"width": str(self.side), "height": str(self.side)}
        if getattr(self.image, "description", ""):
            attributes["alt"] = self.image.description
        _add(
            parent,
            f"{{{PODCAST}}}image",
            href=url,
            purpose="artwork",
            **{"aspect-ratio": "1/1"},
            **attributes,
        )
        # The older, deprecated form, which some apps still read instead.
        _add(parent, f"{{{PODCAST}}}images", srcset=self.srcset())
        return url


def _update_frequency(channel, show: PodcastShowPage) -> None:
    if not show.update_frequency:
        return
    choice = UpdateFrequency(show.update_frequency)
    with translation.override(show.language):
        text = str(choice.label)  # free text apps may show: in the show's language
    if choice == UpdateFrequency.COMPLETE:
        _add(channel, f"{{{PODCAST}}}updateFrequency", text, complete="true")
    elif choice in UPDATE_RULES:
        _add(channel, f"{{{PODCAST}}}updateFrequency", text, rrule=UPDATE_RULES[choice])
    else:
        _add(channel, f"{{{PODCAST}}}updateFrequency", text)


def build(show: PodcastShowPage) -> bytes:
    return _render(show)[0]


def _render(show: PodcastShowPage) -> tuple[bytes, int]:
    rss, channel, position = _tree(show)
    since = _first_seen(show.pk, ET.tostring(rss, encoding="utf-8"))
    last_build = ET.Element("lastBuildDate")
    last_build.text = format_datetime(datetime.datetime.fromtimestamp(since, datetime.UTC))
    channel.insert(position, last_build)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True), since


def _tree(show: PodcastShowPage) -> tuple[ET.Element, ET.Element, int]:
    """The feed without its lastBuildDate, and where that goes in the channel."""
    episodes = list(
        # What a visitor may see: the feed is public and cached for everyone.
        visibility.visible_pages(EpisodePage.objects.child_of(show), AnonymousUser())
        .exclude(audio_file="")
        .with_release()
        # Whether there is a transcript, without loading and decoding every transcript.
        .annotate(
            has_transcript=Case(
                When(transcript=[], then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            )
        )
        .defer("transcript")
        .prefetch_related(
            "guests",
            # Each episode's own artwork with its renditions: no query per episode.
            Prefetch("artwork", queryset=get_image_model().objects.prefetch_renditions()),
        )
        .order_by("-released_at", "-pk")
    )
    show_url = absolute(show.url)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _add(rss, "channel")
    _add(channel, "title", show.title)
    _add(channel, "link", show_url)
    _add(channel, "description", show.description)
    _add(channel, "language", show.language)
    if show.copyright:
        _add(channel, "copyright", show.copyright)
        named = licence(show.copyright)
        if named:
            _add(channel, f"{{{PODCAST}}}license", named[0], url=named[1])
    _add(channel, "generator", "SAM Kennisplatform")
    position = len(channel)
    _add(
        channel,
        f"{{{ATOM}}}link",
        href=show.absolute_feed_url(),
        rel="self",
        type="application/rss+xml",
    )
    show_artwork = Artwork(show.artwork) if show.artwork is not None else None
    if show_artwork is not None:
        image = _add(channel, "image")
        _add(image, "url", show_artwork.url())
        _add(image, "title", show.title)
        _add(image, "link", show_url)
        show_artwork.add_tags(channel)
    category, _, subcategory = show.category.partition("|")
    # Apple reads the category from the text attribute, a subcategory nested inside.
    category_element = _add(channel, f"{{{ITUNES}}}category", text=category)
    if subcategory:
        _add(category_element, f"{{{ITUNES}}}category", text=subcategory)
    _add(channel, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    _add(channel, f"{{{ITUNES}}}author", show.author)
    owner = _add(channel, f"{{{ITUNES}}}owner")
    _add(owner, f"{{{ITUNES}}}name", show.owner_name)
    _add(owner, f"{{{ITUNES}}}email", show.owner_email)
    _add(channel, f"{{{ITUNES}}}type", show.show_type)
    _add(channel, f"{{{ITUNES}}}summary", show.description)
    if show.podcast_guid:
        _add(channel, f"{{{PODCAST}}}guid", str(show.podcast_guid))
    _add(
        channel,
        f"{{{PODCAST}}}locked",
        "yes" if show.feed_locked else "no",
        owner=show.owner_email,
    )
    _add(channel, f"{{{PODCAST}}}medium", "podcast")
    _update_frequency(channel, show)
    hosts = list(show.hosts.all())
    for host in hosts:
        _person(channel, host, "host")
    for episode in episodes:
        artwork = Artwork(episode.artwork) if episode.artwork is not None else show_artwork
        _item(channel, episode, hosts=hosts, language=show.language, artwork=artwork)
    return rss, channel, position


def _person(parent, person, role: str) -> None:
    attributes = {"role": role, "group": "cast"}
    if person.url:
        attributes["href"] = person.url
    _add(parent, f"{{{PODCAST}}}person", person.name, **attributes)


TRANSCRIPT_TAGS = (
    # Both are timed, so both can be shown as captions while the episode plays.
    ("vtt", {"type": "text/vtt", "rel": "captions"}),
    ("srt", {"type": "application/x-subrip", "rel": "captions"}),
)


def _item(channel, episode: EpisodePage, *, hosts, language: str, artwork) -> None:
    url = absolute(episode.url)
    item = _add(channel, "item")
    _add(item, "title", episode.title)
    _add(item, "link", url)
    notes = f"<p>{strip_tags(episode.summary)}</p>{_html(episode.show_notes)}"
    _add(item, "description", notes)
    _add(item, f"{{{CONTENT}}}encoded", notes)
    _add(item, f"{{{ITUNES}}}summary", episode.summary)
    _add(item, "guid", episode.guid, isPermaLink="false")
    _add(item, "pubDate", format_datetime(episode.released_at or episode.released))
    _add(
        item,
        "enclosure",
        # The file's version in the address: apps and caches may keep it for good.
        url=absolute(episode.audio_url()) + "?v=" + audio_version(episode.audio_file),
        length=str(episode.audio_size),
        type="audio/x-m4a" if episode.audio_mime_type == "audio/mp4" else "audio/mpeg",
    )
    _add(item, f"{{{ITUNES}}}duration", str(round(episode.audio_duration)))
    if artwork is not None:
        # The episode's own artwork, else the show's: apps differ in what they fall back to.
        artwork.add_tags(item)
    _add(item, f"{{{ITUNES}}}episodeType", episode.episode_type)
    if episode.number:
        _add(item, f"{{{ITUNES}}}episode", str(episode.number))
        _add(item, f"{{{PODCAST}}}episode", str(episode.number))
    if episode.season:
        _add(item, f"{{{ITUNES}}}season", str(episode.season))
        _add(item, f"{{{PODCAST}}}season", str(episode.season))
    if episode.has_transcript:
        for kind, attributes in TRANSCRIPT_TAGS:
            url = absolute(episode.transcript_url(kind))
            _add(item, f"{{{PODCAST}}}transcript", url=url, language=language, **attributes)
    if episode.chapter_list:
        url = absolute(episode.chapters_url())
        _add(item, f"{{{PODCAST}}}chapters", url=url, type="application/json+chapters")
    guests = list(episode.guests.all())
    if guests:
        # Apps let an episode's persons replace the show's, so the hosts come along.
        for host in hosts:
            _person(item, host, "host")
    for guest in guests:
        _person(item, guest, "guest")
