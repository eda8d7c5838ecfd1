"""Reading the text out of uploaded PDF and Word files, for search.

The type is decided by the file's content, not its name. A file that cannot be
read is still stored and published: the failure is recorded with its reason,
logged, and shown to the editor.
"""

import logging
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

import docx
import pypdf

from .models import DocumentText, ExtractionStatus

logger = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_CHARACTERS = 1_000_000


class UnreadableFile(Exception):
    pass


def detect_kind(data) -> str | None:
    """'pdf', 'docx' or None, from the first bytes of an open, seekable file."""
    head = data.read(8)
    data.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(data) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
        finally:
            data.seek(0)
    return None


def _pdf_text(data) -> str:
    try:
        reader = pypdf.PdfReader(data)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as error:
                raise UnreadableFile(_("the PDF is protected with a password")) from error
        parts, length = [], 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length > MAX_CHARACTERS:
                break
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("the PDF is damaged or not a valid PDF")) from error
    return "\n".join(parts)


def _docx_text(data) -> str:
    try:
        document = docx.Document(data)
    except Exception as error:
        raise UnreadableFile(_("the Word file is damaged or not a valid .docx")) from error
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _normalise(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_CHARACTERS]


def _read(handle) -> tuple[str, str]:
    """(status, text) for an open, seekable file; raises UnreadableFile."""
    kind = detect_kind(handle)
    if kind is None:
        return ExtractionStatus.UNSUPPORTED, ""
    text = _normalise(_pdf_text(handle) if kind == "pdf" else _docx_text(handle))
    if not text:
        raise UnreadableFile(_("the file contains no text (perhaps a scan without a text layer)"))
    return ExtractionStatus.OK, text


def extract(document) -> DocumentText:
    """Read the document's file and store the result; never raises for a bad file."""
    record, _created = DocumentText.objects.get_or_create(document=document)
    record.error, record.text = "", ""
    try:
        with document.file.open("rb") as handle:
            record.status, record.text = _read(handle)
    except OSError as error:
        record.status = ExtractionStatus.FAILED
        record.error = _("the file could not be opened")
        logger.warning("Document %s: file could not be opened: %s", document.pk, error)
    except UnreadableFile as error:
        record.status = ExtractionStatus.FAILED
        record.error = str(error)
        logger.warning(
            "Document %s (%s): no text extracted: %s", document.pk, document.filename, error
        )
    record.file_hash = document.file_hash or ""
    record.extracted_at = timezone.now()
    record.save()
    return record
