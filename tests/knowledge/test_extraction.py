import io
import logging

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.base import ContentFile
from django.test import RequestFactory

import docx
import pytest
from wagtail.documents import get_document_model

from knowledge import wagtail_hooks
from knowledge.demo import build_pdf
from knowledge.models import DocumentText, ExtractionStatus, ProductDownload
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
