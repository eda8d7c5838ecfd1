"""Reply by e-mail: a per-recipient address that carries who may post where, signed.

A notification mail about a topic is sent with ``Reply-To: <reply_address(user, topic)>``,
e.g. ``forum+<token>@example.org`` for ``REPLY_BY_MAIL_ADDRESS = "forum@example.org"``. The
token is the member's and the topic's id, signed with the site's secret key (an HMAC salted
for this use, in lower-case hex so that a mail server that changes the address's case does
not break it), so a reply address cannot be made up or moved to another
topic or member. The mailbox reader (``manage.py fetch_mail_replies``) reads it back with
``read_reply_token``; whether the member may still post there is checked again at that time.

``handle_message(raw)`` turns one mail from that mailbox into a post, or refuses it:

- Out-of-office replies, bounces and other automatic mail are left alone (never answered).
- The token must be genuine, and the mail must come from one of the verified addresses of the
  token's member. A mail from another address is not posted; the member is told so at their
  account's own address, never at the address the mail came from (which anyone can forge).
- The member must still be allowed to reply there (``community.access.can_reply``).
- The text: the plain-text part (else the HTML one, turned into Markdown), without the quoted
  earlier mail, the signature and the phone's "Verzonden vanaf mijn iPhone".
- Then the web form's own checks (``PostForm``: empty, too long, mentions, the privacy guard).
  A warning of the guard (a phone number, an e-mail address, a name) stops the post as well:
  on the site the writer confirms, by mail nobody can. The author's own e-mail address (in a
  signature) does not count.
- The post is made with ``community.posting.reply`` and a submission key derived from the
  Message-ID: a mail delivered or read twice makes one post.

The author hears about a refusal by mail (``mail_author``, a background task, one recipient,
plain text and HTML, with a link to the topic when they may still see it). Those mails are
sent after the message is marked as read in the mailbox: at most one per message.
"""

import email
import email.errors
import email.policy
import hashlib
import logging
import re
import uuid
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from django_tasks import task

SALT = "community.mail_replies"

logger = logging.getLogger(__name__)


def _signature(value: str) -> str:
    # Lower-case hex (not the base64 of django.core.signing): some mail servers and clients
    # change the case of an address, and the token must survive that.
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def reply_token(user, topic) -> str:
    value = f"{user.pk}-{topic.pk}"
    return f"{value}.{_signature(value)}"


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

    value, _dot, signature = token.strip().lower().rpartition(".")
    if not value or not constant_time_compare(signature, _signature(value)):
        return None
    try:
        user_id, topic_id = (int(part) for part in value.split("-", 1))
    except ValueError:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    topic = Topic.objects.filter(pk=topic_id).select_related("space").first()
    if user is None or topic is None:
        return None
    return user, topic


# --- reading a mail ---------------------------------------------------------------------------

# Larger mails are read by their headers only and refused (files are not taken by mail).
MAX_MESSAGE_BYTES = 25 * 1024 * 1024
# Submission keys of mail replies: uuid5(this, Message-ID and topic).
KEY_NAMESPACE = uuid.UUID("17764940-445b-45d1-a264-cfa25211a750")

RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")
_AUTOMATIC_SUBJECT = re.compile(
    r"\s*(?:automatisch antwoord|automatisch bericht|automatic reply|auto[- ]?reply|autoreply"
    r"|out of (?:the )?office|afwezig|afwezigheid|niet aanwezig|abwesenheit|absence"
    r"|undeliverable|onbestelbaar|niet bezorgd|kan niet worden bezorgd"
    r"|delivery status notification|mail delivery (?:failed|failure)|returned mail)\b",
    re.IGNORECASE,
)


def parse(raw: bytes) -> Message:
    """The mail, parsed leniently: compat32 records broken headers and parts as defects."""
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (ValueError, LookupError, UnicodeError):
        return str(value)


def _addresses(message: Message, *names: str) -> list[str]:
    values = [str(value) for name in names for value in message.get_all(name, [])]
    return [address.strip() for _name, address in getaddresses(values) if address.strip()]


