"""List queries with a fixed number of SQL statements, whatever the amount of content."""

from django.db.models import F, OuterRef, Q, Subquery

from .access import visible_topics
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


def space_topics(space, user):
    return with_read_state(Topic.objects.filter(space=space), user).order_by(
        "-pinned", "-last_posted_at", "-pk"
    )


def new_count(topic, user) -> int | None:
    """How many posts ``user`` has not seen (None: the topic itself is new to them)."""
    last_read = getattr(topic, "last_read", None)
    if last_read is None:
        return None
    return max(0, topic.post_count - last_read)
