"""Watching: how closely a member follows a topic or a space.

- ``watching`` (volgen): a notification for every new post (in a space: every post in every
  topic, and every new topic).
- ``normal``: only what concerns the member: a mention, a quote, a reply in their topic,
  their solution, reactions to their posts.
- ``muted`` (negeren): nothing at all from it, not even mentions (as Discourse does: whoever
  mutes a conversation wants silence). A moderator's action on their own post still comes.

The most specific level wins: a topic's own level over its space's. A member who starts a
topic watches it; replying makes one watch it, unless one chose a level for it before (any
row, even "normal", is a choice that replying does not overrule).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from . import registry
from .models import Watch, WatchLevel, WatchReason


def content_type(obj_or_model) -> ContentType:
    """Cached by Django after the first call: no query."""
    return ContentType.objects.get_for_model(obj_or_model)


def chain(obj) -> list:
    """The object and its containers, most specific first (a topic, then its space)."""
    found = []
    while obj is not None and len(found) < 5:
        found.append(obj)
        entry = registry.watchable_for(obj)
        obj = entry.parent(obj) if entry and entry.parent else None
    return found


def _rows(objects, user_ids=None):
    condition = Q()
    for obj in objects:
        condition |= Q(content_type=content_type(obj), object_id=obj.pk)
    rows = Watch.objects.filter(condition)
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    return rows


def _position(objects) -> dict:
    return {(content_type(obj).pk, obj.pk): i for i, obj in enumerate(objects)}


def levels(obj, user_ids=None) -> dict[int, str]:
    """Every member's effective level for ``obj`` (one query), for members with a choice on it
    or on a container; members not in the answer are at ``normal``."""
    objects = chain(obj)
    position = _position(objects)
    best: dict[int, tuple[int, str]] = {}
    for user_id, type_id, object_id, level in _rows(objects, user_ids).values_list(
        "user_id", "content_type_id", "object_id", "level"
    ):
        rank = position[(type_id, object_id)]
        if user_id not in best or rank < best[user_id][0]:
            best[user_id] = (rank, level)
    return {user_id: level for user_id, (_rank, level) in best.items()}


def watchers(obj) -> set[int]:
    """The members who watch ``obj`` (on it, or on a container without a choice on it)."""
    return {user_id for user_id, level in levels(obj).items() if level == WatchLevel.WATCHING}


def muted(obj, user_ids) -> set[int]:
    """Those of ``user_ids`` who ignore ``obj``."""
    if not user_ids:
        return set()
    return {
        user_id for user_id, level in levels(obj, user_ids).items() if level == WatchLevel.MUTED
    }


def is_muted(user, obj) -> bool:
    return bool(muted(obj, [user.pk]))


@dataclass
class Level:
    level: str
    # The member's own choice on the object (None: none, the level comes from ``source``).
    own: str | None
    source: object
    reason: str


def level_for(user, obj) -> Level:
    """The member's level for ``obj``, where it comes from and why (one query)."""
    objects = chain(obj)
    position = _position(objects)
    rows = sorted(
        _rows(objects, [user.pk]).only("content_type_id", "object_id", "level", "reason"),
        key=lambda row: position[(row.content_type_id, row.object_id)],
    )
    if not rows:
        return Level(WatchLevel.NORMAL, None, None, WatchReason.CHOSEN)
    first = rows[0]
    rank = position[(first.content_type_id, first.object_id)]
    return Level(first.level, first.level if rank == 0 else None, objects[rank], first.reason)


def set_level(user, obj, level, reason=WatchReason.CHOSEN) -> Watch:
    level = WatchLevel(level)
    watch, _created = Watch.objects.update_or_create(
        user=user,
        content_type=content_type(obj),
        object_id=obj.pk,
        defaults={"level": level, "reason": reason, "updated_at": timezone.now()},
    )
    return watch


def watch_automatically(user_id: int, obj, reason) -> None:
    """Watch ``obj`` unless the member chose a level for it before (one query)."""
    Watch.objects.bulk_create(
        [
            Watch(
                user_id=user_id,
                content_type=content_type(obj),
                object_id=obj.pk,
                level=WatchLevel.WATCHING,
                reason=reason,
            )
        ],
        ignore_conflicts=True,
    )


def forget(obj) -> None:
    """The object is gone: nobody watches it any more."""
    Watch.objects.filter(content_type=content_type(obj), object_id=obj.pk).delete()


def transfer(old, new) -> None:
    """``old`` is merged into ``new``: its watchers' choices carry over where they made none
    on ``new`` (for the moderation tools)."""
    old_type, new_type = content_type(old), content_type(new)
    taken = set(
        Watch.objects.filter(content_type=new_type, object_id=new.pk).values_list(
            "user_id", flat=True
        )
    )
    moving = Watch.objects.filter(content_type=old_type, object_id=old.pk)
    moving.exclude(user_id__in=taken).update(content_type=new_type, object_id=new.pk)
    moving.delete()
