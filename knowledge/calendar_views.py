"""A member's own calendar of learning activities, at a secret address calendar apps can poll.

Calendar apps cannot log in, so the address itself is the key: it names no one, can be
replaced by a new one (which makes the old one answer 404), and stops working when the
person is no longer a member.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from portal import visibility

from .calendar import absolute_url, calendar_response, kept_since, with_sequence
from .models import LearningActivityPage, PersonalCalendarFeed, Registration
from .models.activities import ACTIVE_STATUSES


def feed_for(user) -> PersonalCalendarFeed | None:
    if not user.is_authenticated:
        return None
    return PersonalCalendarFeed.objects.filter(user=user).first()


def feed_url(index_page, feed: PersonalCalendarFeed) -> str:
    return absolute_url(index_page) + index_page.reverse_subpage(
        "my_calendar", kwargs={"token": feed.token}
    )


def personal_feed(request, index_page, token: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    feed = PersonalCalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not access.is_member(feed.user):
        raise Http404
    registrations = {
        registration.activity_id: registration
        for registration in Registration.objects.filter(
            user=feed.user, status__in=ACTIVE_STATUSES
        ).only("activity_id", "status")
    }
    # The same rule as every list: an activity the member may no longer see (a group they
    # left, a page made private since) leaves their calendar too.
    visible = visibility.visible_pages(LearningActivityPage.objects.child_of(index_page), feed.user)
    activities = with_sequence(
        visible.filter(pk__in=registrations, ends_at__gte=kept_since(timezone.now())).order_by(
            "starts_at"
        )
    )
    response = calendar_response(
        request,
        activities,
        "mijn-leeractiviteiten.ics",
        name=_("My learning activities"),
        registrations=registrations,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def new_address(request, index_page):
    """POST: make (or replace) the member's secret calendar address."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mine = index_page.url + index_page.reverse_subpage("mine")
    if not request.user.is_authenticated:
        return redirect_to_login(mine)
    if not access.is_member(request.user):
        raise PermissionDenied
    feed, created = PersonalCalendarFeed.objects.get_or_create(user=request.user)
    if created:
        messages.success(request, _("Your calendar address is ready. Add it to your calendar app."))
    else:
        feed.rotate()
        messages.success(
            request,
            _("You have a new calendar address; the old one no longer works."),
        )
    return redirect(mine)
