"""What the notifications app holds about a member: what they were told, what they follow and
how they want mail. Notifications others received about what the member did stay, without
their name."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from accounts.data_rows import deleted, rows
from accounts.personal_data import Holding, register

from .models import Kind, MailPreference, Notification, Watch


def _notifications(user) -> list[dict]:
    found = rows(
        Notification.objects.filter(recipient=user).order_by("created_at", "pk"),
        "kind",
        "created_at",
        "read_at",
        "emailed_at",
        "count",
        "actor_names",
        "data",
        "content_type__app_label",
        "content_type__model",
        "object_id",
    )
    return found


def _named(user):
    """Notifications of others that carry the member's name: those the member caused (actor),
    and bundles of reactions to posts the member reacted to."""
    caused = Notification.objects.filter(actor=user).exclude(recipient=user)
    if not apps.is_installed("community"):
        return caused
    from community.models import Post, Reaction

    from .watching import content_type

    reacted = Reaction.objects.filter(user=user).values("post_id")
    bundles = Notification.objects.filter(
        kind=Kind.REACTION, content_type=content_type(Post), object_id__in=reacted
    ).exclude(recipient=user)
    return caused | bundles


def _erase_notifications(user, options) -> int:
    count = deleted(Notification.objects.filter(recipient=user))
    name = user.display_name
    for notification in _named(user).distinct():
        names = list(notification.actor_names or [])
        kept = [each for each in names if each != name]
        if notification.actor_id == user.pk:
            notification.actor = None
        if notification.kind == Kind.REACTION and len(kept) < len(names):
            notification.count = max(1, notification.count - 1)
        notification.actor_names = kept
        notification.save(update_fields=["actor", "actor_names", "count"])
        count += 1
    return count


register(
    Holding(
        key="notifications.notifications",
        label=_("Notifications"),
        purpose=_(
            "To tell members what happened in what they follow (replies, mentions, reactions, "
            "bottlenecks). Notifications others received about what the member did stay, "
            "without their name."
        ),
        retention=_("Read notifications are deleted after the period SAM sets."),
        legal_basis=_("Contract"),
        covers=("notifications.Notification.recipient", "notifications.Notification.actor"),
        export=_notifications,
        erase=_erase_notifications,
        # Before the forum's reactions go: they say which bundles hold the member's name.
        erase_order=50,
    )
)

register(
    Holding(
        key="notifications.watches",
        label=_("What you follow"),
        purpose=_("To notify members of new posts in what they chose to follow (or mute)."),
        retention=_("As long as the account exists."),
        legal_basis=_("Contract"),
        covers=("notifications.Watch.user",),
        export=lambda user: rows(
            Watch.objects.filter(user=user).order_by("pk"),
            "content_type__app_label",
            "content_type__model",
            "object_id",
            "level",
            "reason",
            "updated_at",
        ),
        erase=lambda user, options: deleted(Watch.objects.filter(user=user)),
    )
)

register(
    Holding(
        key="notifications.mail_preferences",
        label=_("Mail preferences"),
        purpose=_("To send notification mails as often as the member chose."),
        retention=_("As long as the account exists."),
        legal_basis=_("Contract"),
        covers=("notifications.MailPreference.user",),
        export=lambda user: rows(
            MailPreference.objects.filter(user=user),
            "frequency",
            "last_digest_at",
            "unsubscribed_at",
            "updated_at",
        ),
        erase=lambda user, options: deleted(MailPreference.objects.filter(user=user)),
    )
)
