"""The forum editor's helpers: drafts while typing, @mention names, and attachments."""

import io
import os
import zipfile
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from PIL import Image

from community import drafts, posting
from community.models import Attachment, Draft, Post, Topic
from knowledge.demo import build_pdf
from tests.accounts.factories import MemberFactory, PendingUserFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory(first_name="Lotte", last_name="Vermeulen", username="lotte.vermeulen")


@pytest.fixture
def open_space():
    return factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")


@pytest.fixture
def closed_space():
    group = Group.objects.create(name="Regio Gent")
    return factories.space(name="Regio Gent", slug="regio-gent", group=group)


# Files made on the spot -------------------------------------------------------------------


def png_bytes(size=(64, 48), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 80, 40) if mode == "RGB" else (200, 80, 40, 128)).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Verslag van het overleg")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name="verslag.pdf"):
    return upload(name, build_pdf(["Verslag", "Een korte tekst."]), "application/pdf")


def _reply(client, topic, body, files=(), **extra):
    data = {"body": body, **extra}
    if files:
        data["attachments"] = list(files)
    return client.post(reverse("community:reply", args=[topic.pk]), data)


def _save_draft(client, **data):
    return client.post(reverse("community:draft"), data)


# Drafts ---------------------------------------------------------------------------------


def test_a_reply_draft_is_saved_shown_again_and_cleared_by_posting(client, member, open_space):
    topic = factories.topic(open_space, MemberFactory())
    client.force_login(member)
    response = _save_draft(client, topic=topic.pk, body="Half af antwoord over het leefloon")
    assert response.status_code == 200
    assert response.json()["saved"] is True and ":" in response.json()["time"]
    assert Draft.objects.get(user=member, topic=topic).body == "Half af antwoord over het leefloon"

    # A reload (or another device) gets the draft back in the form.
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Half af antwoord over het leefloon" in page
    assert f'data-draft-topic="{topic.pk}"' in page

    # Saving again updates the one draft.
    _save_draft(client, topic=topic.pk, body="Volledig antwoord")
    assert Draft.objects.filter(user=member).count() == 1

    assert _reply(client, topic, "Volledig antwoord").status_code == 302
    assert not Draft.objects.filter(user=member).exists()
    assert not client.get(topic.get_absolute_url()).context["form"]["body"].value()


def test_a_new_topic_draft_is_kept_per_space(client, member, open_space):
    other_space = factories.space()
    client.force_login(member)
    _save_draft(
        client, space=open_space.pk, title="Vervoer naar werk", body="Wie kent een regeling"
    )
    page = client.get(reverse("community:new_topic", args=[open_space.slug])).content.decode()
    assert "Vervoer naar werk" in page and "Wie kent een regeling" in page
    assert f'data-draft-space="{open_space.pk}"' in page
    other = client.get(reverse("community:new_topic", args=[other_space.slug])).content.decode()
    assert "Wie kent een regeling" not in other

    response = client.post(
        reverse("community:new_topic", args=[open_space.slug]),
        {"title": "Vervoer naar werk", "body": "Wie kent een regeling?"},
    )
    assert response.status_code == 302
    assert not Draft.objects.filter(user=member).exists()


