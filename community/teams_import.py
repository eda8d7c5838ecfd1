"""Moving a Teams channel to the forum: a Microsoft Graph export becomes topics and posts.

The export is a folder of JSON files as Graph returns them: pages ``{"@odata.context": ...,
"value": [chatMessage, ...], "@odata.nextLink": ...}`` of a channel's messages, with their
replies nested (``$expand=replies``) or in pages of their own (``.../messages/{id}/replies``,
each reply carrying ``replyToId``), or both. Graph's ``from`` has no e-mail address, so the
export also holds the team's members (``/teams/{id}/members``: ``aadUserConversationMember``
objects with ``userId`` and ``email``), in any file whose items are conversation members
(``members.json`` in the sample). Files attached in Teams may be put in ``files/``.

How it maps (the decisions, in one place):

- A root message is a topic (title: its subject, else the first words of its text); its
  replies are posts numbered in date order, with their original dates; the topic's counters,
  last activity and last poster follow. Post #1 carries the root's id too.
- Authors are matched by e-mail (case-insensitive) to an account whose address is verified
  (allauth ``EmailAddress``), whatever its approval: the address proves whose words they are.
  Everyone else gets one inactive placeholder account per Graph user id: no usable password,
  no verified address, not a member, an ``.invalid`` e-mail address (so the person can still
  register with their own), their Teams display name and "voormalig lid" as organisation,
  which the topic page shows beside the name.
- HTML becomes Markdown (markdownify) after an allow-list clean-up (nh3): scripts, styles and
  frames go with their content, links keep only http(s) and mailto. Pages render the Markdown
  through ``portal.markdown`` as any post. ``<at id="n">`` mentions become ``@username`` for
  matched accounts (with a Mention row when they may see the space) and the plain name
  otherwise. Teams emoji become their character; pictures are left out.
- Reactions: like and 👍 -> duim, heart and ❤️ -> hart, 🙏 -> dank, 💡 -> idee; laugh,
  surprised, sad, angry and other emoji have no counterpart and are left out (counted):
  turning a sad face into a thumbs up would say something nobody said. Only matched
  accounts react; placeholders do not.
- Attachments: a file of that name in ``files/`` is checked as a member's upload
  (``community.attachments``) and stored privately; otherwise, or when refused, the text
  keeps a line "Bijlage in Teams: <name>" linking to where it was. A quoted message
  (``messageReference``) becomes a quote above the text.
- System messages (``messageType`` other than ``message``) and deleted messages are skipped
  and counted. A deleted root with replies left keeps its thread: post #1 is a deleted post.
- The privacy guard (``portal.privacy``) reads every message (title, text, file names). A
  message it would block is imported HIDDEN, with a system flag (no reporter, reason privacy)
  and a moderator log entry ("import"), so it waits in the moderation queue and is never
  indexed; a hidden first post hides its topic (as a moderator's hiding does) and a blocked
  number in a title is masked. A message with only warnings (e-mail addresses, phone
  numbers, names) is imported visible and flagged for review: in Teams it was already
  visible to the whole team, and colleagues' addresses are common there; a moderator
  decides.
- Idempotent through ``external_id`` (``teams:<channel id>:<message id>``): a second run adds
  nothing; a run on a later export adds only new messages, appended after what the topic
  already has (numbers never change), or to the topic a moderator merged it into. Messages
  already imported are never changed. Threads
  are written in batches, each in a transaction of its own: an interrupted import is
  completed by running it again.
- Nothing is announced: rows are written in bulk, so ``community.signals.post_created`` and
  the search's save signals do not fire and nobody is notified of old conversations. The new
  visible posts are put in the search index in batches at the end.
"""

import datetime
import json
import re
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

import nh3
from markdownify import MarkdownConverter

from accounts.models import ApprovalStatus
from portal import markdown, privacy

from . import access
from .models import Flag, FlagReason, Mention, ModerationAction, Post, Reaction, Topic

FILES_FOLDER = "files"
PLACEHOLDER_PREFIX = "teams-"
PLACEHOLDER_DOMAIN = "teams-import.invalid"
# Stored on the placeholder account, shown beside the name on the topic page (content, Dutch).
FORMER_MEMBER = "voormalig lid"
TITLE_LENGTH = 80
BATCH_THREADS = 200
INDEX_BATCH = 500

