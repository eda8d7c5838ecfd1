from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import shortcuts
from portal import home

from . import queries
from .access import visible_topics


@home.provider("forum")
def active_topics(request, limit):
    """Only for members, only what they may see."""
    user = request.user
    topics = queries.listed(visible_topics(user).order_by("-last_posted_at", "-pk"))[:limit]
    return [
        home.Item(
            title=topic.title,
            url=topic.get_absolute_url(),
            meta=f"{topic.space.name} · " + date_format(localtime(topic.last_posted_at), "j F H:i"),
            summary="",
        )
        for topic in topics
    ]


@shortcuts.provider
def new_on_the_forum(user):
    count = queries.unread_count(user)
    note = (
        ngettext("%(count)d topic with news for you", "%(count)d topics with news for you", count)
        % {"count": count}
        if count
        else _("You are up to date")
    )
    return [shortcuts.Shortcut(_("New on the forum"), reverse("community:unread"), note)]
