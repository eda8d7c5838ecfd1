from django.utils.translation import gettext as _

from portal import home, visibility

from .models import EpisodePage


@home.provider("podcast")
def latest_episode(request, limit):
    episodes = (
        visibility.visible_pages(EpisodePage.objects.all(), request.user, request)
        .with_release()
        .order_by("-released_at", "-pk")[:limit]
    )
    items = []
    for episode in episodes:
        meta = [_("Episode %(number)s") % {"number": episode.number}] if episode.number else []
        meta.append(_("%(minutes)d min") % {"minutes": episode.duration_minutes})
        items.append(
            home.Item(
                title=episode.title,
                url=episode.url,
                meta=" · ".join(meta),
                summary=episode.summary,
            )
        )
    return items
