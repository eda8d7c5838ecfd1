"""Reply by e-mail: ``manage.py fetch_mail_replies`` against a real IMAP server (dovecot).

The mails are written the way the clients our members use write them (Gmail, Outlook in
Dutch, Apple Mail on an iPhone), put in the mailbox with IMAP APPEND, and read by the command.
Tests of the text rules alone (quotes, signatures, tokens) need no server.
"""

import datetime
import io
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

import pytest
from allauth.account.models import EmailAddress

from accounts import access as accounts_access
from community import mail_replies, posting
from community.mail_replies import reply_address, reply_token, strip_history
from community.models import Mention, Post, Sanction
from portal import markdown
from tests.accounts.factories import MemberFactory
from tests.community import factories, imap_server

MAILBOX = "forum@kennis.example.be"
INSZ = "85.07.30-033.28"  # passes the mod-97 check


def nl(msgid: str, **values) -> str:
    """A message as the mail to the author says it (the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = translation.gettext(msgid)
    return text % values if values else text


# --- a real IMAP server ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dovecot():
    with imap_server.running() as server:
        yield server


@pytest.fixture
def mailbox(dovecot, settings):
    dovecot.clear()
    settings.REPLY_BY_MAIL_ADDRESS = MAILBOX
    settings.IMAP_HOST = dovecot.host
    settings.IMAP_PORT = dovecot.port
    settings.IMAP_USER = dovecot.user
    settings.IMAP_PASSWORD = dovecot.password
    settings.IMAP_SSL = False
    settings.IMAP_FOLDER = "INBOX"
    return dovecot


@pytest.fixture
def fetch(django_capture_on_commit_callbacks):
    """Run the command as the scheduler does (after-commit work included); its summary."""

    def run() -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("fetch_mail_replies", stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def member(db):
    return MemberFactory(first_name="Lotte", email="lotte.vermeulen@ocmw-voorbeeldstad.be")


@pytest.fixture
def topic(db):
    author = MemberFactory(first_name="Jan")
    space = factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")
    return factories.topic(space, author, title="Wachttijden dagcentrum")


def reply_mail(
    user,
    topic,
    text: str | None = "Bij ons duurt dat ongeveer drie weken.",
    *,
    html: str | None = None,
    sender: str | None = None,
    to: str | None = None,
    message_id: str | None = None,
    headers: dict | None = None,
    subject: str = "Re: Nieuw antwoord in Wachttijden dagcentrum",
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Lotte Vermeulen <{sender or user.email}>"
    message["To"] = to or f"SAM Kennisplatform <{reply_address(user, topic)}>"
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="mail.voorbeeld.be")
    message["Date"] = "Tue, 04 Mar 2025 10:30:00 +0100"
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return bytes(message)


def posts(topic):
    return list(Post.objects.filter(topic=topic, number__gt=1).order_by("number"))


def mails_to(address: str):
    return [message for message in mail.outbox if address in message.to]


# --- posting ----------------------------------------------------------------------------------


def test_a_plain_reply_becomes_a_post(mailbox, fetch, member, topic):
    raw = reply_mail(member, topic, "Bij ons duurt dat ongeveer drie weken.\n")
    mailbox.append(raw)
    summary = fetch()
    (post,) = posts(topic)
    assert post.author == member
    assert post.body == "Bij ons duurt dat ongeveer drie weken."
    topic.refresh_from_db()
    assert topic.post_count == 2 and topic.last_poster == member
    assert "1 posted" in summary
    (flags,) = mailbox.flags().values()
    assert {"\\Seen", "PortalPosted"} <= flags
    assert mails_to(member.email) == []  # nothing to tell the author


def test_answering_a_notification_mail_posts_in_its_topic(
    mailbox, fetch, member, topic, django_capture_on_commit_callbacks
):
    """The whole round: a reply on the site notifies the topic's author by mail; the author
    answers that mail from their mail client, and the answer is on the forum."""
    author = topic.author
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(topic, member, "Hoe lang wachten jullie op een plaats?")
    (notification,) = mails_to(author.email)
    (reply_to,) = notification.reply_to
    quoted = "\n".join(f"> {line}" for line in notification.body.splitlines())
    answer = EmailMessage()
    answer["From"] = author.email
    answer["To"] = reply_to
    answer["Subject"] = f"Re: {notification.subject}"
    answer["Message-ID"] = make_msgid()
    answer["In-Reply-To"] = notification.extra_headers.get("Message-ID", "<x@y>")
    answer.set_content(
        f"Bij ons een maand.\n\nOp di 4 mrt 2025 om 10:12 schreef SAM <{reply_to}>:\n\n{quoted}\n"
    )
    mailbox.append(bytes(answer))
    assert "1 posted" in fetch()
    last = posts(topic)[-1]
    assert (last.author, last.body) == (author, "Bij ons een maand.")


def test_an_html_only_reply_is_turned_into_markdown(mailbox, fetch, member, topic):
    html = (
        "<html><head><title>Re: wachttijden</title><style>p{color:red}</style></head><body>"
        "<p>Twee tips <b>uit onze regio</b>:</p><ul><li>bel het <i>dagcentrum</i> zelf</li>"
        "<li>vraag naar de <a href='https://www.example.be/lijst'>wachtlijst</a></li></ul>"
        "<script>alert('x')</script><p><img src='cid:logo' alt='logo'>Lotte</p></body></html>"
    )
    mailbox.append(reply_mail(member, topic, None, html=html))
    fetch()
    (post,) = posts(topic)
    assert post.body == (
        "Twee tips **uit onze regio**:\n\n"
        "- bel het *dagcentrum* zelf\n"
        "- vraag naar de [wachtlijst](https://www.example.be/lijst)\n\n"
        "Lotte"
    )


def test_html_in_a_mail_cannot_reach_the_page(mailbox, fetch, member, topic):
    html = (
        '<p>Kijk <a href="javascript:alert(1)">hier</a> &lt;img src=x onerror=alert(2)&gt;</p>'
        "<iframe src='https://evil.example'></iframe><p onclick='alert(3)'>Lotte</p>"
    )
    mailbox.append(reply_mail(member, topic, None, html=html))
    fetch()
    shown = str(markdown.render(posts(topic)[0].body))
    assert "<p>Kijk hier &lt;img src=x onerror=alert(2)&gt;</p>" in shown  # text, not a tag
    assert "Lotte" in shown
    for unsafe in ("javascript:", "<img", "onclick", "<iframe", "evil.example"):
        assert unsafe not in shown


def test_the_text_part_is_preferred_and_its_charset_decoded(mailbox, fetch, member, topic):
    message = EmailMessage()
    message["From"] = member.email
    message["To"] = reply_address(member, topic)
    message["Subject"] = "Re: wachttijden"
    message["Message-ID"] = make_msgid()
    # Outlook labels Windows-1252 as Latin-1: the curly quotes are in 0x80-0x9F.
    message.set_content(
        "Het “café” van het dagcentrum: één week.".encode("cp1252"),
        maintype="text",
        subtype="plain",
        cte="quoted-printable",
    )
    message.replace_header("Content-Type", 'text/plain; charset="iso-8859-1"')
    message.add_alternative("<p>Iets anders in HTML</p>", subtype="html")
    mailbox.append(bytes(message))
    fetch()
    assert posts(topic)[0].body == "Het “café” van het dagcentrum: één week."


def test_a_mention_in_a_mail_reply_is_saved(mailbox, fetch, member, topic):
    colleague = MemberFactory(username="an.janssens")
    mailbox.append(reply_mail(member, topic, "@an.janssens weet dit zeker."))
    fetch()
    (post,) = posts(topic)
    assert Mention.objects.filter(post=post, user=colleague).exists()


# --- quoted history and signatures ------------------------------------------------------------

GMAIL_PLAIN = """\
Dat hebben wij ook meegemaakt. Vraag het OCMW naar een tussenkomst.