def test_an_empty_draft_is_deleted(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _save_draft(client, topic=topic.pk, body="Iets")
    response = _save_draft(client, topic=topic.pk, body="   ")
    assert response.json() == {"saved": False, "reason": "empty"}
    assert not Draft.objects.exists()


def test_a_late_autosave_after_posting_keeps_no_draft(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    key = "6f1c1a52-2d4c-4f0e-9d7e-2b1a4c3d5e6f"
    _reply(client, topic, "Mijn antwoord", submission_key=key)
    response = _save_draft(client, topic=topic.pk, body="Mijn antwoord", submission_key=key)
    assert response.json()["saved"] is False
    assert not Draft.objects.exists()


def test_a_draft_of_another_member_is_never_shown(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _save_draft(client, topic=topic.pk, body="Mijn geheime kladversie")
    _save_draft(client, space=open_space.pk, title="Kladtitel", body="Klad")
    client.force_login(MemberFactory())
    assert "Mijn geheime kladversie" not in client.get(topic.get_absolute_url()).content.decode()
    page = client.get(reverse("community:new_topic", args=[open_space.slug])).content.decode()
    assert "Kladtitel" not in page


def test_drafts_follow_the_access_rules(client, member, closed_space):
    topic = factories.topic(closed_space, MemberFactory(group="Regio Gent"))
    client.force_login(member)
    assert _save_draft(client, topic=topic.pk, body="x").status_code == 404
    assert _save_draft(client, space=closed_space.pk, body="x").status_code == 404
    assert _save_draft(client, body="x").status_code == 404
    assert _save_draft(client, topic="99999999999999999999", body="x").status_code == 404
    assert client.get(reverse("community:draft")).status_code == 405
    Topic.objects.filter(pk=topic.pk).update(locked=True)
    client.force_login(MemberFactory(group="Regio Gent"))
    assert _save_draft(client, topic=topic.pk, body="x").status_code == 403
    assert not Draft.objects.exists()
    client.logout()
    response = _save_draft(client, space=closed_space.pk, body="x")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_quote_is_added_to_the_draft(member, open_space):
    topic = factories.topic(open_space, member)
    Draft.objects.create(user=member, topic=topic, body="Mijn begin")
    values = drafts.initial(drafts.for_topic(member, topic), {"body": "> citaat"})
    assert values["body"] == "Mijn begin\n\n> citaat"


# Mentions -------------------------------------------------------------------------------


def _members(client, space, q):
    return client.get(reverse("community:members"), {"ruimte": space.pk, "q": q})


def test_the_mention_list_finds_members_by_name(client, member, open_space):
    MemberFactory(first_name="Lotfi", last_name="Amrani", username="lamrani", organisation="CAW")
    MemberFactory(first_name="Jan", last_name="Lothaire", username="jlothaire")
    MemberFactory(first_name="Piet", last_name="Peeters", username="ppeeters")
    client.force_login(MemberFactory())
    data = _members(client, open_space, "lot").json()
    assert {person["username"] for person in data} == {"lotte.vermeulen", "lamrani", "jlothaire"}
    lotfi = next(person for person in data if person["username"] == "lamrani")
    assert lotfi == {"username": "lamrani", "name": "Lotfi Amrani", "organisation": "CAW"}
    assert _members(client, open_space, "l").json() == []  # two letters first


def test_the_mention_list_gives_at_most_eight_names(client, open_space):
    for n in range(12):
        MemberFactory(first_name=f"Annemie{n}")
    client.force_login(MemberFactory())
    assert len(_members(client, open_space, "anne").json()) == 8


def test_a_closed_space_lists_only_who_may_see_it(client, closed_space):
    insider = MemberFactory(first_name="Gretel", group="Regio Gent")
    outsider = MemberFactory(first_name="Greta")
    staff = StaffFactory(first_name="Gregory")
    PendingUserFactory(first_name="Gregoor", group="Regio Gent")
    asker = MemberFactory(group="Regio Gent")
    client.force_login(asker)
    names = {person["username"] for person in _members(client, closed_space, "gre").json()}
    assert insider.username in names and staff.username in names
    assert outsider.username not in names
    assert all(
        "Gregoor" not in person["name"] for person in _members(client, closed_space, "gre").json()
    )


def test_pending_accounts_are_never_listed(client, open_space):
    PendingUserFactory(first_name="Wachtende", username="wachtende")
    client.force_login(MemberFactory())
    assert _members(client, open_space, "wacht").json() == []


def test_the_mention_list_refuses_spaces_one_cannot_see(client, member, closed_space):
    client.force_login(member)
    assert _members(client, closed_space, "gr").status_code == 404
    response = client.get(reverse("community:members"), {"ruimte": "abc", "q": "gr"})
    assert response.status_code == 404
    response = client.get(reverse("community:members"), {"ruimte": "9" * 25, "q": "gr"})
    assert response.status_code == 404
    client.logout()
    assert _members(client, closed_space, "gr").status_code == 302
    client.force_login(PendingUserFactory())
    assert _members(client, closed_space, "gr").status_code == 403


def test_the_editor_knows_where_to_ask_for_names(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'data-space="{open_space.pk}"' in page
    assert f'data-members-url="{reverse("community:members")}"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="attachments"' in page and "multiple" in page


# Attachments: accepted ------------------------------------------------------------------


def _under(path: str, root) -> bool:
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def test_a_reply_with_a_pdf_an_image_and_a_docx(client, member, open_space, settings):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    files = [
        pdf_upload("Verslag overleg.pdf"),
        upload("foto.png", png_bytes(), "image/png"),
        upload("notities.docx", docx_bytes()),
    ]
    response = _reply(client, topic, "Zie de bijlagen.", files)
    assert response.status_code == 302
    post = Post.objects.get(topic=topic, number=2)
    stored = {a.name: a for a in post.attachments.all()}
    assert set(stored) == {"Verslag overleg.pdf", "foto.png", "notities.docx"}
    assert stored["Verslag overleg.pdf"].content_type == "application/pdf"
    assert stored["notities.docx"].content_type.endswith("wordprocessingml.document")
    image = stored["foto.png"]
    assert image.is_image and image.content_type == "image/png" and image.thumbnail
    assert not stored["Verslag overleg.pdf"].is_image and not stored["notities.docx"].thumbnail
    for attachment in stored.values():
        assert attachment.uploader == member and attachment.size > 0
        assert _under(attachment.file.path, settings.PRIVATE_MEDIA_ROOT)
        assert not _under(attachment.file.path, settings.MEDIA_ROOT)
        # A random name in the store; the given name only in the row.
        assert attachment.name not in attachment.file.name
    assert _under(image.thumbnail.path, settings.PRIVATE_MEDIA_ROOT)
    with Image.open(image.thumbnail.path) as thumbnail:
        assert thumbnail.format == "WEBP"

    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'src="{image.get_thumbnail_url()}" alt="foto.png"' in page
    assert stored["notities.docx"].get_absolute_url() in page


def test_a_new_topic_takes_attachments_too(client, member, open_space):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[open_space.slug]),
        {
            "title": "Sjabloon voor een verslag",
            "body": "Hier is het mijne.",
            "attachments": [upload("sjabloon.odt", odt_bytes()), upload("foto.jpg", jpeg_bytes())],
        },
    )
    assert response.status_code == 302
    post = Post.objects.get(topic__title="Sjabloon voor een verslag")
    kinds = sorted(post.attachments.values_list("content_type", flat=True))
    assert kinds == ["application/vnd.oasis.opendocument.text", "image/jpeg"]


def test_a_hidden_posts_attachments_are_for_its_author_and_staff_only(client, member, open_space):
    from community import attachments, moderation

    topic = factories.topic(open_space, member)
    post = posting.reply(
        topic,
        member,
        "Zie bijlage",
        attachments=[attachments.check(upload("foto.png", png_bytes()))],
    )
    attachment = Attachment.objects.get(post=post)
    staff = StaffFactory()
    assert moderation.hide(post, staff, "Herkenbare foto")
    for user, expected in ((MemberFactory(), 404), (member, 200), (staff, 200)):
        client.force_login(user)
        for url in (attachment.get_absolute_url(), attachment.get_thumbnail_url()):
            response = client.get(url)
            assert response.status_code == expected, (user, url)
            if expected == 200:
                b"".join(response.streaming_content)


def test_a_large_image_gets_a_small_thumbnail(member, open_space):
    from community import attachments

    checked = attachments.check(upload("groot.jpg", jpeg_bytes()))
    topic = factories.topic(open_space, member)
    posting.reply(topic, member, "Foto", attachments=[checked])
    attachment = Attachment.objects.get()
    with Image.open(attachment.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) <= 480


# Attachments: refused -------------------------------------------------------------------


def _refused(client, topic, files, text="Mijn tekst blijft staan", **extra):
    response = _reply(client, topic, text, files, **extra)
    assert response.status_code == 400
    body = response.content.decode()
    assert text in body  # nothing typed is lost
    assert "attachments__again" in body  # and the member is told to choose the files again
    assert topic.posts.count() == 1
    assert not Attachment.objects.exists()
    return response


@pytest.mark.parametrize(
    "name, content",
    [
        ("verslag.pdf", b"<html><script>alert(1)</script></html>"),
        ("verslag.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(200)),
        ("verslag.pdf", b"%PDF-1.7\n" + os.urandom(300)),
        ("foto.png", os.urandom(400)),
        ("foto.png", png_bytes()[:40] + os.urandom(200)),
        ("foto.png", jpeg_bytes()),  # a real image, but not what its name says
        ("notities.docx", b"PK\x03\x04" + os.urandom(200)),
        ("notities.docx", odt_bytes()),
        ("tekst.odt", odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet")),
        ("programma.exe", b"MZ\x90\x00"),
        ("pagina.html", b"<html></html>"),
        ("tekening.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("geen-extensie", build_pdf(["Een PDF zonder extensie"])),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    client, member, open_space, name, content
):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _refused(client, topic, [upload(name, content, "application/pdf")])
    assert response.context["form"].errors["attachments"]


def test_a_file_over_the_size_limit_is_refused(client, member, open_space, settings):
    settings.FORUM_ATTACHMENT_MAX_BYTES = 1000
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _refused(client, topic, [pdf_upload()])


def test_files_over_the_limit_per_message_are_refused(client, member, open_space, settings):
    settings.FORUM_ATTACHMENTS_MAX_TOTAL = len(png_bytes()) * 2
    topic = factories.topic(open_space, member)
    client.force_login(member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'data-max-total="{len(png_bytes()) * 2}"' in page
    _refused(client, topic, [upload(f"foto{n}.png", png_bytes(), "image/png") for n in range(3)])


def test_too_many_files_are_refused(client, member, open_space, settings):
    settings.FORUM_ATTACHMENTS_PER_POST = 2
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _refused(client, topic, [upload(f"foto{n}.png", png_bytes(), "image/png") for n in range(3)])


def test_an_empty_file_is_refused(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _refused(client, topic, [upload("leeg.pdf", b"")])


def test_a_national_number_in_a_file_name_blocks_the_post(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _refused(
        client, topic, [pdf_upload("attest_85073003328.pdf")], privacy_confirmed="on"
    )
    assert "privacy_block" in [
        e.code for e in response.context["form"].errors.as_data()["attachments"]
    ]


def test_a_phone_number_in_a_file_name_needs_the_confirmation(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _refused(client, topic, [pdf_upload("bel_09_123_45_67.pdf")])
    assert 'name="privacy_confirmed"' in response.content.decode()
    response = _reply(
        client, topic, "Bevestigd", [pdf_upload("bel_09_123_45_67.pdf")], privacy_confirmed="on"
    )
    assert response.status_code == 302
    assert Attachment.objects.get().name == "bel_09_123_45_67.pdf"


def test_a_file_name_keeps_no_folders_or_control_characters():
    from community.attachments import clean_name

    assert clean_name("C:\\Users\\x\\verslag.pdf") == "verslag.pdf"
    assert clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert clean_name("ver\x00sl\nag.pdf") == "verslag.pdf"
    assert (
        clean_name("a" * 300 + ".pdf").endswith("a.pdf")
        and len(clean_name("a" * 300 + ".pdf")) == 200
    )


# Attachments: served --------------------------------------------------------------------


@pytest.fixture
def posted(member, open_space):
    """A topic whose second post carries a PDF and a PNG."""
    from community import attachments

    topic = factories.topic(open_space, member)
    checked = [
        attachments.check(pdf_upload("Verslag.pdf")),
        attachments.check(upload("foto.png", png_bytes(), "image/png")),
    ]
    post = posting.reply(topic, member, "Met bijlagen", attachments=checked)
    return {a.name: a for a in post.attachments.all()}


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_members_who_see_the_topic_download_the_files(client, posted):
    client.force_login(MemberFactory())
    pdf = client.get(posted["Verslag.pdf"].get_absolute_url())
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert 'filename="Verslag.pdf"' in pdf["Content-Disposition"]
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert pdf["Content-Security-Policy"] == "default-src 'none'"
    assert _content(pdf).startswith(b"%PDF-")
    image = client.get(posted["foto.png"].get_absolute_url())
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline;")
    assert _content(image) == png_bytes()
    thumbnail = client.get(posted["foto.png"].get_thumbnail_url())
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/webp"
    assert thumbnail["Content-Security-Policy"] == "default-src 'none'"
    # No thumbnail for a PDF; a wrong name leads to the right address.
    assert client.get(posted["Verslag.pdf"].get_thumbnail_url()).status_code == 404
    wrong = client.get(reverse("community:attachment", args=[posted["Verslag.pdf"].pk, "x.pdf"]))
    assert (
        wrong.status_code == 302 and wrong["Location"] == posted["Verslag.pdf"].get_absolute_url()
    )


def test_files_in_a_closed_space_are_refused_to_others(client, closed_space):
    from community import attachments

    insider = MemberFactory(group="Regio Gent")
    topic = factories.topic(closed_space, insider)
    post = posting.reply(topic, insider, "Bijlage", attachments=[attachments.check(pdf_upload())])
    attachment = post.attachments.get()
    url, thumb = attachment.get_absolute_url(), attachment.get_thumbnail_url()

    client.force_login(MemberFactory())
    assert client.get(url).status_code == 404
    assert client.get(thumb).status_code == 404
    client.force_login(insider)
    assert client.get(url).status_code == 200
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(PendingUserFactory(group="Regio Gent"))
    assert client.get(url).status_code == 403


def test_files_of_a_deleted_post_are_not_served(client, member, posted):
    Post.objects.filter(pk=posted["Verslag.pdf"].post_id).update(deleted_at=timezone.now())
    client.force_login(member)
    assert client.get(posted["Verslag.pdf"].get_absolute_url()).status_code == 404
    assert client.get(posted["foto.png"].get_thumbnail_url()).status_code == 404


def test_a_file_without_a_post_is_not_served(client, member):
    attachment = Attachment.objects.create(
        uploader=member, file="forum/x", name="los.pdf", content_type="application/pdf"
    )
    client.force_login(member)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get("/forum/bijlage/99999999/iets.pdf").status_code == 404


def test_behind_the_proxy_the_proxy_sends_the_file(client, member, posted, settings):
    settings.PRIVATE_FILES_VIA_PROXY = True
    client.force_login(member)
    attachment = posted["Verslag.pdf"]
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{attachment.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response.content == b""


def test_attachments_keep_the_topic_page_query_count_constant(client, member, open_space):
    from community import attachments

    def topic_with_images(count):
        topic = factories.topic(open_space, member)
        for n in range(count):
            checked = [attachments.check(upload(f"foto{n}.png", png_bytes(), "image/png"))]
            posting.reply(topic, member, f"Foto {n}", attachments=checked)
        client.get(topic.get_absolute_url())  # read positions settle
        with CaptureQueriesContext(connection) as queries:
            page = client.get(topic.get_absolute_url()).content.decode()
        assert page.count('class="attachment__thumbnail"') == count
        return len(queries)

    client.force_login(member)
    assert topic_with_images(1) == topic_with_images(6)


# In the browser -------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_suggests_names_and_saves_a_draft_in_the_browser(
    site_tree, live_server, page, member, open_space
):
    import re

    from playwright.sync_api import expect

    from tests.accounts.factories import PASSWORD

    writer = MemberFactory(first_name="Bart", last_name="Claes")
    MemberFactory(first_name="Lore", last_name="Janssens", username="lore.janssens")
    topic = factories.topic(open_space, member)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail").fill(writer.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()
    page.get_by_test_id("user-name").wait_for()
    page.goto(live_server.url + topic.get_absolute_url())

    textarea = page.locator(".reply textarea[name=body]")
    textarea.click()
    textarea.press_sequentially("Vraag het aan @lo")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(2)  # Lotte and Lore
    expect(textarea).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(listbox).to_be_hidden()
    expect(textarea).to_have_value(
        re.compile(r"^Vraag het aan @(lotte\.vermeulen|lore\.janssens) $")
    )
    textarea.press_sequentially("wat zij denkt. @lo")
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()

    # The toolbar and the preview tab sit in the textarea's field.
    expect(page.locator(".reply .editor__toolbar")).to_be_visible()
    page.locator(".reply").get_by_role("tab").nth(1).click()
    expect(page.locator(".reply .editor__preview")).to_contain_text("Vraag het aan")
    page.locator(".reply").get_by_role("tab").nth(0).click()
    expect(textarea).to_be_visible()

    # The draft is saved a moment after typing stops, and comes back after a reload.
    expect(page.locator(".editor__status")).to_have_text(re.compile(r"\d\d:\d\d"))
    typed = textarea.input_value()
    assert Draft.objects.get(user=writer, topic=topic).body == typed
    page.reload()
    expect(page.locator(".reply textarea[name=body]")).to_have_value(typed)

    # Posting clears it, and a late save on leaving the page does not bring it back.
    page.locator(".reply textarea[name=body]").fill("Vraag het aan @lotte.vermeulen")
    page.get_by_role("button", name=re.compile("plaatsen|Post reply")).click()
    expect(page.locator("#post-2")).to_be_visible()
    page.goto(live_server.url + "/forum/")
    assert not Draft.objects.filter(user=writer).exists()
    assert not errors, errors


def test_deleting_a_topic_removes_its_files(member, posted, django_capture_on_commit_callbacks):
    paths = [Path(posted["foto.png"].file.path), Path(posted["foto.png"].thumbnail.path)]
    paths.append(Path(posted["Verslag.pdf"].file.path))
    assert all(path.exists() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        Topic.objects.get().delete()
    assert not any(path.exists() for path in paths)
