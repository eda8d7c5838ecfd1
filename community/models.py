"""The forum: spaces (categories), topics and their numbered posts, written by members.

Plain Django models, not Wagtail pages: members write them. Counters that lists need
(post count, last activity, last poster) live on the topic and are kept in step in the
same transaction that adds a post, so a list never counts rows.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

POSTS_PER_PAGE = 20


def author_name(user) -> str:
    """A member's name as the forum shows it; "voormalig lid" once their account is erased."""
    return user.display_name if user is not None else str(FORMER_MEMBER)


FORMER_MEMBER = _("former member")


class Space(models.Model):
    """A category. Closed spaces are seen only by their group's members (and SAM staff)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0, db_index=True)
    group = models.ForeignKey(
        Group,
        verbose_name=_("closed to this group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_spaces",
        help_text=_(
            "Empty: every member sees this space. Chosen: only members of this group (and SAM "
            "staff) see it and its topics."
        ),
    )
    staff_only_topics = models.BooleanField(
        _("announcements"),
        default=False,
        help_text=_("Only SAM staff start topics here; members may reply."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum space")
        verbose_name_plural = _("forum spaces")
        ordering = ["position", "name"]
        permissions = [("moderate_forum", _("Can moderate the forum"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:space", args=[self.slug])

    @property
    def is_closed(self) -> bool:
        return self.group_id is not None


class Topic(models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=80, allow_unicode=False, blank=True)
    # Empty once the author's account is erased: the topic stays, by "voormalig lid".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    last_posted_at = models.DateTimeField(_("last activity"), default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    pinned = models.BooleanField(_("pinned"), default=False)
    pinned_globally = models.BooleanField(
        _("pinned everywhere"),
        default=False,
        help_text=_("Also first on 'Laatste' and the forum's front page."),
    )
    locked = models.BooleanField(_("closed for replies"), default=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    # Where an imported topic came from (a Teams message id); empty when written here.
    external_id = models.CharField(max_length=200, blank=True, default="", editable=False)
    solution = models.OneToOneField(
        "Post",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solves",
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            models.Index(fields=["space", "-pinned", "-last_posted_at", "-id"]),
            models.Index(fields=["-last_posted_at", "-id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="one_topic_per_external_id",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "onderwerp"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("community:topic", args=[self.pk, self.slug])

    @property
    def author_name(self) -> str:
        return author_name(self.author)

    @property
    def reply_count(self) -> int:
        return max(0, self.post_count - 1)

    @property
    def is_solved(self) -> bool:
        return self.solution_id is not None

    def page_of(self, number: int) -> int:
        return (max(1, number) - 1) // POSTS_PER_PAGE + 1

    def url_of(self, number: int) -> str:
        page = self.page_of(number)
        query = f"?pagina={page}" if page > 1 else ""
        return f"{self.get_absolute_url()}{query}#post-{number}"


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    number = models.PositiveIntegerField(_("number"))
    # Empty once the author's account is erased: the post stays, by "voormalig lid".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty or the author: deleted by the author; anyone else: a moderator."),
    )
    # Hidden by a moderator (or by the import, until a moderator looks): the author sees why.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, default="")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where an imported post came from (a Teams message id); empty when written here.
    external_id = models.CharField(max_length=200, blank=True, default="", editable=False)
    # A double submit (two clicks, a retried request) carries the same key: one post.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="one_number_per_post"),
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="one_post_per_submission"
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="one_post_per_external_id",
            ),
        ]

    def __str__(self):
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self) -> str:
        return self.topic.url_of(self.number)

    @property
    def author_name(self) -> str:
        return author_name(self.author)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostRevision(models.Model):
    """An earlier version of an edited post, kept for moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.post} ({self.created_at:%Y-%m-%d %H:%M})"


class ReadPosition(models.Model):
    """How far a member read a topic: the highest post number seen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reads"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_read_position")]

    def __str__(self):
        return f"{self.user} → {self.topic} #{self.last_read}"


class ReactionKind(models.TextChoices):
    THUMBS_UP = "duim", "👍"
    HEART = "hart", "❤️"
    IDEA = "idee", "💡"
    THANKS = "dank", "🙏"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(max_length=8, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.user} → {self.post}"


class Mention(models.Model):
    """Who a post names with @: the notifications app tells them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mentions"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_mention_each")]

    def __str__(self):
        return f"@{self.user} in {self.post}"


class Draft(models.Model):
    """What a member is typing, saved while typing: a reply in a topic, or a new topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts"
    )
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE)
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="one_reply_draft_per_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=models.Q(topic__isnull=True),
                name="one_topic_draft_per_space",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.title or self.topic or self.space}"


def attachment_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, never in the file system.
    return f"forum/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    is_image = models.BooleanField(default=False)
    # Images only: a small copy for the topic page, private like the original.
    thumbnail = models.FileField(upload_to=attachment_path, max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:attachment", args=[self.pk, self.name])

    def get_thumbnail_url(self) -> str:
        return reverse("community:attachment_thumbnail", args=[self.pk])


@receiver(post_delete, sender=Attachment)
def _delete_attachment_files(sender, instance, **kwargs):
    """A deleted row (a topic removed in the admin) takes its files along, once committed."""
    names = [f.name for f in (instance.file, instance.thumbnail) if f]
    if names:
        storage = instance.file.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


# Moderation ----------------------------------------------------------------------------------


class FlagReason(models.TextChoices):
    PRIVACY = "privacy", _("Privacy: a participant can be recognised")
    TONE = "tone", _("Tone: hurtful or disrespectful")
    SPAM = "spam", _("Spam or advertising")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("To review")
    HIDDEN = "hidden", _("Post hidden")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    """A report on a post, by a member, or by the system (the privacy guard during an import:
    ``reporter`` empty). Reviewed in the admin's moderation queue."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.TextField(_("explanation"), blank=True, default="", max_length=1000)
    status = models.CharField(
        _("status"), max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.post} ({self.get_reason_display()})"


class ModerationAction(models.Model):
    """The moderator log: who did what, when and why. Never edited, never deleted by a view."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("hid a post")
        RESTORE = "restore", _("restored a post")
        DISMISS = "dismiss", _("dismissed a flag")
        DELETE = "delete", _("deleted a post")
        LOCK = "lock", _("closed a topic for replies")
        UNLOCK = "unlock", _("opened a topic for replies")
        PIN = "pin", _("pinned a topic")
        UNPIN = "unpin", _("unpinned a topic")
        MOVE = "move", _("moved a topic")
        SPLIT = "split", _("split replies into a new topic")
        MERGE = "merge", _("merged topics")
        SILENCE = "silence", _("silenced a member")
        SUSPEND = "suspend", _("suspended a member")
        LIFT = "lift", _("lifted a sanction")
        IMPORT = "import", _("imported a hidden message")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=Kind.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_moderation",
    )
    reason = models.TextField(_("reason"), blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderator action")
        verbose_name_plural = _("moderator log")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class Sanction(models.Model):
    """A member silenced (may read, not write) or suspended (no forum at all) for a while."""

    class Kind(models.TextChoices):
        SILENCE = "silence", _("Silenced (read only)")
        SUSPEND = "suspend", _("Suspended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_sanctions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason (the member sees it)"))
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["user", "ends_at"])]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} tot {self.ends_at:%Y-%m-%d}"
