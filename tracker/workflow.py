"""The status workflow: the transitions SAM staff may make, and the reason for a refusal."""

from django.utils.translation import gettext as _

from .models import Status

S = Status
# From each status, where a bottleneck may go next.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REPORTED: (S.IN_PROGRESS, S.NOT_RETAINED),
    S.IN_PROGRESS: (S.BUNDLED, S.ON_AGENDA, S.SOLVED, S.NOT_RETAINED),
    S.BUNDLED: (S.ON_AGENDA, S.IN_PROGRESS, S.NOT_RETAINED),
    S.ON_AGENDA: (S.ANSWERED, S.BUNDLED),
    S.ANSWERED: (S.SOLVED, S.NOT_RETAINED, S.ON_AGENDA),
    S.SOLVED: (S.REOPENED,),
    S.NOT_RETAINED: (S.REOPENED,),
    S.REOPENED: (S.IN_PROGRESS, S.BUNDLED, S.NOT_RETAINED),
}
# Statuses that count as "accepted by SAM": reaching one shows the bottleneck to members.
ACCEPTING = frozenset(Status) - {S.REPORTED, S.NOT_RETAINED}


def allowed(from_status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(from_status, ())


def refusal(from_status: str, to_status: str) -> str | None:
    """None when the transition is allowed, else why not (in the interface's language)."""
    if to_status not in Status.values:
        return _("“%(status)s” is not a status.") % {"status": to_status}
    if to_status in allowed(from_status):
        return None
    if to_status == from_status:
        return _("The bottleneck already has the status “%(status)s”.") % {
            "status": Status(to_status).label
        }
    options = ", ".join(f"“{Status(s).label}”" for s in allowed(from_status))
    return _(
        "A bottleneck cannot go from “%(from)s” to “%(to)s”. From “%(from)s” it can go to: "
        "%(options)s."
    ) % {"from": Status(from_status).label, "to": Status(to_status).label, "options": options}
