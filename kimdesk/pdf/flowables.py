"""Small flowables of the Vorlage form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from kimdesk.pdf.text import needs_bidi

#: Longer markup is parsed every time rather than kept (a pasted text without line breaks).
MAX_CACHED_MARKUP = 8000


class LaidOutParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width.

    Platypus measures a flowable several times at the same width: a table for its row heights and
    again when it draws its cells, ``keepWithNext`` and ``KeepTogether`` for the space the group
    needs, then the frame when it places each part. Breaking the lines gives the same result each
    time, so a second measurement at the width of the first one answers from the first.
    """

    _broken_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._broken_for and "blPara" in self.__dict__:
            return self.width, self.height
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._broken_for = availWidth
        return result


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
    return LaidOutParagraph(markup, style, bulletText=bullet, frags=frags)


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
