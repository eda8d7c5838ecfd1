"""Notification mail: one message per recipient, plain text and HTML, with a one-click
unsubscribe (RFC 8058) that works without logging in and cannot be forged.

The unsubscribe token is the member's id signed with the site's secret key, salted for this
use only (a reply address or a password reset token does not unsubscribe, and this token
does nothing else). Every address in a mail is absolute, from ``settings.SITE_URL``.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import mail as portal_mail
from portal import markdown

from .models import Frequency

SALT = "notifications.unsubscribe"
# What a mail shows of a post at most; the rest is one click away.
BODY_LIMIT = 4000
_ROOT_LINK = re.compile(r'(href=")(/[^"]*")')


def _signer():
    return signing.Signer(salt=SALT, algorithm="sha256")


def unsubscribe_token(user) -> str:
    return _signer().sign(str(user.pk))


def read_unsubscribe_token(token: str):
    """The member a genuine token is for; None for a forged, altered or stale one."""
    try:
        value = _signer().unsign((token or "").strip())
    except signing.BadSignature:
        return None
    if not value.isdigit() or len(value) > 18:
        return None
    return get_user_model().objects.filter(pk=int(value)).first()


def absolute(path: str) -> str:
    return path if urlsplit(path).scheme else settings.SITE_URL + path


def unsubscribe_url(user) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user)]))


def _headers(user, topic=None) -> dict:
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url(user)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # No out-of-office answers (they would land in the reply mailbox, or bounce around).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    if topic is not None:
        # Mail clients show the mails about one topic as one conversation.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        thread = f"<topic-{topic.pk}@{host}>"
        headers["References"] = thread
        headers["In-Reply-To"] = thread
    return headers


def html_of(markdown_text: str):
    """A member's Markdown as sanitised HTML with absolute links (a mail has no site root)."""
    html = str(markdown.render(markdown_text[:BODY_LIMIT]))
    html = _ROOT_LINK.sub(lambda m: m.group(1) + settings.SITE_URL + m.group(2), html)
    return mark_safe(html)  # noqa: S308 - sanitised by portal.markdown; only hrefs made absolute


def _subject(text: str) -> str:
    # A header may not hold a line break (Django refuses to send it).
    return " ".join((settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text).split())


def _from() -> str:
    return settings.DEFAULT_FROM_EMAIL


def _reply_to(user, topic) -> list[str]:
    if topic is None:
        return []
    from community.mail_replies import reply_address

    address = reply_address(user, topic)
    return [address] if address else []


def _common(user) -> dict:
    return {
        "user": user,
        "site_url": settings.SITE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "settings_url": absolute(reverse("notifications:settings")),
        "list_url": absolute(reverse("notifications:list")),
        "unsubscribe_url": unsubscribe_url(user),
    }


def _message(user, subject, context, template, *, topic=None, connection=None):
    text = portal_mail.render_text(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        _subject(subject),
        text,
        _from(),
        [user.email],
        headers=_headers(user, topic),
        reply_to=_reply_to(user, topic),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def immediate(shown, *, topic=None, connection=None, html=None):
    """One notification (``rendering.Shown``) as a mail to its recipient. ``html`` and the
    plain text of the target's body may be given, to render a post once for many."""
    notification = shown.notification
    user = notification.recipient
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **_common(user),
            "shown": shown,
            "open_url": absolute(reverse("notifications:open", args=[notification.pk])),
            "body_html": html["html"] if html else "",
            "body_text": html["text"] if html else "",
            "can_reply_by_mail": bool(_reply_to(user, topic)),
        }
        return _message(
            user, shown.headline, context, "notification", topic=topic, connection=connection
        )


def digest(user, shown_list, more: int, frequency, *, connection=None):
    """A digest: the newest notifications (``shown_list``) and how many more there are."""
    total = len(shown_list) + more
    with translation.override(settings.LANGUAGE_CODE):
        if frequency == Frequency.WEEKLY:
            subject = ngettext(
                "Your week on the platform: %(count)d new notification",
                "Your week on the platform: %(count)d new notifications",
                total,
            ) % {"count": total}
        else:
            subject = ngettext(
                "Your day on the platform: %(count)d new notification",
                "Your day on the platform: %(count)d new notifications",
                total,
            ) % {"count": total}
        items = [
            {
                "shown": shown,
                "open_url": absolute(reverse("notifications:open", args=[shown.notification.pk])),
            }
            for shown in shown_list
        ]
        context = {
            **_common(user),
            "items": items,
            "more": more,
            "weekly": frequency == Frequency.WEEKLY,
            "intro": _("Here is what happened since your last overview."),
        }
        return _message(user, subject, context, "digest", connection=connection)
