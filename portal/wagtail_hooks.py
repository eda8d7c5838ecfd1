"""Page and file access for Wagtail's own views, from portal.visibility's one rule."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

import wagtail.wagtail_hooks as wagtail_core_hooks
from wagtail import hooks
from wagtail.models import PageViewRestriction

from accounts import access

from . import visibility


def _drop_wagtail_privacy_check() -> None:
    """Wagtail's own check lets any logged-in account through "logged in" pages and keeps
    SAM staff out of group pages; ours replaces it (same password form, same headers)."""
    registered = hooks._hooks.get("on_serve_page", [])
    hooks._hooks["on_serve_page"] = [
        (fn, order)
        for fn, order in registered
        if fn is not wagtail_core_hooks.check_view_restrictions
    ]


_drop_wagtail_privacy_check()


@hooks.register("on_serve_page")
def check_page_access(callback):
    def inner(page, request, serve_args, serve_kwargs):
        if not visibility._is_current(page):
            raise Http404
        restriction = visibility.refusing_restriction(page, request.user, request)
        if restriction is not None:
            response = _refusal(page, request, restriction)
            add_never_cache_headers(response)
            return response
        response = callback(page, request, serve_args, serve_kwargs)
        if visibility._restrictions_of(page, request):
            add_never_cache_headers(response)
        return response

    return inner


def _refusal(page, request, restriction):
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        from wagtail.forms import PasswordViewRestrictionForm

        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        return page.serve_password_required_response(request, form, action_url)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_member(request.user):
        return access.refuse_non_member(request)
    # A member outside the page's groups: as if the page were not there.
    raise Http404


@hooks.register("before_serve_document")
def check_file_access(document, request):
    if visibility.can_read_file(document, request.user, request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_member(request.user):
        return access.refuse_non_member(request)
    raise Http404


@hooks.register("construct_homepage_panels")
def add_waiting_panels(request, panels):
    """What waits on SAM staff, before Wagtail's own panels (which stay, among them
    "Awaiting your review" for pages in the four-eyes workflow)."""
    from . import admin_home

    panels.extend(admin_home.panels_for(request.user))
