"""Mail about registrations, sent in the background."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from django_tasks import task

from . import roles


def _send(template: str, recipients: list[str], context: dict) -> int:
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}_message.txt", context)
    return send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


@task()
def notify_staff_of_registration(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    staff = (
        get_user_model()
        .objects.filter(groups__name=roles.SAM_STAFF, is_active=True)
        .values_list("email", flat=True)
    )
    return _send(
        "registration_pending",
        sorted(set(staff)),
        {"user": user, "review_url": settings.SITE_URL + reverse("accounts_admin:pending")},
    )


@task()
def notify_user_of_approval(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    return _send("account_approved", [user.email], {"user": user})