# Graph's reaction types (and the emoji newer clients send) that have a counterpart here.
REACTIONS = {
    "like": "duim",
    "👍": "duim",
    "heart": "hart",
    "❤️": "hart",
    "❤": "hart",
    "🙏": "dank",
    "💡": "idee",
}


class ExportError(Exception):
    """The folder is not a Graph export we can read; the message says where and why."""


# --- reading the export ------------------------------------------------------------------------


@dataclass
class GraphUser:
    id: str
    name: str


@dataclass
class Message:
    id: str
    channel: str
    reply_to: str | None
    kind: str
    created: datetime.datetime
    edited: datetime.datetime | None
    deleted: datetime.datetime | None
    author: GraphUser | None
    subject: str
    content_type: str
    content: str
    mentions: list[dict]
    reactions: list[dict]
    attachments: list[dict]
    where: str
    modified: str = ""

    @property
    def key(self) -> str:
        """The external_id of what it becomes."""
        return external_key(self.channel, self.id)

    @property
    def is_system(self) -> bool:
        return self.kind != "message"

    @property
    def sort_key(self):
        return (self.created, self.id)


@dataclass
class Export:
    folder: Path
    messages: dict[str, Message]
    emails: dict[str, str]  # Graph user id -> e-mail address
    pages: int

    @property
    def files(self) -> Path:
        return self.folder / FILES_FOLDER


_CHANNEL_IN_CONTEXT = re.compile(r"channels\('([^']+)'\)")
_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def parse_datetime(value, where: str, name: str, *, required: bool = False):
    """Graph's ISO 8601 timestamps (``2024-03-14T09:12:45.123Z``, up to seven decimals)."""
    if value in (None, ""):
        if required:
            raise ExportError(f"{where}: {name} is missing.")
        return None
    if not isinstance(value, str):
        raise ExportError(f"{where}: {name} is not a date: {value!r}.")
    try:
        parsed = datetime.datetime.fromisoformat(_FRACTION.sub(r"\1", value.replace("Z", "+00:00")))
    except ValueError:
        raise ExportError(f"{where}: {name} is not a date: {value!r}.") from None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def _load(path: Path):
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        raise ExportError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"(character {error.pos}): {error.msg}."
        ) from None
    except UnicodeDecodeError as error:
        raise ExportError(f"{path.name}: not UTF-8 text (byte {error.start}).") from None
    except OSError as error:
        raise ExportError(f"{path.name}: cannot be read ({error.strerror}).") from None


def _is_member_page(data: dict) -> bool:
    if "/members" in str(data.get("@odata.context", "")):
        return True
    first = data["value"][0] if data["value"] else None
    return isinstance(first, dict) and str(first.get("@odata.type", "")).endswith(
        "ConversationMember"
    )


def _identity(value) -> GraphUser | None:
    """The person (or, for connectors, the app) in a Graph identity set."""
    if not isinstance(value, dict):
        return None
    for part in ("user", "application"):
        who = value.get(part)
        if isinstance(who, dict) and who.get("id"):
            return GraphUser(str(who["id"]), str(who.get("displayName") or "").strip())
    return None


def _list(item: dict, name: str, where: str) -> list:
    value = item.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ExportError(f"{where}: {name} is not a list.")
    return value


