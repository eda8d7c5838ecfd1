"""Who is a member: the one rule every view, list, feed, file, search and login path asks.

A **member** is an active account that SAM approved (or whose email domain is on the
allow-list) and whose email address is verified. Superusers always are. Everyone else
(pending, rejected, unverified, inactive, or not logged in) is a visitor, whichever
login form they used. Policy workers and SAM staff are members with a role on top.

The answer is kept on the user object, so a request asks the database at most once.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from . import roles
from .models import ApprovalStatus

_CACHE = "_portal_access"


def _facts(user) -> dict:
    """Membership and roles of a user, computed once per user object."""
    facts = getattr(user, _CACHE, None)
    if facts is not None:
        return facts
    facts = {"member": False, "groups": frozenset(), "group_ids": frozenset()}
    if user is not None and user.is_authenticated and user.is_active:
        if user.is_superuser:
            facts["member"] = True
        elif user.approval_status == ApprovalStatus.APPROVED:
            from allauth.account.models import EmailAddress

            facts["member"] = EmailAddress.objects.filter(user=user, verified=True).exists()
        if facts["member"]:
            groups = list(user.groups.values_list("pk", "name"))
            facts["group_ids"] = frozenset(pk for pk, _name in groups)
            facts["groups"] = frozenset(name for _pk, name in groups)
    if user is not None:
        setattr(user, _CACHE, facts)
    return facts


def forget(user) -> None:
    """Drop what was computed for this user object (after approving, joining a group...)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def is_member(user) -> bool:
    return _facts(user)["member"]


def has_role(user, group_name: str) -> bool:
    """A member in the role's group; superusers hold every role."""
    if not is_member(user):
        return False
    return user.is_superuser or group_name in _facts(user)["groups"]


def is_staff(user) -> bool:
    """SAM staff (or a superuser): publish, moderate, and see every closed group."""
    return has_role(user, roles.SAM_STAFF)


def is_policy_worker(user) -> bool:
    return has_role(user, roles.POLICY_WORKER)


def group_ids(user) -> frozenset[int]:
    """The groups a member belongs to; a visitor belongs to none, whatever the database says."""
    return _facts(user)["group_ids"]


def refuse_non_member(request):
    """The answer to someone who may not enter: log in, or wait for approval."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "account/not_a_member.html", {"account": user}, status=403)


def member_required(view):
    """A view for members only: visitors go to the login, other accounts are told why not."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_member(request.user):
            return refuse_non_member(request)
        return view(request, *args, **kwargs)

    return wrapper


class MemberRequiredMixin:
    """The class-based form of ``member_required``."""

    def dispatch(self, request, *args, **kwargs):
        if not is_member(request.user):
            return refuse_non_member(request)
        return super().dispatch(request, *args, **kwargs)
