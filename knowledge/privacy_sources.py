"""Answers to registration questions for ``manage.py scan_privacy``: members write them (and
they may hold health data), so they are scanned like every other text members write."""

from django.conf import settings
from django.urls import reverse

from portal import privacy

from .models.activities import RegistrationAnswer


def registration_answers():
    rows = (
        RegistrationAnswer.objects.exclude(answer="")
        .select_related("registration__activity")
        .order_by("pk")
    )
    for answer in rows.iterator(chunk_size=1000):
        activity = answer.registration.activity
        url = settings.SITE_URL + reverse("knowledge_admin:participants", args=[activity.pk])
        yield f"{activity.title}: {answer.question_text}", url, answer.answer


privacy.register_source("learning activity registration answers", registration_answers)
