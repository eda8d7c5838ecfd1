"""Who may open a tracker view beyond members: the checks come from ``tracker.access``.

Visitors go to the login and accounts that are not members get the forum's 403 page
(``accounts.access.member_required``); members without the role get the tracker's 403 page,
which says who the page is for.
"""

from functools import wraps

from django.shortcuts import render

from accounts.access import member_required

from . import access


def _role_required(check, audience: str):
    def decorator(view):
        @member_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                return render(
                    request, "tracker/staff_only.html", {"audience": audience}, status=403
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Triage and building dossiers: SAM staff.
staff_required = _role_required(access.can_triage, "staff")
manager_required = _role_required(access.can_manage_dossiers, "staff")
# Exports, statistics and API keys: policy workers and SAM staff.
export_required = _role_required(access.can_export, "export")
