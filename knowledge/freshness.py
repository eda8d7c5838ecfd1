"""Keeping knowledge current: which products are due for review, and reminding their owners."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import tasks
from .models import KnowledgeProductPage

# A reminder is repeated when the review is still overdue this many days later.
REMIND_AGAIN_AFTER_DAYS = 30


def overdue(today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (
        KnowledgeProductPage.objects.filter(review_due__lt=today)
        .select_related("review_owner", "owner")
        .order_by("review_due", "title")
    )


def responsible(product: KnowledgeProductPage):
    return product.review_owner or product.owner


def send_reminders(today: datetime.date | None = None) -> dict[int, list[int]]:
    """Enqueue one reminder per owner for the overdue products not recently reminded.

    Safe to run as often as you like: a product is reminded again only after
    REMIND_AGAIN_AFTER_DAYS.
    """
    today = today or timezone.localdate()
    again_before = today - datetime.timedelta(days=REMIND_AGAIN_AFTER_DAYS)
    per_owner: dict[int, list[int]] = defaultdict(list)
    with transaction.atomic():
        candidates = overdue(today).filter(live=True)
        for product in candidates:
            sent = product.review_reminder_sent_on
            if sent and sent >= product.review_due and sent > again_before:
                continue
            owner = responsible(product)
            if owner is None or not owner.is_active:
                continue
            per_owner[owner.pk].append(product.pk)
        reminded = [pk for pks in per_owner.values() for pk in pks]
        KnowledgeProductPage.objects.filter(pk__in=reminded).update(review_reminder_sent_on=today)
        for owner_id, page_ids in per_owner.items():
            transaction.on_commit(
                lambda o=owner_id, p=page_ids: tasks.send_review_reminder.enqueue(o, p)
            )
    return dict(per_owner)
