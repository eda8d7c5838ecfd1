from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.account.models import EmailAddress
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone

from . import roles, tasks
from .models import AllowedEmailDomain, ApprovalStatus


class AccountAdapter(DefaultAccountAdapter):
    """Registrations wait for SAM staff unless the email domain is on the allow-list."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        allowed = AllowedEmailDomain.allows(user.email)
        if allowed:
            user.approval_status = ApprovalStatus.APPROVED
            user.approved_at = timezone.now()
        else:
            user.approval_status = ApprovalStatus.PENDING
        if commit:
            user.save()
            if allowed:
                roles.add_to_group(user, roles.MEMBER)
            else:
                transaction.on_commit(
                    lambda: tasks.notify_staff_of_registration.enqueue(user.pk)
                )
        return user

    def pre_login(self, request, user, **kwargs):
        # An account whose email is still unverified goes on to allauth's
        # verification step; once verified, it waits here until SAM approves it.
        waiting = user.is_pending_approval or user.is_rejected
        if user.is_active and waiting and self._email_verified(user):
            clear_login(request)
            return render(
                request,
                "account/pending_approval.html",
                {"pending_user": user},
                status=403,
            )
        return super().pre_login(request, user, **kwargs)

    @staticmethod
    def _email_verified(user) -> bool:
        return EmailAddress.objects.filter(user=user, verified=True).exists()
