"""Read replies to notification mails from the IMAP mailbox and post them.

Connects to IMAP_HOST (TLS on connect; STARTTLS on port 143; plain only with IMAP_SSL=false,
for a server on the same machine), selects IMAP_FOLDER and reads every unread message with
``community.mail_replies.handle_message``. Each message is then marked read (``\\Seen``) and,
where the server allows keywords, tagged ``PortalPosted``, ``PortalRefused`` or
``PortalIgnored``; one that could not be handled (a bug, a database error) is tagged
``PortalFailed`` and flagged (``\\Flagged``), logged, and the run goes on. Remove
``\\Seen`` to have it read again: a mail that was posted is never posted twice.

Safe to repeat: the scheduler runs it every minute.
"""

import contextlib
import imaplib
import logging
import re
import ssl
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from community import mail_replies

logger = logging.getLogger("community.mail_replies")

TIMEOUT = 30  # seconds, per IMAP command
KEYWORDS = {
    mail_replies.POSTED: "PortalPosted",
    mail_replies.REFUSED: "PortalRefused",
    mail_replies.IGNORED: "PortalIgnored",
    "failed": "PortalFailed",
}


def connect() -> imaplib.IMAP4:
    host, port = settings.IMAP_HOST, settings.IMAP_PORT
    if not settings.IMAP_SSL:
        return imaplib.IMAP4(host, port, timeout=TIMEOUT)
    context = ssl.create_default_context()
    if port == 143:
        client = imaplib.IMAP4(host, port, timeout=TIMEOUT)
        client.starttls(ssl_context=context)  # refuses to go on without TLS
        return client
    return imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=TIMEOUT)


def _check(response, what: str):
    status, data = response
    if status != "OK":
        raise imaplib.IMAP4.error(f"{what}: {status} {data!r}")
    return data


def _literal(data) -> bytes | None:
    """The first literal (message bytes) of a FETCH response."""
    for item in data or ():
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    return None


class Mailbox:
    def __init__(self, client: imaplib.IMAP4):
        self.client = client
        _check(client.select(_quote(settings.IMAP_FOLDER)), f"SELECT {settings.IMAP_FOLDER}")
        flags = b" ".join(
            item for item in client.response("PERMANENTFLAGS")[1] if isinstance(item, bytes)
        )
        self.keywords = b"\\*" in flags

    def unseen(self) -> list[bytes]:
        data = _check(self.client.uid("SEARCH", None, "UNSEEN"), "SEARCH UNSEEN")
        return data[0].split() if data and data[0] else []

    def size(self, uid: bytes) -> int:
        data = _check(self.client.uid("FETCH", uid, "(RFC822.SIZE)"), "FETCH RFC822.SIZE")
        found = re.search(
            rb"RFC822\.SIZE (\d+)", b" ".join(d for d in data if isinstance(d, bytes))
        )
        return int(found.group(1)) if found else 0

    def read(self, uid: bytes, *, headers_only: bool = False) -> bytes:
        part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
        raw = _literal(_check(self.client.uid("FETCH", uid, f"({part})"), f"FETCH {part}"))
        if raw is None:
            raise imaplib.IMAP4.error(f"FETCH {part}: no message for UID {uid!r}")
        return raw

    def mark(self, uid: bytes, status: str) -> None:
        flags = ["\\Seen"]
        if status == "failed":
            flags.append("\\Flagged")
        if self.keywords:
            flags.append(KEYWORDS[status])
        _check(self.client.uid("STORE", uid, "+FLAGS", f"({' '.join(flags)})"), "STORE")


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Summary:
    def __init__(self):
        self.counts: Counter = Counter()

    def add(self, status: str, reason: str = "") -> None:
        self.counts[(status, reason)] += 1

    def total(self, status: str) -> int:
        return sum(n for (found, _reason), n in self.counts.items() if found == status)

    def describe(self) -> str:
        parts = []
        statuses = (mail_replies.POSTED, mail_replies.REFUSED, mail_replies.IGNORED, "failed")
        if self.total(mail_replies.DEFERRED):
            statuses += (mail_replies.DEFERRED,)
        for status in statuses:
            reasons = sorted(
                (reason, n)
                for (found, reason), n in self.counts.items()
                if found == status and reason
            )
            detail = f" ({', '.join(f'{reason} {n}' for reason, n in reasons)})" if reasons else ""
            parts.append(f"{self.total(status)} {status}{detail}")
        return "Mail replies: " + ", ".join(parts) + "."


def fetch(limit: int | None = None) -> Summary:
    """Handle the unread messages of the reply mailbox (at most ``limit``)."""
    summary = Summary()
    client = connect()
    try:
        _check(client.login(settings.IMAP_USER, settings.IMAP_PASSWORD), "LOGIN")
        mailbox = Mailbox(client)
        for uid in mailbox.unseen()[:limit]:
            outcome = _handle(mailbox, uid)
            summary.add(outcome.status, outcome.reason)
            if outcome.status == mail_replies.DEFERRED:
                continue  # stays unread: the next run tries again
            mailbox.mark(uid, outcome.status)
            # Only now that the message is marked: a re-run never mails the author twice.
            outcome.send_mails()
        with contextlib.suppress(imaplib.IMAP4.error):
            client.close()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return summary


def _handle(mailbox: Mailbox, uid: bytes):
    """One message; whatever goes wrong is logged and the message set aside as failed."""
    try:
        complete = mailbox.size(uid) <= mail_replies.MAX_MESSAGE_BYTES
        raw = mailbox.read(uid, headers_only=not complete)
    except (imaplib.IMAP4.abort, OSError):
        raise  # the connection is gone: stop the run, the next one starts again
    except imaplib.IMAP4.error:
        logger.exception("Mail reply UID %s could not be read", uid.decode())
        return mail_replies.Outcome("failed", "unreadable")
    try:
        outcome = mail_replies.handle_message(raw, complete=complete)
    except Exception:
        logger.exception("Mail reply UID %s could not be handled", uid.decode())
        return mail_replies.Outcome("failed", "error")
    logger.info(
        "Mail reply UID %s %s: %s %s",
        uid.decode(),
        outcome.message_id or "(no Message-ID)",
        outcome.status,
        outcome.reason,
    )
    return outcome


class Command(BaseCommand):
    help = "Post the replies to notification mails found in the IMAP mailbox (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Handle at most this many messages."
        )

    def handle(self, *args, limit=None, **options):
        if not (settings.REPLY_BY_MAIL_ADDRESS and settings.IMAP_HOST):
            self.stdout.write("Reply by e-mail is off (REPLY_BY_MAIL_ADDRESS or IMAP_HOST unset).")
            return
        try:
            summary = fetch(limit)
        except (imaplib.IMAP4.error, OSError) as error:
            where = f"{settings.IMAP_HOST}:{settings.IMAP_PORT}"
            raise CommandError(f"Could not read the reply mailbox at {where}: {error}") from error
        self.stdout.write(summary.describe())
