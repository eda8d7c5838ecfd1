"""Who may see a page and the files it uses: one rule for views, lists, feeds, files and search.

A page is visible when it is live, not past its expiry, and every Wagtail privacy setting
on it or above it lets the user in:

- "logged in": members only (accounts.access: approved, verified, active), not any
  account that managed to log in;
- "groups": members of one of the groups, and SAM staff (they publish and moderate it);
- "password": whoever gave the password in this session, and SAM staff.

A page's *content* may be narrower than the page: a product marked members-only shows
visitors its title and summary only (``members_only`` on the page).

A file is visible only where every live page using it lets the user read its content;
a file that nothing live uses is for SAM staff only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from accounts import access

_RESTRICTIONS = "_portal_page_restrictions"


def _all_restrictions(request=None) -> list[PageViewRestriction]:
    """Every page restriction with its groups: a short list, read once per request."""
    cached = getattr(request, _RESTRICTIONS, None) if request is not None else None
    if cached is not None:
        return cached
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    )
    if request is not None:
        setattr(request, _RESTRICTIONS, restrictions)
    return restrictions


def restriction_accepts(restriction: PageViewRestriction, user, request=None) -> bool:
    if access.is_staff(user):
        return True
    kind = restriction.restriction_type
    if kind == PageViewRestriction.LOGIN:
        return access.is_member(user)
    if kind == PageViewRestriction.GROUPS:
        allowed = {group.pk for group in restriction.groups.all()}
        return bool(allowed & access.group_ids(user))
    if kind == PageViewRestriction.PASSWORD:
        if request is None or not hasattr(request, "session"):
            return False
        passed = request.session.get(restriction.passed_view_restrictions_session_key, [])
        return restriction.pk in passed
    return False


def _restrictions_of(page, request=None) -> list[PageViewRestriction]:
    return [r for r in _all_restrictions(request) if page.path.startswith(r.page.path)]


def refusing_restriction(page, user, request=None) -> PageViewRestriction | None:
    """The first privacy setting on or above ``page`` that keeps ``user`` out, if any."""
    for restriction in _restrictions_of(page, request):
        if not restriction_accepts(restriction, user, request):
            return restriction
    return None


def _is_current(page) -> bool:
    if not page.live:
        return False
    return page.expire_at is None or page.expire_at > timezone.now()


def can_view_page(page, user, request=None) -> bool:
    return _is_current(page) and refusing_restriction(page, user, request) is None


def can_read_content(page, user, request=None) -> bool:
    """The whole page, beyond a members-only product's title and summary."""
    if not can_view_page(page, user, request):
        return False
    return not getattr(page, "members_only", False) or access.is_member(user)


def visible_pages(queryset, user, request=None):
    """``queryset`` narrowed to the live, current pages ``user`` may see (lists, feeds)."""
    queryset = queryset.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    for restriction in _all_restrictions(request):
        if not restriction_accepts(restriction, user, request):
            queryset = queryset.exclude(path__startswith=restriction.page.path)
    return queryset


def visible_page_ids(page_ids, user, request=None) -> set[int]:
    return set(
        visible_pages(Page.objects.filter(pk__in=list(page_ids)), user, request).values_list(
            "pk", flat=True
        )
    )


# Files -----------------------------------------------------------------------------------

_file_users: list = []


def register_file_users(finder) -> None:
    """``finder(document)`` returns ``(page, members_only)`` pairs for objects using a file.

    Pages that reference a file through Wagtail's reference index are found here; apps add
    uses the index does not see as pages (e.g. materials that only members may download).
    """
    _file_users.append(finder)


def pages_using(document) -> list[tuple[Page, bool]]:
    """Live or not, every page that uses the file, and whether that use is for members only."""
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    uses = [(page, False) for page in Page.objects.filter(pk__in=page_ids).specific()]
    for finder in _file_users:
        uses.extend(finder(document))
    return uses


def live_uses(document) -> list[tuple[Page, bool]]:
    return [(page, members_only) for page, members_only in pages_using(document) if page.live]


def can_read_file(document, user, request=None) -> bool:
    """Every live page that uses the file lets the user read it; unused files: staff only."""
    if access.is_staff(user):
        return True
    uses = live_uses(document)
    if not uses:
        return False
    for page, members_only in uses:
        if not can_read_content(page, user, request):
            return False
        if members_only and not access.is_member(user):
            return False
    return True
