"""The forum's pages: every view asks community.access, and lists keep a constant query count."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal import markdown

from . import access, actions, drafts, moderation, posting, queries
from .access import forum_member_required as member_required
from .forms import PostForm, TopicForm
from .models import POSTS_PER_PAGE, Flag, FlagStatus, Post, Reaction, ReadPosition, Space, Topic

TOPICS_PER_PAGE = 30


class CappedPaginator(Paginator):
    """Counts at most ``queries.UNREAD_CAP`` items: the lists across all spaces would otherwise
    count every visible topic (with its read state) on every page view. Older topics stay
    reachable through their space's page, which counts one space only."""

    @cached_property
    def count(self):
        return self.object_list.order_by()[: queries.UNREAD_CAP].count()


def _page(request, items, per_page, paginator=Paginator):
    return paginator(items, per_page).get_page(request.GET.get("pagina"))


def _space_or_404(user, slug) -> Space:
    space = Space.objects.filter(slug=slug).select_related("group").first()
    if space is None or not access.can_see_space(user, space):
        raise Http404
    return space


def _topic_or_404(user, pk) -> Topic:
    topic = Topic.objects.select_related("space", "solution__author").filter(pk=pk).first()
    if topic is None or not access.can_see_topic(user, topic):
        raise Http404
    return topic


def when(moment) -> str:
    """A moment as members read it: "12 maart 2025 om 14:05"."""
    local = localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "H:i"),
    }


def silenced_message(sanction) -> str:
    return _(
        "You can read the forum but not write until %(end)s. Reason from the moderators: %(reason)s"
    ) % {"end": when(sanction.ends_at), "reason": sanction.reason}


def _refuse_writing(user) -> str | None:
    """The message for a member who may not write (silenced), or None."""
    sanction = access.sanction(user)
    return silenced_message(sanction) if sanction is not None else None


def rate_limit_message(wait) -> str:
    return _(
        "You are new on the forum, so you can post only a few messages at a time. You can "
        "post again from %(time)s. Your text is kept below."
    ) % {"time": when(wait)}


def _rate_limited(user, form, *, new_topic: bool) -> bool:
    """A new member over the limit: the form says until when (its text stays). A double
    submit of a post that went through is not refused: it leads to that post."""
    wait = access.posting_wait(user, new_topic=new_topic)
    if wait is None:
        return False
    key = form.cleaned_data.get("submission_key")
    if key and Post.objects.filter(author=user, submission_key=key).exists():
        return False
    form.add_error(None, rate_limit_message(wait))
    return True


def _decorate(topics, user):
    for topic in topics:
        topic.new_posts = queries.new_count(topic, user)
    return topics


@member_required
def index(request):
    user = request.user
    # Hidden topics count only for moderators, who see them.
    counted = None if access.can_moderate(user) else Q(topics__hidden_at__isnull=True)
    spaces = list(
        access.visible_spaces(user).annotate(
            topic_count=Count("topics", filter=counted),
            last_activity=Max("topics__last_posted_at", filter=counted),
        )
    )
    pinned = list(queries.listed(queries.with_read_state(queries.pinned_everywhere(user), user)))
    others = queries.latest_topics(user).exclude(pinned_globally=True)
    latest = pinned + list(queries.listed(queries.with_read_state(others, user))[:10])
    _decorate(latest, user)
    unread = queries.unread_count(user)
    return render(
        request,
        "community/index.html",
        {
            "spaces": spaces,
            "latest": latest,
            "unread_count": unread,
            "forum_sanction": access.sanction(user),
        },
    )


def _topic_list(request, topics, heading, view, *, lists_unread=False, pinned=None):
    """ "Laatste" and "Nieuw & ongelezen": one page of topics across the visible spaces.

    ``lists_unread``: the topics are the unread ones, so the page's own count is the badge's.
    ``pinned``: topics pinned everywhere, shown above the first page.
    """
    user = request.user
    page = _page(request, queries.listed(topics), TOPICS_PER_PAGE, CappedPaginator)
    _decorate(page.object_list, user)
    # Above the first page only (one small query).
    pinned = pinned if pinned is not None and page.number == 1 else Topic.objects.none()
    pinned = _decorate(list(queries.listed(pinned)), user)
    unread_count = page.paginator.count if lists_unread else queries.unread_count(user)
    context = {
        "page_obj": page,
        "pinned": pinned,
        "heading": heading,
        "view": view,
        "unread_count": unread_count,
        "forum_sanction": access.sanction(user),
    }
    return render(request, "community/topic_list.html", context)


