from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_tasks import task
from wagtail.documents import get_document_model


def _send(template: str, context: dict, recipient: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"knowledge/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"knowledge/email/{template}.txt", context)
    send_mail(subject, body, None, [recipient])


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
    _send(
        "moved_up",
        {
            "user": registration.user,
            "activity": activity,
            "starts_at": timezone.localtime(activity.starts_at),
            "url": settings.SITE_URL + activity.url,
        },
        registration.user.email,
    )


@task()
def send_review_reminder(user_id: int, page_ids: list[int]) -> None:
    from .models import KnowledgeProductPage

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    products = KnowledgeProductPage.objects.filter(pk__in=page_ids).order_by("review_due")
    _send(
        "review_reminder",
        {
            "user": user,
            "products": [
                (product, f"{settings.SITE_URL}/admin/pages/{product.pk}/edit/")
                for product in products
            ],
            "report_url": f"{settings.SITE_URL}/admin/herzieningen/",
        },
        user.email,
    )
