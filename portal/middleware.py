from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Wagtail's admin sets inline styles from its JavaScript; the public site does not
# need this and keeps the strict policy from settings.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
