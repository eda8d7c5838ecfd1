from django.utils import timezone
from django.utils.formats import date_format

from portal import home, visibility

from .models import KnowledgeProductPage, LearningActivityPage


@home.provider("knowledge")
def newest_products(request, limit):
    products = visibility.visible_pages(
        KnowledgeProductPage.objects.all(), request.user, request
    ).order_by("-first_published_at")[:limit]
    return [
        home.Item(
            title=product.title,
            url=product.url,
            meta=product.get_product_type_display(),
            summary=product.summary,
        )
        for product in products
    ]


@home.provider("learning")
def upcoming_activities(request, limit):
    activities = (
        visibility.visible_pages(LearningActivityPage.objects.all(), request.user, request)
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")[:limit]
    )
    return [
        home.Item(
            title=activity.title,
            url=activity.url,
            meta=f"{activity.get_kind_display()} · "
            + date_format(timezone.localtime(activity.starts_at), "l j F Y, H:i"),
            summary="",
        )
        for activity in activities
    ]
