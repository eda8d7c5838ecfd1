"""What the forum puts in the search: each post is a document of its own.

A reply is indexed alone, so posting never rewrites a whole topic's documents. The first
post carries the topic (and, once solved, the solution's text, so the answer is found
with the question). Each space is an audience of its own ("forum:<pk>"), and who may see it
is the forum's one rule (``access.visible_spaces``): a suspended member, who sees nothing of the
forum, finds none of its posts either, and a closed space's posts only its group.
"""

from django.utils.translation import gettext_lazy as _

import search
from portal import markdown

from .models import Post

TOPIC, REPLY = "forum_topic", "forum_post"
WEIGHT = 0.5


def audience_of(space) -> str:
    return f"forum:{space.pk}"


def audiences(user) -> set[str]:
    """The forum spaces a user may read, as search audiences."""
    from . import access

    return {audience_of(space) for space in access.visible_spaces(user).only("pk")}


def post_documents(post: Post):
    """Nothing for a deleted or hidden post, nor for any post of a hidden topic."""
    topic = post.topic
    if post.is_deleted or post.is_hidden or topic.hidden_at is not None:
        return []
    source = f"community.post:{post.pk}"
    body = markdown.to_plain_text(post.body)
    common = {
        "source": source,
        "key": source,
        "url": topic.url_of(post.number),
        "audience": audience_of(topic.space),
        "date": post.created_at,
    }
    if post.number == 1:
        summary = str(_("Solved")) + " · " if topic.solution_id else ""
        solution = topic.solution if topic.solution_id else None
        if solution is not None and not solution.is_deleted and not solution.is_hidden:
            body += "\n" + markdown.to_plain_text(topic.solution.body)
        return [
            search.SearchDocument(
                kind=TOPIC,
                title=topic.title,
                summary=summary + topic.space.name,
                body=body,
                **common,
            )
        ]
    return [
        search.SearchDocument(
            kind=REPLY,
            title=post.author_name,
            body=body,
            parent_title=topic.title,
            anchor_label=f"#{post.number}",
            **common,
        )
    ]


def register() -> None:
    search.register_audiences(audiences)
    search.register(
        Post,
        label="community.post",
        documents=post_documents,
        queryset=lambda: (
            Post.objects.filter(
                deleted_at__isnull=True, hidden_at__isnull=True, topic__hidden_at__isnull=True
            )
            .select_related("topic__space", "topic__solution", "author")
            .order_by("pk")
        ),
        kinds={TOPIC: _("Forum topic"), REPLY: _("Forum post")},
        # Colleagues' posts rank below SAM's vetted knowledge that matches as well.
        weights={TOPIC: WEIGHT, REPLY: WEIGHT},
    )
