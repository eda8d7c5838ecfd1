"""Who may see which audience, for pages that Wagtail's privacy settings restrict."""

from wagtail.models import PageViewRestriction

from .documents import MEMBERS, PUBLIC, STAFF, group_audience


def page_audience(page, default: str) -> str | None:
    """The audience of a live page, given its own default; None: never indexed.

    Wagtail's privacy setting on the page or an ancestor narrows it: "logged in" makes it
    members, one group makes it that group, several groups staff only; a password-
    protected page is never indexed, as a search cannot ask for its password.
    """
    restrictions = page.get_view_restrictions()
    audience = default
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return None
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            if audience == PUBLIC:
                audience = MEMBERS
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            group_ids = list(restriction.groups.values_list("pk", flat=True))
            audience = group_audience(group_ids[0]) if len(group_ids) == 1 else STAFF
    return audience


def narrowest_audience(audiences) -> str | None:
    """Who may see something that all of ``audiences`` may see (a file used by several pages).

    Public is the widest, then members, then one group; two different groups, or staff,
    leave only staff. None (never indexed) wins over everything.
    """
    audiences = list(audiences)
    if not audiences or any(audience is None for audience in audiences):
        return None
    narrowed = {audience for audience in audiences if audience not in (PUBLIC, MEMBERS)}
    if len(narrowed) > 1 or STAFF in narrowed:
        return STAFF
    if narrowed:
        return narrowed.pop()
    return MEMBERS if MEMBERS in audiences else PUBLIC
