"""Notifications, what members watch, and how they want to hear of it by mail.

A notification points at its target (a forum post, later a bottleneck) through the content
type and the id, so this app knows nothing of the apps that use it: each registers its
models with ``notifications.register_target`` (who may see one, its address, its label).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    MENTIONED = "mentioned", _("Mentioned")
    REPLIED = "replied", _("Reply in your topic")
    WATCHED = "watched", _("New post in something you watch")
    NEW_TOPIC = "new_topic", _("New topic in a space you watch")
    QUOTED = "quoted", _("Quoted")
    SOLUTION = "solution", _("Solution chosen")
    REACTION = "reaction", _("Reactions")
    MODERATION = "moderation", _("Moderator action")
    TRACKER = "tracker", _("Bottleneck tracker")


# The kinds a new post brings. A member hears of one post once, in this order of precedence.
POST_KINDS = (Kind.MENTIONED, Kind.QUOTED, Kind.REPLIED, Kind.NEW_TOPIC, Kind.WATCHED)
# Kinds that reach a member even in what they ignore (a moderator acted on their own post).
UNMUTABLE_KINDS = (Kind.MODERATION, Kind.TRACKER)
# Kinds that never go out as a mail of their own (too small); digests do include them.
NOT_MAILED_AT_ONCE = (Kind.REACTION,)


def precedence(kind) -> int:
    """Lower is stronger: a mention beats a quote beats a reply beats a watched post."""
    try:
        return POST_KINDS.index(kind)
    except ValueError:
        return len(POST_KINDS)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A bundle of reactions moves to the top again when it grows.
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Sent by mail, at once or in a digest: never twice.
    emailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    # Reactions: how many colleagues, and the latest names (newest first).
    count = models.PositiveIntegerField(default=1)
    actor_names = models.JSONField(default=list, blank=True)
    # What the text needs beyond the target (a moderator's reason, whose solution ...).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="notification_to_mail",
            ),
            models.Index(fields=["content_type", "object_id"], name="notification_target"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "content_type", "object_id"],
                condition=Q(kind__in=[kind.value for kind in POST_KINDS]),
                name="one_post_notification_each",
            ),
            models.UniqueConstraint(
                fields=["recipient", "content_type", "object_id", "kind"],
                condition=Q(kind="solution"),
                name="one_solution_notification_each",
            ),
            models.UniqueConstraint(
                fields=["recipient", "content_type", "object_id"],
                condition=Q(kind="reaction", read_at__isnull=True),
                name="one_unread_reaction_bundle",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class WatchLevel(models.TextChoices):
    WATCHING = "watching", pgettext_lazy("watch level", "Watching")
    NORMAL = "normal", pgettext_lazy("watch level", "Normal")
    MUTED = "muted", pgettext_lazy("watch level", "Muted")


class WatchReason(models.TextChoices):
    CHOSEN = "chosen", _("you chose it")
    CREATED = "created", _("you started it")
    REPLIED = "replied", _("you replied")


class Watch(models.Model):
    """How closely a member follows one thing (a topic, a space): a row only where they (or
    what they did) chose something; without one the level is normal, or the container's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    level = models.CharField(_("level"), max_length=10, choices=WatchLevel.choices)
    reason = models.CharField(
        max_length=10, choices=WatchReason.choices, default=WatchReason.CHOSEN
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_watch_each"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "level"], name="watchers"),
            models.Index(fields=["user", "level", "-updated_at"], name="watches_of_user"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level} {self.content_type_id}:{self.object_id}"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", pgettext_lazy("mail frequency", "Immediately")
    DAILY = "daily", pgettext_lazy("mail frequency", "Daily digest")
    WEEKLY = "weekly", pgettext_lazy("mail frequency", "Weekly digest")
    NEVER = "never", pgettext_lazy("mail frequency", "Never")


DEFAULT_FREQUENCY = Frequency.IMMEDIATELY
DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


class MailPreference(models.Model):
    """A member's choice about mail; no row means the default (``DEFAULT_FREQUENCY``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="mail_preference",
    )
    frequency = models.CharField(
        _("e-mail"), max_length=12, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )
    # The last digest (sent, or found empty): the next one is due after the next digest hour.
    last_digest_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")
        indexes = [models.Index(fields=["frequency", "last_digest_at"], name="digests_due")]

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"