@member_required
def latest(request):
    user = request.user
    topics = queries.with_read_state(queries.latest_topics(user), user)
    pinned = queries.with_read_state(queries.pinned_everywhere(user), user)
    return _topic_list(
        request, topics.exclude(pinned_globally=True), _("Latest"), "latest", pinned=pinned
    )


@member_required
def unread(request):
    topics = queries.unread_topics(request.user).order_by("-last_posted_at", "-pk")
    return _topic_list(request, topics, _("New & unread"), "unread", lists_unread=True)


@member_required
@require_POST
def mark_all_read(request):
    """ "Alles gelezen": every topic in "Nieuw & ongelezen" counts as read up to its last post."""
    marked = posting.mark_all_read(request.user)
    if marked:
        messages.success(
            request,
            ngettext(
                "%(count)d conversation marked as read.",
                "%(count)d conversations marked as read.",
                marked,
            )
            % {"count": marked},
        )
    return redirect("community:unread")


@member_required
def space(request, slug):
    user = request.user
    space = _space_or_404(user, slug)
    page = _page(request, queries.listed(queries.space_topics(space, user)), TOPICS_PER_PAGE)
    _decorate(page.object_list, user)
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page_obj": page,
            "can_start": access.can_start_topic(user, space),
            "unread_count": queries.unread_count(user),
            "forum_sanction": access.sanction(user),
        },
    )


@member_required
def new_topic(request, slug):
    user = request.user
    space = _space_or_404(user, slug)
    if not access.can_start_topic(user, space):
        refusal = _refuse_writing(user) or _(
            "Only SAM staff start topics in this space; you can reply."
        )
        messages.error(request, refusal)
        return redirect(space.get_absolute_url())
    if request.method == "POST":
        form = drafts.target(
            TopicForm(request.POST, request.FILES, space=space, with_attachments=True), space=space
        )
    else:
        draft = drafts.for_space(user, space)
        form = TopicForm(space=space, initial=drafts.initial(draft), with_attachments=True)
        drafts.target(form, space=space, draft=draft)
    limited = False
    if request.method == "POST" and form.is_valid():
        limited = _rate_limited(user, form, new_topic=True)
    if request.method == "POST" and not limited and form.is_valid():
        topic = posting.start_topic(
            space,
            user,
            form.cleaned_data["title"],
            form.cleaned_data["body"],
            submission_key=form.cleaned_data.get("submission_key"),
            mentions=form.mentioned,
            attachments=form.cleaned_data.get("attachments") or [],
        )
        drafts.clear(user, space=space)
        messages.success(request, _("Your topic is online."))
        return redirect(topic.get_absolute_url())
    return render(
        request,
        "community/new_topic.html",
        {"space": space, "form": form, "forum_sanction": access.sanction(user)},
        status=429 if limited else 400 if form.is_bound else 200,
    )


@member_required
def topic(request, pk, slug=None):
    user = request.user
    try:
        topic = _topic_or_404(user, pk)
    except Http404:
        # A topic merged into another: its address leads there.
        target = moderation.merged_into(pk)
        if target is None or not access.can_see_topic(user, target):
            raise
        return HttpResponseRedirect(target.get_absolute_url())
    if slug != topic.slug:
        return HttpResponseRedirect(topic.get_absolute_url() + _query(request))
    # ?citeer=<post>: the reply form starts with a quote of that post (the no-JS quote button),
    # added to the member's draft of a reply, if there is one.
    draft = drafts.for_topic(user, topic) if access.can_reply(user, topic) else None
    initial = drafts.initial(draft, actions.quote_initial(request, topic))
    form = drafts.target(
        PostForm(space=topic.space, initial=initial, with_attachments=True),
        topic=topic,
        draft=draft,
    )
    return _render_topic(request, topic, form)


