"""What the forum holds about a member, for the export and for erasure.

Erasure keeps the community's memory: topics and posts stay, signed "voormalig lid" (the author
is emptied), unless the member asks to remove their text too (``remove_posts``: the text becomes
a neutral marker). Mentions of them in what others wrote stay as written; the Mention rows go.
Their uploaded files go from storage (a post that stays loses them): a file is the member's own
document, the text is what the thread needs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

import search
from accounts.data_rows import deleted, nulled, rows
from accounts.personal_data import Holding, register

from .models import (
    Attachment,
    Draft,
    Flag,
    FlagStatus,
    Mention,
    ModerationAction,
    Post,
    PostRevision,
    Reaction,
    ReadPosition,
    Sanction,
    Topic,
)

# What a removed post reads (stored text, so in the forum's language).
REMOVED_MARKER = "[verwijderd op vraag van het lid]"

MEMBERSHIP = _("As long as the account exists.")


def _posts(user) -> list[dict]:
    topics = rows(
        Topic.objects.filter(author=user).order_by("created_at"),
        "id",
        "title",
        "space__name",
        "created_at",
    )
    for topic in topics:
        topic["kind"] = "topic"
    posts = rows(
        Post.objects.filter(author=user).order_by("created_at", "pk"),
        "id",
        "topic_id",
        "topic__title",
        "number",
        "body",
        "created_at",
        "edited_at",
        "deleted_at",
        "hidden_at",
        "hidden_reason",
    )
    for post in posts:
        post["kind"] = "post"
    return topics + posts


def _erase_posts(user, options) -> int:
    own = Post.objects.filter(author=user)
    post_ids = list(own.values_list("pk", flat=True))
    if options.remove_posts and post_ids:
        PostRevision.objects.filter(post_id__in=post_ids).delete()
        # Their text no longer names anyone: the mentions it made go with it.
        Mention.objects.filter(post_id__in=post_ids).delete()
        own.update(body=REMOVED_MARKER)
    count = nulled(own, author=None)
    count += nulled(Topic.objects.filter(author=user), author=None)
    nulled(Topic.objects.filter(last_poster=user), last_poster=None)
    # As a moderator: the act stays (a deleted or hidden post), without who did it.
    nulled(Post.objects.filter(deleted_by=user), deleted_by=None)
    nulled(Post.objects.filter(hidden_by=user), hidden_by=None)
    # Their replies' search documents carry the author's name as their title; the question's
    # document its text, and a question's document the text of its solution.
    solved = Post.objects.filter(number=1, topic__solution_id__in=post_ids)
    for post in Post.objects.filter(pk__in=post_ids) | solved:
        search.index(post)
    return count


register(
    Holding(
        key="community.posts",
        label=_("Forum topics and posts"),
        purpose=_(
            "To let members ask and answer each other's questions. After erasure the posts "
            "stay as 'voormalig lid' (the text too, unless the member asks to remove it)."
        ),
        retention=_("As long as the forum exists; the author is removed when the account goes."),
        legal_basis=_("Contract"),
        covers=(
            "community.Topic.author",
            "community.Topic.last_poster",
            "community.Post.author",
            "community.Post.deleted_by",
            "community.Post.hidden_by",
        ),
        export=_posts,
        erase=_erase_posts,
    )
)

register(
    Holding(
        key="community.drafts",
        label=_("Forum drafts"),
        purpose=_("To keep what a member is typing until they post it."),
        retention=_("Until posted or cleared."),
        legal_basis=_("Contract"),
        covers=("community.Draft.user",),
        export=lambda user: rows(
            Draft.objects.filter(user=user).order_by("updated_at"),
            "title",
            "body",
            "topic__title",
            "space__name",
            "updated_at",
        ),
        erase=lambda user, options: deleted(Draft.objects.filter(user=user)),
    )
)

register(
    Holding(
        key="community.reactions",
        label=_("Reactions to forum posts"),
        purpose=_("To show who appreciated a post."),
        retention=MEMBERSHIP,
        legal_basis=_("Contract"),
        covers=("community.Reaction.user",),
        export=lambda user: rows(
            Reaction.objects.filter(user=user).order_by("created_at"),
            "post__topic__title",
            "post__number",
            "kind",
            "created_at",
        ),
        erase=lambda user, options: deleted(Reaction.objects.filter(user=user)),
    )
)

register(
    Holding(
        key="community.read_positions",
        label=_("Where you stopped reading"),
        purpose=_("To open a topic at the first unread post and mark new posts."),
        retention=_("Forgotten after the period SAM sets (retention periods)."),
        legal_basis=_("Contract"),
        covers=("community.ReadPosition.user",),
        export=lambda user: rows(
            ReadPosition.objects.filter(user=user).order_by("topic_id"), "topic__title", "last_read"
        ),
        erase=lambda user, options: deleted(ReadPosition.objects.filter(user=user)),
    )
)

register(
    Holding(
        key="community.mentions",
        label=_("Mentions of you in the forum"),
        purpose=_(
            "To tell a member that someone named them with @. After erasure the text others "
            "wrote stays as written."
        ),
        retention=MEMBERSHIP,
        legal_basis=_("Contract"),
        covers=("community.Mention.user",),
        export=lambda user: rows(
            Mention.objects.filter(user=user).order_by("post_id"),
            "post__topic__title",
            "post__number",
            "post__created_at",
        ),
        erase=lambda user, options: deleted(Mention.objects.filter(user=user)),
    )
)


def _attachment_files(user):
    for attachment in Attachment.objects.filter(uploader=user).order_by("pk"):
        if attachment.file:
            yield f"forum/{attachment.pk}-{attachment.name}", attachment.file


register(
    Holding(
        key="community.attachments",
        label=_("Files added to forum posts"),
        purpose=_("To share documents and images with a post."),
        retention=_("As long as the post exists; removed from storage when the account is erased."),
        legal_basis=_("Contract"),
        covers=("community.Attachment.uploader",),
        export=lambda user: rows(
            Attachment.objects.filter(uploader=user).order_by("pk"),
            "id",
            "name",
            "content_type",
            "size",
            "created_at",
            "post__topic__title",
            "post__number",
        ),
        files=_attachment_files,
        # The rows' post_delete signal removes the files once the erasure commits.
        erase=lambda user, options: deleted(Attachment.objects.filter(uploader=user)),
    )
)


def _erase_flags(user, options) -> int:
    # A handled report is history; an open one still asks the moderators to look at a post.
    count = deleted(Flag.objects.filter(reporter=user).exclude(status=FlagStatus.OPEN))
    count += nulled(Flag.objects.filter(reporter=user), reporter=None)
    nulled(Flag.objects.filter(resolved_by=user), resolved_by=None)
    return count


register(
    Holding(
        key="community.flags",
        label=_("Reports on forum posts"),
        purpose=_("To let members point moderators at a post that breaks the rules."),
        retention=_(
            "Until handled; after erasure an open report stays without the person who made it."
        ),
        legal_basis=_("Legitimate interest (a safe forum)"),
        covers=("community.Flag.reporter", "community.Flag.resolved_by"),
        export=lambda user: rows(
            Flag.objects.filter(reporter=user).order_by("created_at"),
            "post__topic__title",
            "post__number",
            "reason",
            "note",
            "status",
            "created_at",
        ),
        erase=_erase_flags,
    )
)


def _moderation(user) -> list[dict]:
    sanctions = rows(
        Sanction.objects.filter(user=user).order_by("starts_at"),
        "kind",
        "reason",
        "starts_at",
        "ends_at",
        "lifted_at",
    )
    actions = rows(
        ModerationAction.objects.filter(member=user).order_by("created_at"),
        "action",
        "reason",
        "topic__title",
        "created_at",
    )
    return [{"sanction": row} for row in sanctions] + [{"moderation": row} for row in actions]


def _erase_moderation(user, options) -> int:
    count = deleted(Sanction.objects.filter(user=user))
    # The moderator log keeps what was done, without the member (or the moderator).
    count += nulled(ModerationAction.objects.filter(member=user), member=None)
    nulled(ModerationAction.objects.filter(actor=user), actor=None)
    nulled(Sanction.objects.filter(created_by=user), created_by=None)
    return count


register(
    Holding(
        key="community.moderation",
        label=_("Moderation of your posts and sanctions"),
        purpose=_(
            "To keep the forum safe: what moderators did about a member's posts, and sanctions."
        ),
        retention=_(
            "Sanctions until the account is erased; the moderator log keeps the action without "
            "the person."
        ),
        legal_basis=_("Legitimate interest (a safe forum)"),
        covers=(
            "community.ModerationAction.actor",
            "community.ModerationAction.member",
            "community.Sanction.user",
            "community.Sanction.created_by",
        ),
        export=_moderation,
        erase=_erase_moderation,
    )
)
