import logging
import re

from django.core.handlers.exception import response_for_exception
from django.http import Http404

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Wagtail's admin is not CSP-clean: its date/time widgets and inline panels emit
# inline <script> tags and its JavaScript sets inline styles. Only there (staff-only,
# behind login) are inline scripts and styles allowed; the public site keeps the
# strict policy from settings.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return parts


# Django's message when a lookup is given a non-number for a number field
# (IntegerField.get_prep_value and its kin).
_NOT_A_NUMBER = re.compile(r"^Field '[^']*' expected a number but got ")


class AdminBadIdMiddleware:
    """Wagtail's admin passes some ids from the address or query string unchecked to
    the database (the choosers' ``chosen/<str:pk>/``, the bulk actions' ``?id=``, the
    admin API's ``find/?id=``) or into a link (the link choosers' ``?parent_page_id=``):
    a non-number there is a 500 inside Wagtail. Only those two failures are handled,
    only under /admin/: a non-numeric ``parent_page_id`` is dropped before the view
    runs, and Django's "expected a number" error from a lookup answers 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIXES[0]):
            value = request.GET.get("parent_page_id")
            if value is not None and not (value.isascii() and value.isdigit()):
                query = request.GET.copy()
                del query["parent_page_id"]
                request.GET = query
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path_info.startswith(ADMIN_PREFIXES[0]):
            return None
        if isinstance(exception, (TypeError, ValueError)) and _NOT_A_NUMBER.match(str(exception)):
            logger.warning("Admin: %s for %s", exception, request.get_full_path())
            return response_for_exception(request, Http404(str(exception)))
        return None
