from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

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


@task()
def notify_moved_up_from_waiting_list(registration_id: int) -> None:
    from .models import Registration, RegistrationStatus

    registration = (
        Registration.objects.select_related("activity", "user")
        .filter(pk=registration_id, status=RegistrationStatus.REGISTERED)
        .first()
    )
    if registration is None or not registration.user.email:
        return
    activity = registration.activity
    mail.send(
        "knowledge/email/moved_up",
        [registration.user.email],
        {
            "user": registration.user,
            "activity": activity,
            "starts_at": timezone.localtime(activity.starts_at),
            "url": settings.SITE_URL + activity.url,
        },
    )


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
