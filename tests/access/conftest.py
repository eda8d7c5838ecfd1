"""The content and the accounts of the access matrix, built once for the module.

See the docstring of ``test_matrix.py`` for how a new app joins the matrix: it adds a
builder to ``ITEM_BUILDERS`` below and a row to each table there.

Everything is created inside one transaction that is rolled back when the module ends,
so the rest of the suite never sees it; each test runs in a savepoint inside it.
"""

import datetime
import io
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from accounts import roles
from accounts.models import ApprovalStatus
from knowledge import demo as knowledge_demo
from knowledge.models import ActivityMaterial, ProductDownload, ProductRelatedPage
from podcasts import demo as podcasts_demo
from podcasts.models import EpisodeRelatedProduct
from podcasts.transcripts import Cue
from portal import demo as portal_demo
from search import indexing
from tests.accounts.factories import (
    MemberFactory,
    PendingUserFactory,
    PolicyWorkerFactory,
    StaffFactory,
    UserFactory,
)
from tests.knowledge import factories
from tests.podcasts.helpers import make_episode, make_show

CLOSED_GROUP = "Regio Gent"
PASSWORD = "geheim-wachtwoord-7"
# The forum's closed space (its group is CLOSED_GROUP); the URL walk opens its pages.
FORUM_CLOSED_SLUG = "matrixruimte-plonkavir"
# In every forum post of the matrix: a search for it counts what the role may find.
FORUM_SHARED_WORD = "matrixgesprek"

# Every role of the matrix, in the order of the tables' columns.
ROLES = (
    "visitor",
    "pending",
    "rejected",
    "unverified",
    "inactive",
    "exstaff",
    "member",
    "group_member",
    "policy_worker",
    "staff",
    "superuser",
)


def _users(group: Group) -> dict:
    """One account per role. Accounts that are not members carry groups a real account can
    keep (a rejected former member of the closed group, an unverified policy worker): the
    rule says they are visitors whatever the database says about their groups. ``exstaff``
    is a SAM staff member whose approval was withdrawn and who is still in the group."""
    pending = PendingUserFactory(group=roles.MEMBER)
    rejected = UserFactory(approval_status=ApprovalStatus.REJECTED)
    rejected.groups.add(group)
    exstaff = UserFactory(approval_status=ApprovalStatus.REJECTED, group=roles.SAM_STAFF)
    unverified = UserFactory(verified_email=False, group=roles.POLICY_WORKER)
    unverified.groups.add(group)
    inactive = MemberFactory(is_active=False)
    inactive.groups.add(group)
    group_member = MemberFactory()
    group_member.groups.add(group)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return {
        "visitor": None,
        "pending": pending,
        "rejected": rejected,
        "unverified": unverified,
        "inactive": inactive,
        "exstaff": exstaff,
        "member": MemberFactory(),
        "group_member": group_member,
        "policy_worker": PolicyWorkerFactory(),
        "staff": StaffFactory(),
        "superuser": superuser,
    }


@dataclass
class Item:
    """One thing of the matrix: a page (kind "page") or a file (kind "file").

    ``title_word`` is in its title only, ``body_word`` in what only its readers get (the
    body, the file's text, an activity's place, an episode's notes, chapters and
    transcript), ``theme_word`` in the name of a theme only it has. The words are unique
    nonsense, so finding one in a response says which item leaked.
    """

    key: str
    kind: str
    url: str
    title_word: str
    body_word: str
    theme_word: str = ""
    # Lists that show the title to everyone who may see the page (asserted both ways).
    lists: tuple[str, ...] = ()
    # Also expected on the home page when visible (the home shows only the newest few).
    on_home: bool = False
    # Other strings only its readers may get (an activity's start in iCalendar form).
    secrets: tuple[str, ...] = ()
    # Files of a page (episode audio, chapters, transcripts): name -> URL.
    files: dict = field(default_factory=dict)
    # The per-item calendar file, for activities.
    calendar_url: str = ""
    obj: object = None

    def words(self) -> tuple[str, ...]:
        return (self.title_word, self.body_word)