def message_id(message: Message) -> str:
    return "".join(_header(message, "Message-ID").split())[:500]


def reply_tokens(message: Message) -> list[str]:
    """Tokens of ``local+TOKEN@domain`` recipients, for the REPLY_BY_MAIL_ADDRESS mailbox."""
    mailbox = getattr(settings, "REPLY_BY_MAIL_ADDRESS", "")
    if "@" not in mailbox:
        return []
    local, domain = mailbox.rsplit("@", 1)
    prefix = f"{local}+".casefold()
    tokens = []
    for address in _addresses(message, *RECIPIENT_HEADERS):
        address_local, at, address_domain = address.rpartition("@")
        if not at or address_domain.casefold() != domain.casefold():
            continue
        if address_local.casefold().startswith(prefix) and len(address_local) > len(prefix):
            token = address_local[len(prefix) :]
            if token not in tokens:
                tokens.append(token)
    return tokens


def sender(message: Message) -> str | None:
    """The one From address, or None (none, several, or not an address)."""
    found = _addresses(message, "From")
    if len(found) != 1 or "@" not in found[0]:
        return None
    return found[0]


def is_automatic(message: Message) -> bool:
    """Out-of-office replies, bounces and list mail (RFC 3834 and what clients really send)."""
    auto_submitted = _header(message, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(message.get(name) is not None for name in ("X-Autoreply", "X-Autorespond")):
        return True
    if _header(message, "Precedence").strip().lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    if message.get_content_type() == "multipart/report":
        return True
    if _header(message, "Return-Path").strip() == "<>":
        return True
    local = (sender(message) or "").split("@")[0].lower()
    if local in ("mailer-daemon", "postmaster"):
        return True
    return bool(_AUTOMATIC_SUBJECT.match(_header(message, "Subject")))


# --- the text of a reply ----------------------------------------------------------------------

_ASCII_LABELS = {"", "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1"}
# Zero-width characters and control characters (a tab and line breaks stay).
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff\x7f"), *range(0x00, 0x09), 0x0B, 0x0C]
    + [*range(0x0E, 0x20), *range(0x80, 0xA0)]
)
_BROKEN_BASE64 = (
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64LengthDefect,
)


