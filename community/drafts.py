"""Drafts: what a member types is saved while typing, per topic (a reply) or per space (a topic).

The editor posts the text here a moment after typing stops and when the page is left
(``navigator.sendBeacon``), so it survives a reload and waits on another device. A draft
is only ever shown to the member who wrote it, and deleted when the post is saved.
"""

import uuid

from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.views.decorators.http import require_POST

from accounts.access import member_required
from portal.converters import MAX_ID

from . import access
from .forms import MAX_BODY
from .models import Draft, Post, Space, Topic

# A little room above the form's limit: a draft keeps what was typed, the form says it is long.
MAX_DRAFT = 2 * MAX_BODY


def parse_id(value) -> int | None:
    if value and value.isascii() and value.isdigit() and len(value) <= 19:
        number = int(value)
        return number if 0 < number <= MAX_ID else None
    return None


def for_topic(user, topic) -> Draft | None:
    return Draft.objects.filter(user=user, topic=topic).first()


def for_space(user, space) -> Draft | None:
    return Draft.objects.filter(user=user, space=space, topic__isnull=True).first()


def initial(draft: Draft | None, extra: dict | None = None) -> dict:
    """A form's initial values: the draft, with ``extra`` (a quote) added to its body."""
    values = {"title": draft.title, "body": draft.body} if draft else {}
    if draft and not draft.title:
        del values["title"]
    extra_body = (extra or {}).get("body")
    if extra_body:
        body = values.get("body", "").rstrip()
        values["body"] = f"{body}\n\n{extra_body}" if body else extra_body
    return values


def target(form, *, topic=None, space=None, draft: Draft | None = None):
    """Tell the editor where to save this form's draft (``_editor.html`` reads it)."""
    form.draft_target = ("topic", topic.pk) if topic is not None else ("space", space.pk)
    form.draft_saved_at = timezone.localtime(draft.updated_at) if draft else None
    return form


def clear(user, *, topic=None, space=None) -> None:
    if topic is not None:
        Draft.objects.filter(user=user, topic=topic).delete()
    elif space is not None:
        Draft.objects.filter(user=user, space=space, topic__isnull=True).delete()


def _target(user, data):
    """(topic, space) the draft belongs to, after the same checks as posting there."""
    topic_id, space_id = parse_id(data.get("topic")), parse_id(data.get("space"))
    if topic_id:
        topic = Topic.objects.select_related("space").filter(pk=topic_id).first()
        if topic is None or not access.can_see_topic(user, topic):
            raise Http404
        return topic, None
    if space_id:
        space = Space.objects.filter(pk=space_id).first()
        if space is None or not access.can_see_space(user, space):
            raise Http404
        return None, space
    raise Http404


def _store(user, topic, space, title: str, body: str) -> Draft:
    lookup = {"user": user, "topic": topic} if topic else {"user": user, "space": space}
    if not topic:
        lookup["topic__isnull"] = True
    values = {"title": title, "body": body}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                updated = Draft.objects.filter(**lookup).update(**values, updated_at=timezone.now())
                if updated:
                    return Draft.objects.get(**lookup)
                return Draft.objects.create(user=user, topic=topic, space=space, **values)
        except IntegrityError:
            continue  # another save of the same draft made the row first: update it
    return Draft.objects.get(**lookup)


@member_required
@require_POST
def save(request):
    """Save (or, when empty, delete) the member's draft. Answers JSON."""
    user = request.user
    topic, space = _target(user, request.POST)
    if topic is not None and not access.can_reply(user, topic):
        return JsonResponse({"saved": False, "reason": "closed"}, status=403)
    if space is not None and not access.can_start_topic(user, space):
        return JsonResponse({"saved": False, "reason": "closed"}, status=403)
    key = request.POST.get("submission_key", "")
    if key and _posted(user, key):
        # The post this draft was for is already saved (a late autosave): keep no draft.
        return JsonResponse({"saved": False, "reason": "posted"})
    title = request.POST.get("title", "").replace("\x00", "")[:150] if space else ""
    body = request.POST.get("body", "").replace("\x00", "")
    if len(body) > MAX_DRAFT:
        return JsonResponse({"saved": False, "reason": "too_long"}, status=413)
    if not title.strip() and not body.strip():
        clear(user, topic=topic, space=space)
        return JsonResponse({"saved": False, "reason": "empty"})
    draft = _store(user, topic, space, title, body)
    local = timezone.localtime(draft.updated_at)
    return JsonResponse({"saved": True, "time": time_format(local, "H:i")})


def _posted(user, key: str) -> bool:
    try:
        submission_key = uuid.UUID(key)
    except ValueError:
        return False
    return Post.objects.filter(author=user, submission_key=submission_key).exists()
