from django import template
from django.utils.translation import gettext as _

from .. import delivery, registry, watching
from ..context_processors import UnreadCount
from ..forms import LEVEL_HELP, SPACE_LEVEL_HELP
from ..models import WatchLevel, WatchReason

register = template.Library()


@register.simple_tag(takes_context=True)
def watch_state(context, obj):
    """The member's level for ``obj`` (a topic, a space) and what the selector shows; one
    query. None for whoever is not logged in, or what cannot be watched."""
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = registry.watchable_for(obj) if obj is not None else None
    if entry is None or user is None or not user.is_authenticated:
        return None
    level = watching.level_for(user, obj)
    helps = SPACE_LEVEL_HELP if entry.parent is None else LEVEL_HELP
    why = ""
    if level.own is not None and level.level == WatchLevel.WATCHING:
        if level.reason == WatchReason.CREATED:
            why = _("You follow this because you started it.")
        elif level.reason == WatchReason.REPLIED:
            why = _("You follow this because you replied to it.")
    elif level.own is None and level.source is not None:
        source = registry.watchable_for(level.source)
        label = source.label(level.source) if source else ""
        why = _("Chosen for all of “%(label)s”; your choice here goes first.") % {"label": label}
    return {
        "what": entry.name,
        "id": obj.pk,
        "level": level.level,
        "level_label": WatchLevel(level.level).label,
        "why": why,
        "legend": _("Notifications for this space")
        if entry.parent is None
        else _("Notifications for this topic"),
        "next": request.get_full_path(),
        "choices": [
            {"value": value, "label": label, "help": helps[value]}
            for value, label in WatchLevel.choices
        ],
    }


@register.simple_tag(takes_context=True)
def mark_seen(context, objects) -> str:
    """Seeing the posts on a page reads their notifications: one query, and none when the
    header's count (asked already, remembered on the user) says nothing is unread."""
    request = context.get("request")
    user = getattr(request, "user", None)
    objects = [obj for obj in (objects or []) if registry.has_target(type(obj))]
    if user is not None and objects and UnreadCount.of(user):
        delivery.mark_read_for(user, objects)
    return ""
