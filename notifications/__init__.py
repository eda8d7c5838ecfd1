"""In-app notifications, watching, mail preferences, digests and one-click unsubscribe.

The public interface, for the forum and (later) the bottleneck tracker:

- ``notify(recipient, kind, target, actor=None)``: the one way to tell a member something.
- ``register_target(Model, can_see=..., url=..., label=..., topic=..., ...)``: what a
  notification may point at, with the owning app's access rule (asked again on delivery).
- ``register_watchable(Model, name=..., ...)``: what members may watch (topics, spaces).
- ``Kind`` (``notifications.models.Kind``) and ``watching`` (set_level, level_for, watchers).
"""

from .registry import register_target, register_watchable

__all__ = ["Kind", "notify", "notify_many", "register_target", "register_watchable"]


def notify(recipient, kind, target, actor=None, **options):
    from .delivery import notify as _notify

    return _notify(recipient, kind, target, actor, **options)


def notify_many(kinds, target, actor=None):
    from .delivery import notify_many as _notify_many

    return _notify_many(kinds, target, actor)


def __getattr__(name):
    if name == "Kind":
        from .models import Kind

        return Kind
    raise AttributeError(name)
