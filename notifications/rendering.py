"""What a notification says, and its target, loaded in bulk and checked again on delivery."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import registry
from .models import Kind

EXCERPT_LENGTH = 160


@dataclass
class Shown:
    notification: object
    target: object
    headline: str
    excerpt: str
    url: str
    place: str
    names: str


def load_targets(notifications) -> dict[tuple[int, int], object]:
    """The targets of ``notifications``: one query per kind of target (with what its
    registration selects along), whatever the number of notifications."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for notification in notifications:
        wanted[notification.content_type_id].add(notification.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not registry.has_target(model):
            continue
        entry = registry.target_for(model)
        objects = model._default_manager.select_related(*entry.select_related).in_bulk(ids)
        for pk, obj in objects.items():
            found[(type_id, pk)] = obj
    return found


def target_of(notification, targets):
    return targets.get((notification.content_type_id, notification.object_id))


def for_member(user, notifications) -> tuple[list[Shown], list]:
    """The notifications ``user`` may still see, described; and those they may no longer see
    (the target is gone, or they left the closed space it is in)."""
    notifications = list(notifications)
    targets = load_targets(notifications)
    shown, gone = [], []
    for notification in notifications:
        target = target_of(notification, targets)
        entry = registry.target_for(target) if target is not None else None
        if entry is None or not entry.can_see(user, target):
            gone.append(notification)
            continue
        shown.append(describe(notification, target, entry))
    return shown, gone


def _cut(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


def describe(notification, target, entry=None, *, excerpt_length=EXCERPT_LENGTH) -> Shown:
    entry = entry or registry.target_for(target)
    title = entry.label(target)
    place = entry.place(target) if entry.place else ""
    excerpt = entry.excerpt(target) if entry.excerpt else ""
    names = list(notification.actor_names or [])
    actor = names[0] if names else _("Someone")
    data = notification.data or {}
    kind = notification.kind
    values = {"actor": actor, "title": title, "place": place}
    if kind == Kind.MENTIONED:
        headline = _("%(actor)s mentioned you in “%(title)s”") % values
    elif kind == Kind.QUOTED:
        headline = _("%(actor)s quoted you in “%(title)s”") % values
    elif kind == Kind.REPLIED:
        headline = _("%(actor)s replied to your topic “%(title)s”") % values
    elif kind == Kind.WATCHED:
        headline = _("%(actor)s posted in “%(title)s”") % values
    elif kind == Kind.NEW_TOPIC:
        headline = (
            _("%(actor)s started “%(title)s” in %(place)s") % values
            if place
            else _("%(actor)s started “%(title)s”") % values
        )
    elif kind == Kind.SOLUTION:
        if data.get("role") == "asker":
            headline = _("%(actor)s chose a solution in your topic “%(title)s”") % values
        else:
            headline = _("%(actor)s marked your reply in “%(title)s” as the solution") % values
    elif kind == Kind.REACTION:
        headline = _reactions(notification, names, title)
        excerpt = excerpt if notification.count < 3 else _names(names, notification.count)
    elif kind == Kind.MODERATION:
        headline, excerpt = _moderation(data, title, excerpt)
    elif kind == Kind.TRACKER:
        headline, excerpt = _tracker(data, values, excerpt)
    else:
        headline = _("News about “%(title)s”") % values
    return Shown(
        notification=notification,
        target=target,
        headline=headline,
        excerpt=_cut(excerpt, excerpt_length),
        url=entry.url(target),
        place=place,
        names=", ".join(names),
    )


def _reactions(notification, names, title) -> str:
    count = max(notification.count, 1)
    if count == 1 or not names:
        actor = names[0] if names else _("Someone")
        return _("%(actor)s reacted to your post in “%(title)s”") % {
            "actor": actor,
            "title": title,
        }
    if count == 2 and len(names) >= 2:
        return _("%(first)s and %(second)s reacted to your post in “%(title)s”") % {
            "first": names[0],
            "second": names[1],
            "title": title,
        }
    return ngettext(
        "%(count)d colleague reacted to your post in “%(title)s”",
        "%(count)d colleagues reacted to your post in “%(title)s”",
        count,
    ) % {"count": count, "title": title}


def _names(names, count) -> str:
    shown = ", ".join(names[:3])
    more = count - min(len(names), 3)
    if more <= 0:
        return shown
    return ngettext("%(names)s and %(count)d other", "%(names)s and %(count)d others", more) % {
        "names": shown,
        "count": more,
    }


def _moderation(data, title, excerpt) -> tuple[str, str]:
    action = data.get("action")
    values = {"title": title, "space": data.get("space", "")}
    if action == "moved" and values["space"]:
        headline = _("A moderator moved your topic “%(title)s” to %(space)s") % values
    elif action == "split":
        headline = _("A moderator moved your post to a new topic: “%(title)s”") % values
    elif action == "merged":
        headline = _("A moderator merged your topic into “%(title)s”") % values
    elif action == "hidden":
        headline = _("A moderator hid your post in “%(title)s”") % values
    elif action == "deleted":
        headline = _("A moderator deleted your post in “%(title)s”") % values
    elif action == "restored":
        headline = _("A moderator restored your post in “%(title)s”") % values
    else:
        headline = _("A moderator looked at your post in “%(title)s”") % values
    reason = data.get("reason") or ""
    if reason:
        return headline, _("Reason: %(reason)s") % {"reason": reason}
    return headline, excerpt


def _tracker(data, values, excerpt) -> tuple[str, str]:
    """The bottleneck tracker's news: a status change, a merge, a message."""
    if data.get("message"):
        return _("%(actor)s sent a message about “%(title)s”") % values, data["message"]
    if data.get("answer") and data.get("dossier"):
        headline = _("%(body)s answered the question of the dossier “%(dossier)s”") % {
            "body": data["answer"],
            "dossier": data["dossier"],
        }
    elif data.get("answer"):
        # Told on a bottleneck they follow: the dossier itself they may not read.
        headline = _("%(body)s answered a question about “%(title)s”") % {
            **values,
            "body": data["answer"],
        }
    elif data.get("overdue"):
        headline = _("The answer of %(body)s to “%(title)s” is overdue") % {
            **values,
            "body": data["overdue"],
        }
    elif data.get("merged"):
        headline = _("“%(merged)s” was merged into “%(title)s”") % {
            **values,
            "merged": data["merged"],
        }
    elif data.get("to"):
        headline = _("“%(title)s” has a new status") % values
    else:
        headline = _("News about “%(title)s”") % values
    reason = data.get("reason") or ""
    return headline, f"{excerpt} · {reason}" if excerpt and reason else excerpt or reason
