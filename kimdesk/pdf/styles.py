"""Paragraph styles, colours and measures of the Vorlage form (DIN 5008-like A4)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from kimdesk.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
TOP_MARGIN_FIRST = 27 * mm
TOP_MARGIN_LATER = 27 * mm
BOTTOM_MARGIN = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

GRID_COLOR = colors.Color(0.35, 0.35, 0.35)
LIGHT_FILL = colors.Color(0.93, 0.93, 0.93)
DRAFT_COLOR = colors.Color(0.86, 0.86, 0.86)
#: The mark of a Fassung printed from the history (dark red: it must not pass for the current one).
VERSION_COLOR = colors.Color(0.62, 0.07, 0.07)

BASE_SIZE = 10.5
LEADING = 14


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    label: ParagraphStyle
    value_bold: ParagraphStyle
    small: ParagraphStyle
    small_bold: ParagraphStyle
    small_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_right_bold: ParagraphStyle
    reference: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    list_item: ParagraphStyle
    signature: ParagraphStyle
    section: ParagraphStyle

    def heading(self, level: int) -> ParagraphStyle:
        return {1: self.heading1, 2: self.heading2}.get(level, self.heading3)


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=BASE_SIZE,
        leading=LEADING,
        spaceAfter=6,
        alignment=TA_LEFT,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    small = ParagraphStyle("small", body, fontSize=8, leading=10, spaceAfter=0)
    cell = ParagraphStyle("cell", body, fontSize=9.5, leading=12, spaceAfter=0)
    return Styles(
        body=body,
        label=ParagraphStyle("label", body, fontName=BOLD, spaceBefore=4, spaceAfter=3, keepWithNext=1),
        value_bold=ParagraphStyle("value_bold", body, fontName=BOLD),
        small=small,
        small_bold=ParagraphStyle("small_bold", small, fontName=BOLD),
        small_italic=ParagraphStyle("small_italic", small, fontName=ITALIC),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_right_bold=ParagraphStyle("cell_right_bold", cell, fontName=BOLD, alignment=TA_RIGHT),
        reference=ParagraphStyle(
            "reference", body, fontName=BOLD, fontSize=14, leading=17, alignment=TA_RIGHT
        ),
        heading1=ParagraphStyle(
            "heading1", body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=8, keepWithNext=1
        ),
        heading2=ParagraphStyle(
            "heading2", body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=6, keepWithNext=1
        ),
        heading3=ParagraphStyle(
            "heading3",
            body,
            fontName=BOLD,
            fontSize=BASE_SIZE,
            leading=LEADING,
            spaceBefore=4,
            keepWithNext=1,
        ),
        list_item=ParagraphStyle("list_item", body, spaceAfter=3),
        signature=ParagraphStyle("signature", body, spaceAfter=1),
        section=ParagraphStyle(
            "section",
            body,
            fontName=BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
    )
