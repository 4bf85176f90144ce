"""A paragraph holding right-to-left text: broken into lines first, then put in visual order line by line.

The Unicode bidi algorithm reorders each *line* (rules L1–L2 come after line breaking), so a
right-to-left passage that wraps starts on the top line, as a reader expects. ReportLab's own bidi
support needs ``rlbidi``, which is not on PyPI, so the paragraph breaks its (shaped, logical) text
itself, measuring with ReportLab's ``stringWidth``, puts each line in visual order with
``kimdesk.pdf.rtl`` and hands ReportLab the lines, each ending in a line break, to set as they are.

Imported only for paragraphs that hold a right-to-left character (see ``flowables.cached_paragraph``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from kimdesk.pdf import rtl
from kimdesk.pdf.fonts import REGULAR, register_fonts

#: One character of the paragraph and the ReportLab fragment (font, size, colour) it belongs to.
Char = tuple[str, Any]


class BidiParagraph(Paragraph):
    """A ``Paragraph`` whose markup (``text.span_markup``) holds shaped text in logical order.

    A left-aligned paragraph all of whose typed lines are right to left is aligned right.
    """

    frags: list[Any]
    _logical: list[Any] | None = None
    _laid_out_for: float | None = None

    def __init__(self, markup: str, style: ParagraphStyle) -> None:
        super().__init__(markup, style)
        lines = _typed_lines(self.frags)
        if style.alignment == TA_LEFT and all(
            rtl.base_direction("".join(c for c, _ in line)) == "R" for line in lines if line
        ):
            self.style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._logical is None:
            self._logical = list(self.frags)
        width = availWidth - self.style.leftIndent - self.style.rightIndent
        if width != self._laid_out_for:
            self.frags = visual_frags(self._logical, width)
            self._laid_out_for = width
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        return result

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # The parts are plain paragraphs of the lines in visual order (already broken to the width).
        self.wrap(availWidth, availHeight)
        result: list[Flowable] = Paragraph("", self.style, frags=list(self.frags)).split(
            availWidth, availHeight
        )
        return result


def visual_frags(frags: list[Any], width: float) -> list[Any]:
    """The fragments of a paragraph as lines of at most ``width`` points, every line in visual
    order, with line-break fragments between them."""
    has_glyph = register_fonts().coverage[REGULAR].__contains__
    out: list[Any] = []
    for typed in _typed_lines(frags):
        base = rtl.base_direction("".join(char for char, _ in typed))
        for line in fit(typed, width):
            out.extend(_regroup(rtl.reorder(line, has_glyph, base)))
            out.append(_line_break(frags[0]))
        if not typed:
            out.append(_line_break(frags[0]))
    return out[:-1]


def _typed_lines(frags: list[Any]) -> list[list[Char]]:
    """The characters of the paragraph, cut at the line breaks the user typed (``<br/>``)."""
    lines: list[list[Char]] = [[]]
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            lines.append([])
        else:
            lines[-1].extend((char, frag) for char in frag.text)
    return lines


def fit(chars: list[Char], width: float) -> list[list[Char]]:
    """Greedy line breaking at spaces (the space at a break is dropped); a word wider than a line
    is cut where it overflows, as ReportLab does."""
    widths = [stringWidth(char, frag.fontName, frag.fontSize) for char, frag in chars]
    lines: list[list[Char]] = []
    start = 0
    while start < len(chars):
        total, end, cut = 0.0, start, None
        while end < len(chars) and (end == start or chars[end][0] == " " or total + widths[end] <= width):
            if chars[end][0] == " ":
                cut = end
            total += widths[end]
            end += 1
        if end == len(chars):
            lines.append(chars[start:])
            break
        if cut is not None and cut > start:
            lines.append(chars[start:cut])
            start = cut + 1
        else:
            lines.append(chars[start:end])
            start = end
    return lines


def _regroup(chars: list[Char]) -> list[Any]:
    """Runs of characters of the same fragment as fragments again."""
    out: list[Any] = []
    run: list[str] = []
    for index, (char, frag) in enumerate(chars):
        run.append(char)
        if index + 1 == len(chars) or chars[index + 1][1] is not frag:
            out.append(frag.clone(text="".join(run)))
            run = []
    return out


def _line_break(model: Any) -> Any:
    return model.clone(text="", lineBreak=True, __tag__="br")