class _Reader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.messages: dict[str, Message] = {}
        self.emails: dict[str, str] = {}

    def page(self, path: Path) -> None:
        data = _load(path)
        if not isinstance(data, dict) or not isinstance(data.get("value"), list):
            raise ExportError(
                f'{path.name}: not a Microsoft Graph page (expected an object with a "value" list).'
            )
        if _is_member_page(data):
            for number, item in enumerate(data["value"]):
                self.member(item, f"{path.name}, value[{number}]")
            return
        match = _CHANNEL_IN_CONTEXT.search(str(data.get("@odata.context", "")))
        channel = urllib.parse.unquote(match.group(1)) if match else ""
        for number, item in enumerate(data["value"]):
            self.message(item, f"{path.name}, value[{number}]", channel, None)

    def member(self, item, where: str) -> None:
        if not isinstance(item, dict):
            raise ExportError(f"{where}: not a member object.")
        user_id, email = item.get("userId"), item.get("email")
        if user_id and isinstance(email, str) and "@" in email:
            self.emails[str(user_id)] = email.strip()

    def message(self, item, where: str, channel: str, root: str | None) -> None:
        if not isinstance(item, dict) or not item.get("id"):
            raise ExportError(f"{where}: not a chatMessage (no id).")
        identity = item.get("channelIdentity")
        if isinstance(identity, dict) and identity.get("channelId"):
            channel = str(identity["channelId"])
        message_id = str(item["id"])
        reply_to = item.get("replyToId") or root
        if reply_to is not None and str(reply_to) == message_id:
            reply_to = None
        body = item.get("body") if isinstance(item.get("body"), dict) else {}
        message = Message(
            id=message_id,
            channel=channel,
            reply_to=str(reply_to) if reply_to else None,
            kind=str(item.get("messageType") or "message"),
            created=parse_datetime(
                item.get("createdDateTime"), where, "createdDateTime", required=True
            ),
            edited=parse_datetime(item.get("lastEditedDateTime"), where, "lastEditedDateTime"),
            deleted=parse_datetime(item.get("deletedDateTime"), where, "deletedDateTime"),
            author=_identity(item.get("from")),
            subject=str(item.get("subject") or "").strip(),
            content_type=str(body.get("contentType") or "text").lower(),
            content=str(body.get("content") or ""),
            mentions=[m for m in _list(item, "mentions", where) if isinstance(m, dict)],
            reactions=[r for r in _list(item, "reactions", where) if isinstance(r, dict)],
            attachments=[a for a in _list(item, "attachments", where) if isinstance(a, dict)],
            where=where,
            modified=str(item.get("lastModifiedDateTime") or ""),
        )
        known = self.messages.get(message_id)
        # The same message in two pages (nested and on its own): the later version wins.
        if known is None or message.modified >= known.modified:
            self.messages[message_id] = message
        for number, reply in enumerate(_list(item, "replies", where)):
            self.message(reply, f"{where}.replies[{number}]", channel, message_id)


def external_key(channel: str, message_id: str) -> str:
    return f"teams:{channel}:{message_id}" if channel else f"teams:{message_id}"


def read_export(folder) -> Export:
    """Read every JSON page in ``folder``; raises ExportError with the file and position."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder.")
    paths = sorted(path for path in folder.glob("*.json") if path.is_file())
    if not paths:
        raise ExportError(f"{folder}: no JSON files (a Graph export has one per page).")
    reader = _Reader(folder)
    for path in paths:
        reader.page(path)
    return Export(folder, reader.messages, reader.emails, len(paths))


# --- HTML to Markdown ----------------------------------------------------------------------------

_HTML_TAGS = {
    "p", "div", "span", "br", "hr", "strong", "b", "em", "i", "u", "s", "strike", "del",
    "ul", "ol", "li", "a", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "at", "emoji", "img",
}  # fmt: skip
# Dropped with everything inside them, not only their tags.
_DROP_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript",
    "template", "svg", "math", "textarea", "select", "button", "title", "head",
}  # fmt: skip
_HTML_ATTRIBUTES = {
    "a": {"href"},
    "at": {"id"},
    "emoji": {"alt"},
    "img": {"alt", "itemtype"},
    "ol": {"start"},
}


@dataclass
class Mentioned:
    text: str  # what replaces the <at> element, already Markdown
    user: object | None = None


class _Converter(MarkdownConverter):
    def __init__(self, mentions: dict[str, Mentioned], **options):
        self.mentions = mentions
        super().__init__(**options)

    def convert_at(self, el, text, parent_tags):
        mentioned = self.mentions.get(str(el.get("id", "")))
        return mentioned.text if mentioned is not None else text

    def convert_emoji(self, el, text, parent_tags):
        return self.escape(el.get("alt") or "", parent_tags)

    def convert_img(self, el, text, parent_tags):
        # Teams writes some emoji as pictures; other pictures live in Teams and stay there.
        if "emoji" in str(el.get("itemtype", "")).lower():
            return self.escape(el.get("alt") or "", parent_tags)
        return ""


_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_BREAK = re.compile(r"[ \t]*\\\n(?=\n|$)")
# A hard break ("\" at a line's end) before a blank line or the end says nothing.
_EMPTY_LINE_BREAK = re.compile(r"(?m)^\\$")


def html_to_markdown(html: str, mentions: dict[str, Mentioned] | None = None) -> str:
    """Teams HTML as Markdown; ``mentions`` maps ``<at id>`` to its replacement."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=_HTML_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_HTML_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    converter = _Converter(
        mentions or {},
        heading_style="atx",
        bullets="-",
        newline_style="backslash",
        strip=["u", "span"],
    )
    text = converter.convert(cleaned).replace("\xa0", " ")
    text = _EMPTY_LINE_BREAK.sub("", text)
    text = _TRAILING_BREAK.sub("", text.rstrip("\\ \n") + "\n")
    return _BLANK_LINES.sub("\n\n", text).strip()


