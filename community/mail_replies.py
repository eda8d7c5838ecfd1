"""Reply by e-mail: a per-recipient address that carries who may post where, signed.

A notification mail about a topic is sent with ``Reply-To: <reply_address(user, topic)>``,
e.g. ``forum+<token>@example.org`` for ``REPLY_BY_MAIL_ADDRESS = "forum@example.org"``. The
token is the member's and the topic's id, signed with the site's secret key (Django's
signing, salted for this use), so a reply address cannot be made up or moved to another
topic or member. The mailbox reader (``manage.py fetch_mail_replies``) reads it back with
``read_reply_token``; whether the member may still post there is checked again at that time.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing

SALT = "community.mail_replies"


def _signer():
    return signing.Signer(salt=SALT, sep=".", algorithm="sha256")


def reply_token(user, topic) -> str:
    return _signer().sign(f"{user.pk}-{topic.pk}")


def reply_address(user, topic) -> str | None:
    """The address a reply to a mail about ``topic`` goes to; None without a reply mailbox."""
    mailbox = getattr(settings, "REPLY_BY_MAIL_ADDRESS", "")
    if not mailbox or "@" not in mailbox:
        return None
    local, domain = mailbox.rsplit("@", 1)
    return f"{local}+{reply_token(user, topic)}@{domain}"


def read_reply_token(token: str):
    """(user, topic) for a genuine token, else None (forged, altered or for a deleted topic)."""
    from .models import Topic

    try:
        value = _signer().unsign(token.strip())
        user_id, topic_id = (int(part) for part in value.split("-", 1))
    except (signing.BadSignature, ValueError):
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    topic = Topic.objects.filter(pk=topic_id).select_related("space").first()
    if user is None or topic is None:
        return None
    return user, topic
