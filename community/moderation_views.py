"""Moderation on the site: members report a post; moderators hide and restore posts and
handle topics (close, pin, move, split, merge) from the topic page.

Every view asks ``community.access``; moderator-only addresses answer 404 to everyone
else (like a post's earlier versions). Changes are POST only and go through
``community.moderation``; a request that cannot be done comes back with a clear message.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal import markdown

from . import access, moderation
from .access import forum_member_required as member_required
from .actions import _post_or_404
from .models import Flag, FlagReason, FlagStatus, Post, Space, Topic
from .views import _topic_or_404

# Flags -------------------------------------------------------------------------------------


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why do you report this message?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a reason.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Explanation for the moderators (optional)"),
        required=False,
        max_length=moderation.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@member_required
def flag_post(request, pk):
    """GET: the report form; POST: report the post to the moderators, once per member."""
    user = request.user
    post = _post_or_404(user, pk)
    refusal = None
    if post.is_deleted:
        refusal = _("This message was deleted: there is nothing to report.")
    elif post.is_hidden:
        refusal = _("A moderator has already hidden this message.")
    elif post.author_id == user.pk:
        refusal = _("This is your own message: you can edit or delete it instead.")
    if refusal is not None:
        messages.error(request, refusal)
        return redirect(post.get_absolute_url())
    if Flag.objects.filter(post=post, reporter=user, status=FlagStatus.OPEN).exists():
        messages.info(
            request, _("You already reported this message. A moderator will look at it soon.")
        )
        return redirect(post.get_absolute_url())
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.flag(post, user, form.cleaned_data["reason"], form.cleaned_data["note"])
        except moderation.ModerationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you. A moderator will look at the message; it stays visible until then."),
            )
            return redirect(post.get_absolute_url())
    return render(
        request,
        "community/flag_post.html",
        _post_context(post, form=form),
        status=400 if form.is_bound else 200,
    )


def _post_context(post, **extra) -> dict:
    topic = post.topic
    return {
        "post": post,
        "topic": topic,
        "space": topic.space,
        "html": markdown.render(post.body),
        **extra,
    }


# Hiding and restoring posts ----------------------------------------------------------------


def _moderated_post(user, pk) -> Post:
    post = _post_or_404(user, pk)
    if not access.can_moderate(user):
        raise Http404
    return post


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the message hidden? The author reads this."),
        max_length=moderation.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say why: the author will read it.")},
    )


@member_required
def hide_post(request, pk):
    """Moderators: GET the form with the reason, POST hide the post."""
    user = request.user
    post = _moderated_post(user, pk)
    if post.is_deleted:
        messages.error(request, _("This message was deleted: there is nothing to hide."))
        return redirect(post.get_absolute_url())
    if post.is_hidden:
        messages.info(request, _("This message is hidden already."))
        return redirect(post.get_absolute_url())
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.hide(post, user, form.cleaned_data["reason"])
        except moderation.ModerationError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, _("The message is hidden. Its author can read why."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "community/hide_post.html",
        _post_context(post, form=form),
        status=400 if form.is_bound else 200,
    )


@member_required
@require_POST
def restore_post(request, pk):
    user = request.user
    post = _moderated_post(user, pk)
    if moderation.restore(post, user):
        messages.success(request, _("The message is visible again."))
    else:
        messages.info(request, _("This message was not hidden."))
    return redirect(post.get_absolute_url())


# Topics ------------------------------------------------------------------------------------


def _moderated_topic(user, pk) -> Topic:
    topic = _topic_or_404(user, pk)
    if not access.can_moderate(user):
        raise Http404
    return topic


@member_required
@require_POST
def moderate_topic(request, pk):
    """The topic page's moderation menu: ``action`` is lock, unlock, pin (with ``scope``),
    move (with ``space``) or merge (with ``target``: its number or address)."""
    user = request.user
    topic = _moderated_topic(user, pk)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action in ("lock", "unlock"):
            changed = moderation.set_locked(topic, user, action == "lock", reason)
            done = (
                _("The topic is closed for replies.")
                if action == "lock"
                else _("The topic is open for replies again.")
            )
        elif action == "pin":
            scope = request.POST.get("scope", "")
            changed = moderation.set_pinned(topic, user, scope)
            done = {
                "none": _("The topic is no longer pinned."),
                "space": _("The topic is pinned at the top of its space."),
                "everywhere": _(
                    "The topic is pinned everywhere: in its space, on 'Latest' and "
                    "on the forum's front page."
                ),
            }[scope]
        elif action == "move":
            space = moderation.space_for(user, request.POST.get("space"))
            changed = moderation.move(topic, user, space, reason)
            done = _("The topic is moved to %(space)s.") % {"space": space.name}
        elif action == "merge":
            target = moderation.topic_for(request.POST.get("target"))
            if target is None or not access.can_see_topic(user, target):
                raise moderation.ModerationError(
                    _("That topic does not exist. Give its number or paste its address.")
                )
            merged = moderation.merge(topic, target, user, reason)
            messages.success(
                request,
                _("The messages of ‘%(source)s’ are added to this topic.")
                % {"source": topic.title},
            )
            return redirect(merged.get_absolute_url())
        else:
            raise moderation.ModerationError(_("Choose what to do with the topic."))
    except moderation.ModerationError as error:
        messages.error(request, error.message)
        return redirect(topic.get_absolute_url())
    if changed:
        messages.success(request, done)
    else:
        messages.info(request, _("Nothing changed: the topic was like that already."))
    return redirect(topic.get_absolute_url())


class SplitForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title of the new topic"),
        max_length=moderation.MAX_TITLE,
        error_messages={"required": gettext_lazy("Give the new topic a title.")},
    )
    space = forms.ModelChoiceField(
        label=gettext_lazy("Space of the new topic"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=gettext_lazy("The same space"),
        error_messages={
            "invalid_choice": gettext_lazy("That space does not exist. Choose one from the list.")
        },
    )
    posts = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Replies to move"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one reply to move to the new topic."),
            "invalid_choice": gettext_lazy("Some of the chosen messages are not in this topic."),
        },
    )

    def __init__(self, *args, topic, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = access.visible_spaces(user)
        self.replies = list(
            Post.objects.filter(topic=topic, number__gt=1)
            .select_related("author")
            .order_by("number")
        )
        self.fields["posts"].choices = [(post.pk, f"#{post.number}") for post in self.replies]


@member_required
def split_topic(request, pk):
    """Moderators: choose replies and move them into a new topic."""
    user = request.user
    topic = _moderated_topic(user, pk)
    form = SplitForm(request.POST or None, topic=topic, user=user)
    if request.method == "POST":
        # Splitting off the first post: refused with its own message, not "not a choice".
        chosen = set(request.POST.getlist("posts"))
        first = Post.objects.filter(topic=topic, number=1).values_list("pk", flat=True).first()
        if str(first) in chosen:
            form.add_error(
                None,
                _("The first message starts the topic and cannot be split off. Choose replies."),
            )
        elif form.is_valid():
            try:
                new = moderation.split(
                    topic,
                    user,
                    form.cleaned_data["posts"],
                    form.cleaned_data["title"],
                    form.cleaned_data["space"],
                )
            except moderation.ModerationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("The replies are now the topic ‘%(title)s’.") % {"title": new.title},
                )
                return redirect(new.get_absolute_url())
    chosen = {str(value) for value in (form.data.getlist("posts") if form.is_bound else [])}
    for post in form.replies:
        post.chosen = str(post.pk) in chosen
        post.excerpt = markdown.to_plain_text(post.body)[:240] if not post.is_deleted else ""
    return render(
        request,
        "community/split_topic.html",
        {"topic": topic, "space": topic.space, "form": form, "replies": form.replies},
        status=400 if form.is_bound else 200,
    )