def _escape_inline(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


# --- the import ----------------------------------------------------------------------------------


@dataclass
class Summary:
    pages: int = 0
    messages: int = 0
    topics: int = 0
    replies: int = 0
    topics_continued: int = 0
    already: int = 0
    system: int = 0
    deleted: int = 0
    orphans: int = 0
    hidden: int = 0
    flagged: int = 0
    matched_authors: int = 0
    former_members: int = 0
    placeholders_created: int = 0
    mentions: int = 0
    reactions: int = 0
    reactions_left_out: int = 0
    files_stored: int = 0
    files_linked: int = 0
    indexed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.topics + self.replies

    def lines(self) -> list[str]:
        return [
            f"Read {self.messages} messages in {self.pages} files.",
            f"Imported {self.imported} messages: {self.topics} new topics, {self.replies} "
            f"replies ({self.topics_continued} topics from an earlier import continued).",
            f"Already imported by an earlier run, left as they are: {self.already}.",
            f"Skipped: {self.system} system messages, {self.deleted} deleted messages, "
            f"{self.orphans} replies whose first message is missing from the export.",
            f"Privacy guard: {self.hidden} hidden until a moderator looks, "
            f"{self.flagged} visible but flagged for review.",
            f"Authors: {self.matched_authors} matched to accounts, {self.former_members} shown "
            f"as former members ({self.placeholders_created} placeholder accounts created).",
            f"Mentions: {self.mentions}. Reactions: {self.reactions} "
            f"({self.reactions_left_out} without a counterpart here left out).",
            f"Attachments: {self.files_stored} files stored, {self.files_linked} kept as a link.",
            f"Search: {self.indexed} documents indexed.",
            *self.notes,
        ]


@dataclass
class Thread:
    """A root message and its replies in date order. ``root`` is None when the root was
    imported by an earlier run and this export only holds newer replies."""

    key: str
    root: Message | None
    replies: list[Message]

    @property
    def messages(self) -> list[Message]:
        return [self.root, *self.replies] if self.root else list(self.replies)

    @property
    def sort_key(self):
        return (self.root or self.replies[0]).sort_key


@dataclass
class _Planned:
    """A post to write, with what hangs on it."""

    post: Post
    mentions: list = field(default_factory=list)
    reactions: list = field(default_factory=list)
    files: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    warned: list = field(default_factory=list)


class TeamsImport:
    def __init__(self, export: Export, space, *, index: bool = True, progress=None):
        self.export = export
        self.space = space
        self.index = index
        self.progress = progress or (lambda line: None)
        self.summary = Summary(pages=export.pages, messages=len(export.messages))
        self.users: dict[str, object] = {}  # Graph user id -> account (matched or placeholder)
        self.matched: set[str] = set()  # Graph user ids matched to a real account
        self.visible_to: set[int] = set()
        self.new_post_ids: list[int] = []

    def run(self) -> Summary:
        # Stored texts (hiding reasons, flag notes, attachment lines) speak the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            threads = self.threads()
            self.resolve_people(threads)
            for start in range(0, len(threads), BATCH_THREADS):
                with transaction.atomic():
                    self._batch(threads[start : start + BATCH_THREADS])
                self.progress(f"{min(start + BATCH_THREADS, len(threads))}/{len(threads)} threads")
            if self.index:
                self._index()
        return self.summary

    # -- threads --------------------------------------------------------------------------------

    def threads(self) -> list[Thread]:
        messages = self.export.messages
        roots: dict[str, Message] = {}
        replies: dict[str, list[Message]] = defaultdict(list)
        for message in messages.values():
            if message.is_system:
                self.summary.system += 1
            elif message.reply_to is None:
                roots[message.id] = message
                self.summary.deleted += bool(message.deleted)
            elif message.deleted:
                self.summary.deleted += 1
            else:
                replies[_root_id(message, messages)].append(message)
        threads = [
            Thread(root.key, root, sorted(replies.pop(root.id, []), key=lambda m: m.sort_key))
            for root in roots.values()
        ]
        # A deleted message nobody answered leaves nothing to keep.
        threads = [thread for thread in threads if not thread.root.deleted or thread.replies]
        # Replies to a root that is not in this export: an earlier run may have imported it.
        keys = {
            external_key(group[0].channel, root_id): root_id for root_id, group in replies.items()
        }
        known = _root_topics(list(keys))
        for key, root_id in keys.items():
            group = sorted(replies[root_id], key=lambda m: m.sort_key)
            if key in known:
                threads.append(Thread(key, None, group))
            else:
                self.summary.orphans += len(group)
        threads.sort(key=lambda thread: thread.sort_key)
        return threads

    # -- people ---------------------------------------------------------------------------------

    def resolve_people(self, threads: list[Thread]) -> None:
        authors: dict[str, GraphUser] = {}
        others: set[str] = set()
        for thread in threads:
            for message in thread.messages:
                if message.author is not None:
                    authors.setdefault(message.author.id, message.author)
                others.update(
                    who.id
                    for who in (
                        *(_identity(m.get("mentioned")) for m in message.mentions),
                        *(_identity(r.get("user")) for r in message.reactions),
                    )
                    if who is not None
                )
        emails = self.export.emails
        wanted = {gid: emails[gid] for gid in {*authors, *others} if gid in emails}
        accounts = _accounts_by_email({email.lower() for email in wanted.values()})
        for gid, email in wanted.items():
            account = accounts.get(email.lower())
            if account is not None:
                self.users[gid] = account
                self.matched.add(gid)
        self._placeholders([who for gid, who in authors.items() if gid not in self.matched])
        self.summary.matched_authors = len(authors.keys() & self.matched)
        self.summary.former_members = len(authors.keys() - self.matched)
        self.visible_to = set(access.who_may_see(self.space).values_list("pk", flat=True))

    def _placeholders(self, people: list[GraphUser]) -> None:
        """One inactive account per Graph user id, made by the first run that needs it."""
        User = get_user_model()
        names = {who.id: placeholder_username(who.id) for who in people}
        existing = {
            user.username: user for user in User.objects.filter(username__in=names.values())
        }
        new = []
        for who in people:
            username = names[who.id]
            if username not in existing:
                first, last = _split_name(who.name or _("Teams user"))
                existing[username] = User(
                    username=username,
                    email=f"{username}@{PLACEHOLDER_DOMAIN}",
                    first_name=first,
                    last_name=last,
                    organisation=FORMER_MEMBER,
                    is_active=False,
                    approval_status=ApprovalStatus.REJECTED,
                    password=make_password(None),
                )
                new.append(existing[username])
            self.users[who.id] = existing[username]
        User.objects.bulk_create(new, batch_size=500)
        self.summary.placeholders_created += len(new)

    def account(self, who: GraphUser | None):
        who = who or GraphUser("onbekend", _("Unknown Teams user"))
        if who.id not in self.users:
            self._placeholders([who])
        return self.users[who.id]

    # -- one message --------------------------------------------------------------------------

    def plan(self, message: Message, title: str | None = None) -> _Planned:
        """The post ``message`` becomes; ``title``: the topic's, when it is the first post."""
        author = self.account(message.author)
        mentions, mentioned = self._mentions(message, author)
        if message.deleted:
            body = ""
        elif message.content_type == "html":
            body = html_to_markdown(message.content, mentions)
        else:
            body = message.content.strip()
        quotes, links, files = self._attachments(message)
        body = "\n\n".join(part for part in (*quotes, body, *links) if part)
        edited = message.edited if message.edited and message.edited > message.created else None
        planned = _Planned(
            Post(
                number=0,
                author=author,
                body=body,
                created_at=message.created,
                edited_at=edited,
                deleted_at=message.deleted,
                external_id=message.key,
            ),
            mentions=mentioned,
            files=files,
        )
        if message.deleted:
            return planned
        findings = privacy.check(f"{title}\n\n{body}" if title else body)
        for checked in files:
            findings += privacy.check_filename(checked.name)
        planned.blocked = privacy.blocks(findings)
        planned.warned = privacy.warnings(findings)
        if planned.blocked:
            planned.post.hidden_at = timezone.now()
            planned.post.hidden_reason = _("Privacy guard during the import: %(reason)s") % {
                "reason": planned.blocked[0].message
            }
        planned.reactions = self._reactions(message)
        return planned

    def _mentions(self, message: Message, author) -> tuple[dict[str, Mentioned], list]:
        replacements: dict[str, Mentioned] = {}
        mentioned = []
        for mention in message.mentions:
            who = _identity(mention.get("mentioned"))
            text = str(mention.get("mentionText") or (who.name if who else "")).strip()
            if who is not None and who.id in self.matched:
                account = self.users[who.id]
                replacements[str(mention.get("id"))] = Mentioned(f"@{account.username}", account)
                if account.pk in self.visible_to and account.pk != author.pk:
                    mentioned.append(account)
            else:
                replacements[str(mention.get("id"))] = Mentioned(_escape_inline(text))
        return replacements, list(dict.fromkeys(mentioned))

    def _reactions(self, message: Message) -> list[tuple]:
        out = []
        for reaction in message.reactions:
            kind = REACTIONS.get(str(reaction.get("reactionType") or "").strip())
            who = _identity(reaction.get("user"))
            if kind is None:
                self.summary.reactions_left_out += 1
            elif who is not None and who.id in self.matched:
                when = parse_datetime(reaction.get("createdDateTime"), message.where, "reaction")
                out.append((self.users[who.id], kind, when or message.created))
        return out

    def _attachments(self, message: Message):
        from . import attachments

        quotes, links, files = [], [], []
        if message.deleted:
            return quotes, links, files
        for item in message.attachments:
            kind = str(item.get("contentType") or "")
            if kind == "messageReference":
                quotes.append(_quote(item))
            elif kind == "reference":
                name = attachments.clean_name(str(item.get("name") or ""))
                checked, reason = self._file(name, len(files), message)
                if checked is not None:
                    files.append(checked)
                else:
                    links.append(_attachment_line(name, str(item.get("contentUrl") or ""), reason))
                    self.summary.files_linked += 1
            # Cards, tabs and meetings: nothing of theirs belongs in a post.
        return [quote for quote in quotes if quote], links, files

    def _file(self, name: str, already: int, message: Message):
        """The checked file from files/, or None and why not (no reason: not in the export)."""
        from . import attachments

        folder = self.export.files
        path = (folder / name).resolve()
        if not folder.is_dir() or not path.is_relative_to(folder.resolve()) or not path.is_file():
            return None, None
        if privacy.blocks(privacy.check_filename(name)):
            return None, None  # the name stays in the (hidden) text, the file stays out
        if already >= attachments.max_files():
            return None, _("too many files in one message")
        if path.stat().st_size > attachments.max_bytes():
            return None, _("too large")
        upload = SimpleUploadedFile(name, path.read_bytes())
        try:
            return attachments.check(upload), None
        except ValidationError as error:
            self.summary.notes.append(
                f"{message.where}: {FILES_FOLDER}/{name} refused: {' '.join(error.messages)}"
            )
            return None, _("not accepted here")

    # -- writing --------------------------------------------------------------------------------

    def _batch(self, threads: list[Thread]) -> None:
        keys = [message.key for thread in threads for message in thread.messages]
        done = set(Post.objects.filter(external_id__in=keys).values_list("external_id", flat=True))
        anchors = _root_topics([thread.key for thread in threads])
        # Locked: a member replying meanwhile must not take the numbers we are about to give.
        topics = Topic.objects.select_for_update().in_bulk(set(anchors.values()))
        started, continued = [], []
        for thread in threads:
            fresh = [message for message in thread.messages if message.key not in done]
            self.summary.already += len(thread.messages) - len(fresh)
            topic = topics.get(anchors.get(thread.key))
            if topic is None:
                title = self._title(thread.root)
                planned = [self.plan(thread.root, title)]
                planned += [self.plan(message) for message in fresh if message is not thread.root]
                topic = Topic(
                    space=self.space,
                    title=_mask_blocked(title),
                    author=planned[0].post.author,
                    created_at=thread.root.created,
                    external_id=thread.key,
                )
                topic.slug = slugify(topic.title)[:80] or "onderwerp"  # as Topic.save() does
                # As a moderator's hiding does: a hidden first post hides its topic.
                topic.hidden_at = planned[0].post.hidden_at
                self._number(topic, planned, start=1)
                started.append((topic, planned))
            elif fresh:
                planned = [self.plan(message) for message in fresh]
                self._number(topic, planned, start=topic.post_count + 1)
                continued.append((topic, planned))
        Topic.objects.bulk_create([topic for topic, _planned in started])
        everything = []
        for topic, planned in (*started, *continued):
            for item in planned:
                item.post.topic = topic
                everything.append(item)
        Post.objects.bulk_create([item.post for item in everything], batch_size=500)
        for topic, _planned in continued:
            Topic.objects.filter(pk=topic.pk).update(
                post_count=topic.post_count,
                last_posted_at=topic.last_posted_at,
                last_poster=topic.last_poster,
            )
        self.summary.topics += len(started)
        self.summary.topics_continued += len(continued)
        self.summary.replies += len(everything) - len(started)
        self._details(everything)

    def _title(self, root: Message) -> str:
        if root.subject:
            return Truncator(" ".join(root.subject.split())).chars(150)
        if not root.deleted:
            text = html_to_markdown(root.content) if root.content_type == "html" else root.content
            words = first_words(markdown.to_plain_text(text))
            if words:
                return words
        when = date_format(timezone.localtime(root.created), "j F Y")
        return _("Conversation from Teams of %(date)s") % {"date": when}

    def _number(self, topic: Topic, planned: list[_Planned], start: int) -> None:
        """Number the posts from ``start`` on, in the order given (date order); the topic's
        counters follow, its last activity only forwards."""
        for offset, item in enumerate(planned):
            item.post.number = start + offset
        topic.post_count = start + len(planned) - 1
        last = max((item.post for item in planned), key=lambda post: post.created_at)
        if start == 1 or last.created_at >= topic.last_posted_at:
            topic.last_posted_at = last.created_at
            topic.last_poster = last.author

    def _details(self, planned: list[_Planned]) -> None:
        from . import attachments

        mentions, reactions, flags, log = [], [], [], []
        for item in planned:
            post = item.post
            mentions += [Mention(post=post, user=user) for user in item.mentions]
            reactions += [
                Reaction(post=post, user=user, kind=kind, created_at=when)
                for user, kind, when in item.reactions
            ]
            if item.files:
                attachments.store(post, post.author, item.files)
                self.summary.files_stored += len(item.files)
            if item.blocked:
                flags.append(_flag(post, f"{post.hidden_reason} {_found(item.blocked)}"))
                log.append(
                    ModerationAction(
                        actor=None,
                        action=ModerationAction.Kind.IMPORT,
                        topic=post.topic,
                        post=post,
                        member=post.author,
                        reason=post.hidden_reason,
                        detail={
                            "source": "teams",
                            "external_id": post.external_id,
                            "findings": [
                                {"kind": f.kind, "masked": f.masked} for f in item.blocked
                            ],
                        },
                    )
                )
                self.summary.hidden += 1
            elif item.warned:
                note = _(
                    "Privacy guard during the import: this may identify a participant. %(found)s "
                    "Hide the message if it does."
                ) % {"found": _found(item.warned)}
                flags.append(_flag(post, note))
                self.summary.flagged += 1
            if not post.is_deleted and not post.is_hidden:
                self.new_post_ids.append(post.pk)
        Mention.objects.bulk_create(mentions, batch_size=500, ignore_conflicts=True)
        Reaction.objects.bulk_create(reactions, batch_size=500, ignore_conflicts=True)
        Flag.objects.bulk_create(flags, batch_size=500)
        ModerationAction.objects.bulk_create(log, batch_size=500)
        self.summary.mentions += len(mentions)
        self.summary.reactions += len(reactions)

    def _index(self) -> None:
        """The new visible posts, in batches (hidden ones never reach the index)."""
        from search.indexing import index_now

        ids = self.new_post_ids
        for start in range(0, len(ids), INDEX_BATCH):
            posts = (
                Post.objects.filter(pk__in=ids[start : start + INDEX_BATCH])
                .select_related("topic__space", "topic__solution", "author")
                .order_by("pk")
            )
            with transaction.atomic():
                self.summary.indexed += index_now(list(posts))
            self.progress(f"{min(start + INDEX_BATCH, len(ids))}/{len(ids)} posts indexed")


def import_channel(folder, space, *, index: bool = True, progress=None) -> Summary:
    """Import the Graph export in ``folder`` into ``space``; see the module's docstring."""
    return TeamsImport(read_export(folder), space, index=index, progress=progress).run()


# --- helpers -------------------------------------------------------------------------------------


def placeholder_username(graph_id: str) -> str:
    return (PLACEHOLDER_PREFIX + re.sub(r"[^\w.@+-]", "-", graph_id))[:150]


def first_words(text: str) -> str:
    """A title from a message's text: its first sentence, or its first words, up to
    TITLE_LENGTH characters."""
    words = " ".join(text.split())
    if len(words) <= TITLE_LENGTH:
        return words
    head = words[: TITLE_LENGTH + 1]
    end = max(head.rfind(mark) for mark in (". ", "? ", "! "))
    if end >= TITLE_LENGTH // 3:
        return head[: end + 1]
    return head.rsplit(" ", 1)[0].rstrip(",;:-") + "…"


def _accounts_by_email(emails: set[str]) -> dict:
    """Accounts by their verified e-mail addresses (lower case), a primary address first."""
    from allauth.account.models import EmailAddress

    found = {}
    emails = sorted(emails)
    for start in range(0, len(emails), 500):
        rows = (
            EmailAddress.objects.annotate(lowered=Lower("email"))
            .filter(lowered__in=emails[start : start + 500], verified=True)
            .select_related("user")
            .order_by("-primary", "pk")
        )
        for row in rows:
            found.setdefault(row.email.lower(), row.user)
    return found


def _root_topics(keys: list[str]) -> dict[str, int]:
    """Where each thread's first message lives now, by its key: the topic of its post (a
    moderator may have merged it into another topic), else the topic made for it."""
    found = dict(Topic.objects.filter(external_id__in=keys).values_list("external_id", "pk"))
    found.update(Post.objects.filter(external_id__in=keys).values_list("external_id", "topic_id"))
    return found


def _root_id(message: Message, messages: dict[str, Message]) -> str:
    """The thread a reply belongs to (Teams threads are one level deep; follow a chain anyway)."""
    seen = {message.id}
    while message.reply_to is not None:
        parent = messages.get(message.reply_to)
        if parent is None or parent.id in seen:
            return message.reply_to
        seen.add(parent.id)
        message = parent
    return message.id


def _split_name(name: str) -> tuple[str, str]:
    first, _gap, last = name.strip().partition(" ")
    return first[:150], last[:150]


def _quote(item: dict) -> str:
    """A quoted Teams message (``messageReference``) as a Markdown quote."""
    try:
        content = json.loads(item.get("content") or "{}")
    except (TypeError, ValueError):
        return ""
    if not isinstance(content, dict):
        return ""
    preview = " ".join(str(content.get("messagePreview") or "").split())
    if not preview:
        return ""
    who = _identity(content.get("messageSender"))
    name = f"**{_escape_inline(who.name)}**: " if who and who.name else ""
    return f"> {name}{_escape_inline(preview)}"


def _attachment_line(name: str, url: str, reason: str | None) -> str:
    label = _escape_inline(name)
    if url.startswith("https://"):
        label = f"[{label}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"
    line = _("Attachment in Teams: %(name)s") % {"name": label}
    return f"{line} ({reason})" if reason else line


def _mask_blocked(text: str) -> str:
    for finding in reversed(privacy.blocks(privacy.check(text))):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text


def _found(findings) -> str:
    found = "; ".join(f"{privacy.KIND_LABELS[f.kind]} “{f.masked}”" for f in findings)
    return _("Found: %(found)s.") % {"found": found}


def _flag(post: Post, note: str) -> Flag:
    return Flag(post=post, reporter=None, reason=FlagReason.PRIVACY, note=note[:1000])


# --- the demo ------------------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parent / "teams_sample"
DEMO_SPACE = {
    "slug": "uit-teams",
    "name": "Uit Teams",
    "position": 5,
    "description": (
        "Het archief van het Teams-kanaal Algemeen van Casemanagers zorg Vlaanderen, "
        "overgezet naar het forum. Je kunt er gewoon verder op reageren."
    ),
}


def load_demo(out) -> None:
    """The sample export in its own space (idempotent: a second run imports nothing)."""
    from .models import Space

    defaults = {key: value for key, value in DEMO_SPACE.items() if key != "slug"}
    space, created = Space.objects.get_or_create(slug=DEMO_SPACE["slug"], defaults=defaults)
    if created:
        out.write(f"  ruimte {space.name} aangemaakt")
    # load_demo rebuilds the search index once every app is done.
    summary = import_channel(SAMPLE, space, index=False)
    if summary.imported:
        out.write(
            f"  {summary.topics} gesprekken met {summary.replies} antwoorden uit Teams "
            f"geïmporteerd ({summary.hidden} verborgen door de privacybewaker)"
        )
