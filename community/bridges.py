"""Bridges from the forum to the rest of the platform.

"Meld als knelpunt" on a post: ``bridges/_post_actions.html`` links to the bottleneck form
with ``?uit=<post id>`` (only once the tracker's ``tracker:report`` address exists), and
``bottleneck_source(user, post_id)`` gives that form the thread's address and title to
prefill, for a post the member may see.

A solved topic becomes a draft knowledge product: SAM staff press a button on the topic page
and land in the Wagtail editor on a draft (never live) under the knowledge base, with the
topic's title, the question and the solution as rich text, and a link back to the thread.
From there the product goes through the four-eyes workflow like any other (knowledge.workflow).

Choices:
- The draft is members-only (the forum is; making it public is a choice the editor makes)
  and names no one: colleagues wrote for colleagues, not for a public page. Attachments stay
  in the forum (they are the forum's private files).
- Which draft came from which topic is kept in the page's own history (a Wagtail log entry
  "community.knowledge_draft" with the topic's id), not in a new table: no migration, it
  survives whatever the editor changes (title, slug, body), the History tab tells where the
  product came from, and a deleted page no longer counts. A second click leads to that page.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

import nh3
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import LogFormatter, log
from wagtail.log_actions import registry as log_actions

from accounts import access as account_access
from accounts.access import member_required
from portal import markdown

from . import access
from .models import Topic

ACTION = "community.knowledge_draft"
SUMMARY_LENGTH = 300
# Wagtail's rich text as the knowledge blocks allow it (knowledge.blocks.RICH_TEXT_FEATURES).
RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li"}
_BLOCK_GAP = re.compile(r"\s+(?=</?(?:p|ul|ol|li)>)|(?<=<(?:ul|ol)>)\s+")


class DraftFromTopicFormatter(LogFormatter):
    label = gettext_lazy("Draft from a forum topic")

    def format_message(self, log_entry):
        return _("Draft made from the forum topic “%(title)s”") % {
            "title": log_entry.data.get("topic_title", "")
        }


if ACTION not in log_actions.formatters:
    log_actions.register_action(ACTION)(DraftFromTopicFormatter)


def existing_product(topic: Topic):
    """The knowledge product made from ``topic`` before, if it still exists."""
    from wagtail.models import PageLogEntry

    from knowledge.models import KnowledgeProductPage

    made = PageLogEntry.objects.filter(action=ACTION, data__topic_id=topic.pk).values("page_id")
    return KnowledgeProductPage.objects.filter(pk__in=made).order_by("pk").first()


def rich_text(text: str) -> str:
    """A member's Markdown as Wagtail rich text: rendered and sanitised as on the forum, then
    narrowed to what the knowledge blocks' editor keeps (headings become bold paragraphs,
    quotes and code their text)."""
    html = str(markdown.render(text))
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    html = re.sub(r"<h[3-6]>(.*?)</h[3-6]>", r"<p><b>\1</b></p>", html, flags=re.DOTALL)
    html = nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    # Wagtail stores blocks without line breaks between them (a soft break inside a
    # paragraph stays: it is a space there).
    return _BLOCK_GAP.sub("", html).strip()


def draft_from_topic(topic: Topic, user, parent):
    """A new draft KnowledgeProductPage under ``parent`` from a solved topic."""
    from knowledge.models import KnowledgeProductPage, ProductType

    question = topic.posts.get(number=1)
    solution = topic.solution
    link = f'<a href="{escape(topic.get_absolute_url())}">{escape(topic.title)}</a>'
    page = KnowledgeProductPage(
        title=topic.title,
        slug=find_available_slug(parent, slugify(topic.title)[:60] or "uit-het-forum"),
        product_type=ProductType.PRACTICE_EXAMPLE,
        summary=Truncator(" ".join(markdown.to_plain_text(question.body).split())).chars(
            SUMMARY_LENGTH
        ),
        members_only=True,
        body=[
            {"type": "heading", "value": {"text": _("Question"), "level": "h2"}},
            {"type": "paragraph", "value": rich_text(question.body)},
            {"type": "heading", "value": {"text": _("Solution"), "level": "h2"}},
            {"type": "paragraph", "value": rich_text(solution.body)},
            {
                "type": "callout",
                "value": {
                    "kind": "info",
                    "text": "<p>"
                    + _("From the forum: %(link)s (members only).") % {"link": link}
                    + "</p>",
                },
            },
        ],
        live=False,
        has_unpublished_changes=True,
        owner=user,
    )
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user, revision=revision, content_changed=True)
    log(
        instance=page,
        action=ACTION,
        user=user,
        data={"topic_id": topic.pk, "topic_title": topic.title, "url": topic.get_absolute_url()},
    )
    return page


def bottleneck_source(user, post_id) -> dict | None:
    """What the bottleneck form prefills for ``?uit=<post id>``: the post's address on this
    site and its topic's title. None when there is no such post or ``user`` may not read it
    (a closed space, a hidden or deleted post)."""
    from urllib.parse import urljoin

    from django.conf import settings

    from .drafts import parse_id
    from .models import Post

    pk = parse_id(str(post_id or ""))
    post = Post.objects.select_related("topic__space").filter(pk=pk).first() if pk else None
    if post is None or post.is_deleted or not access.can_see_post(user, post):
        return None
    url = urljoin(settings.SITE_URL + "/", post.get_absolute_url())
    return {
        "url": url,
        "title": post.topic.title,
        "text": _("From the forum: “%(title)s”, %(url)s") % {"title": post.topic.title, "url": url},
    }


def _usable(post) -> bool:
    return post is not None and not post.is_deleted and not post.is_hidden


@member_required
@require_POST
def knowledge_draft(request, pk):
    """The topic page's button: make (or find) the draft and open it in the Wagtail editor."""
    from knowledge.models import KnowledgeIndexPage

    user = request.user
    if not account_access.is_staff(user):
        raise PermissionDenied
    topic = Topic.objects.select_related("space", "solution").filter(pk=pk).first()
    if topic is None or not access.can_see_topic(user, topic):
        raise Http404
    back = redirect(topic.get_absolute_url())
    if not topic.is_solved:
        messages.error(
            request,
            _(
                "Only a solved topic becomes a knowledge product: mark the answer that helped "
                "first."
            ),
        )
        return back
    parent = KnowledgeIndexPage.objects.first()
    if parent is None:
        messages.error(request, _("There is no knowledge base to put the product in yet."))
        return back
    if not parent.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    with transaction.atomic():
        # Two clicks at once: the second waits here and then finds the first one's draft.
        Topic.objects.select_for_update().filter(pk=topic.pk).first()
        page = existing_product(topic)
        if page is not None:
            messages.info(request, _("A knowledge product was already made from this topic."))
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        question = topic.posts.filter(number=1).first()
        if not _usable(question) or not _usable(topic.solution):
            messages.error(
                request,
                _("The question or its solution was deleted or hidden: it cannot be published."),
            )
            return back
        page = draft_from_topic(topic, user, parent)
    messages.success(
        request,
        _(
            "A draft knowledge product was made from this topic. Complete it, then submit it "
            "for a second reading."
        ),
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
