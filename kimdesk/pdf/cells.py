"""Building blocks of the form's sections: check boxes, escaped user text, tables that split in a row."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from kimdesk.pdf.text import plain_markup

CHECKED = "☒"
UNCHECKED = "☐"
BLANK = "______"
#: Smallest part (pt) of a table row left on a page when a row is split across pages.
SPLIT_IN_ROW = 30


def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def para(text: str, style: ParagraphStyle, *, prefix: str = "", suffix: str = "") -> Paragraph:
    """A Paragraph of user text (escaped, glyph-checked); ``prefix``/``suffix`` are trusted markup."""
    font = getattr(style, "fontName", "")
    markup = plain_markup(text, bold=font in (BOLD, BOLD_ITALIC), italic=font in (ITALIC, BOLD_ITALIC))
    return cached_paragraph(prefix + markup + suffix, style)


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use DejaVu too (ReportLab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def make_table(
    rows: list[list[object]], widths: list[float], commands: list[tuple[object, ...]], *, repeat_rows: int = 0
) -> Table:
    """A table whose rows may split inside a cell, so a very long entry flows onto the next page."""
    return Table(
        rows, colWidths=widths, repeatRows=repeat_rows, splitInRow=SPLIT_IN_ROW, style=table_style(commands)
    )
