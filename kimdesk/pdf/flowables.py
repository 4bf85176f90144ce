"""Small flowables of the Vorlage form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from kimdesk.pdf.text import needs_bidi

#: Longer markup is parsed every time rather than kept (a pasted text without line breaks).
MAX_CACHED_MARKUP = 8000
#: A text at least this close to the width offered is left to ReportLab's line breaking.
FIT_MARGIN = 0.01


class LaidOutParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width, and sets a single plain line as a string.

    Platypus measures a flowable several times at the same width: a table for its row heights and
    again when it draws its cells, ``keepWithNext`` and ``KeepTogether`` for the space the group
    needs, then the frame when it places each part. Breaking the lines gives the same result each
    time, so a second measurement at the width of the first one answers from the first. Only
    ``split`` throws a line breaking away (``Paragraph.split`` deletes it when the paragraph moves on
    whole), so a split paragraph is broken again at its next measurement.

    ``plain`` (see ``plain_line``) is the text of a paragraph without markup that ReportLab would set
    as one line of one font: where it fits the width offered, the paragraph is one line high and
    draws the text with the canvas at the very place ReportLab's line would go (the labels, names
    and check boxes of the form: most of a Vorlage's paragraphs), without breaking it into lines.
    """

    #: (text, width) of a one-line paragraph without markup, or None.
    plain: tuple[str, float] | None = None
    _broken_for: float | None = None
    _plain_now = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        plain = self.plain
        if plain is not None and plain[1] <= availWidth - self._indents() - FIT_MARGIN:
            self._plain_now = True
            self.width, self.height = availWidth, self.style.leading
            return self.width, self.height
        self._plain_now = False
        if availWidth == self._broken_for:
            return self.width, self.height
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._broken_for = availWidth
        return result

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._broken_for = None
        if self._plain_now:  # split needs ReportLab's line breaking
            self._plain_now = False
            super().wrap(availWidth, availHeight)
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts

    def draw(self) -> None:
        if not self._plain_now:
            super().draw()
            return
        assert self.plain is not None
        text, width = self.plain
        style, canvas = self.style, self.canv
        x = style.leftIndent + style.firstLineIndent
        if style.alignment == TA_RIGHT:
            x = self.width - style.rightIndent - width
        canvas.setFillColor(style.textColor)
        line = canvas.beginText(x, self.height - style.fontSize)  # ReportLab's first baseline
        line.setFont(style.fontName, style.fontSize, style.leading)
        line.textLine(text)
        canvas.drawText(line)

    def _indents(self) -> float:
        style = self.style
        return float(style.leftIndent + style.firstLineIndent + style.rightIndent)


class LaidOutTable(Table):
    """A Table that measures its rows once per width.

    A table is measured for a ``KeepTogether`` group, then by the frame that places it. Once all its
    rows were measured (the height fitted into the space offered), the row heights at the same width
    are known; a table measured only as far as the space offered is measured again.
    """

    #: (width offered, height offered, size) of the last measurement.
    _measured: tuple[float, float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        measured = self._measured
        if measured is not None and measured[0] == availWidth and measured[2][1] <= measured[1]:
            return measured[2]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, availHeight, size)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._measured = None  # splitting measures the rows again, only as far as the space offered
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts


@lru_cache(maxsize=2048)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[Any, ...]:
    return tuple(Paragraph(markup, style).frags)


def cached_paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph whose markup is parsed once per process: the form's labels recur on every
    export, and exporting or previewing a Vorlage again repeats all of its text.

    Each Paragraph gets its own copies of the parsed fragments, so layout never shares state.
    Markup holding right-to-left text becomes a ``BidiParagraph`` (put in visual order per line).
    ``bullet`` is a list marker drawn at the style's ``bulletIndent`` (a hanging indent).
    """
    if needs_bidi(markup):
        from kimdesk.pdf.bidipara import BidiParagraph

        bidi = BidiParagraph(markup, style)
        bidi.bulletText = bullet
        return bidi
    if len(markup) > MAX_CACHED_MARKUP:
        return LaidOutParagraph(markup, style, bulletText=bullet)
    frags = [frag.clone() for frag in _parsed(markup, style)]
    paragraph = LaidOutParagraph(markup, style, bulletText=bullet, frags=frags)
    if bullet is None:
        paragraph.plain = plain_line(markup, style)
    return paragraph


def _look(frag: Any) -> dict[str, Any]:
    return {key: value for key, value in frag.__dict__.items() if key != "text"}


#: The spaces ReportLab keeps inside a line as they are (others it collapses or breaks at).
_KEPT_SPACES = frozenset(" \xa0")


@lru_cache(maxsize=4096)
def plain_line(markup: str, style: ParagraphStyle) -> tuple[str, float] | None:
    """(text, width) of ``markup`` when ReportLab would set it as a single line in the style's font
    wherever it fits: no tags (entities are fine), one fragment, single spaces between words, a
    left or right aligned style without background, border, bullet or automatic leading. Else None.
    """
    if "<" in markup or style.alignment not in (TA_LEFT, TA_RIGHT) or style.wordWrap:
        return None
    if style.backColor or style.borderWidth or style.endDots or getattr(style, "autoLeading", ""):
        return None
    frags = _parsed(markup, style)
    if not frags or not all(isinstance(getattr(frag, "text", None), str) for frag in frags):
        return None
    # An entity (``&nbsp;``) is a fragment of its own, in the same font as its neighbours.
    look = _look(frags[0])
    if any(_look(frag) != look for frag in frags[1:]):
        return None
    text = "".join(frag.text for frag in frags)
    if not set_as_it_is(text):
        return None
    return text, stringWidth(text, style.fontName, style.fontSize)


def set_as_it_is(text: str) -> bool:
    """Whether a line of ``text`` reads in the PDF as it is, set by a Paragraph (nothing collapsed,
    no hyphenation point) or as a string alike: words apart by single spaces or no-break spaces, no
    other white space, no soft hyphen, nothing right-to-left."""
    if not text or text != text.strip(" ") or "  " in text or "\xad" in text:
        return False
    return not any(char.isspace() and char not in _KEPT_SPACES for char in text) and not needs_bidi(text)


class KeepTogetherUnlessGap(KeepTogether):
    """Keeps a block (the finance table) on one page, unless that would leave a large gap.

    When more than ``max_gap`` points are still free on the page, the block splits there instead
    (tables repeat their heading row on the next page) rather than leaving half a page empty.
    """

    def __init__(self, flowables: list[Flowable], max_gap: float) -> None:
        super().__init__(flowables)
        self.max_gap = max_gap

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if aH > self.max_gap:
            return list(self._content)
        result: list[Flowable] = super().split(aW, aH)
        return result
