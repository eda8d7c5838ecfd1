"""Stored text that ``manage.py scan_privacy`` checks, for apps that cannot add their own.

An app registers its sources in its own ``privacy_sources.py`` (the command discovers those
modules); the knowledge base's are here so that knowledge/ needs no change for the guard.
"""

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from portal import privacy


def _admin_url(page) -> str:
    return settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])


def _stream_text(stream) -> str:
    return "\n".join(str(part) for part in stream.stream_block.get_searchable_content(stream))


def knowledge_products():
    from knowledge.models import KnowledgeProductPage

    for page in KnowledgeProductPage.objects.order_by("path"):
        text = "\n\n".join([page.title, page.summary, _stream_text(page.body)])
        yield page.title, _admin_url(page), text


def learning_activities():
    from knowledge.models import LearningActivityPage

    for page in LearningActivityPage.objects.order_by("path"):
        text = "\n\n".join([page.title, page.summary, _stream_text(page.description)])
        yield page.title, _admin_url(page), text


if apps.is_installed("knowledge"):
    privacy.register_source("knowledge products", knowledge_products)
    privacy.register_source("learning activities", learning_activities)
