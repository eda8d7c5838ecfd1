from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.core.exceptions import ImmediateHttpResponse

from . import roles
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
        return user

    def get_email_verification_redirect_url(self, email_address):
        # Confirmed from another browser than the one that registered: allauth would
        # show the login form, and the login would only then say "wait for approval".
        user = email_address.user
        if not self.request.user.is_authenticated and user.is_pending_approval:
            return reverse("accounts:awaiting_approval")
        return super().get_email_verification_redirect_url(email_address)

    def login(self, request, user):
        # allauth calls this after its own stages (email verification first), on
        # every path: password login, and login right after confirming the email.
        if user.is_active and (user.is_pending_approval or user.is_rejected):
            clear_login(request)
            raise ImmediateHttpResponse(
                render(
                    request,
                    "account/pending_approval.html",
                    {"pending_user": user},
                    status=403,
                )
            )
        super().login(request, user)
