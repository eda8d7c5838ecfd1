"""Who sees and writes what in the forum: the one rule for spaces, topics, posts and files.

Members see open spaces; a closed space only its group's members; SAM staff see every
space. Visitors (and pending, rejected or unverified accounts) see nothing of the forum.

Moderation adds to the rule, here and nowhere else:
- **moderators** are SAM staff (``can_moderate``); they see hidden topics and posts too;
- a **hidden post** shows its text only to its author and the moderators; a hidden first
  post hides its topic (``Topic.hidden_at``) from everyone but its author and the moderators;
- a **silenced** member reads but does not write (no topics, replies, reactions, edits);
  a **suspended** member sees nothing of the forum (the views answer with a 403 page that
  says why and until when);
- **new members** (their first week) post at most a few messages a minute and start a few
  topics a day (``posting_wait``).
"""

import datetime
from functools import wraps

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.shortcuts import render
from django.utils import timezone

from accounts import access

from .models import Post, Sanction, Space, Topic

# Rate limits for new members; a setting of the same name overrides each.
FORUM_NEW_MEMBER_DAYS = 7
FORUM_NEW_MEMBER_POSTS_PER_MINUTE = 3
FORUM_NEW_MEMBER_TOPICS_PER_DAY = 5

_SANCTION = "_forum_sanction"
_CLOSED = "_forum_closed_spaces"
_NOTHING = object()


def can_moderate(user) -> bool:
    """The one moderator rule: SAM staff (they hold ``community.moderate_forum`` through
    their group). A role of its own would also need a visibility rule of its own."""
    return access.is_staff(user)


# Sanctions -----------------------------------------------------------------------------------


def active_sanctions(now=None):
    """Sanctions in force at ``now``: started, not ended, not lifted."""
    now = now or timezone.now()
    return Sanction.objects.filter(lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)


def sanction(user) -> Sanction | None:
    """The sanction in force for ``user`` (a suspension before a silence, then the one that
    lasts longest), asked once per user object. Moderators are never sanctioned."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    found = getattr(user, _SANCTION, _NOTHING)
    if found is not _NOTHING:
        return found
    found = None
    if access.is_member(user) and not can_moderate(user):
        strictest = Case(
            When(kind=Sanction.Kind.SUSPEND, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        found = active_sanctions().filter(user=user).order_by(strictest, "-ends_at").first()
    setattr(user, _SANCTION, found)
    return found


def forget(user) -> None:
    """Drop what was remembered on this user object (after a sanction, a new space...)."""
    for name in (_SANCTION, _CLOSED):
        if hasattr(user, name):
            delattr(user, name)


def is_suspended(user) -> bool:
    found = sanction(user)
    return found is not None and found.kind == Sanction.Kind.SUSPEND


def forum_member_required(view):
    """``accounts.access.member_required``, and a suspended member is told why and until
    when (403) instead of seeing the forum."""

    @access.member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        found = sanction(request.user)
        if found is not None and found.kind == Sanction.Kind.SUSPEND:
            return render(request, "community/suspended.html", {"sanction": found}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def can_write(user) -> bool:
    """A member who is neither silenced nor suspended."""
    return access.is_member(user) and sanction(user) is None


# Seeing ------------------------------------------------------------------------------------


def visible_spaces(user):
    if not access.is_member(user) or is_suspended(user):
        return Space.objects.none()
    if access.is_staff(user):
        return Space.objects.all()
    return Space.objects.filter(Q(group__isnull=True) | Q(group__in=access.group_ids(user)))


def can_see_space(user, space: Space) -> bool:
    if not access.is_member(user) or is_suspended(user):
        return False
    if access.is_staff(user) or space.group_id is None:
        return True
    return space.group_id in access.group_ids(user)


def visible_topics(user):
    """Left out: the closed spaces the member is not in (few), so that the database can walk
    the topics by last activity on its index instead of sorting them all; and, except for
    moderators, hidden topics."""
    if not access.is_member(user) or is_suspended(user):
        return Topic.objects.none()
    if can_moderate(user):
        return Topic.objects.all()
    return Topic.objects.exclude(space__in=_closed_to(user)).filter(hidden_at__isnull=True)


def _closed_to(user) -> list[int]:
    """The closed spaces ``user`` is not in, asked once per user object (a page's lists,
    counts and home blocks ask several times)."""
    found = getattr(user, _CLOSED, None)
    if found is None:
        closed = Space.objects.filter(group__isnull=False).exclude(group__in=access.group_ids(user))
        found = list(closed.values_list("pk", flat=True))
        setattr(user, _CLOSED, found)
    return found


def listed_in_space(user, topics):
    """A space's topics as ``user`` may see them listed (hidden ones for moderators only)."""
    return topics if can_moderate(user) else topics.filter(hidden_at__isnull=True)


def can_see_topic(user, topic: Topic) -> bool:
    """A hidden topic stays open to its author (who is told why) and to moderators."""
    if not can_see_space(user, topic.space):
        return False
    return topic.hidden_at is None or topic.author_id == user.pk or can_moderate(user)