Groeten
Lotte

Op di 4 mrt 2025 om 10:12 schreef SAM Kennisplatform <
{address}>:

> Jan Peeters antwoordde in "Wachttijden dagcentrum":
>
> Bij ons is dat {insz}, zie dossier.
>
"""

GMAIL_HTML = """\
<div dir="ltr">Dat hebben wij ook meegemaakt. Vraag het OCMW naar een tussenkomst.<div><br></div>\
<div>Groeten</div><div>Lotte</div><div><br></div><span class="gmail_signature_prefix">-- </span>\
<br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Lotte Vermeulen<br>\
0475 12 34 56</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Op di 4 \
mrt 2025 om 10:12 schreef SAM Kennisplatform &lt;{address}&gt;:<br></div><blockquote \
class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Jan Peeters antwoordde ...</blockquote></div>
"""

OUTLOOK_PLAIN = """\
Bij ons duurt dat ongeveer drie weken.

Met vriendelijke groeten,

An Janssens
Casemanager zorg | OCMW Voorbeeldstad
T 03 123 45 67 | an.janssens@ocmw-voorbeeldstad.be

Van: SAM Kennisplatform <{address}>
Verzonden: dinsdag 4 maart 2025 10:12
Aan: An Janssens <an.janssens@ocmw-voorbeeldstad.be>
Onderwerp: Nieuw antwoord in "Wachttijden dagcentrum"

