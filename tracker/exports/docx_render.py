"""The nota (``nota.Nota``) as a Word document that can be edited: Word's own Title and
Heading styles, a real table-of-contents field (Word fills it in when the document is
opened or the field updated), a table style, page numbers and Dutch as the proofing
language."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from . import LANGUAGE
from .nota import Bullets, Contents, Heading, Nota, PageBreak, Paragraph, Table

WORD_LANGUAGE = "nl-BE"
TABLE_STYLE = "Light Grid Accent 1"
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def render(nota: Nota) -> bytes:
    with translation.override(LANGUAGE):
        document = Document()
        _setup(document, nota)
        styles = _Styles(document)
        _title_page(document, nota, styles)
        for block in nota.blocks:
            _block(document, block, styles)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


class _Styles:
    """The styles used, looked up once: python-docx looks a style given by name up in the
    whole styles part on every paragraph."""

    def __init__(self, document):
        styles = document.styles
        self.title = styles["Title"]
        self.subtitle = styles["Subtitle"]
        self.headings = {level: styles[f"Heading {level}"] for level in (1, 2, 3)}
        self.bullet = styles["List Bullet"]
        self.toc_heading = styles["TOC Heading"]
        self.table = styles[TABLE_STYLE]


def _setup(document, nota: Nota) -> None:
    properties = document.core_properties
    properties.title = nota.title
    properties.subject = nota.kind
    properties.author = "SAM"
    properties.last_modified_by = "SAM"
    properties.comments = ""
    properties.language = WORD_LANGUAGE
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet"):
        _language(styles[name].element)
    # The document defaults too: text typed later is Dutch as well.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None:
            _language(run_defaults)
    # Ask Word to update fields (the table of contents) when the document opens.
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    _page_numbers(document)


def _language(element) -> None:
    """Set Dutch (Belgium) as the language of a style or of the run defaults."""
    properties = element.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        element.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), WORD_LANGUAGE)
    language.set(qn("w:eastAsia"), WORD_LANGUAGE)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (fldChar begin / instrText / separate / placeholder / end)."""

    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    if placeholder:
        paragraph.add_run(placeholder).italic = True
    char("end")


def _page_numbers(document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page") + " ")
    _field(footer, "PAGE", "1")


def _title_page(document, nota: Nota, styles: _Styles) -> None:
    for _index in range(6):
        document.add_paragraph()
    document.add_paragraph(nota.kind, style=styles.subtitle)
    document.add_paragraph(nota.title, style=styles.title)
    for line in nota.lines:
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _block(document, block, styles: _Styles) -> None:
    if isinstance(block, Heading):
        document.add_paragraph(block.text, style=styles.headings[min(block.level, 3)])
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        if block.label:
            paragraph.add_run(block.label + (" " if block.text else "")).bold = True
        if block.text:
            run = paragraph.add_run(block.text)
            if block.style == "muted":
                run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(item, style=styles.bullet)
    elif isinstance(block, Table):
        _table(document, block, styles)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Contents):
        document.add_paragraph(block.title, style=styles.toc_heading)
        _field(
            document.add_paragraph(),
            TOC_INSTRUCTION,
            _("Right-click here and choose “Update field” to fill in the table of contents."),
        )


def _table(document, block: Table, styles: _Styles) -> None:
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = styles.table
    for index, header in enumerate(block.headers):
        cell = table.rows[0].cells[index]
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    for values in block.rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].text = value
            if index in block.numeric:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()
