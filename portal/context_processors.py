from django.conf import settings

from .sections import SECTIONS, active_section


def site(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "sections": SECTIONS,
        "active_section": active_section(request.path),
    }
