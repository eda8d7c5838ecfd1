import io
import logging
import tracemalloc
import zipfile

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

import docx
import pypdf
import pytest
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge import extraction, wagtail_hooks
from knowledge.demo import build_pdf
from knowledge.models import DocumentText, ExtractionStatus, ProductDownload
from tests.accounts.factories import StaffFactory, UserFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


def _upload(name: str, data: bytes, capture):
    Document = get_document_model()
    document = Document(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    with capture(execute=True):
        document.save()
    return DocumentText.objects.get(document=document)


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Leidraad voor het eerste gesprek met een werkzoekende.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Leefloon"
    table.rows[0].cells[1].text = "OCMW"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_of_a_pdf_is_extracted_on_upload(django_capture_on_commit_callbacks):
    record = _upload(
        "gids.pdf",
        build_pdf(["Gids", "Casemanagers zorg en artikel 60"]),
        django_capture_on_commit_callbacks,
    )
    assert record.status == ExtractionStatus.OK
    assert "Casemanagers zorg en artikel 60" in record.text


def test_text_of_a_word_file_is_extracted_including_tables(django_capture_on_commit_callbacks):
    record = _upload("leidraad.docx", _docx_bytes(), django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.OK
    assert "eerste gesprek" in record.text and "Leefloon | OCMW" in record.text


def test_the_type_is_decided_by_content_not_by_name(django_capture_on_commit_callbacks):
    record = _upload(
        "verkeerde-naam.docx",
        build_pdf(["Titel", "Inhoud van een PDF"]),
        django_capture_on_commit_callbacks,
    )
    assert record.status == ExtractionStatus.OK and "Inhoud van een PDF" in record.text


def test_a_damaged_pdf_is_stored_and_the_failure_logged(
    django_capture_on_commit_callbacks, caplog, client
):
    with caplog.at_level(logging.WARNING, logger="knowledge.extraction"):
        record = _upload(
            "kapot.pdf", b"%PDF-1.4\nthis is not really a pdf", django_capture_on_commit_callbacks
        )
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "de PDF is beschadigd of geen geldige PDF"
    assert "kapot.pdf" in caplog.text
    client.force_login(StaffFactory())  # a file no page uses yet: staff only
    assert client.get(record.document.url).status_code == 200


def test_a_file_without_text_is_not_a_failure(django_capture_on_commit_callbacks):
    record = _upload("notities.txt", b"gewone tekst", django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.UNSUPPORTED


def test_the_editor_is_told_when_an_attached_file_could_not_be_read(
    site_tree, django_capture_on_commit_callbacks
):
    record = _upload("kapot.pdf", b"%PDF-1.4\nkapot", django_capture_on_commit_callbacks)
    page = factories.product()
    ProductDownload.objects.create(product=page, document=record.document)
    request = RequestFactory().get("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    wagtail_hooks.warn_after_edit(request, page)
    texts = [str(message) for message in get_messages(request)]
    assert len(texts) == 1
    assert "kapot.pdf" in texts[0] and "kon niet gelezen worden" in texts[0]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024


def _docx_with_body(parts, *, members: int = 0, prolog=b'<?xml version="1.0"?>') -> bytes:
    """A real .docx whose word/document.xml is the body parts in a row, written as a
    stream (so a 50 MB document costs the test no 50 MB), plus some empty members."""
    template = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, template.read(info))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(prolog + f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for part in parts:
                member.write(part)
            member.write(b"</w:body></w:document>")
        for number in range(members):
            archive.writestr(f"word/media/leeg{number}.xml", "")
    return buffer.getvalue()


def _repeat(part: bytes, size: int):
    chunk = part * (MB // len(part))
    for _ in range(size // len(chunk)):
        yield chunk


def test_a_word_file_that_unpacks_to_tens_of_megabytes_is_stored_but_not_read(
    client, django_capture_on_commit_callbacks
):
    paragraph = b"<w:p><w:r><w:t>Werk en zorg, werk en zorg.</w:t></w:r></w:p>"
    bomb = _docx_with_body(_repeat(paragraph, 50 * MB))
    assert len(bomb) < 500_000
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/admin/documents/add/",
            {
                "title": "Bom",
                "file": SimpleUploadedFile("bom.docx", bomb),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302
    record = DocumentText.objects.get(document__title="Bom")
    assert record.status == ExtractionStatus.PENDING  # not read inside the upload request
    for callback in callbacks:
        callback()
    record.refresh_from_db()
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "het bestand is te groot om de tekst uit te lezen"


def test_a_word_file_near_the_limit_is_read_with_little_memory():
    # Much markup, little text (as Word writes it): all of the 19 MB is parsed.
    paragraph = (
        f'<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w:rsidP="00D4E5F6">'
        f'<w:pPr><w:pStyle w:val="{"Opsomming" * 40}"/></w:pPr>'
        f'<w:r w:rsidRPr="00D4E5F6"><w:t xml:space="preserve">zorg </w:t></w:r></w:p>'
    ).encode()
    data = _docx_with_body(_repeat(paragraph, 19 * MB))
    tracemalloc.start()
    try:
        status, text = extraction._read(io.BytesIO(data))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == ExtractionStatus.OK and text.startswith("zorg\nzorg")
    assert peak < 5 * MB, f"peak {peak / MB:.1f} MB"


def test_a_word_file_of_too_many_parts_is_not_read(django_capture_on_commit_callbacks):
    paragraph = b"<w:p><w:r><w:t>Inhoud</w:t></w:r></w:p>"
    data = _docx_with_body([paragraph], members=extraction.MAX_ZIP_MEMBERS)
    record = _upload("veel.docx", data, django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "het bestand is te groot om de tekst uit te lezen"


def test_a_pdf_of_too_many_pages_is_not_read(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PAGES", 1)
    pdf = build_pdf(["Gids", *["Een lange alinea over werk en zorg. " * 20] * 20])
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) > 1
    record = _upload("lang.pdf", pdf, django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "het bestand is te groot om de tekst uit te lezen"


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_file_with_too_much_text_is_not_read(
    django_capture_on_commit_callbacks, monkeypatch, kind
):
    monkeypatch.setattr(extraction, "MAX_CHARACTERS", 100)
    text = "Werk en zorg " * 20
    data = (
        build_pdf(["Gids", text])
        if kind == "pdf"
        else _docx_with_body([f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()])
    )
    record = _upload(f"veel-tekst.{kind}", data, django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "het bestand is te groot om de tekst uit te lezen"


def test_a_word_file_declaring_entities_is_not_read(django_capture_on_commit_callbacks):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahahaha">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    data = _docx_with_body([b"<w:p><w:r><w:t>&b;</w:t></w:r></w:p>"], prolog=laughs)
    record = _upload("lach.docx", data, django_capture_on_commit_callbacks)
    assert record.status == ExtractionStatus.FAILED
    assert record.error == "het Word-bestand is beschadigd of geen geldig .docx-bestand"