def _query(request) -> str:
    page = request.GET.get("pagina")
    return f"?pagina={page}" if page and page.isdigit() else ""


def _render_topic(request, topic, form, status=200):
    user = request.user
    posts = (
        Post.objects.filter(topic=topic)
        .select_related("author")
        .prefetch_related(
            Prefetch("reactions", queryset=Reaction.objects.select_related("user")),
            "attachments",
        )
        .order_by("number")
    )
    page = _page(request, posts, POSTS_PER_PAGE)
    position = ReadPosition.objects.filter(user=user, topic=topic).first()
    last_read = position.last_read if position else 0
    shown = list(page.object_list)
    moderator = access.can_moderate(user)
    flags = _open_flags(shown) if moderator else {}
    for post in shown:
        post.topic = topic  # the page's topic, with its space: no query per post
        # A hidden post: its text for its author and moderators; a placeholder for others.
        post.masked = not access.can_read_post(user, post)
        post.html = markdown.render(post.body) if not (post.is_deleted or post.masked) else ""
        post.is_unread = post.number > last_read
        post.open_flags = flags.get(post.pk, 0)
        post.can_flag = access.can_flag(user, post)
    if shown and shown[-1].number > last_read:
        posting.mark_read(user, topic, shown[-1].number)
    solution = topic.solution
    return render(
        request,
        "community/topic.html",
        {
            "topic": topic,
            "space": topic.space,
            "page_obj": page,
            "posts": shown,
            "form": form,
            "can_reply": access.can_reply(user, topic),
            "first_unread": last_read + 1 if last_read < topic.post_count else None,
            "solution_html": markdown.render(solution.body)
            if solution and not solution.is_deleted and not solution.is_hidden
            else "",
            "forum_sanction": access.sanction(user),
            "can_moderate": moderator,
            "move_spaces": Space.objects.exclude(pk=topic.space_id) if moderator else (),
        },
        status=status,
    )


def _open_flags(posts) -> dict[int, int]:
    """Moderators: how many open reports each post on the page has (one query)."""
    rows = (
        Flag.objects.filter(post__in=[post.pk for post in posts], status=FlagStatus.OPEN)
        .values("post")
        .annotate(count=Count("pk"))
    )
    return {row["post"]: row["count"] for row in rows}


@member_required
@require_POST
def reply(request, pk):
    user = request.user
    topic = _topic_or_404(user, pk)
    if not access.can_reply(user, topic):
        refusal = _refuse_writing(user)
        if refusal is None and topic.hidden_at is not None:
            refusal = _("This topic is hidden by a moderator: it takes no replies.")
        messages.error(request, refusal or _("This topic is closed for replies."))
        return redirect(topic.get_absolute_url())
    form = drafts.target(
        PostForm(request.POST, request.FILES, space=topic.space, with_attachments=True), topic=topic
    )
    if not form.is_valid():
        return _render_topic(request, topic, form, status=400)
    if _rate_limited(user, form, new_topic=False):
        return _render_topic(request, topic, form, status=429)
    post = posting.reply(
        topic,
        user,
        form.cleaned_data["body"],
        submission_key=form.cleaned_data.get("submission_key"),
        mentions=form.mentioned,
        attachments=form.cleaned_data.get("attachments") or [],
    )
    drafts.clear(user, topic=topic)
    return redirect(post.get_absolute_url())


@member_required
def first_unread(request, pk):
    user = request.user
    topic = _topic_or_404(user, pk)
    position = ReadPosition.objects.filter(user=user, topic=topic).first()
    number = min(topic.post_count, (position.last_read if position else 0) + 1)
    return redirect(topic.url_of(number))


@member_required
def post_link(request, pk):
    post = Post.objects.select_related("topic__space").filter(pk=pk).first()
    if post is None or not access.can_see_topic(request.user, post.topic):
        raise Http404
    return redirect(post.get_absolute_url())


@member_required
@require_POST
def preview(request):
    return JsonResponse({"html": str(markdown.render(request.POST.get("body", "")[:20_000]))})
