import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import search

logger = logging.getLogger(__name__)

# The overall status is the most severe status of its parts.
_SEVERITY = {"ok": 0, "degraded": 1, "down": 2}


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check: database unreachable: %s", exc)
        return {"status": "down", "vendor": connection.vendor, "detail": type(exc).__name__}
    return {"status": "ok", "vendor": connection.vendor}


@never_cache
@require_GET
def health(request):
    checks = {"database": database_status()}
    checks["search"] = search.backend_status(database_ok=checks["database"]["status"] == "ok")
    overall = max((check["status"] for check in checks.values()), key=_SEVERITY.__getitem__)
    return JsonResponse({"status": overall, **checks}, status=503 if overall == "down" else 200)


ROBOTS_TXT = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /api/
Disallow: /zoeken/
Disallow: /health/

Sitemap: {site_url}/sitemap.xml
"""


@require_GET
def robots_txt(request):
    # The sitemap's address on SITE_URL, as every absolute link (not the Host header).
    text = ROBOTS_TXT.format(site_url=settings.SITE_URL)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links; resolved per request
    # because the hashed static name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def to_account_login(request):
    """Every login form is allauth's: one gate for approval, verification and rate limits.

    Wagtail's own forms (the admin's, the one for private pages) would let in any active
    account by username, unthrottled; their addresses now lead here.
    """
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    url = reverse("account_login")
    if target:
        url += "?" + urlencode({"next": target})
    return HttpResponseRedirect(url)


def to_account_password_reset(request, *args, **kwargs):
    """The admin's password reset mailed any account without limit; allauth's is throttled."""
    return HttpResponseRedirect(reverse("account_reset_password"))
