"""What search engines and link previews read: the sitemap, canonical links, Open Graph, JSON-LD.

Everything here follows the one access rule (portal.visibility):

- the sitemap lists the pages an anonymous visitor may read in full: live, current, no
  Wagtail privacy setting, not members-only, not under a members-only section;
- the tags in <head> describe the response the user actually gets. A page that refuses
  the user is never rendered (Wagtail sends the login page or a 404 instead), and a
  page whose content is for members (a members-only product's teaser) gets only its
  title and address: no description, no structured data.

Absolute addresses come from ``SITE_URL``, never from the request's Host header.
"""

import datetime
import json
import types
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from . import visibility
from .sections import SECTIONS

# Query parameters that make a different page of the same list (kept in the canonical link).
PAGINATION_PARAMETERS = ("pagina",)
OG_LOCALE = "nl_BE"
LANGUAGE = "nl-BE"
ORGANISATION = "SAM vzw"
OG_IMAGE_FILTER = "max-1200x1200"


def absolute(path: str) -> str:
    """``path`` on SITE_URL; an address that already has a scheme stays as it is."""
    if "://" in path:
        return path
    return settings.SITE_URL + path


def canonical_url(request) -> str:
    """This address on SITE_URL, without query strings other than the page of a list."""
    url = absolute(request.path)
    # Only a real page number: anything else (a typo, control characters) is the first page.
    kept = []
    for name in PAGINATION_PARAMETERS:
        value = request.GET.get(name, "")
        number = value.lstrip("0") if value.isascii() and value.isdigit() else ""
        if number not in ("", "1"):
            kept.append((name, number))
    if kept:
        url += "?" + urlencode(kept)
    return url


