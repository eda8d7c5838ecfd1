"""What members do with a post: react, quote, mark the answer, edit and delete (softly).

Every view asks ``community.access``: a post in a topic the member may not see is a 404,
whatever the request carries; a deleted post answers with a message, never a 500. Changes
are POST only and bring the search in step: an edited or deleted post is indexed again,
and so is the question when its solution changes (its document carries the solution).

Reactions and the quote button work without JavaScript (forms and links) and with it
(``static/js/forum-posts.js`` asks for JSON with ``Accept: application/json``).
"""

import re

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

import search
from portal import markdown
from portal.converters import MAX_ID

from . import access, moderation, posting, signals
from .access import forum_member_required as member_required
from .forms import PostForm
from .models import Post, PostRevision, Reaction, ReactionKind, Topic

REACTION_LABELS = {
    ReactionKind.THUMBS_UP.value: gettext_lazy("Thumbs up"),
    ReactionKind.HEART.value: gettext_lazy("Heart"),
    ReactionKind.IDEA.value: gettext_lazy("Good idea"),
    ReactionKind.THANKS.value: gettext_lazy("Thanks"),
}
# Who reacted: this many names, then "and N more".
NAMES_SHOWN = 12
_ID = re.compile(r"[0-9]{1,19}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


# Helpers -----------------------------------------------------------------------------------


def _post_or_404(user, pk) -> Post:
    post = (
        Post.objects.select_related("topic__space", "topic__solution", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None or not access.can_see_topic(user, post.topic):
        raise Http404
    return post


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _silenced(request, post):
    """A silenced member's write refused with the sanction's end and reason, else None."""
    sanction = access.sanction(request.user)
    if sanction is None:
        return None
    from .views import silenced_message

    return _refuse(request, post, silenced_message(sanction), 403)


def _refuse(request, post, message, status=400):
    """A clear answer to a request that cannot be done: JSON for scripts, else a message."""
    if _wants_json(request):
        return JsonResponse({"error": str(message)}, status=status)
    messages.error(request, message)
    return redirect(post.get_absolute_url())


def _reindex_question(topic) -> None:
    """The first post's document carries the solution's text: index it again."""
    first = Post.objects.filter(topic=topic, number=1).only("pk").first()
    if first is not None:
        search.index(first)


def who_reacted(names: list[str]) -> str:
    if not names:
        return _("Nobody yet")
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    if more <= 0:
        return shown
    return ngettext("%(names)s and %(count)d more", "%(names)s and %(count)d more", more) % {
        "names": shown,
        "count": more,
    }


def reaction_summary(post, user) -> list[dict]:
    """Per kind: count, who, and whether ``user`` chose it; from ``post.reactions.all()``,
    which the topic page prefetches with the users, so this costs no query there."""
    by_kind: dict[str, list] = {kind: [] for kind in ReactionKind.values}
    for reaction in post.reactions.all():
        if reaction.kind in by_kind:
            by_kind[reaction.kind].append(reaction)
    summary = []
    for kind in ReactionKind:
        reactions = sorted(by_kind[kind.value], key=lambda reaction: reaction.created_at)
        summary.append(
            {
                "kind": kind.value,
                "emoji": kind.label,
                "label": str(REACTION_LABELS[kind.value]),
                "count": len(reactions),
                "mine": any(reaction.user_id == user.pk for reaction in reactions),
                "who": who_reacted([reaction.user.display_name for reaction in reactions]),
            }
        )
    return summary


def quote_heading(post) -> str:
    return _("%(name)s wrote") % {"name": post.author_name}


def quote_text(post) -> str:
    """``[Name wrote](/forum/p/<pk>/):`` and the post's lines as a Markdown quote."""
    heading = _MARKDOWN_SPECIAL.sub(r"\\\1", quote_heading(post))
    url = reverse("community:post", args=[post.pk])
    lines = post.body.replace("\r\n", "\n").strip().split("\n")
    quoted = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"[{heading}]({url}):\n{quoted}\n\n"


def quote_initial(request, topic) -> dict:
    """The reply form's initial body for ``?citeer=<post pk>``: a quote of a post that is
    visible in this topic; anything else quotes nothing."""
    wanted = request.GET.get("citeer", "")
    if not _ID.fullmatch(wanted) or int(wanted) > MAX_ID:
        return {}
    post = Post.objects.select_related("author").filter(pk=int(wanted), topic=topic).first()
    if post is None:
        return {}
    if post.is_deleted:
        messages.warning(request, _("That message was deleted: there is nothing to quote."))
        return {}
    if post.is_hidden:
        messages.warning(request, _("That message is hidden by a moderator: it cannot be quoted."))
        return {}
    return {"body": quote_text(post)}


# Views -------------------------------------------------------------------------------------


@member_required
@require_POST
def react(request, pk):
    """Toggle one reaction. ``state`` ("on"/"off"), sent by the form, makes a repeated
    submit harmless; without it the reaction flips."""
    user = request.user
    post = _post_or_404(user, pk)
    kind = request.POST.get("kind", "")
    if kind not in ReactionKind.values:
        return _refuse(request, post, _("Choose one of the reactions."))
    if not access.can_react(user, post):
        if post.is_deleted:
            return _refuse(
                request, post, _("This message was deleted: you can no longer react to it."), 409
            )
        if post.is_hidden:
            return _refuse(
                request, post, _("This message is hidden by a moderator: you cannot react."), 409
            )
        return _silenced(request, post) or _refuse(request, post, _("You cannot react."), 403)
    mine = Reaction.objects.filter(post=post, user=user, kind=kind)
    state = request.POST.get("state")
    wanted = state == "on" if state in ("on", "off") else not mine.exists()
    if wanted:
        try:
            with transaction.atomic():
                reaction, created = Reaction.objects.get_or_create(post=post, user=user, kind=kind)
                if created:
                    transaction.on_commit(
                        lambda: signals.reaction_added.send(sender=Reaction, reaction=reaction)
                    )
        except IntegrityError:
            pass  # a second click raced in: the reaction is there
    else:
        mine.delete()
    if _wants_json(request):
        post = Post.objects.prefetch_related("reactions__user").get(pk=post.pk)
        found = next(item for item in reaction_summary(post, user) if item["kind"] == kind)
        return JsonResponse(found)
    return redirect(post.get_absolute_url())


@member_required
def quote(request, pk):
    """A post as a Markdown quote, for the quote button (JSON); a browser is sent to the
    reply form with the quote filled in."""
    post = _post_or_404(request.user, pk)
    if not _wants_json(request):
        topic = post.topic
        page = topic.page_of(post.number)
        query = f"pagina={page}&" if page > 1 else ""
        return redirect(f"{topic.get_absolute_url()}?{query}citeer={post.pk}#reply-title")
    if post.is_deleted:
        return _refuse(
            request, post, _("That message was deleted: there is nothing to quote."), 409
        )
    if post.is_hidden:
        return _refuse(
            request, post, _("That message is hidden by a moderator: it cannot be quoted."), 409
        )
    return JsonResponse({"text": quote_text(post)})


@member_required
@require_POST
def mark_solution(request, pk):
    """Mark a reply as the topic's answer (``solution=mark``) or unmark it (``unmark``)."""
    user = request.user
    post = _post_or_404(user, pk)
    topic = post.topic
    refused = _silenced(request, post)
    if refused is not None:
        return refused
    if not access.can_mark_solution(user, topic):
        return _refuse(
            request,
            post,
            _("Only whoever asked the question, or SAM staff, choose its solution."),
            403,
        )
    wanted = request.POST.get("solution")
    if wanted == "unmark":
        if Topic.objects.filter(pk=topic.pk, solution=post).update(solution=None):
            _reindex_question(topic)
            messages.success(request, _("This reply is no longer marked as the solution."))
        return redirect(post.get_absolute_url())
    if wanted != "mark":
        return _refuse(request, post, _("Choose to mark or unmark the solution."))
    if post.is_deleted:
        return _refuse(
            request, post, _("This message was deleted: it cannot be the solution."), 409
        )
    if post.is_hidden:
        return _refuse(
            request,
            post,
            _("This message is hidden by a moderator: it cannot be the solution."),
            409,
        )
    if not access.can_be_solution(post):
        return _refuse(request, post, _("The question cannot be its own solution: choose a reply."))
    if topic.solution_id != post.pk:
        with transaction.atomic():
            Topic.objects.filter(pk=topic.pk).update(solution=post)
            transaction.on_commit(
                lambda: signals.solution_chosen.send(sender=Topic, topic=topic, post=post, by=user)
            )
        _reindex_question(topic)
    messages.success(
        request, _("Marked as the solution. Thanks for letting everyone know what helped!")
    )
    return redirect(post.get_absolute_url())


def _save_edit(post, body: str, mentions) -> bool:
    """Keep the current text as a revision and store the new one; False if nothing changed."""
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        if current.body == body:
            return False
        PostRevision.objects.create(
            post=current, body=current.body, created_at=current.edited_at or current.created_at
        )
        current.body = body
        current.edited_at = timezone.now()
        current.save(update_fields=["body", "edited_at"])
        posting._save_mentions(current, mentions)
    search.index(current)
    if post.topic.solution_id == post.pk:
        _reindex_question(post.topic)
    return True


@member_required
def edit_post(request, pk):
    user = request.user
    post = _post_or_404(user, pk)
    if post.is_deleted:
        return _refuse(request, post, _("This message was deleted: it can no longer be edited."))
    refused = _silenced(request, post)
    if refused is not None:
        return refused
    if not access.can_edit(user, post):
        return _refuse(request, post, _("You can only edit your own messages."), 403)
    topic = post.topic
    if request.method == "POST":
        form = PostForm(request.POST, space=topic.space)
        if form.is_valid():
            if _save_edit(post, form.cleaned_data["body"], form.mentioned):
                messages.success(request, _("Your changes are saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(post.get_absolute_url())
    else:
        form = PostForm(initial={"body": post.body}, space=topic.space)
    return render(
        request,
        "community/edit_post.html",
        {"post": post, "topic": topic, "space": topic.space, "form": form},
        status=400 if form.is_bound else 200,
    )


@member_required
def delete_post(request, pk):
    """GET: ask to confirm; POST: delete softly. The post keeps its number and place, so
    replies keep their context; the search forgets it."""
    user = request.user
    post = _post_or_404(user, pk)
    if post.is_deleted:
        return _refuse(request, post, _("This message was already deleted."), 409)
    refused = _silenced(request, post)
    if refused is not None:
        return refused
    if not access.can_delete(user, post):
        return _refuse(request, post, _("You can only delete your own messages."), 403)
    topic = post.topic
    if request.method == "POST":
        with transaction.atomic():
            deleted = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(
                deleted_at=timezone.now(), deleted_by=user
            )
            if deleted and post.author_id != user.pk:
                # Someone else's post: a moderator's act, logged, and its author told.
                moderation.deleted_by_moderator(post, user)
            was_solution = Topic.objects.filter(pk=topic.pk, solution=post).update(solution=None)
        search.index(post)
        if was_solution:
            _reindex_question(topic)
        messages.success(request, _("The message is deleted."))
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/delete_post.html",
        {
            "post": post,
            "topic": topic,
            "space": topic.space,
            "html": markdown.render(post.body),
            "own": post.author_id == user.pk,
        },
    )


@member_required
def post_versions(request, pk):
    """Moderators: the current text (also of a deleted post) and every earlier version."""
    user = request.user
    post = _post_or_404(user, pk)
    if not access.can_see_versions(user, post):
        raise Http404
    revisions = list(post.revisions.all())
    for revision in revisions:
        revision.html = markdown.render(revision.body)
    return render(
        request,
        "community/post_versions.html",
        {
            "post": post,
            "topic": post.topic,
            "space": post.topic.space,
            "html": markdown.render(post.body),
            "revisions": revisions,
        },
    )
