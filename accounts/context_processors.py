from . import access


def membership(request):
    """``is_member`` and ``is_sam_staff`` for templates: the same rule as every view."""
    user = getattr(request, "user", None)
    return {
        "is_member": access.is_member(user) if user is not None else False,
        "is_sam_staff": access.is_staff(user) if user is not None else False,
    }