Jan Peeters antwoordde in "Wachttijden dagcentrum": ... {insz} ...
"""

OUTLOOK_OLD_PLAIN = """\
Bij ons duurt dat ongeveer drie weken.
Ik stuur je de lijst nog door.

-----Oorspronkelijk bericht-----
Van: SAM Kennisplatform [mailto:{address}]
Verzonden: dinsdag 4 maart 2025 10:12
Aan: Vermeulen Lotte
Onderwerp: Nieuw antwoord

Jan Peeters antwoordde ...
"""

OUTLOOK_HTML = """\
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>\
P {{margin-top:0;margin-bottom:0;}}</style></head><body dir="ltr"><div style="font-family: \
Aptos, sans-serif;">Goed idee, ik neem het mee naar ons teamoverleg.</div><div id="Signature">\
<p>An Janssens<br>OCMW Voorbeeldstad<br>03 123 45 67</p></div><div id="appendonsend"></div>\
<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">\
<font face="Calibri, sans-serif"><b>Van:</b> SAM Kennisplatform &lt;{address}&gt;<br><b>\
Verzonden:</b> dinsdag 4 maart 2025 10:12<br><b>Onderwerp:</b> Nieuw antwoord</font></div>\
<div>Jan Peeters antwoordde ... {insz}</div></body></html>
"""

OUTLOOK_DESKTOP_HTML = """\
<html><body lang="NL-BE"><div class="WordSection1"><p class="MsoNormal">Goed idee, ik neem \
het mee naar ons teamoverleg.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>\
<p class="MsoNormal">Met vriendelijke groeten,</p><p class="MsoNormal"><b>An Janssens</b></p>\
<p class="MsoNormal">Casemanager zorg | OCMW Voorbeeldstad<br>T 03 123 45 67</p>\
<p class="MsoNormal"><img src="cid:image001.png@01DB8C"></p>\
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p \
class="MsoNormal"><b>Van:</b> SAM Kennisplatform &lt;{address}&gt; <br><b>Verzonden:</b> \
dinsdag 4 maart 2025 10:12<br><b>Aan:</b> An Janssens<br><b>Onderwerp:</b> Nieuw antwoord</p>\
</div><p class="MsoNormal">Jan Peeters antwoordde ... {insz}</p></div></body></html>
"""

APPLE_IPHONE_FLOWED = """\
Wij gebruiken daarvoor het formulier van de mutualiteit. Het staat op =
hun website.

Verzonden vanaf mijn iPhone

