"""Text in narrow table columns: the font shrinks until the longest word fits, so no word is broken.

ReportLab breaks a word that is wider than its column at any character ("Oberbürgermeist|er"). A
cell made with ``fitted_para`` instead uses a smaller size of the same style, down to ``MIN_SIZE``. A
word too wide even then is hyphenated at ``MIN_SIZE`` where German allows it ("Kreisverwaltungs-
direktorin", pyphen's de_DE patterns); only a word without such a point (a long number) keeps its
size and is broken, as it cannot be shown otherwise.
"""

from __future__ import annotations

from functools import lru_cache

import pyphen
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from kimdesk.pdf.cells import CELL_INSET, TextCell, para
from kimdesk.pdf.fonts import BOLD, REGULAR
from kimdesk.pdf.text import normalise

MIN_SIZE = 6.0
HYPHENATION = "de_DE"
#: Table cells pad their text by this much on each side unless the table says otherwise.
CELL_PADDING = CELL_INSET


def longest_word_width(text: str, font: str, size: float) -> float:
    words = normalise(text).split()
    return max((stringWidth(word, font, size) for word in words), default=0.0)


@lru_cache(maxsize=256)
def _smaller(style: ParagraphStyle, size: float) -> ParagraphStyle:
    ratio = size / style.fontSize
    return ParagraphStyle(f"{style.name}@{size:g}", style, fontSize=size, leading=style.leading * ratio)


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION)


@lru_cache(maxsize=64)
def _hyphenating(style: ParagraphStyle, size: float) -> ParagraphStyle:
    smaller = _smaller(style, size)
    return ParagraphStyle(f"{smaller.name}-hy", smaller, hyphenationLang=HYPHENATION, embeddedHyphenation=1)


@lru_cache(maxsize=1024)
def fitted_style(text: str, style: ParagraphStyle, width: float, *, bold: bool = False) -> ParagraphStyle:
    """``style``, or a smaller size of it at which every word of ``text`` fits into ``width``."""
    font = BOLD if bold else (style.fontName or REGULAR)
    widest = longest_word_width(text, font, style.fontSize)
    if widest <= width:
        return style
    if widest * MIN_SIZE / style.fontSize > width:
        too_wide = [w for w in normalise(text).split() if stringWidth(w, font, MIN_SIZE) > width]
        if all(_hyphenator().positions(word) for word in too_wide):
            return _hyphenating(style, MIN_SIZE)
        return style  # no allowed break point: the word is broken as before
    size = max(MIN_SIZE, int(style.fontSize * width / widest * 4) / 4)
    while size > MIN_SIZE and longest_word_width(text, font, size) > width:
        size -= 0.25
    return _smaller(style, size)


def fitted_para(
    text: str, style: ParagraphStyle, width: float, *, prefix: str = "", suffix: str = ""
) -> Paragraph:
    """``para`` in a column ``width`` wide (inner width: without the cell's padding)."""
    return para(text, fitted_style(text, style, width), prefix=prefix, suffix=suffix)


def fitted_cell(text: str, style: ParagraphStyle, width: float, *, field: bool = False) -> TextCell:
    """``fitted_para`` as a table cell: a plain string cell when the text fits on one line (with
    ``field``, the Vorlage's own text: see ``TextCell.field``)."""
    fitted = fitted_style(text, style, width)
    return TextCell((text,), fitted, width, field=field)
