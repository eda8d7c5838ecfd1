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