def can_read_post(user, post: Post) -> bool:
    """The text of a post in a topic ``user`` may see: a hidden post only for its author
    and moderators (others see that it was hidden). Asks nothing of the database."""
    return not post.is_hidden or post.author_id == user.pk or can_moderate(user)


def can_see_post(user, post: Post) -> bool:
    """Its topic and its text (for attachments, quotes, reactions)."""
    return can_see_topic(user, post.topic) and can_read_post(user, post)


# Writing -----------------------------------------------------------------------------------


def can_start_topic(user, space: Space) -> bool:
    if not can_see_space(user, space) or not can_write(user):
        return False
    return not space.staff_only_topics or access.is_staff(user)


def can_reply(user, topic: Topic) -> bool:
    if not can_see_topic(user, topic) or not can_write(user):
        return False
    if can_moderate(user):
        return True
    return not topic.locked and topic.hidden_at is None


def can_edit(user, post: Post) -> bool:
    if post.is_deleted or not can_see_topic(user, post.topic) or not can_write(user):
        return False
    return post.author_id == user.pk or can_moderate(user)


def can_mark_solution(user, topic: Topic) -> bool:
    if not can_see_topic(user, topic) or not can_write(user):
        return False
    return topic.author_id == user.pk or can_moderate(user)


def can_delete(user, post: Post) -> bool:
    """Soft delete: the author or a moderator, like editing (the first post too)."""
    return can_edit(user, post)


def can_react(user, post: Post) -> bool:
    if post.is_deleted or not can_write(user) or not can_see_topic(user, post.topic):
        return False
    return not post.is_hidden or can_moderate(user)


def can_be_solution(post: Post) -> bool:
    """A reply that is still there answers the question; the question itself does not."""
    return not post.is_deleted and not post.is_hidden and not post.is_first


def can_see_versions(user, post: Post) -> bool:
    """Earlier versions (and a deleted post's text) are for moderators only."""
    return can_moderate(user) and can_see_topic(user, post.topic)


def can_flag(user, post: Post) -> bool:
    """Report a post to the moderators: whoever may read it, except its author. A silenced
    member may still report (it publishes nothing)."""
    if post.is_deleted or post.is_hidden or post.author_id == user.pk:
        return False
    return can_see_post(user, post)


def who_may_see(space: Space):
    """The members who may see a space (mentions, notifications); not the suspended."""
    from django.contrib.auth import get_user_model

    from accounts.models import ApprovalStatus
    from accounts.roles import SAM_STAFF

    suspended = active_sanctions().filter(user=OuterRef("pk"), kind=Sanction.Kind.SUSPEND)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(approval_status=ApprovalStatus.APPROVED, emailaddress__verified=True)
        )
        .filter(~Exists(suspended))
    )
    if space.group_id is not None:
        users = users.filter(
            Q(is_superuser=True) | Q(groups=space.group_id) | Q(groups__name=SAM_STAFF)
        )
    return users.distinct()


# Rate limits for new members -----------------------------------------------------------------


def _limit(name: str) -> int:
    return int(getattr(settings, name, globals()[name]))


def is_new_member(user, now=None) -> bool:
    """In the first days since the account was approved (or made, when approval came with
    it: an allowed email domain, an account made by staff)."""
    since = getattr(user, "approved_at", None) or user.date_joined
    now = now or timezone.now()
    return since is not None and now - since < datetime.timedelta(
        days=_limit("FORUM_NEW_MEMBER_DAYS")
    )


def posting_wait(user, *, new_topic: bool = False) -> datetime.datetime | None:
    """When a new member may post again (``None``: now). At most
    FORUM_NEW_MEMBER_POSTS_PER_MINUTE posts a minute and, for a new topic,
    FORUM_NEW_MEMBER_TOPICS_PER_DAY topics a day; counted from the posts and topics
    themselves (one or two small queries). Moderators are exempt."""
    if can_moderate(user) or not is_new_member(user):
        return None
    now = timezone.now()
    waits = []
    per_minute = _limit("FORUM_NEW_MEMBER_POSTS_PER_MINUTE")
    minute = datetime.timedelta(minutes=1)
    recent = list(
        Post.objects.filter(author=user, created_at__gt=now - minute)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:per_minute]
    )
    if per_minute <= 0 or len(recent) >= per_minute:
        # When the oldest of the last few leaves the window, one more fits.
        waits.append((recent[-1] if recent else now) + minute)
    if new_topic:
        per_day = _limit("FORUM_NEW_MEMBER_TOPICS_PER_DAY")
        day = datetime.timedelta(days=1)
        started = list(
            Topic.objects.filter(author=user, created_at__gt=now - day)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:per_day]
        )
        if per_day <= 0 or len(started) >= per_day:
            waits.append((started[-1] if started else now) + day)
    return max(waits) if waits else None
