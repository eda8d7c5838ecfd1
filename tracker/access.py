"""Who sees which bottleneck: the one rule for the tracker's views, lists, files, search and
notifications.

- Visitors (and accounts that are not members) see nothing: the views send them to the
  login or answer with the forum's 403 page (``accounts.access.member_required``).
- Members see a bottleneck once SAM accepted it (``accepted_at``: it left "gemeld" for "in
  behandeling"); the reporter sees their own from the start.
- Policy workers and SAM staff see all of them. Only SAM staff triage.
- A bottleneck merged into another is not shown itself: its address leads to the other.
- Reporters and confirmers are anonymous ("een casemanager uit Limburg") to everyone but
  SAM staff, who see who reported (to ask them a question).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import access

from .models import Bottleneck, Region, Status


def sees_all(user) -> bool:
    return access.is_policy_worker(user) or access.is_staff(user)


def can_triage(user) -> bool:
    return access.is_staff(user)


def awaiting_triage():
    """New reports that SAM has not triaged yet ("gemeld"), the oldest first."""
    return Bottleneck.objects.filter(status=Status.REPORTED, merged_into__isnull=True).order_by(
        "created_at", "pk"
    )


def visible_condition(user, prefix: str = "") -> Q | None:
    """The rule as a condition on bottleneck fields (``prefix``: the path to them from
    another model, e.g. "bottleneck__"); None when ``user`` sees no bottleneck at all."""
    if not access.is_member(user):
        return None
    condition = Q(**{f"{prefix}merged_into__isnull": True})
    if sees_all(user):
        return condition
    return condition & (
        Q(**{f"{prefix}accepted_at__isnull": False}) | Q(**{f"{prefix}reporter": user})
    )


def visible_bottlenecks(user):
    """Every bottleneck ``user`` may open (merged ones left out)."""
    condition = visible_condition(user)
    if condition is None:
        return Bottleneck.objects.none()
    return Bottleneck.objects.filter(condition)


def can_see(user, bottleneck) -> bool:
    if not access.is_member(user) or bottleneck.merged_into_id is not None:
        return False
    return sees_all(user) or bottleneck.is_accepted or bottleneck.reporter_id == user.pk


def can_confirm(user, bottleneck) -> bool:
    return (
        can_see(user, bottleneck) and bottleneck.is_accepted and bottleneck.reporter_id != user.pk
    )


def anonymous(region: str) -> str:
    """How a reporter or confirmer is shown: by region only."""
    if region and region != Region.VLAANDEREN:
        return _("a case manager from %(region)s") % {"region": Region(region).label}
    return _("a case manager")


def reporter_label(user, bottleneck) -> str:
    """Staff see who reported (they may need to ask); the reporter sees "jij"; others only the
    region the reporter's profile names."""
    reporter = bottleneck.reporter
    if reporter is None:
        return _("a former member")
    if user.pk == reporter.pk:
        return _("you")
    if can_triage(user):
        return reporter.display_name
    return anonymous(getattr(reporter, "region", ""))


def can_use_thread(user, bottleneck) -> bool:
    """The question thread: SAM staff and the reporter only."""
    return can_see(user, bottleneck) and (
        can_triage(user)
        or (bottleneck.reporter_id is not None and bottleneck.reporter_id == user.pk)
    )


# --- dossiers --------------------------------------------------------------------------------
#
# - SAM staff build and change dossiers; they and policy workers read every dossier, with
#   its internal notes, and export it.
# - Members read a dossier once staff published it, without internal notes, and in it only
#   the bottlenecks they may see themselves (the rule above).
# - Anyone, visitors included, reads the public summary of a dossier staff made public.
# - Exports and the API never carry names, e-mail addresses or internal notes.


def can_manage_dossiers(user) -> bool:
    return access.is_staff(user)


def can_export(user) -> bool:
    return sees_all(user)


def can_see_internal_notes(user) -> bool:
    return sees_all(user)


def visible_dossiers(user):
    from .models import Dossier

    queryset = Dossier.objects.all()
    if not access.is_member(user):
        return queryset.none()
    if sees_all(user):
        return queryset
    return queryset.filter(published=True)


def can_see_dossier(user, dossier) -> bool:
    if not access.is_member(user):
        return False
    return sees_all(user) or dossier.published


def can_see_public_summary(user, dossier) -> bool:
    """The short public page: for everyone when staff made the dossier public."""
    return dossier.public or can_see_dossier(user, dossier)


def dossier_items(user, dossier):
    """The dossier's bottlenecks ``user`` may see, in the dossier's order."""
    from .models import DossierItem

    condition = visible_condition(user, "bottleneck__")
    items = DossierItem.objects.filter(dossier=dossier)
    items = items.none() if condition is None else items.filter(condition)
    return items.select_related("bottleneck", "bottleneck__body").order_by("position", "pk")
