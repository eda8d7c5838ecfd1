"""What a member may do with a post on the topic page, from what the page already loaded.

``{% post_actions post as actions %}`` reads the reactions prefetched with their users
(``views._render_topic``) and asks ``community.access``; it runs no query of its own.
"""

from django import template

from community import access
from community.actions import reaction_summary
from community.models import Post

register = template.Library()


@register.simple_tag(takes_context=True)
def post_actions(context, post) -> dict:
    user = context["request"].user
    topic = context["topic"]
    if not Post.topic.is_cached(post) and post.topic_id == topic.pk:
        post.topic = topic  # the page's topic, with its space: no query per post
    deleted = post.is_deleted
    may_mark = access.can_mark_solution(user, topic)
    is_solution = topic.solution_id == post.pk
    return {
        "reactions": [] if deleted else reaction_summary(post, user),
        "can_react": access.can_react(user, post),
        "can_quote": not deleted and context.get("can_reply", False),
        "can_edit": access.can_edit(user, post),
        "can_delete": access.can_delete(user, post),
        "can_mark": may_mark and not is_solution and access.can_be_solution(post),
        "can_unmark": may_mark and is_solution,
        "is_solution": is_solution,
        "can_see_versions": bool(post.edited_at or deleted) and access.can_see_versions(user, post),
    }


@register.filter
def solution_url(topic) -> str:
    """The solution's place in the topic, without loading its topic again."""
    return topic.url_of(topic.solution.number) if topic.solution_id else ""
