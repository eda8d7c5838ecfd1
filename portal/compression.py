"""Compressed text responses where no proxy compresses them (GZIP_RESPONSES).

The compose stack's nginx gzips everything it proxies, so production leaves this off by
default; the quick start (runserver) and a deployment without such a proxy turn it on.

BREACH: Django's GZipMiddleware pads each compressed response with random bytes
("Heal The Breach", Django 4.2+), the CSRF token in forms is masked anew for every
response, and the session cookie is SameSite=Lax, so another site cannot make the
browser fetch logged-in pages as sub-resources to measure their sizes.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.middleware.gzip import GZipMiddleware

# Text worth compressing; audio, images and documents are compressed already, and a
# range response (206) must keep its byte offsets.
COMPRESSIBLE = {
    "text/html",
    "text/plain",
    "text/css",
    "text/csv",
    "text/javascript",
    "text/calendar",
    "text/vtt",
    "text/xml",
    "application/javascript",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
}


class TextGZipMiddleware(GZipMiddleware):
    def __init__(self, get_response):
        if not getattr(settings, "GZIP_RESPONSES", False):
            raise MiddlewareNotUsed
        super().__init__(get_response)

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in COMPRESSIBLE or response.status_code == 206:
            return response
        return super().process_response(request, response)
