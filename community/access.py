"""Who sees and writes what in the forum: the one rule for spaces, topics, posts and files.

Members see open spaces; a closed space only its group's members; SAM staff see every
space. Visitors (and pending, rejected or unverified accounts) see nothing of the forum.
"""

from django.db.models import Q

from accounts import access

from .models import Post, Space, Topic


def visible_spaces(user):
    if not access.is_member(user):
        return Space.objects.none()
    if access.is_staff(user):
        return Space.objects.all()
    return Space.objects.filter(Q(group__isnull=True) | Q(group__in=access.group_ids(user)))


def can_see_space(user, space: Space) -> bool:
    if not access.is_member(user):
        return False
    if access.is_staff(user) or space.group_id is None:
        return True
    return space.group_id in access.group_ids(user)


def visible_topics(user):
    """Left out: the closed spaces the member is not in (few), so that the database can walk
    the topics by last activity on its index instead of sorting them all."""
    if not access.is_member(user):
        return Topic.objects.none()
    if access.is_staff(user):
        return Topic.objects.all()
    hidden = Space.objects.filter(group__isnull=False).exclude(group__in=access.group_ids(user))
    return Topic.objects.exclude(space__in=list(hidden.values_list("pk", flat=True)))


def can_see_topic(user, topic: Topic) -> bool:
    return can_see_space(user, topic.space)


def can_start_topic(user, space: Space) -> bool:
    if not can_see_space(user, space):
        return False
    return not space.staff_only_topics or access.is_staff(user)


def can_reply(user, topic: Topic) -> bool:
    if not can_see_topic(user, topic):
        return False
    return not topic.locked or access.is_staff(user)


def can_moderate(user) -> bool:
    return access.is_staff(user)


def can_edit(user, post: Post) -> bool:
    if post.is_deleted or not can_see_topic(user, post.topic):
        return False
    return post.author_id == user.pk or can_moderate(user)


def can_mark_solution(user, topic: Topic) -> bool:
    return can_see_topic(user, topic) and (topic.author_id == user.pk or can_moderate(user))


def can_delete(user, post: Post) -> bool:
    """Soft delete: the author or a moderator, like editing (the first post too)."""
    return can_edit(user, post)


def can_react(user, post: Post) -> bool:
    return not post.is_deleted and can_see_topic(user, post.topic)


def can_be_solution(post: Post) -> bool:
    """A reply that is still there answers the question; the question itself does not."""
    return not post.is_deleted and not post.is_first


def can_see_versions(user, post: Post) -> bool:
    """Earlier versions (and a deleted post's text) are for moderators only."""
    return can_moderate(user) and can_see_topic(user, post.topic)


def who_may_see(space: Space):
    """The members who may see a space (mentions, notifications)."""
    from django.contrib.auth import get_user_model

    from accounts.models import ApprovalStatus
    from accounts.roles import SAM_STAFF

    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(approval_status=ApprovalStatus.APPROVED, emailaddress__verified=True)
        )
    )
    if space.group_id is not None:
        users = users.filter(
            Q(is_superuser=True) | Q(groups=space.group_id) | Q(groups__name=SAM_STAFF)
        )
    return users.distinct()
