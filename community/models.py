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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
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
    locked = models.BooleanField(_("closed for replies"), default=False)
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

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "onderwerp"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("community:topic", args=[self.pk, self.slug])

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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
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
        ]

    def __str__(self):
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self) -> str:
        return self.topic.url_of(self.number)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_first(self) -> bool:
        return self.number == 1


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
