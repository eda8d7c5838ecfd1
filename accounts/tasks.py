"""Mail about registrations, sent in the background."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from django_tasks import task

from portal import mail

from . import roles


@task()
def notify_staff_of_registration(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    staff = (
        get_user_model()
        .objects.filter(groups__name=roles.SAM_STAFF, is_active=True)
        .values_list("email", flat=True)
    )
    return mail.send(
        "accounts/email/registration_pending",
        sorted(set(staff)),
        {"user": user, "review_url": settings.SITE_URL + reverse("accounts_admin:pending")},
    )


@task()
def notify_user_of_approval(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    return mail.send("accounts/email/account_approved", [user.email], {"user": user})
