"""What notifications can point at, and what can be watched: registered by the apps that own it.

The notifications app never decides who may see a forum post or a bottleneck: the owning app
registers its access rule (``can_see``), and, for the bulk paths (a fan-out to 2,000 watchers,
a digest for 5,000 members), optionally its audience as a queryset of users, so that one query
answers for many members.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_targets: dict[type, "Target"] = {}
_watchables: dict[str, "Watchable"] = {}


@dataclass(frozen=True)
class Target:
    model: type
    can_see: Callable[[Any, Any], bool]
    url: Callable[[Any], str]
    label: Callable[[Any], str]
    # The watchable object whose level applies (a post's topic), or None.
    topic: Callable[[Any], Any] | None = None
    # Users who may see the object, as a queryset; with ``audience_key`` objects that share
    # an audience (posts of one space) are asked once.
    audience: Callable[[Any], Any] | None = None
    audience_key: Callable[[Any], Any] | None = None
    select_related: tuple[str, ...] = ()
    excerpt: Callable[[Any], str] | None = None
    markdown: Callable[[Any], str] | None = None
    place: Callable[[Any], str] | None = None
    details: Callable[[Any, str], dict] | None = None

    def key(self, obj):
        return self.audience_key(obj) if self.audience_key else (self.model, obj.pk)


@dataclass(frozen=True)
class Watchable:
    model: type
    name: str
    can_see: Callable[[Any, Any], bool]
    url: Callable[[Any], str]
    label: Callable[[Any], str]
    parent: Callable[[Any], Any] | None = None
    select_related: tuple[str, ...] = ()


def register_target(model, *, can_see, url, label, **options) -> None:
    """Let notifications point at ``model``: ``can_see(user, obj)`` (the owning app's rule,
    asked again whenever a notification is shown or mailed), ``url(obj)`` (a path on this
    site), ``label(obj)`` (a title). Options: ``topic(obj)`` (the watchable thing whose
    level, muted or not, applies), ``audience(obj)`` (a queryset of users who may see it) and
    ``audience_key(obj)``, ``select_related``, ``excerpt(obj)`` (plain text), ``markdown(obj)``
    (for the HTML mail), ``place(obj)`` (where it is: a space's name), ``details(obj, kind)``
    (a dict kept with the notification, e.g. a moderator's reason)."""
    _targets[model] = Target(model=model, can_see=can_see, url=url, label=label, **options)


def register_watchable(model, *, name, can_see, url, label, parent=None, **options) -> None:
    """Let members watch ``model`` (``name`` is its key in forms: "topic", "space");
    ``parent(obj)`` is the container whose level applies when the object has none."""
    _watchables[name] = Watchable(
        model=model, name=name, can_see=can_see, url=url, label=label, parent=parent, **options
    )


def target_for(obj_or_model) -> Target:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _targets[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with notifications") from None


def has_target(model) -> bool:
    return model in _targets


def targets() -> dict[type, Target]:
    return dict(_targets)


def watchable(name: str) -> Watchable | None:
    return _watchables.get(name)


def watchable_for(obj_or_model) -> Watchable | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for entry in _watchables.values():
        if entry.model is model:
            return entry
    return None


def watchables() -> list[Watchable]:
    return list(_watchables.values())
