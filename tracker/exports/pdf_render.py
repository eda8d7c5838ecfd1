"""The nota (``nota.Nota``) as PDF, drawn by fpdf2 from the same structure as the Word
document: DejaVu fonts (all of Unicode the texts need), a table of contents with page
numbers and links, bookmarks, page numbers in the footer and tables."""

import logging
import math

from django.utils import translation
from django.utils.translation import gettext as _

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
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
    def __init__(self, title: str):
        super().__init__(level_indent=6, line_spacing=1.4)
        self.title = title

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
        pdf.set_font(FONT, "", 9.5)
        aligns = tuple("RIGHT" if i in block.numeric else "LEFT" for i in range(len(block.headers)))
        with pdf.table(
            width=120,
            align="LEFT",
            text_align=aligns,
            headings_style=FontFace(emphasis="BOLD", fill_color=(221, 231, 240)),
            line_height=5.5,
        ) as table:
            table.row(block.headers)
            for values in block.rows:
                table.row(values)
        pdf.ln(3)