@dataclass
class World:
    users: dict
    items: dict
    group: Group
    show_url: str
    objects: dict = field(default_factory=dict)
    # Called when the module is done (files written outside the database).
    cleanups: list = field(default_factory=list)


def _theme(word: str):
    return factories.theme(slug=f"thema-{word}", name=f"Thema {word.capitalize()}")


def _restrict(page, kind: str, *, groups=(), password: str = "") -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    if groups:
        restriction.groups.set(groups)


def _document(title: str, body_word: str, filename: str | None = None):
    Document = get_document_model()
    document = Document(title=title, collection=Collection.get_first_root_node())
    pdf = knowledge_demo.build_pdf([title, f"Tekst van het bestand: {body_word}."])
    filename = filename or f"{title.lower().replace(' ', '-')}.pdf"
    document.file.save(filename, ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _products(world: World) -> list[Item]:
    shared = factories.theme("werk")  # shared by every product: related content mixes them
    now = timezone.now()
    specs = [
        # key, title word, body word, theme word, members_only, restriction, age in days
        ("public_product", "zeppolix", "brunatex", "fornaliq", False, None, 9),
        ("members_product", "kwistobar", "flenderquo", "gambrylt", True, None, 5),
        ("login_product", "morvantil", "glopserik", "hestrapok", False, "login", 4),
        ("group_product", "trindalux", "hoxwerapt", "ivlondrax", False, "groups", 1),
        ("password_product", "pelmorvax", "juskendrol", "jebrulvan", False, "password", 3),
        ("draft_product", "sablovrin", "kwerpantix", "klobistru", False, None, 2),
    ]
    items = []
    for key, title_word, body_word, theme_word, members_only, restriction, age in specs:
        page = factories.product(
            title=f"Gids {title_word.capitalize()}",
            body_text=f"Werkwijze {body_word} stap voor stap.",
            themes=[shared, _theme(theme_word)],
            members_only=members_only,
            live=key != "draft_product",
            first_published_at=now - datetime.timedelta(days=age),
        )
        if restriction == "login":
            _restrict(page, PageViewRestriction.LOGIN)
        elif restriction == "groups":
            _restrict(page, PageViewRestriction.GROUPS, groups=[world.group])
        elif restriction == "password":
            _restrict(page, PageViewRestriction.PASSWORD, password=PASSWORD)
        world.objects[key] = page
        items.append(
            Item(
                key=key,
                kind="page",
                url=page.url or f"/kennisbank/{page.slug}/",
                title_word=title_word,
                body_word=body_word,
                theme_word=theme_word,
                lists=("/kennisbank/",),
                on_home=key not in ("public_product", "draft_product"),
                obj=page,
            )
        )
    return items


def _activities(world: World) -> list[Item]:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    soon = timezone.localtime(timezone.now(), tz) + datetime.timedelta(days=20)
    specs = [
        ("public_activity", "vondraxel", "lumpertosk", "lidmorvan", None, soon.replace(hour=9)),
        ("group_activity", "wexplorin", "mixtraldov", "mubrantel", "groups", soon.replace(hour=13)),
    ]
    items = []
    for key, title_word, body_word, theme_word, restriction, starts in specs:
        starts = starts.replace(minute=37, second=0, microsecond=0)
        page = factories.activity(
            title=f"Training {title_word.capitalize()}",
            summary="Een namiddag samen leren.",
            description=[{"type": "paragraph", "value": f"<p>Programma {body_word}.</p>"}],
            location=f"Zaal {body_word.capitalize()}, Gent",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            themes=[_theme(theme_word)],
        )
        if restriction == "groups":
            _restrict(page, PageViewRestriction.GROUPS, groups=[world.group])
        world.objects[key] = page
        items.append(
            Item(
                key=key,
                kind="page",
                url=page.url,
                title_word=title_word,
                body_word=body_word,
                theme_word=theme_word,
                lists=("/leeractiviteiten/", "/leeractiviteiten/agenda/"),
                on_home=True,
                # The start as the calendar writes it: private to those who see the activity.
                secrets=(starts.strftime("%Y%m%dT%H%M%S"),),
                calendar_url=f"{page.url}agenda/",
                obj=page,
            )
        )
    return items


def _episodes(world: World) -> list[Item]:
    show = world.objects["show"]
    now = timezone.now()
    specs = [
        ("public_episode", "yarbelquin", "nostrifal", "pavolunt", None, 1),
        ("login_episode", "zindoplex", "opkraluvim", "quembrilo", "login", 2),
    ]
    items = []
    for key, title_word, body_word, theme_word, restriction, number in specs:
        episode = make_episode(
            show,
            title=f"Aflevering {title_word.capitalize()}",
            number=number,
            summary="Een gesprek over werk en zorg.",
            show_notes=f"<p>Notities {body_word}.</p>",
            chapters=f"0:00 Welkom {body_word}\n0:02 Kleine stappen",
            cues=[
                Cue(start=0.5, end=2.0, text=f"Vandaag {body_word} in de studio.", speaker="Lotte")
            ],
            release_date=now - datetime.timedelta(days=3 - number),
        )
        episode.themes.set([_theme(theme_word)])
        episode.save()
        if restriction == "login":
            _restrict(episode, PageViewRestriction.LOGIN)
        world.objects[key] = episode
        items.append(
            Item(
                key=key,
                kind="page",
                url=episode.url,
                title_word=title_word,
                body_word=body_word,
                theme_word=theme_word,
                lists=("/podcast/", world.show_url),
                on_home=key == "login_episode",  # the home shows the newest episode only
                files={
                    "audio": episode.audio_url(),
                    "chapters": episode.chapters_url(),
                    "vtt": episode.transcript_url("vtt"),
                    "srt": episode.transcript_url("srt"),
                },
                obj=episode,
            )
        )
    return items


def _files(world: World) -> list[Item]:
    o = world.objects
    specs = [
        # key, title word, body word, uses: (how, page) with how a product download or an
        # activity material
        ("public_doc", "ambrovixel", "pluddermax", [("download", "public_product")]),
        ("members_doc", "bexlorantu", "quivermolt", [("download", "members_product")]),
        ("group_doc", "cramvoltex", "rostibular", [("download", "group_product")]),
        ("password_doc", "duvrenkolt", "snarpilox", [("download", "password_product")]),
        ("draft_doc", "efflorquin", "tromvalesk", [("download", "draft_product")]),
        ("unused_doc", "fognibrux", "uvlistrem", []),
        ("public_material", "gravinthol", "vexomplar", [("material", "public_activity")]),
        ("group_material", "hulbrexton", "wirmpalost", [("material", "group_activity")]),
        # Offered on the public product too (under a neutral name): the group page decides.
        (
            "shared_doc",
            "ivorquendal",
            "xantripolm",
            [("download", "public_product"), ("download", "group_product")],
        ),
    ]
    items = []
    for key, title_word, body_word, uses in specs:
        title = f"Bijlage {title_word.capitalize()}"
        neutral = key == "shared_doc"
        document = _document(title, body_word, filename="gedeeld.pdf" if neutral else None)
        for how, page_key in uses:
            page = o[page_key]
            if how == "download":
                label = "Gedeelde bijlage" if neutral else ""
                ProductDownload.objects.create(product=page, document=document, label=label)
            else:
                ActivityMaterial.objects.create(activity=page, title=title, document=document)
            page.save()  # Wagtail's reference index: which pages use the file
        o[key] = document
        items.append(
            Item(
                key=key,
                kind="file",
                url=document.url,
                title_word=title_word,
                body_word=body_word,
                obj=document,
            )
        )
    return items


def _related(world: World) -> list[Item]:
    """Restricted pages chosen as related content of public pages: they must stay hidden."""
    o = world.objects
    for key in ("group_product", "login_product", "password_product", "draft_product"):
        ProductRelatedPage.objects.create(product=o["public_product"], page=o[key])
    for key in ("group_product", "members_product"):
        EpisodeRelatedProduct.objects.create(episode=o["public_episode"], product=o[key])
    return []


def _png(text: str) -> bytes:
    """A tiny real PNG that carries ``text`` in a text chunk (the download keeps it)."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _forum(world: World) -> list[Item]:
    """Three spaces: open (every member), closed (the matrix's closed group) and
    announcements (only SAM staff start topics). Each has a topic by someone who is not a
    role of the matrix; the open and the closed one a reply by someone else with a PDF and
    an image. The space's name and description and the reply are secrets of the topic's
    item; each file is an item of its own (its name, the text in it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community import attachments, posting
    from community.models import Space

    o = world.objects
    authors = {
        "open_author": MemberFactory(username="forum.vraagsteller"),
        "colleague": MemberFactory(username="forum.collega"),
        "closed_author": MemberFactory(username="forum.regiogenoot"),
        "staff_author": StaffFactory(username="forum.redactie"),
    }
    authors["closed_author"].groups.add(world.group)
    o["forum_authors"] = authors
    spaces = [
        # key, name, slug, its group (closed), announcements
        ("open", "Matrixruimte open", "matrixruimte-open", None, False),
        ("closed", "Matrixruimte Plonkavir", FORUM_CLOSED_SLUG, world.group, False),
        ("news", "Matrixmededelingen Snevrulap", "matrixmededelingen", None, True),
    ]
    # The topic's author and words: the space's description, the topic's title and its
    # first post.
    topics = {
        "open": ("open_author", "klobbertuin tralmovisk frabonzil"),
        "closed": ("closed_author", "dravelmunt zorbikwant smelvortang"),
        "news": ("staff_author", "plimborax hortivanzel gloppertin"),
    }
    # The reply's author and words: its body, the PDF's name and text, the image's name
    # and text.
    replies = {
        "open": ("colleague", "quendrabol pelquintor grubnostel wambrixel vlostrumel"),
        "closed": ("staff_author", "trubelnox kwandropiel brisolvent yoldravik spindorqua"),
    }
    items = []
    for position, (key, name, slug, group, news) in enumerate(spaces, start=90):
        author, words = topics[key]
        description, title_word, body_word = words.split()
        space = Space.objects.create(
            name=name,
            slug=slug,
            description=f"Voor vragen over {description}.",
            position=position,
            group=group,
            staff_only_topics=news,
        )
        topic = posting.start_topic(
            space,
            authors[author],
            f"Vraag over {title_word}",
            f"Wie weet iets over {body_word}? ({FORUM_SHARED_WORD})",
        )
        o[f"forum_{key}_space"], o[f"forum_{key}_topic"] = space, topic
        o[f"forum_{key}_first"] = topic.posts.get(number=1)
        secrets = (name.lower(), description)
        if key in replies:
            author, words = replies[key]
            reply_word, pdf_name, pdf_text, image_name, image_text = words.split()
            pdf = knowledge_demo.build_pdf([f"Verslag {pdf_text}", "Een korte tekst."])
            png = _png(image_text)
            files = [
                # item, file name, content, content type, the words of the item
                ("pdf", f"verslag-{pdf_name}.pdf", pdf, "application/pdf", pdf_name, pdf_text),
                ("image", f"foto-{image_name}.png", png, "image/png", image_name, image_text),
            ]
            reply = posting.reply(
                topic,
                authors[author],
                f"Zie {reply_word} in de bijlagen. ({FORUM_SHARED_WORD})",
                attachments=[
                    attachments.check(SimpleUploadedFile(filename, data, content_type=kind))
                    for _item, filename, data, kind, _title, _text in files
                ],
            )
            o[f"forum_{key}_reply"] = reply
            secrets = (*secrets, reply_word)
            stored = {attachment.name: attachment for attachment in reply.attachments.all()}
            for item, filename, _data, _kind, title, text in files:
                attachment = stored[filename]
                o[f"forum_{key}_{item}"] = attachment
                world.cleanups.append(lambda a=attachment: attachments.delete_files(a))
                thumbnail = attachment.get_thumbnail_url() if attachment.is_image else None
                items.append(
                    Item(
                        key=f"forum_{key}_{item}",
                        kind="forum_file",
                        url=attachment.get_absolute_url(),
                        title_word=title,
                        body_word=text,
                        files={"thumbnail": thumbnail} if thumbnail else {},
                        obj=attachment,
                    )
                )
        topic.refresh_from_db()
        items.append(
            Item(
                key=f"forum_{key}_topic",
                kind="forum",
                url=topic.get_absolute_url(),
                title_word=title_word,
                body_word=body_word,
                secrets=secrets,
                obj=topic,
            )
        )
    return items


# The bottleneck tracker: nonsense words per bottleneck (title, situation) and for the people
# who must stay anonymous (the reporter's and the confirmer's names). TRACKER_WORDS[key] =
# (title word, body word); the matrix's "member" reported tracker_reported.
TRACKER_WORDS = {
    "tracker_accepted": ("knelvorbax", "situtralim"),
    "tracker_reported": ("knelmoprix", "situgendol"),
    "tracker_foreign": ("knelzabrun", "situfrekol"),
    "tracker_merged": ("knelwispod", "situbrantex"),
}
TRACKER_REPORTER_NAME = "Reportelbaan"
TRACKER_CONFIRMER_NAME = "Bevestrudel"
TRACKER_FILE_WORDS = {"tracker_accepted_file": "bijlavortix", "tracker_foreign_file": "bijlaspren"}


def _tracker(world: World) -> list[Item]:
    """Bottlenecks in each state of visibility, with a confirmation and files; kept in
    ``world.objects`` (the tracker has tables of its own in test_matrix.py)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.accounts.factories import MemberFactory
    from tracker import actions
    from tracker.models import Body

    theme = factories.theme("thema-tracker", "Werk en inkomen")
    body = Body.objects.create(name="Matrixdienst", level="vlaams")
    reporter = MemberFactory(last_name=TRACKER_REPORTER_NAME, region="oost-vlaanderen")
    confirmer = MemberFactory(last_name=TRACKER_CONFIRMER_NAME, region="limburg")
    staff = world.users["staff"]
    o = world.objects
    for key, (title_word, body_word) in TRACKER_WORDS.items():
        who = world.users["member"] if key == "tracker_reported" else reporter
        bottleneck = actions.report(
            who,
            {
                "title": f"Knelpunt {title_word}",
                "situation": f"Wat er gebeurt: {body_word}.",
                "kind": "regelgeving",
                "themes": [theme],
                "level": "vlaams",
                "body": body,
                "region": "limburg",
                "frequency": "soms",
            },
        )
        o[key] = bottleneck
    for key in ("tracker_accepted", "tracker_merged"):
        actions.change_status(o[key], "in-behandeling", staff, "Aanvaard voor de matrix.")
    actions.confirm(
        confirmer,
        o["tracker_accepted"],
        {
            "participants": 2,
            "region": "limburg",
            "seen_on": datetime.date.today() - datetime.timedelta(days=1),
            "organisation_type": "ocmw",
            "example": "Voorbeeld van een collega.",
        },
    )
    o["tracker_merge"] = actions.merge(
        o["tracker_merged"], o["tracker_accepted"], staff, "Dubbel voor de matrix."
    )
    for key, word in TRACKER_FILE_WORDS.items():
        owner = o[key.removesuffix("_file")]
        pdf = knowledge_demo.build_pdf([f"Bijlage {word}"])
        checked = actions.check_file(SimpleUploadedFile(f"bijlage-{word}.pdf", pdf))
        (stored,) = actions.store_files(owner, reporter, [checked])
        o[key] = stored
        world.cleanups.append(lambda a=stored: a.file.storage.delete(a.file.name))
    return []


# Dossiers: a draft (staff and policy workers only), one published for members and one
# public (its summary for everyone). Their words: DOSSIER_WORDS[key] = (title, summary);
# DOSSIER_NOTES_WORD is in every dossier's internal notes (staff and policy workers only,
# never in an export) and DOSSIER_ANSWER_WORD in the draft's answer file.
DOSSIER_WORDS = {
    "dossier_draft": ("dosvilbrek", "samdraftoz"),
    "dossier_published": ("dosmartuk", "sampubliqa"),
    "dossier_public": ("dospelgrom", "samopenvix"),
}
DOSSIER_NOTES_WORD = "notintrakel"
DOSSIER_ANSWER_WORD = "antwofrelbi"


def _dossiers(world: World) -> list[Item]:
    from tracker import dossiers
    from tracker.models import Addressee, Dossier

    o = world.objects
    staff = world.users["staff"]
    flags = {
        "dossier_draft": {},
        "dossier_published": {"published": True},
        "dossier_public": {"public": True, "public_summary": "Publieke samenvatting."},
    }
    for key, (title_word, summary_word) in DOSSIER_WORDS.items():
        dossier = Dossier.objects.create(
            title=f"Dossier {title_word}",
            question="Kan de regel worden aangepast?",
            summary=f"Samenvatting {summary_word}.",
            internal_notes=f"Intern: {DOSSIER_NOTES_WORD}.",
            owner=staff,
            **flags[key],
        )
        # The not yet accepted bottleneck is in every dossier (members must not learn its
        # title from one), the accepted one in all but the public one (added by a POST).
        held = [o["tracker_foreign"]]
        if key != "dossier_public":
            held.insert(0, o["tracker_accepted"])
        for bottleneck in held:
            dossiers.add_bottleneck(dossier, bottleneck, staff, note="Voor de matrix.")
        o[key] = dossier
        o[f"{key}_addressee"] = Addressee.objects.create(
            dossier=dossier,
            body="Departement Matrix",
            contact="Dienst beleid",
            sent_on=datetime.date.today() - datetime.timedelta(days=30),
            due_on=datetime.date.today() - datetime.timedelta(days=1),
        )
        o[f"{key}_snapshot"] = dossiers.take_snapshot(
            dossier, staff, "Matrixoverleg", datetime.date.today(), "Kabinet"
        )
    answered = o["dossier_draft_addressee"]
    pdf = knowledge_demo.build_pdf([f"Antwoord {DOSSIER_ANSWER_WORD}"])
    answered.answer_file.save("antwoord.pdf", ContentFile(pdf), save=False)
    answered.answer_file_name = "antwoord.pdf"
    answered.answer_file_type = "application/pdf"
    answered.answer_file_size = len(pdf)
    answered.save()
    dossiers.record_answer(answered, "Wij bekijken het.", datetime.date.today(), staff)
    world.cleanups.append(lambda: answered.answer_file.storage.delete(answered.answer_file.name))
    return []


# Builders of matrix items, in order; each gets the world built so far. A new app appends
# its own (see test_matrix.py).
ITEM_BUILDERS: list[Callable[[World], list[Item]]] = [
    _products,
    _activities,
    _episodes,
    _files,
    _related,
    _forum,
    _tracker,
    _dossiers,
]


def build_world() -> World:
    portal_demo.load(io.StringIO())
    knowledge_demo.ensure_sections(io.StringIO())
    podcasts_demo.ensure_index(io.StringIO())
    from portal.models import HomePage

    home = HomePage.objects.get()
    group = Group.objects.create(name=CLOSED_GROUP)
    show = make_show(home, title="Sterk Werk", slug="sterk-werk")
    world = World(users=_users(group), items={}, group=group, show_url=show.url)
    world.objects.update(home=home, show=show)
    for builder in ITEM_BUILDERS:
        for item in builder(world):
            assert item.key not in world.items, f"two items called {item.key}"
            world.items[item.key] = item
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's content and accounts, rolled back when the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Lets code that asks for a durable transaction run inside this one, as in tests.
        outer._from_testcase = True
        outer.__enter__()
        built = None
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                built = build_world()
            indexing.rebuild(stdout=io.StringIO())
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            for cleanup in built.cleanups if built is not None else ():
                cleanup()
