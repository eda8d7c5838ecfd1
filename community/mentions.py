"""Names for @mentions: the members who may see a space, found by the start of their name.

The editor asks ``/forum/leden/?ruimte=<space id>&q=<prefix>`` while a member types
``@`` and two letters. Only members who may see the space are suggested (a closed space:
its group and SAM staff), so a suggestion never leads to a refused mention.
"""

from django.db.models import Q
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe

from accounts.access import member_required

from . import access
from .drafts import parse_id
from .models import Space

MAX_SUGGESTIONS = 8


def suggestions(space, prefix: str, *, exclude=None) -> list[dict]:
    prefix = prefix.strip().lstrip("@")
    if len(prefix) < 2:
        return []
    users = (
        access.who_may_see(space)
        .filter(
            Q(username__istartswith=prefix)
            | Q(first_name__istartswith=prefix)
            | Q(last_name__istartswith=prefix)
        )
        .order_by("first_name", "last_name", "username")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return [
        {
            "username": user.username,
            "name": user.get_full_name() or user.username,
            "organisation": user.organisation,
        }
        for user in users[:MAX_SUGGESTIONS]
    ]


@member_required
@require_safe
def members(request):
    space_id = parse_id(request.GET.get("ruimte"))
    space = Space.objects.filter(pk=space_id).first() if space_id else None
    if space is None or not access.can_see_space(request.user, space):
        raise Http404
    prefix = request.GET.get("q", "")[:50]
    return JsonResponse(suggestions(space, prefix, exclude=request.user), safe=False)
