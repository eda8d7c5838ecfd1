"""The nota (``nota.Nota``) as PDF, drawn by fpdf2 from the same structure as the Word
document: DejaVu fonts (all of Unicode the texts need), a table of contents with page
numbers and links, bookmarks, page numbers in the footer and tables."""

import logging
import math

from django.utils import translation
from django.utils.translation import gettext as _

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.outline import TableOfContents

from . import LANGUAGE
from .nota import Bullets, Contents, Heading, Nota, PageBreak, Paragraph, Table

# fontTools logs every step of subsetting the fonts at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = "/usr/share/fonts/truetype/dejavu/"
FONT = "DejaVu"
TOC_LINES_PER_PAGE = 38
LINE = 5.2
HEADING_SIZES = {1: 16, 2: 12.5, 3: 11}


class _Document(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            10,
            _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"},
            align="C",
        )
        self.set_text_color(0, 0, 0)


class _Contents(TableOfContents):
    """fpdf2's table of contents with a title, and dot leaders measured once (fpdf2 measures
    the leader again for every dot it adds)."""

    def __init__(self, title: str):
        super().__init__(level_indent=6, line_spacing=1.4)
        self.title = title

    def render_toc_item(self, pdf, item):
        link = pdf.add_link(page=item.page_number)
        page_label = pdf.pages[item.page_number].get_label()
        indent = item.level * self.level_indent
        line = pdf.font_size * self.line_spacing
        number_width = pdf.get_string_width("0000") + pdf.c_margin * 2
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent - number_width,
            line,
            item.name,
            new_x=XPos.END,
            new_y=YPos.LAST,
            link=link,
            align="L",
        )
        space = pdf.w - pdf.r_margin - number_width - pdf.get_x()
        dots = int((space - pdf.c_margin * 2) / pdf.get_string_width(".")) if space > 0 else 0
        pdf.cell(max(0, space), line, "." * max(0, dots), link=link, align="R")
        pdf.cell(number_width, line, page_label, link=link, align="R")
        pdf.ln(line)

    def render_toc(self, pdf, outline):
        pdf.set_font(FONT, "B", HEADING_SIZES[1])
        pdf.cell(0, 12, self.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_font(FONT, "", 10)
        super().render_toc(pdf, outline)


def render(nota: Nota) -> bytes:
    with translation.override(LANGUAGE):
        pdf = _Document(format="A4")
        pdf.set_lang("nl-BE")
        pdf.set_title(nota.title)
        pdf.set_subject(nota.kind)
        pdf.set_author("SAM")
        pdf.set_creator("SAM")
        pdf.add_font(FONT, "", FONTS + "DejaVuSans.ttf")
        pdf.add_font(FONT, "B", FONTS + "DejaVuSans-Bold.ttf")
        pdf.add_font(FONT, "I", FONTS + "DejaVuSans-Oblique.ttf")
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=20)
        pdf.alias_nb_pages()
        _title_page(pdf, nota)
        headings = sum(1 for block in nota.blocks if isinstance(block, Heading))
        for block in nota.blocks:
            _block(pdf, block, headings)
        return bytes(pdf.output())


def _title_page(pdf: FPDF, nota: Nota) -> None:
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font(FONT, "", 14)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(0, 8, nota.kind, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 24)
    pdf.multi_cell(0, 12, nota.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(6)
    pdf.set_font(FONT, "", 11)
    for line in nota.lines:
        pdf.multi_cell(0, 7, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def _block(pdf: FPDF, block, headings: int) -> None:
    if isinstance(block, Contents):
        pdf.add_page()
        pages = max(1, math.ceil((headings + 2) / TOC_LINES_PER_PAGE))
        pdf.insert_toc_placeholder(
            _Contents(block.title).render_toc, pages=pages, allow_extra_pages=True
        )
    elif isinstance(block, PageBreak):
        # Not on a page that is still empty (the contents placeholder ends with a new page).
        if pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
    elif isinstance(block, Heading):
        size = HEADING_SIZES.get(block.level, 11)
        if pdf.get_y() > pdf.h - pdf.b_margin - 30:
            pdf.add_page()
        pdf.ln(4 if block.level > 1 else 2)
        pdf.start_section(block.text, level=block.level - 1, strict=False)
        pdf.set_font(FONT, "B", size)
        pdf.multi_cell(0, size * 0.55, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.ln(2)
    elif isinstance(block, Paragraph):
        pdf.set_font(FONT, "", 10)
        if block.style == "muted":
            pdf.set_text_color(90, 90, 90)
        if not block.text and pdf.will_page_break(LINE * 3):
            pdf.add_page()  # a label before a list: not alone at the bottom of a page
        if block.label:
            pdf.set_font(FONT, "B", 10)
            pdf.write(LINE, block.label + " ")
            pdf.set_font(FONT, "", 10)
        if block.text:
            pdf.write(LINE, block.text)
        pdf.ln(LINE)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1.5)
    elif isinstance(block, Bullets):
        pdf.set_font(FONT, "", 10)
        for item in block.items:
            if pdf.will_page_break(LINE * 2):
                pdf.add_page()
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(4, LINE, "•")
            pdf.multi_cell(pdf.epw - 8, LINE, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.ln(1.5)
    elif isinstance(block, Table):
        _table(pdf, block)


def _table(pdf: FPDF, block: Table) -> None:
    """A small table of short cells (one line each), the header repeated on a new page."""
    others = len(block.headers) - 1
    widths = [pdf.epw * 0.45] + [pdf.epw * 0.55 / others] * others
    height = 6

    def header():
        pdf.set_font(FONT, "B", 9.5)
        pdf.set_fill_color(221, 231, 240)
        for index, text in enumerate(block.headers):
            align = "R" if index in block.numeric else "L"
            pdf.cell(widths[index], height, text, border=1, align=align, fill=True)
        pdf.ln(height)
        pdf.set_font(FONT, "", 9.5)

    if pdf.will_page_break(height * 3):
        pdf.add_page()
    header()
    for values in block.rows:
        if pdf.will_page_break(height):
            pdf.add_page()
            header()
        for index, text in enumerate(values):
            align = "R" if index in block.numeric else "L"
            pdf.cell(widths[index], height, text, border=1, align=align)
        pdf.ln(height)
    pdf.ln(3)
