from django.utils.functional import SimpleLazyObject

from . import access


def membership(request):
    """``is_member`` and ``is_sam_staff`` for templates: the same rule as every view.

    ``pending_deletion``: the member's planned account deletion (the banner on every page). The
    login backends load it with the user, so asking costs no query.
    """
    user = getattr(request, "user", None)
    return {
        "is_member": access.is_member(user) if user is not None else False,
        "is_sam_staff": access.is_staff(user) if user is not None else False,
        "pending_deletion": SimpleLazyObject(lambda: _pending_deletion(user)),
    }


def _pending_deletion(user):
    from .models import ErasureRequest

    if user is None or not user.is_authenticated:
        return False
    try:
        return user.erasure_request
    except ErasureRequest.DoesNotExist:
        return False