> Op 4 mrt 2025 om 10:12 heeft SAM Kennisplatform <{address}> het =
volgende geschreven:
>=20
> =EF=BB=BFJan Peeters antwoordde in "Wachttijden dagcentrum": {insz}
"""

APPLE_MAIL_HTML = """\
<html><head></head><body style="overflow-wrap: break-word;">Wij gebruiken daarvoor het \
formulier van de mutualiteit.<br><div><br></div><div>Groetjes,</div><div>Lotte</div><div><br>\
<blockquote type="cite"><div>Op 4 mrt 2025 om 10:12 heeft SAM Kennisplatform &lt;{address}\
&gt; het volgende geschreven:</div><br><div><div>Jan Peeters antwoordde ... {insz}</div></div>\
</blockquote></div><br></body></html>
"""


def _raw_apple(member, topic) -> bytes:
    """Apple Mail on an iPhone: format=flowed, quoted-printable, written by hand."""
    body = APPLE_IPHONE_FLOWED.format(address=reply_address(member, topic), insz=INSZ)
    return (
        f"From: Lotte Vermeulen <{member.email}>\r\n"
        f"To: SAM Kennisplatform <{reply_address(member, topic)}>\r\n"
        "Subject: Re: Nieuw antwoord in Wachttijden dagcentrum\r\n"
        f"Message-Id: <{uuid.uuid4()}@icloud.com>\r\n"
        "Date: Tue, 4 Mar 2025 10:30:00 +0100\r\n"
        "Mime-Version: 1.0 (1.0)\r\n"
        "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "X-Mailer: iPhone Mail (21D61)\r\n\r\n" + body.replace("\n", "\r\n")
    ).encode()


@pytest.mark.parametrize(
    ("plain", "html", "expected"),
    [
        pytest.param(
            GMAIL_PLAIN,
            GMAIL_HTML,
            "Dat hebben wij ook meegemaakt. Vraag het OCMW naar een tussenkomst.\n\n"
            "Groeten  \nLotte",
            id="gmail-op-schreef",
        ),
        pytest.param(
            None,
            GMAIL_HTML,
            "Dat hebben wij ook meegemaakt. Vraag het OCMW naar een tussenkomst.\n\n"
            "Groeten\n\nLotte",
            id="gmail-html-quote-and-signature",
        ),
        pytest.param(
            OUTLOOK_PLAIN,
            None,
            "Bij ons duurt dat ongeveer drie weken.\n\nMet vriendelijke groeten,\n\nAn Janssens",
            id="outlook-van-verzonden",
        ),
        pytest.param(
            OUTLOOK_OLD_PLAIN,
            None,
            "Bij ons duurt dat ongeveer drie weken.  \nIk stuur je de lijst nog door.",
            id="outlook-oorspronkelijk-bericht",
        ),
        pytest.param(
            None,
            OUTLOOK_HTML,
            "Goed idee, ik neem het mee naar ons teamoverleg.",
            id="outlook-web-html",
        ),
        pytest.param(
            None,
            OUTLOOK_DESKTOP_HTML,
            "Goed idee, ik neem het mee naar ons teamoverleg.\n\n"
            "Met vriendelijke groeten,\n\n**An Janssens**",
            id="outlook-desktop-html-with-signature",
        ),
        pytest.param(
            None,
            APPLE_MAIL_HTML,
            "Wij gebruiken daarvoor het formulier van de mutualiteit.\n\nGroetjes,\n\nLotte",
            id="apple-mail-html",
        ),
    ],
)
def test_quoted_history_and_signatures_are_left_out(
    mailbox, fetch, member, topic, plain, html, expected
):
    address = reply_address(member, topic)
    values = {"address": address, "insz": INSZ}
    mailbox.append(
        reply_mail(
            member,
            topic,
            plain.format(**values) if plain else None,
            html=html.format(**values) if html else None,
        )
    )
    summary = fetch()
    assert "1 posted" in summary, summary
    # The national number in the quoted mail was never the reply's: it does not stop it.
    assert posts(topic)[0].body == expected


def test_apple_mail_on_an_iphone_flowed_text_and_its_footer(mailbox, fetch, member, topic):
    mailbox.append(_raw_apple(member, topic))
    fetch()
    assert posts(topic)[0].body == (
        "Wij gebruiken daarvoor het formulier van de mutualiteit. Het staat op hun website."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Goed.\n\nGroeten,\nLotte\nOCMW Gent\n03 123 45 67", "Goed.\n\nGroeten,\nLotte"),
        ("Goed.\n\nMvg, Lotte\nOCMW Gent\ntel 03 123 45 67", "Goed.\n\nMvg, Lotte"),
        (
            "Goed.\n\nKind regards\n\nLotte Vermeulen\nOCMW Gent",
            "Goed.\n\nKind regards\n\nLotte Vermeulen",
        ),
        # A P.S. or a real paragraph after the greeting is the writer's: kept.
        (
            "Goed.\n\nGroeten,\nLotte\n\nPS: bel me gerust.",
            "Goed.\n\nGroeten,\nLotte\n\nPS: bel me gerust.",
        ),
        (
            "Groeten uit Gent! We doen het zo.\nEerst bellen.",
            "Groeten uit Gent! We doen het zo.\nEerst bellen.",
        ),
        ("Zo doen we het.\n\nSent from my Galaxy", "Zo doen we het."),
        ("Zo doen we het.\n\nVerzonden met Outlook voor Android", "Zo doen we het."),
        ("Zo doen we het.\n--\nLotte\n0475 12 34 56", "Zo doen we het."),
        ("> eerst de vraag\n\nen dan mijn antwoord", "en dan mijn antwoord"),
        # "Op ... schreef" in the writer's own text, not before a quote: kept.
        (
            "Op de vergadering van 3 maart schreef iemand het volgende:\nwacht niet te lang.",
            "Op de vergadering van 3 maart schreef iemand het volgende:\nwacht niet te lang.",
        ),
        (
            "Klopt.\n\nOn Tue, Mar 4, 2025 at 10:12 AM SAM <forum@x.be> wrote:\n> vraag",
            "Klopt.",
        ),
    ],
)
def test_strip_history(text, expected):
    assert strip_history(text) == expected


# --- refused ----------------------------------------------------------------------------------


def _refusal(member, topic):
    (message,) = mails_to(member.email)
    assert message.to == [member.email]
    assert message.extra_headers["Auto-Submitted"] == "auto-replied"
    (html, content_type), *_rest = message.alternatives
    assert content_type == "text/html"
    return message, html


def test_a_national_number_blocks_the_reply_and_the_author_is_told(mailbox, fetch, member, topic):
    original = make_msgid(domain="mail.voorbeeld.be")
    mailbox.append(
        reply_mail(
            member, topic, f"Zijn INSZ is {INSZ}, kan iemand dat nakijken?", message_id=original
        )
    )
    summary = fetch()
    assert posts(topic) == []
    assert "1 refused (privacy_block 1)" in summary
    message, html = _refusal(member, topic)
    assert INSZ not in message.body and INSZ not in html
    assert "85.0" in message.body and "*" in message.body  # masked, enough to find it again
    assert topic.title in message.subject
    assert settings.SITE_URL + topic.get_absolute_url() in message.body
    assert topic.get_absolute_url() in html
    assert nl("Write your reply again on the forum, without the number.") in message.body
    assert message.extra_headers["In-Reply-To"] == original
    (flags,) = mailbox.flags().values()
    assert {"\\Seen", "PortalRefused"} <= flags


def test_a_phone_number_is_not_posted_by_mail(mailbox, fetch, member, topic):
    mailbox.append(reply_mail(member, topic, "Bel haar gerust op 0475 12 34 56."))
    summary = fetch()
    assert posts(topic) == []
    assert "privacy_warn 1" in summary
    message, _html = _refusal(member, topic)
    assert "0475" in message.body and "0475 12 34 56" not in message.body
    assert nl("phone number") in message.body


def test_the_authors_own_address_is_no_privacy_warning(mailbox, fetch, member, topic):
    mailbox.append(reply_mail(member, topic, f"Mail me op {member.email} voor de lijst."))
    fetch()
    assert len(posts(topic)) == 1


def test_too_long_and_empty_replies_are_refused(mailbox, fetch, member, topic):
    mailbox.append(
        reply_mail(member, topic, "lang " * 4001),
        reply_mail(member, topic, "> alleen het geciteerde bericht\n"),
    )
    summary = fetch()
    assert posts(topic) == []
    assert "2 refused (empty 1, too_long 1)" in summary
    bodies = sorted(message.body for message in mails_to(member.email))
    assert len(bodies) == 2
    assert any("20004" in body and "20000" in body for body in bodies)


def test_an_unknown_mention_is_refused_with_the_forms_message(mailbox, fetch, member, topic):
    mailbox.append(reply_mail(member, topic, "Vraag het aan @niemand.hier"))
    assert "invalid 1" in fetch()
    message, _html = _refusal(member, topic)
    assert "@niemand.hier" in message.body


def test_a_sender_that_is_not_the_tokens_member_is_not_posted(mailbox, fetch, member, topic):
    colleague = MemberFactory()
    mailbox.append(
        reply_mail(member, topic, "Van een vreemde.", sender="iemand@elders.example.com"),
        # Another member's own address with this member's reply address: no post either.
        reply_mail(member, topic, "Van een collega.", sender=colleague.email),
    )
    summary = fetch()
    assert posts(topic) == []
    assert "2 refused (wrong_sender 2)" in summary
    assert mails_to("iemand@elders.example.com") == [] and mails_to(colleague.email) == []
    # The member hears of it at the account's own address, never at the forged one.
    notices = mails_to(member.email)
    assert len(notices) == 2
    assert "iemand@elders.example.com" in notices[0].body + notices[1].body


def test_a_second_verified_address_of_the_member_may_reply(mailbox, fetch, member, topic):
    EmailAddress.objects.create(user=member, email="Lotte@Thuis.example.be", verified=True)
    EmailAddress.objects.create(user=member, email="oud@voorbeeld.be", verified=False)
    mailbox.append(
        reply_mail(member, topic, "Van thuis.", sender="lotte@thuis.example.be"),
        reply_mail(member, topic, "Van een oud adres.", sender="oud@voorbeeld.be"),
    )
    summary = fetch()
    assert [post.body for post in posts(topic)] == ["Van thuis."]
    assert "wrong_sender 1" in summary


def test_a_forged_or_altered_token_is_not_posted_and_not_answered(mailbox, fetch, member, topic):
    other = factories.topic(topic.space, member, title="Ander onderwerp")
    token = reply_token(member, topic)
    ids, signature = token.split(".", 1)
    moved = f"{member.pk}-{other.pk}.{signature}"  # the signature of another topic
    altered = f"{ids}.{signature[:-2]}{'00' if signature[-2:] != '00' else '11'}"
    made_up = "1-1.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
    mailbox.append(
        *(
            reply_mail(member, topic, "Vervalst.", to=f"forum+{bad}@kennis.example.be")
            for bad in (moved, altered, made_up)
        )
    )
    summary = fetch()
    assert posts(topic) == [] and posts(other) == []
    assert "3 refused (bad_token 3)" in summary
    assert mail.outbox == []


def test_a_locked_topic_takes_no_mail_replies(mailbox, fetch, member, topic):
    topic.locked = True
    topic.save()
    mailbox.append(reply_mail(member, topic, "Nog één ding."))
    assert "locked 1" in fetch()
    assert posts(topic) == []
    message, _html = _refusal(member, topic)
    assert nl("The topic is closed for replies.") in message.body


def test_a_member_who_left_a_closed_space_cannot_reply_and_hears_nothing_of_it(
    mailbox, fetch, member
):
    group = Group.objects.create(name="Regio Gent")
    closed = factories.space(name="Regio Gent", slug="regio-gent", group=group)
    member.groups.add(group)
    secret = factories.topic(closed, MemberFactory(group="Regio Gent"), title="Overleg OCMW Gent")
    raw = reply_mail(member, secret, "Ik kom ook.")
    member.groups.remove(group)
    accounts_access.forget(member)
    mailbox.append(raw)
    assert "no_access 1" in fetch()
    assert posts(secret) == []
    message, html = _refusal(member, secret)
    for text in (message.subject, message.body, html):
        assert "Overleg OCMW Gent" not in text and secret.get_absolute_url() not in text
    assert settings.SITE_URL + "/forum/" in message.body


def test_an_account_that_is_no_longer_a_member_is_not_posted_nor_answered(
    mailbox, fetch, member, topic
):
    raw = reply_mail(member, topic, "Nog iets.")
    member.is_active = False
    member.save()
    mailbox.append(raw)
    assert "not_member 1" in fetch()
    assert posts(topic) == [] and mail.outbox == []


def test_a_silenced_or_suspended_member_cannot_reply_by_mail(mailbox, fetch, member, topic):
    suspended = MemberFactory()
    for user, kind in ((member, Sanction.Kind.SILENCE), (suspended, Sanction.Kind.SUSPEND)):
        Sanction.objects.create(
            user=user,
            kind=kind,
            reason="Toon",
            ends_at=timezone.now() + datetime.timedelta(days=3),
        )
        mailbox.append(reply_mail(user, topic, "Toch nog iets."))
    assert "2 refused (cannot_post 2)" in fetch()
    assert posts(topic) == []
    message, _html = _refusal(member, topic)
    assert topic.title in message.body  # a silenced member still reads the topic
    (notice,) = mails_to(suspended.email)
    assert topic.title not in notice.body  # a suspended one sees nothing of the forum
    assert nl("You cannot reply in this topic at the moment.") in notice.body


def test_a_new_member_over_the_rate_limit_waits_in_the_mailbox(mailbox, fetch, member, topic):
    for number in range(3):
        posting.reply(topic, member, f"Bericht {number}")
    message_id = make_msgid()
    mailbox.append(reply_mail(member, topic, "Nog eentje.", message_id=message_id))
    assert "1 deferred (rate_limited 1)" in fetch()
    assert "\\Seen" not in mailbox.flags()[message_id]
    assert mails_to(member.email) == []
    # A minute later the mail is read again and posted.
    Post.objects.filter(author=member).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert "1 posted" in fetch()
    assert posts(topic)[-1].body == "Nog eentje."
    assert "\\Seen" in mailbox.flags()[message_id]


# --- idempotency and what is not a reply ------------------------------------------------------


def test_rerunning_or_redelivering_never_posts_twice(mailbox, fetch, member, topic):
    raw = reply_mail(member, topic, "Eén keer.")
    mailbox.append(raw)
    assert "1 posted" in fetch()
    assert "0 posted, 0 refused, 0 ignored, 0 failed" in fetch()
    mailbox.append(raw)  # the same mail delivered again
    assert "1 ignored (already_posted 1)" in fetch()
    assert [post.body for post in posts(topic)] == ["Eén keer."]


def test_a_refused_mail_is_answered_once(mailbox, fetch, member, topic):
    raw = reply_mail(member, topic, f"INSZ {INSZ}")
    mailbox.append(raw)
    fetch()
    fetch()
    assert len(mails_to(member.email)) == 1


def test_a_mail_without_a_reply_address_is_left_alone(mailbox, fetch, member, topic):
    message_id = make_msgid()
    mailbox.append(
        reply_mail(member, topic, "Hallo, is dit het forum?", to=MAILBOX, message_id=message_id)
    )
    assert "1 ignored (no_token 1)" in fetch()
    assert posts(topic) == [] and mail.outbox == []
    assert {"\\Seen", "PortalIgnored"} <= mailbox.flags()[message_id]


def test_out_of_office_replies_and_bounces_are_ignored(mailbox, fetch, member, topic):
    mailbox.append(
        reply_mail(
            member,
            topic,
            "Ik ben afwezig tot 10 maart.",
            subject="Automatisch antwoord: Nieuw antwoord",
            headers={"Auto-Submitted": "auto-replied"},
        ),
        reply_mail(member, topic, "Ik ben afwezig.", subject="Afwezig: Nieuw antwoord"),
        reply_mail(member, topic, "Undelivered", sender="MAILER-DAEMON@mail.voorbeeld.be"),
    )
    assert "3 ignored (automatic 3)" in fetch()
    assert posts(topic) == [] and mail.outbox == []


def test_files_are_not_taken_from_a_mail_but_the_text_is_posted(mailbox, fetch, member, topic):
    message = EmailMessage()
    message["From"] = member.email
    message["To"] = reply_address(member, topic)
    message["Subject"] = "Re: wachttijden"
    message["Message-ID"] = make_msgid()
    message.set_content("Hierbij onze werkwijze.")
    message.add_attachment(
        b"%PDF-1.4 werkwijze", maintype="application", subtype="pdf", filename="werkwijze.pdf"
    )
    mailbox.append(bytes(message))
    assert "1 posted" in fetch()
    (post,) = posts(topic)
    assert post.body == "Hierbij onze werkwijze." and not post.attachments.exists()
    (notice,) = mails_to(member.email)
    assert settings.SITE_URL + f"/forum/p/{post.pk}/" in notice.body


def test_a_mail_too_large_to_read_is_refused_by_its_headers(
    mailbox, fetch, member, topic, monkeypatch
):
    monkeypatch.setattr(mail_replies, "MAX_MESSAGE_BYTES", 2000)
    mailbox.append(reply_mail(member, topic, "Zie bijlage. " + "x" * 3000))
    assert "1 refused (too_large 1)" in fetch()
    assert posts(topic) == []
    message, _html = _refusal(member, topic)
    assert nl("Post your reply on the forum, with the files if they are needed.") in message.body


def test_an_inline_signature_logo_is_no_file(mailbox, fetch, member, topic):
    message = EmailMessage()
    message["From"] = member.email
    message["To"] = reply_address(member, topic)
    message["Subject"] = "Re: wachttijden"
    message["Message-ID"] = make_msgid()
    message.set_content("Klopt, zo doen wij het ook.")
    message.add_alternative(
        '<p>Klopt, zo doen wij het ook.</p><p><img src="cid:logo@ocmw"></p>', subtype="html"
    )
    message.get_payload()[1].add_related(
        b"\x89PNG logo", maintype="image", subtype="png", cid="<logo@ocmw>", filename="logo.png"
    )
    mailbox.append(bytes(message))
    assert "1 posted" in fetch()
    assert posts(topic)[0].body == "Klopt, zo doen wij het ook."
    assert mails_to(member.email) == []


# --- bad mail and failures --------------------------------------------------------------------

MALFORMED = [
    # A multipart whose boundary never comes, then garbage base64 in an unknown charset.
    (
        "From: {sender}\r\nTo: {to}\r\nSubject: kapot\r\nMessage-ID: <kapot-1@x>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="nooit"\r\n\r\n'
        "--ergens-anders\r\nContent-Type: text/plain\r\n\r\ntekst\r\n"
    ),
    (
        "From: {sender}\r\nTo: {to}\r\nSubject: =?x-onbekend?B?!!!?=\r\nMessage-ID: <kapot-2@x>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-onbekend\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n%%%% geen base64 ====\r\n"
    ),
    # Headers that are no headers, 8-bit bytes in them, no body at all.
    "From: \xff\xfe <<>>@@\r\nTo: ,,,;;; <\r\nContent-Type: text/\r\n",
    "\x00\x01\x02 dit is geen mail\r\n",
]


def test_malformed_mail_does_not_stop_the_run(mailbox, fetch, member, topic):
    to = reply_address(member, topic)
    broken = [raw.format(sender=member.email, to=to).encode("latin-1") for raw in MALFORMED]
    mailbox.append(*broken, reply_mail(member, topic, "Deze is in orde."))
    summary = fetch()
    assert "1 posted" in summary and "0 failed" in summary, summary
    # The damaged text part (broken base64 in an unknown charset) is no text, not noise.
    assert [post.body for post in posts(topic)] == ["Deze is in orde."]
    assert all("\\Seen" in flags for flags in mailbox.flags().values())


def test_a_message_that_fails_is_set_aside_and_the_run_goes_on(
    mailbox, fetch, member, topic, monkeypatch
):
    real_reply = posting.reply
    calls = []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database hiccup")
        return real_reply(*args, **kwargs)

    monkeypatch.setattr(posting, "reply", failing_once)
    first, second = make_msgid(), make_msgid()
    mailbox.append(
        reply_mail(member, topic, "Eerste.", message_id=first),
        reply_mail(member, topic, "Tweede.", message_id=second),
    )
    summary = fetch()
    assert "1 posted" in summary and "1 failed (error 1)" in summary
    assert [post.body for post in posts(topic)] == ["Tweede."]
    flags = mailbox.flags()
    assert {"\\Seen", "\\Flagged", "PortalFailed"} <= flags[first]
    assert mails_to(member.email) == []


# --- configuration ----------------------------------------------------------------------------


def test_without_a_mailbox_the_command_does_nothing(settings, db):
    settings.REPLY_BY_MAIL_ADDRESS = ""
    out = io.StringIO()
    call_command("fetch_mail_replies", stdout=out)
    assert "off" in out.getvalue()


def test_a_wrong_password_is_a_clear_error(mailbox, settings, db):
    settings.IMAP_PASSWORD = "fout"  # noqa: S105
    with pytest.raises(CommandError, match="reply mailbox"):
        call_command("fetch_mail_replies", stdout=io.StringIO())


def test_a_reply_address_survives_a_change_of_case(settings, member, topic):
    """Some mail servers and clients upper- or lower-case an address on its way back."""
    settings.REPLY_BY_MAIL_ADDRESS = MAILBOX
    token = reply_token(member, topic)
    assert token == token.lower()
    for changed in (token.upper(), token.lower(), token.capitalize()):
        assert mail_replies.read_reply_token(changed) == (member, topic)
    assert mail_replies.read_reply_token(token[:-1]) is None
    assert mail_replies.read_reply_token(token.replace(f"-{topic.pk}.", "-999999.")) is None


def test_tokens_are_read_from_any_recipient_header(settings, member, topic):
    settings.REPLY_BY_MAIL_ADDRESS = MAILBOX
    address = reply_address(member, topic)
    for header in ("Cc", "Delivered-To", "X-Original-To"):
        message = EmailMessage()
        message["To"] = "iemand@voorbeeld.be"
        message[header] = address.upper().replace(
            reply_token(member, topic).upper(), reply_token(member, topic)
        )
        assert mail_replies.reply_tokens(message) == [reply_token(member, topic)]
    other = EmailMessage()
    other["To"] = f"forum+{reply_token(member, topic)}@elders.example.com"
    assert mail_replies.reply_tokens(other) == []
