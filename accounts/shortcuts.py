"""Where each role goes next: the personal links on the home page (public to other apps)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import roles
from .models import ApprovalStatus


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    note: str = ""


# Apps add their own shortcuts: provider(user) -> list[Shortcut], asked for members only.
_providers: list = []


def provider(func):
    _providers.append(func)
    return func


def for_user(user) -> list[Shortcut]:
    if not user.is_authenticated:
        return []
    links = []
    if user.has_perm("accounts.approve_user"):
        waiting = get_user_model().objects.filter(approval_status=ApprovalStatus.PENDING).count()
        note = (
            ngettext(
                "%(count)d registration is waiting for approval",
                "%(count)d registrations are waiting for approval",
                waiting,
            )
            % {"count": waiting}
            if waiting
            else _("No registrations waiting")
        )
        links.append(Shortcut(_("Approve registrations"), reverse("accounts_admin:pending"), note))
    if user.has_perm("wagtailadmin.access_admin"):
        links.append(
            Shortcut(_("Publish in the admin"), "/admin/", _("Pages, documents and images"))
        )
    if roles.has_role(user, roles.POLICY_WORKER):
        links.append(
            Shortcut(
                _("Bottlenecks and dossiers"), "/knelpunten/", _("Prepare the policy dialogue")
            )
        )
    links.append(
        Shortcut(
            _("My learning activities"), "/leeractiviteiten/mijn/", _("What you registered for")
        )
    )
    if roles.is_member(user):
        for func in _providers:
            links.extend(func(user))
    links.append(
        Shortcut(_("My profile"), reverse("accounts:profile"), _("Organisation, region and role"))
    )
    return links