def json_ld(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block, escaped like Django's json_script.

    ``<``, ``>`` and ``&`` become \\u escapes, so a title with ``</script>`` stays data.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


# The sitemap ---------------------------------------------------------------------------


def _in_members_section(url: str) -> bool:
    return any(section.members_only and url.startswith(section.path) for section in SECTIONS)


class PublicSitemap(Sitemap):
    """Wagtail's sitemap narrowed to what a visitor may read, with addresses on SITE_URL."""

    def items(self):
        visitor = AnonymousUser()
        # Holds the privacy settings for the whole list (the rule caches them on a request).
        cache = types.SimpleNamespace()
        root = self.get_wagtail_site().root_page
        pages = (
            visibility.visible_pages(root.get_descendants(inclusive=True), visitor, cache)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        listed = []
        for page in pages:
            url = page.get_url(self.request)
            if url is None or _in_members_section(url):
                continue
            if visibility.can_read_content(page, visitor, cache):
                listed.append((page, url))
        self._lastmods = _lastmods([page for page, _url in listed])
        return listed

    def _urls(self, page, protocol, domain):
        urls = []
        for item, url in self.paginator.page(page).object_list:
            urls.append(
                {"item": item, "location": absolute(url), "lastmod": self._lastmods.get(item.pk)}
            )
        last_mods = [url["lastmod"] for url in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _lastmods(pages) -> dict:
    """Each page's last change; a list page (home, an index) changes with what it lists."""
    own = {
        page.path: max(
            filter(None, (page.last_published_at, page.latest_revision_created_at)),
            default=None,
        )
        for page in pages
    }
    steplen = pages[0].steplen if pages else 4
    # Deepest first, so each change reaches every listed ancestor.
    for path in sorted(own, key=len, reverse=True):
        parent = path[:-steplen]
        if parent in own and own[path] and (own[parent] is None or own[path] > own[parent]):
            own[parent] = own[path]
    return {page.pk: own[page.path] for page in pages}


def sitemap_view(request):
    from wagtail.contrib.sitemaps import views

    return views.sitemap(request, {"pages": PublicSitemap(request)})


# Tags in <head> --------------------------------------------------------------------------


def _iso(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _organisation() -> dict:
    return {"@type": "Organization", "name": ORGANISATION, "url": settings.SITE_URL + "/"}


def _image_url(image) -> str | None:
    if image is None:
        return None
    try:
        return absolute(image.get_rendition(OG_IMAGE_FILTER).url)
    except Exception:  # noqa: BLE001  (a missing or broken file: no preview image, no error page)
        return None


def _product(page, request, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.search_description or page.summary,
        "url": url,
        "inLanguage": LANGUAGE,
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(page.last_published_at or page.latest_revision_created_at),
        "publisher": _organisation(),
    }
    authors = [
        {"@type": "Person", "name": author.name}
        | (
            {"affiliation": {"@type": "Organization", "name": author.organisation}}
            if author.organisation
            else {}
        )
        for author in page.authors.all()
    ]
    if authors:
        data["author"] = authors
    return {"og_type": "article", "description": data["description"], "json_ld": data}


def _attendance(page) -> tuple[str, bool, bool]:
    place = page.location.strip()
    online = bool(page.online_url) or place.lower() == "online"
    physical = bool(place) and place.lower() != "online"
    if online and physical:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    return f"https://schema.org/{mode}", online, physical


def _activity(page, request, url: str) -> dict:
    mode, online, physical = _attendance(page)
    locations = []
    if physical:
        locations.append({"@type": "Place", "name": page.location, "address": page.location})
    if online:
        # The meeting link itself is for registered participants only: point at the page.
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.search_description or page.summary,
        "url": url,
        "inLanguage": LANGUAGE,
        "startDate": _iso(page.starts_at),
        "endDate": _iso(page.ends_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "organizer": _organisation(),
    }
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    performers = [{"@type": "Person", "name": speaker.name} for speaker in page.speakers.all()]
    if performers:
        data["performer"] = performers
    return {"og_type": "website", "description": data["description"], "json_ld": data}


def _show_data(show) -> dict:
    return {
        "@type": "PodcastSeries",
        "name": show.title,
        "url": absolute(show.url),
        "webFeed": show.absolute_feed_url(),
    }


def _show(page, request, url: str) -> dict:
    image = _image_url(page.artwork)
    data = {
        "@context": "https://schema.org",
        **_show_data(page),
        "url": url,
        "description": page.search_description or page.description,
        "inLanguage": LANGUAGE,
        "author": {"@type": "Organization", "name": page.author},
        "publisher": _organisation(),
    }
    if image:
        data["image"] = image
    return {
        "og_type": "website",
        "description": data["description"],
        "image": image,
        "json_ld": data,
    }


def _duration(seconds: float) -> str | None:
    if not seconds:
        return None
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return (
        "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"
    )


def _episode(page, request, url: str) -> dict:
    show = page.show
    image = _image_url(getattr(page, "artwork", None) or show.artwork)
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": page.title,
        "description": page.search_description or page.summary,
        "url": url,
        "inLanguage": LANGUAGE,
        "datePublished": _iso(page.released),
        "partOfSeries": _show_data(show),
    }
    if page.number:
        data["episodeNumber"] = page.number
    if image:
        data["image"] = image
    duration = _duration(page.audio_duration)
    if duration:
        data["duration"] = duration
    # The audio's address only where anyone may fetch it (the same test as the audio view).
    if page.audio_file and visibility.can_view_page(page, AnonymousUser()):
        data["associatedMedia"] = {
            "@type": "AudioObject",
            "contentUrl": absolute(page.audio_url()),
            "encodingFormat": page.audio_mime_type or "audio/mpeg",
            **({"duration": duration} if duration else {}),
        }
    return {
        "og_type": "website",
        "description": data["description"],
        "image": image,
        "json_ld": data,
    }


# Which pages describe themselves beyond a canonical link, by model ("app_label.modelname"),
# so that this module imports no other app's models.
DESCRIBERS: dict[str, Callable] = {
    "knowledge.knowledgeproductpage": _product,
    "knowledge.learningactivitypage": _activity,
    "podcasts.podcastshowpage": _show,
    "podcasts.episodepage": _episode,
}


def head_tags(request, page=None) -> dict:
    """What templates/includes/seo_head.html renders for this response."""
    if request is None:
        return {}
    url = canonical_url(request)
    tags = {"canonical": url}
    describe = DESCRIBERS.get(page._meta.label_lower) if isinstance(page, Page) else None
    if describe is None:
        return tags
    user = getattr(request, "user", AnonymousUser())
    og = {
        "title": page.seo_title or page.title,
        "url": url,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "locale": OG_LOCALE,
        "type": "website",
    }
    if visibility.can_read_content(page, user, request):
        described = describe(page, request, url)
        og["type"] = described["og_type"]
        og["description"] = described.get("description")
        og["image"] = described.get("image")
        tags["json_ld"] = json_ld(_without_empty(described["json_ld"]))
    tags["og"] = og
    return tags


def _without_empty(data):
    if isinstance(data, dict):
        return {
            key: _without_empty(value) for key, value in data.items() if value not in (None, "", [])
        }
    if isinstance(data, list):
        return [_without_empty(value) for value in data]
    return data
