from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from django_tasks import task
from wagtail.documents import get_document_model

from portal import mail


@task()
def extract_document_text(document_id: int) -> str:
    from .extraction import extract

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    return extract(document).status


# The status a registration must still have for each mail: a mail that no longer fits
# (registered and cancelled again before the worker ran) is not sent.
_STATUS_FOR_KIND = {
    "confirmed": "registered",
    "moved_up": "registered",
    "reminder": "registered",
    "waiting": "waiting",
    "cancelled": "cancelled",
}


@task()
def send_registration_mail(registration_id: int, kind: str, had_place: bool = False) -> str:
    """One mail about a registration (see knowledge.mail) to the person who registered."""
    from . import mail as activity_mail
    from .models import Registration, RegistrationStatus
    from .registrations import waiting_position

    registration = (
        Registration.objects.select_related("activity", "user")
        .filter(pk=registration_id, status=_STATUS_FOR_KIND[kind])
        .first()
    )
    if registration is None or not registration.user.email or not registration.user.is_active:
        return "skipped"
    position = None
    if registration.status == RegistrationStatus.WAITING:
        position = waiting_position(registration)
    activity_mail.registration_message(
        registration, kind, had_place=had_place, waiting_position=position
    ).send()
    return "sent"


@task()
def notify_moved_up_from_waiting_list(registration_id: int) -> str:
    """Kept for tasks queued before the mails got one task; the same as ``moved_up``."""
    return send_registration_mail.call(registration_id, "moved_up")


@task()
def send_review_reminder(user_id: int, page_ids: list[int]) -> None:
    from .models import KnowledgeProductPage

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    products = KnowledgeProductPage.objects.filter(pk__in=page_ids).order_by("review_due")
    mail.send(
        "knowledge/email/review_reminder",
        [user.email],
        {
            "user": user,
            "products": [
                (
                    product,
                    settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[product.pk]),
                )
                for product in products
            ],
            "report_url": settings.SITE_URL + reverse("knowledge_overdue"),
        },
    )
