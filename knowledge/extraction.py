"""Reading the text out of uploaded PDF and Word files, for search.

The type is decided by the file's content, not its name. A file that cannot be
read is still stored and published: the failure is recorded with its reason,
logged, and shown to the editor. So is a file beyond one of the limits below: a
small upload can unpack to far more (a "zip bomb"), and reading it must not cost
the worker unbounded memory or time. Reading runs in a background task
(``tasks.extract_document_text``), never inside the upload request.
"""

import io
import logging
import re
import zipfile
from xml.parsers import expat

from django.utils import timezone
from django.utils.translation import gettext as _

import pypdf
from pypdf.errors import LimitReachedError

from .models import DocumentText, ExtractionStatus

logger = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_CHARACTERS = 1_000_000
# A .docx holds a few dozen parts; only word/document.xml is read, unpacked at most this far.
MAX_ZIP_MEMBERS = 1000
MAX_DOCUMENT_XML = 20 * 1024 * 1024


class UnreadableFile(Exception):
    pass


def _too_large() -> UnreadableFile:
    return UnreadableFile(_("the file is too large to read its text"))


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
        if len(reader.pages) > MAX_PAGES:
            raise _too_large()
        parts, length = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            length += len(text)
            if length > MAX_CHARACTERS:
                raise _too_large()
            parts.append(text)
    except UnreadableFile:
        raise
    except LimitReachedError as error:  # pypdf's own guards against decompression bombs
        raise _too_large() from error
    except Exception as error:
        raise UnreadableFile(_("the PDF is damaged or not a valid PDF")) from error
    return "\n".join(parts)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_TEXT, _TAB, _BREAK, _RETURN = _W + "t", _W + "tab", _W + "br", _W + "cr"
_PARAGRAPH, _TABLE, _ROW, _CELL = _W + "p", _W + "tbl", _W + "tr", _W + "tc"


class _Table:
    def __init__(self):
        self.row: list[str] = []
        self.cell: list[str] = []


class _WordText:
    """The text of word/document.xml, read as a stream of parser events.

    No tree is built, so memory stays bounded by the text kept (at most
    MAX_CHARACTERS), whatever the size of the XML. Paragraphs become lines; a table
    row becomes one line of its cells joined by " | ".
    """

    def __init__(self):
        self.out = io.StringIO()
        self.length = 0
        self.in_text = False
        self.paragraph: list[str] = []
        self.tables: list[_Table] = []

    def _add(self, text: str, level: int) -> None:
        if level:
            self.tables[level - 1].cell.append(text)
        else:
            self.out.write(text + "\n")

    def start(self, name, attributes):
        if name == _TEXT:
            self.in_text = True
        elif name == _TAB:
            self.paragraph.append("\t")
        elif name in (_BREAK, _RETURN):
            self.paragraph.append("\n")
        elif name == _TABLE:
            self.tables.append(_Table())

    def data(self, text):
        if self.in_text:
            self.length += len(text)
            if self.length > MAX_CHARACTERS:
                raise _too_large()
            self.paragraph.append(text)

    def end(self, name):
        if name == _TEXT:
            self.in_text = False
        elif name == _PARAGRAPH:
            self._add("".join(self.paragraph), len(self.tables))
            self.paragraph = []
        elif not self.tables:
            return
        elif name == _CELL:
            table = self.tables[-1]
            table.row.append("\n".join(table.cell))
            table.cell = []
        elif name == _ROW:
            table = self.tables[-1]
            self._add(" | ".join(table.row), len(self.tables) - 1)
            table.row = []
        elif name == _TABLE:
            self.tables.pop()

    @staticmethod
    def refuse_doctype(*args):
        # Word never writes one; a DTD could only declare entities to expand.
        raise UnreadableFile(_("the Word file is damaged or not a valid .docx"))


def _wordml_text(stream) -> str:
    reader = _WordText()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = reader.refuse_doctype
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.ParseFile(stream)
    return reader.out.getvalue()


def _docx_text(data) -> str:
    try:
        with zipfile.ZipFile(data) as archive:
            if len(archive.infolist()) > MAX_ZIP_MEMBERS:
                raise _too_large()
            info = archive.getinfo("word/document.xml")
            # The size is checked before unpacking anything. Should the archive state
            # less than the truth, zipfile stops at the stated size (and then fails
            # its checksum), so the stated size is also the most that is read.
            if info.file_size > MAX_DOCUMENT_XML:
                raise _too_large()
            with archive.open(info) as stream:
                return _wordml_text(stream)
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("the Word file is damaged or not a valid .docx")) from error


_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[^\S\n]+")
_EMPTY_LINES = re.compile(r" *\n[ \n]*")


def _normalise(text: str) -> str:
    """Runs of whitespace as one space, no empty lines; without a list of every line,
    which for a text of many short lines would cost many times the text itself."""
    text = _SPACES.sub(" ", _LINE_BREAKS.sub("\n", text))
    return _EMPTY_LINES.sub("\n", text).strip(" \n")


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
