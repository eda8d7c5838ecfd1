from django.utils.functional import SimpleLazyObject

from . import access


def membership(request):
    """``is_member`` and ``is_sam_staff`` for templates: the same rule as every view.

    ``pending_deletion``: the member's planned account deletion (for the banner on every page),
    looked up only when a template asks.
    """
    user = getattr(request, "user", None)
    return {
        "is_member": access.is_member(user) if user is not None else False,
        "is_sam_staff": access.is_staff(user) if user is not None else False,
        "pending_deletion": SimpleLazyObject(lambda: _pending_deletion(user)),
    }


def _pending_deletion(user):
    from . import deletion

    return deletion.pending_request(user) or False
