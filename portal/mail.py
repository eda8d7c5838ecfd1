"""Mail from the platform: one way to render and send it, shared by the apps."""

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template
from django.utils import translation


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping.

    Autoescaping is for HTML: in a text mail it would turn "O'Brien & Zonen" into
    "O&#x27;Brien &amp; Zonen". An HTML alternative, if a mail ever gets one, is
    rendered the normal (escaped) way with render_to_string.
    """
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def send(template: str, recipients: list[str], context: dict) -> int:
    """Render ``<template>_subject.txt`` and ``<template>_message.txt`` in the site's language.

    Tasks run outside a request, so the language is set here rather than taken
    from whoever triggered the mail.
    """
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        # A header may not hold a line break (Django refuses to send it): a name typed
        # with a newline must not stop the mail, nor add a header of its own.
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}_message.txt", context)
    return send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
