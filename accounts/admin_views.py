"""The SAM staff's queue of registrations waiting for approval, in the Wagtail admin."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import tasks
from .models import ApprovalStatus

PAGE_SIZE = 25
APPROVE_PERMISSION = "accounts.approve_user"


def pending_registrations():
    """Registrations waiting for SAM's decision, the oldest first."""
    return (
        get_user_model()
        .objects.filter(approval_status=ApprovalStatus.PENDING, is_superuser=False)
        .order_by("date_joined")
    )


@permission_required(APPROVE_PERMISSION, raise_exception=True)
def pending(request):
    page = Paginator(pending_registrations(), PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "accounts/admin/pending.html", {"page": page})


@require_POST
@permission_required(APPROVE_PERMISSION, raise_exception=True)
def decide(request, user_id: int):
    user = get_object_or_404(get_user_model(), pk=user_id, approval_status=ApprovalStatus.PENDING)
    decision = request.POST.get("decision")
    if decision == "approve":
        with transaction.atomic():
            user.approve(by=request.user)
            transaction.on_commit(lambda: tasks.notify_user_of_approval.enqueue(user.pk))
        messages.success(
            request,
            _("%(name)s has been approved and was sent an email.") % {"name": user.display_name},
        )
    elif decision == "reject":
        user.reject(by=request.user)
        messages.warning(
            request,
            _("The registration of %(name)s has been rejected.") % {"name": user.display_name},
        )
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("accounts_admin:pending")
