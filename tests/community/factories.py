"""Forum spaces, topics and posts for tests."""

import itertools

from django.contrib.auth.models import Group

from community import posting
from community.models import Space
from search.indexing import index_now

_numbers = itertools.count(1)


def space(*, group: Group | None = None, staff_only_topics=False, **fields) -> Space:
    number = next(_numbers)
    defaults = {"name": f"Ruimte {number}", "slug": f"ruimte-{number}"}
    return Space.objects.create(
        **{**defaults, **fields}, group=group, staff_only_topics=staff_only_topics
    )


def topic(space, author, *, title=None, body="Wie heeft ervaring hiermee?", replies=()):
    """A topic by ``author``; ``replies`` are (author, body) pairs posted in order."""
    number = next(_numbers)
    started = posting.start_topic(space, author, title or f"Vraag {number}", body)
    for reply_author, reply_body in replies:
        posting.reply(started, reply_author, reply_body)
    started.refresh_from_db()
    # Made directly, not through a request that commits: index here, as the knowledge
    # factories do.
    index_now(list(started.posts.select_related("topic__space")))
    return started
