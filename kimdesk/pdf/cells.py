"""Building blocks of the form's sections: check boxes, escaped user text, tables that split in a row."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from kimdesk.pdf.flowables import MAX_CACHED_MARKUP, LaidOutTable, cached_paragraph
from kimdesk.pdf.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from kimdesk.pdf.text import plain_markup

CHECKED = "☒"
UNCHECKED = "☐"
BLANK = "______"
#: A table cell that draws nothing, where a row's other cells give its height: an empty string
#: would still be set as an (empty) line of text.
NOTHING: tuple[()] = ()
#: Smallest part (pt) of a table row left on a page when a row is split across pages.
SPLIT_IN_ROW = 30


def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def para(text: str, style: ParagraphStyle, *, prefix: str = "", suffix: str = "") -> Paragraph:
    """A Paragraph of user text (escaped, glyph-checked); ``prefix``/``suffix`` are trusted markup."""
    font = getattr(style, "fontName", "")
    bold, italic = font in (BOLD, BOLD_ITALIC), font in (ITALIC, BOLD_ITALIC)
    if len(text) > MAX_CACHED_MARKUP:
        return cached_paragraph(prefix + plain_markup(text, bold=bold, italic=italic) + suffix, style)
    return cached_paragraph(prefix + _plain_markup(text, bold, italic) + suffix, style)


@lru_cache(maxsize=4096)
def _plain_markup(text: str, bold: bool, italic: bool) -> str:
    """The markup of a cell's text, made once per process: names, bodies and labels recur in every
    Vorlage of a packet and on every export."""
    return plain_markup(text, bold=bold, italic=italic)


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use DejaVu too (ReportLab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def make_table(
    rows: list[list[object]], widths: list[float], commands: list[tuple[object, ...]], *, repeat_rows: int = 0
) -> LaidOutTable:
    """A table whose rows may split inside a cell, so a very long entry flows onto the next page."""
    return LaidOutTable(
        rows, colWidths=widths, repeatRows=repeat_rows, splitInRow=SPLIT_IN_ROW, style=table_style(commands)
    )