def _decode(part: Message) -> str:
    """A text part as str: its charset, else UTF-8, else Windows-1252 (what "Latin-1" mail is)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or any(isinstance(d, _BROKEN_BASE64) for d in part.defects):
        return ""  # a damaged part decodes to noise: better no text than that
    declared = (part.get_content_charset() or "").strip().lower()
    candidates = ["utf-8", "cp1252"] if declared in _ASCII_LABELS else [declared, "utf-8"]
    for charset in candidates:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("cp1252", errors="replace")


def _leaves(part: Message):
    """Non-multipart parts; an attached mail (message/*) is one leaf, not read inside."""
    payload = part.get_payload()
    if part.get_content_maintype() == "message" or not isinstance(payload, list):
        yield part
        return
    for child in payload:
        if isinstance(child, Message):
            yield from _leaves(child)


def _is_attachment(part: Message) -> bool:
    if part.get_content_maintype() == "message":
        return True
    disposition = part.get_content_disposition()
    try:
        filename = part.get_filename()
    except (ValueError, LookupError, UnicodeError):
        filename = "?"
    if part.get_content_maintype() == "image" and part.get("Content-ID"):
        return False  # an image in the HTML (a signature logo), not a file for the forum
    return disposition == "attachment" or bool(filename)


@dataclass
class MailText:
    text: str
    attachments: int


def unflow(text: str, *, delsp: bool) -> str:
    """RFC 3676 format=flowed: lines that end in a space continue on the next line."""
    lines: list[list] = []  # [quote depth, text, soft]
    for raw in text.split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        content = raw[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        if lines and lines[-1][2] and lines[-1][0] == depth:
            lines[-1][1] += content
            lines[-1][2] = soft
        else:
            lines.append([depth, content, soft])
    return "\n".join((">" * depth + " " if depth else "") + content for depth, content, _s in lines)


def mail_text(message: Message) -> MailText:
    """The reply's own text as Markdown (before stripping quotes) and how many files it had."""
    plain = html = None
    attachments = 0
    for part in _leaves(message):
        if _is_attachment(part):
            attachments += 1
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = _decode(part)
            if (part.get_param("format") or "").lower() == "flowed":
                delsp = (part.get_param("delsp") or "").lower() == "yes"
                plain = unflow(plain.replace("\r\n", "\n"), delsp=delsp)
        elif content_type == "text/html" and html is None:
            html = _decode(part)
    if plain is not None and plain.strip():
        text = _hard_breaks(_clean(strip_history(plain)))
    elif html:
        text = _clean(strip_history(html_to_markdown(html)))
    else:
        text = ""
    return MailText(text, attachments)


# Quoted history and signatures in HTML mail, by the markup the clients write.
_HTML_DROP = (
    "head, style, script, title, template",
    "div.gmail_quote, blockquote.gmail_quote, div.gmail_extra, div.gmail_signature",
    "[data-smartmail=gmail_signature], div.gmail_attr",
    "blockquote[type=cite], div.moz-cite-prefix, .moz-signature",
    "div.yahoo_quoted, #Signature, div[id^=ms-outlook-mobile-signature]",
)
# Everything from here on is the earlier mail (Outlook on the web, new Outlook, old Outlook).
_HTML_CUT = (
    "#appendonsend, #divRplyFwdMsg, div.OutlookMessageHeader, #stopSpelling, "
    "#mail-editor-reference-message-container"
)


def html_to_markdown(html: str) -> str:
    """An HTML mail as Markdown: quoted history and signatures dropped, images left out."""
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    soup = BeautifulSoup(html, "html.parser")
    for selector in _HTML_DROP:
        for element in soup.select(selector):
            element.decompose()
    cut = soup.select_one(_HTML_CUT)
    if cut is not None:
        node = cut
        while node is not None and node.parent is not None:
            for sibling in list(node.next_siblings):
                sibling.extract()
            node = node.parent
        cut.decompose()
    for link in soup.find_all("a"):
        if not re.match(r"(?:https?|mailto):", str(link.get("href") or "").strip(), re.I):
            link.unwrap()  # javascript:, cid:, file:, anchors: the text without the link
    converter = MarkdownConverter(heading_style="ATX", bullets="-", strip=["img"])
    return converter.convert_soup(soup)


_MARK = r"[*_\s]*"  # bold or italic markers around a word, from HTML turned into Markdown
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:oorspronkelijk bericht|origineel bericht|original message"
    r"|doorgestuurd bericht|forwarded message|ursprüngliche nachricht|message d'origine)"
    r"\s*-{2,}\s*$"
    r"|^\s*(?:begin doorgestuurd bericht|begin forwarded message)\s*:\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(rf"^{_MARK}(?:van|from|von){_MARK}:{_MARK}\S", re.IGNORECASE)
_HEADER_SENT = re.compile(
    rf"^{_MARK}(?:verzonden|verstuurd|sent|datum|date|gesendet|envoyé){_MARK}:", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    rf"^{_MARK}(?:op|on|le|am)\s.*\d.*"
    r"\b(?:schreef|wrote|geschreven|a\s+écrit|schrieb)\b.*:[*_\s]*$",
    re.IGNORECASE | re.DOTALL,
)
_SIGNATURE = re.compile(r"^--\s?$")
_MOBILE_FOOTER = re.compile(
    rf"^{_MARK}(?:(?:verzonden|verstuurd|gestuurd|sent|envoyé)\s+(?:vanaf|vanuit|van|met|via"
    r"|from|with|using|depuis|de)\s.{0,60}"
    r"|(?:download|get|haal)\s+outlook\s+(?:voor|for)\s.{0,40}"
    rf"|outlook\s+voor\s+\w+\s+downloaden.{{0,40}}){_MARK}$",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^[*_\s]*(?:(?:met\s+)?(?:(?:vriendelijke|hartelijke|collegiale|warme|beste|veel|lieve"
    r"|fijne)\s+)?groet(?:en|jes)?|m\.?v\.?g\.?|(?:kind|best|warm)\s+regards|regards)"
    r"(?![\w])[*_\s,.!]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_POSTSCRIPT = re.compile(r"^[*_\s]*p\.?\s?s\.?\b", re.IGNORECASE)


def _cut_history(lines: list[str]) -> list[str]:
    """Cut at the first Outlook header block, separator or signature line."""
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line) or _SIGNATURE.match(line):
            return lines[:index]
        if _HEADER_FROM.match(line) and any(
            _HEADER_SENT.match(following) for following in lines[index + 1 : index + 5]
        ):
            return lines[:index]
    return lines


def _attribution_at(lines: list[str], index: int) -> int:
    """How many lines (1 to 3) of "Op ... schreef ...:" start at ``index``; 0 if none."""
    joined = ""
    for count, line in enumerate(lines[index : index + 3], start=1):
        joined = f"{joined} {line.strip()}".strip()
        if line.rstrip(" *_").endswith(":"):
            return count if _ATTRIBUTION.match(joined) else 0
    return 0


def _drop_quotes(lines: list[str]) -> list[str]:
    """Leave out "> " lines and the attribution line that introduces them."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        size = _attribution_at(lines, index)
        if size:
            following = [line for line in lines[index + size :] if line.strip()]
            if not following or following[0].lstrip().startswith(">"):
                index += size
                continue
        if not lines[index].lstrip().startswith(">"):
            kept.append(lines[index])
        index += 1
    return kept


def _trim(lines: list[str]) -> list[str]:
    """Blank lines and separators (a line of dashes or underscores) off both ends."""
    empty = re.compile(r"^[\s_\-=*]*$")
    while lines and empty.match(lines[-1]):
        lines = lines[:-1]
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def _drop_mobile_footer(lines: list[str]) -> list[str]:
    lines = _trim(lines)
    while lines and _MOBILE_FOOTER.match(lines[-1]):
        lines = _trim(lines[:-1])
    return lines


def _drop_signature_block(lines: list[str]) -> list[str]:
    """Keep a closing greeting and the name under it; leave out the contact block after it.

    Only when what follows looks like a signature: at most 12 short lines and no P.S.
    """
    filled = [index for index, line in enumerate(lines) if line.strip()]
    for index in reversed(filled[1:][-15:]):  # never the first line of the mail
        greeting = _GREETING.match(lines[index])
        if not greeting or len(greeting.group("rest")) > 40:
            continue
        end = index + 1
        if not greeting.group("rest").strip():
            following = [i for i in filled if i > index]
            if following and _looks_like_name(lines[following[0]]):
                end = following[0] + 1
        rest = [line for line in lines[end:] if line.strip()]
        if len(rest) > 12 or any(len(line) > 80 or _POSTSCRIPT.match(line) for line in rest):
            return lines
        return lines[:end]
    return lines


def _looks_like_name(line: str) -> bool:
    line = line.strip(" *_,.")
    return 0 < len(line) <= 40 and len(line.split()) <= 5 and not re.search(r"[\d@/:]", line)


def strip_history(text: str) -> str:
    """The reply without the quoted earlier mail, the signature and mobile footers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [line.rstrip() for line in text.translate(_INVISIBLE).split("\n")]
    lines = _drop_quotes(_cut_history(lines))
    lines = _drop_signature_block(_drop_mobile_footer(lines))
    return "\n".join(_trim(lines))


def _clean(text: str) -> str:
    """No run of more than one blank line, no trailing spaces."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _hard_breaks(text: str) -> str:
    """A plain-text mail's line breaks are meant: keep them in Markdown (a trailing double
    space), except where a paragraph ends or in indented code."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and following.strip() and not line.startswith("    "):
            line += "  "
        out.append(line)
    return "\n".join(out)


# --- handling one mail ------------------------------------------------------------------------

POSTED, REFUSED, IGNORED, DEFERRED = "posted", "refused", "ignored", "deferred"


@dataclass
class Outcome:
    status: str
    reason: str = ""
    post: object = None
    message_id: str = ""
    mails: list[dict] = field(default_factory=list)

    def send_mails(self) -> None:
        """Enqueue the mails to the author (after the message is marked as read)."""
        for kwargs in self.mails:
            transaction.on_commit(lambda kwargs=kwargs: mail_author.enqueue(**kwargs))


def submission_key(message: Message, raw: bytes, topic) -> uuid.UUID:
    """The same mail (by Message-ID, else by its bytes) gives the same key for a topic."""
    identity = message_id(message) or hashlib.sha256(raw).hexdigest()
    return uuid.uuid5(KEY_NAMESPACE, f"{identity}\n{topic.pk}")


def _verified_addresses(user) -> set[str]:
    from allauth.account.models import EmailAddress

    found = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {address.casefold() for address in found}


def _account_address(user) -> str | None:
    """The member's own address: the primary verified one, else any verified one."""
    from allauth.account.models import EmailAddress

    found = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
        .first()
    )
    return found


def handle_message(raw: bytes, *, complete: bool = True) -> Outcome:
    """Post one mail from the reply mailbox, or refuse it. ``complete=False``: ``raw`` holds
    the headers only (a mail above MAX_MESSAGE_BYTES)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _handle(raw, complete)


def _handle(raw: bytes, complete: bool) -> Outcome:
    from accounts import access as accounts_access

    from . import access
    from .models import Post

    message = parse(raw)
    mid = message_id(message)
    if is_automatic(message):
        return Outcome(IGNORED, "automatic", message_id=mid)
    tokens = reply_tokens(message)
    if not tokens:
        return Outcome(IGNORED, "no_token", message_id=mid)
    found = next(filter(None, map(read_reply_token, tokens)), None)
    if found is None:
        return Outcome(REFUSED, "bad_token", message_id=mid)
    user, topic = found
    if not (user.is_active and accounts_access.is_member(user)):
        return Outcome(REFUSED, "not_member", message_id=mid)
    from_address = sender(message)
    if from_address is None or from_address.casefold() not in _verified_addresses(user):
        outcome = Outcome(REFUSED, "wrong_sender", message_id=mid)
        account = _account_address(user)
        if account and from_address:  # a mail without one clear sender is not worth a word
            details = {"sender": from_address[:200]}
            outcome.mails.append(_mail(outcome, user, account, topic, details))
        return outcome

    key = submission_key(message, raw, topic)
    existing = Post.objects.filter(author=user, submission_key=key).first()
    if existing is not None:
        return Outcome(IGNORED, "already_posted", post=existing, message_id=mid)

    def refuse(reason: str, **details) -> Outcome:
        outcome = Outcome(REFUSED, reason, message_id=mid)
        outcome.mails.append(_mail(outcome, user, from_address, topic, details))
        return outcome

    if access.sanction(user) is not None:
        return refuse("cannot_post")  # silenced or suspended: the forum says why, until when
    if not access.can_see_topic(user, topic):
        return refuse("no_access")
    if not access.can_reply(user, topic):
        return refuse("locked" if topic.locked else "cannot_post")
    if not complete:
        return refuse("too_large")
    if access.posting_wait(user) is not None:
        # A new member over the rate limit: the mail stays unread and is tried again later.
        return Outcome(DEFERRED, "rate_limited", message_id=mid)

    content = mail_text(message)
    text = content.text
    verdict = validate(text, user, topic)
    if verdict.reason:
        return refuse(verdict.reason, **verdict.details)

    from . import posting

    post = posting.reply(topic, user, verdict.body, submission_key=key, mentions=verdict.mentioned)
    outcome = Outcome(POSTED, post=post, message_id=mid)
    if content.attachments:
        outcome.mails.append(
            _mail(
                outcome,
                user,
                from_address,
                topic,
                {"attachments": content.attachments, "post": post.pk},
            )
        )
    return outcome


def _mail(outcome: Outcome, user, address: str, topic, details: dict) -> dict:
    reason = outcome.reason or "posted_without_attachments"
    return {
        "reason": reason,
        "user_id": user.pk,
        "address": address,
        "topic_id": topic.pk,
        "details": details,
        "in_reply_to": outcome.message_id,
    }


@dataclass
class Verdict:
    body: str = ""
    mentioned: list = field(default_factory=list)
    reason: str = ""
    details: dict = field(default_factory=dict)


def validate(text: str, user, topic) -> Verdict:
    """The web form's checks on a mail's text; a privacy warning refuses as well."""
    from portal import privacy

    from .forms import MAX_BODY, PostForm

    findings = privacy.check(text)
    own = _verified_addresses(user)
    blocked = privacy.blocks(findings)
    warned = [
        finding
        for finding in privacy.warnings(findings)
        if not (finding.kind == privacy.EMAIL and finding.text.casefold() in own)
    ]
    form = PostForm(
        data={"body": text, "privacy_confirmed": "on" if not warned else ""}, space=topic.space
    )
    if form.is_valid():
        return Verdict(body=form.cleaned_data["body"], mentioned=form.mentioned)
    codes = {error.code for error in form.errors.as_data().get("body", [])}
    if blocked or "privacy_block" in codes:
        return Verdict(reason="privacy_block", details={"found": _found(blocked)})
    if "max_length" in codes or len(text) > MAX_BODY:
        return Verdict(reason="too_long", details={"length": len(text), "limit": MAX_BODY})
    if not text.strip():
        return Verdict(reason="empty")
    if "privacy_warn" in codes:
        return Verdict(reason="privacy_warn", details={"found": _found(warned)})
    errors = [str(message) for message in form.errors.get("body", [])]
    errors += [str(message) for message in form.non_field_errors()]
    return Verdict(reason="invalid", details={"errors": errors})


def _found(findings) -> list[list[str]]:
    """(kind, masked text) pairs: enough to find it again, never the data itself in a mail."""
    return [[finding.kind, finding.masked] for finding in findings]


# --- mail to the author -----------------------------------------------------------------------

# Why a reply was not posted, and what to do. %(...)s come from the details of the refusal.
REASONS = {
    "privacy_block": (
        gettext_lazy(
            "It contains what looks like a national register number (INSZ): %(found)s. Never "
            "write anything that lets someone recognise a participant."
        ),
        gettext_lazy("Write your reply again on the forum, without the number."),
    ),
    "privacy_warn": (
        gettext_lazy(
            "It may contain details that let someone recognise a participant: %(found)s. On "
            "the forum you confirm that such details are not about a participant; by e-mail we "
            "cannot ask you, so we did not post it."
        ),
        gettext_lazy(
            "Post your reply on the forum: leave those details out, or confirm there that "
            "they are not about a participant."
        ),
    ),
    "too_long": (
        gettext_lazy("It is too long (%(length)d characters; at most %(limit)d)."),
        gettext_lazy("Split it over several messages on the forum."),
    ),
    "empty": (
        gettext_lazy(
            "We found no text of your own in it once the quoted earlier mail and your "
            "signature were left out."
        ),
        gettext_lazy("Write your reply above the quoted mail, or post it on the forum."),
    ),
    "invalid": (
        "%(errors)s",
        gettext_lazy("Post your reply on the forum."),
    ),
    "locked": (
        gettext_lazy("The topic is closed for replies."),
        gettext_lazy("Open the topic to read what was said last."),
    ),
    "cannot_post": (
        gettext_lazy("You cannot reply in this topic at the moment."),
        gettext_lazy("Open the forum to see why."),
    ),
    "no_access": (
        gettext_lazy("You no longer have access to this topic."),
        gettext_lazy("Ask SAM if you think you should still have access."),
    ),
    "too_large": (
        gettext_lazy(
            "The mail is too large. Files sent by e-mail are not added to the forum anyway."
        ),
        gettext_lazy("Post your reply on the forum, with the files if they are needed."),
    ),
}


def _found_text(pairs) -> str:
    from portal.privacy import KIND_LABELS

    return "; ".join(f"{KIND_LABELS.get(kind, kind)} “{masked}”" for kind, masked in pairs)


def _paragraphs(reason: str, details: dict, user, topic, show_topic: bool) -> dict:
    """Subject, paragraphs and the link of a mail to the author, in the active language."""
    title = topic.title if show_topic else ""
    if reason == "posted_without_attachments":
        return {
            "subject": _("Your reply was posted without files: %(title)s") % {"title": title},
            "paragraphs": [
                _("Your e-mail reply to “%(title)s” is on the forum.") % {"title": title},
                _(
                    "Files sent by e-mail are not added to the forum (%(count)d left out): "
                    "they are not checked for participants' details. To share them, post a new "
                    "message with the files on the forum."
                )
                % {"count": details.get("attachments", 0)},
            ],
            "link_label": _("Open your message"),
        }
    if reason == "wrong_sender":
        opening = (
            _("We received a reply to “%(title)s” from %(sender)s.")
            if show_topic
            else _("We received a reply to a forum topic from %(sender)s.")
        ) % {"title": title, "sender": details.get("sender", "")}
        return {
            "subject": _("A reply from another address was not posted"),
            "paragraphs": [
                opening
                + " "
                + _(
                    "That is not an e-mail address of your account, so we did not post it "
                    "and did not answer that address."
                ),
                _(
                    "Did you send it? Reply from the address you use on the platform, or add "
                    "this address to your account. Did you not send it? Then someone has a "
                    "mail that was meant for you; you can ignore this message."
                ),
            ],
            "link_label": _("Your e-mail addresses"),
        }
    why, what = REASONS.get(reason, REASONS["cannot_post"])
    values = {
        "found": _found_text(details.get("found", [])),
        "length": details.get("length", 0),
        "limit": details.get("limit", 0),
        "errors": " ".join(details.get("errors", [])),
    }
    opening = (
        _("We received your e-mail reply to “%(title)s”, but did not post it on the forum.")
        % {"title": title}
        if show_topic
        else _("We received your e-mail reply to a forum topic, but did not post it.")
    )
    return {
        "subject": (
            _("Your reply was not posted: %(title)s") % {"title": title}
            if show_topic
            else _("Your reply was not posted")
        ),
        "paragraphs": [opening, str(why) % values, str(what)],
        "link_label": _("Open the topic") if show_topic else _("Go to the forum"),
    }


@task()
def mail_author(
    reason: str,
    user_id: int,
    address: str,
    topic_id: int | None = None,
    details: dict | None = None,
    in_reply_to: str = "",
) -> int:
    """One mail to one member about their mail reply: why it was not posted (or its files)."""
    from . import access
    from .models import Topic

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not address:
        return 0
    topic = Topic.objects.select_related("space").filter(pk=topic_id).first()
    # Nothing of a topic reaches someone who can no longer see it (a closed space they left).
    show_topic = topic is not None and access.can_see_topic(user, topic)
    details = details or {}
    if reason == "wrong_sender":
        url = settings.SITE_URL + reverse("account_email")
    elif reason == "posted_without_attachments" and show_topic:
        url = settings.SITE_URL + reverse("community:post", args=[details.get("post")])
    elif show_topic:
        url = settings.SITE_URL + topic.get_absolute_url()
    else:
        url = settings.SITE_URL + reverse("community:index")
    with translation.override(settings.LANGUAGE_CODE):
        content = _paragraphs(reason, details, user, topic, show_topic)
        context = {**content, "user": user, "url": url, "site_url": settings.SITE_URL}
        from portal.mail import render_text

        subject = " ".join(render_text("community/mail/reply_subject.txt", context).split())
        text = render_text("community/mail/reply_message.txt", context)
        html = render_to_string("community/mail/reply_message.html", context)
    headers = {"Auto-Submitted": "auto-replied"}  # RFC 3834: no auto-reply to this one
    if in_reply_to and re.fullmatch(r"<[^<>\s]+>", in_reply_to):
        headers["In-Reply-To"] = headers["References"] = in_reply_to
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message.send()
