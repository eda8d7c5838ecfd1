"""List queries with a fixed number of SQL statements, whatever the amount of content."""

from django.db.models import F, OuterRef, Q, Subquery

from .access import listed_in_space, visible_topics
from .models import ReadPosition, Topic


def with_read_state(topics, user):
    """Annotate ``last_read`` (None: never opened) for ``user``, in the same query."""
    positions = ReadPosition.objects.filter(user=user, topic=OuterRef("pk")).values("last_read")
    return topics.annotate(last_read=Subquery(positions[:1]))


def listed(topics):
    return topics.select_related("space", "last_poster", "author", "solution")


def unread_topics(user):
    """Topics with posts the member has not seen: opened before and grown since, or new since
    the member joined."""
    topics = with_read_state(visible_topics(user), user)
    return topics.filter(
        Q(last_read__lt=F("post_count"))
        | Q(last_read__isnull=True, last_posted_at__gte=user.date_joined)
    )


UNREAD_CAP = 1000


def unread_count(user) -> int:
    """How many topics have news, counted up to UNREAD_CAP (lists show "999+" beyond)."""
    return unread_topics(user).order_by()[:UNREAD_CAP].count()


def latest_topics(user):
    return visible_topics(user).order_by("-last_posted_at", "-pk")


def pinned_everywhere(user):
    """Topics pinned everywhere (few), first on 'Laatste' and the forum's front page. Asked
    apart from the rest, so that the latest topics stay a walk along the index."""
    return visible_topics(user).filter(pinned_globally=True).order_by("-last_posted_at", "-pk")


def space_topics(space, user):
    """A space's topics, pinned ones first (pinned everywhere counts as pinned here too)."""
    topics = listed_in_space(user, Topic.objects.filter(space=space))
    return with_read_state(topics, user).order_by("-pinned", "-last_posted_at", "-pk")


def new_count(topic, user) -> int | None:
    """How many posts ``user`` has not seen (None: the topic itself is new to them).

    The same rule as ``unread_topics``: a topic never opened is new only when it was active
    after the member joined (history from before, such as an import from Teams, is not news).
    """
    last_read = getattr(topic, "last_read", None)
    if last_read is None:
        return None if topic.last_posted_at >= user.date_joined else 0
    return max(0, topic.post_count - last_read)
