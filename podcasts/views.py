"""Files of an episode: the audio (with HTTP range requests), chapters and transcripts."""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from portal import files, visibility

from . import chapters as chapter_parser
from . import ranges, transcripts
from .models import EpisodePage

CHUNK = 64 * 1024
# A new upload gets a new file name, so an address carrying the file's version (as the
# feed's enclosures do) always names the same bytes; without it, a day.
VERSIONED_MAX_AGE = 365 * 24 * 3600
AUDIO_MAX_AGE = 24 * 3600


def audio_version(fieldfile) -> str:
    """A short token that changes when another audio file is uploaded for the episode."""
    return hashlib.sha256(fieldfile.name.encode()).hexdigest()[:12]


def visible_episode(request, pk: int) -> tuple[EpisodePage, bool]:
    """The live episode with this id if the request may see it, and whether it is public."""
    episode = EpisodePage.objects.live().filter(pk=pk).first()
    if episode is None or not episode.get_parent().live:
        raise Http404
    if not visibility.can_view_page(episode, request.user, request):
        raise Http404
    public = visibility.can_view_page(episode, AnonymousUser())
    return episode, public


def _share(response, public: bool, max_age: int = 3600, immutable: bool = False):
    # Members-only files stay out of shared caches.
    cache_control = f"{'public' if public else 'private'}, max-age={max_age}"
    if immutable:
        cache_control += ", immutable"
    if public:
        # Web-based podcast players fetch these files from their own origin.
        response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = cache_control
    return response


def _modified(fieldfile, episode) -> int | None:
    try:
        return int(fieldfile.storage.get_modified_time(fieldfile.name).timestamp())
    except (NotImplementedError, OSError):
        published = episode.last_published_at
        return int(published.timestamp()) if published else None


def _stream(fieldfile, start: int, length: int):
    with fieldfile.storage.open(fieldfile.name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


@require_safe
def audio(request, pk: int, extension: str):
    episode, public = visible_episode(request, pk)
    if not episode.audio_file or extension != episode.audio_extension:
        raise Http404
    fieldfile = episode.audio_file
    try:
        size = fieldfile.storage.size(fieldfile.name)
    except OSError as error:
        raise Http404 from error
    etag = '"' + hashlib.sha256(f"{fieldfile.name}:{size}".encode()).hexdigest()[:20] + '"'
    modified = _modified(fieldfile, episode)
    versioned = request.GET.get("v") == audio_version(fieldfile)
    caching = {
        "max_age": VERSIONED_MAX_AGE if versioned else AUDIO_MAX_AGE,
        "immutable": versioned,
    }

    def finish(response):
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        return _share(response, public, **caching)

    # Preconditions come before the range (RFC 9110, 13.2.2): a player that has the file
    # gets 304 whatever part it asks for.
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return finish(not_modified)
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag:
        header = None  # the file changed since the client's first part: send it whole
    try:
        byte_range = ranges.parse(header, size)
    except ranges.Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return finish(response)
    if files.via_proxy():
        # The proxy answers the range itself, from the private store.
        response = files.proxy_response(
            fieldfile,
            episode.audio_mime_type or "audio/mpeg",
            f'inline; filename="{episode.slug}.{extension}"',
        )
        # The proxy sends the file's own validators and answers conditional requests.
        return _share(response, public, **caching)
    start, end = byte_range if byte_range else (0, size - 1)
    length = end - start + 1 if size else 0
    status = 206 if byte_range else 200
    if request.method == "HEAD":
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(_stream(fieldfile, start, length), status=status)
    response["Content-Type"] = episode.audio_mime_type or "audio/mpeg"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = f'inline; filename="{episode.slug}.{extension}"'
    if byte_range:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return finish(response)


@require_safe
def chapters(request, pk: int):
    episode, public = visible_episode(request, pk)
    chapter_list = episode.chapter_list
    if not chapter_list:
        raise Http404
    data = chapter_parser.to_json(chapter_list, title=episode.title)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json+chapters; charset=utf-8"
    return _share(response, public)


TRANSCRIPT_TYPES = {
    "vtt": ("text/vtt; charset=utf-8", transcripts.to_vtt),
    "srt": ("application/x-subrip; charset=utf-8", transcripts.to_srt),
}


@require_safe
def transcript(request, pk: int, kind: str):
    if kind not in TRANSCRIPT_TYPES:
        raise Http404
    episode, public = visible_episode(request, pk)
    if not episode.cues:
        raise Http404
    content_type, render = TRANSCRIPT_TYPES[kind]
    response = HttpResponse(render(episode.cues), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{episode.slug}.{kind}"'
    return _share(response, public)
