"""Small flowables of the Vorlage form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.rl_config import _FUZZ

from kimdesk.pdf.text import needs_bidi

#: What ``Paragraph.wrap`` (ReportLab 5.1) sets on the paragraph; all of it depends only on the width.
_WRAP_STATE = (
    "width",
    "height",
    "blPara",
    "_wrapWidths",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to.

    Frames, tables and KeepTogether wrap the same paragraph several times at the same width while
    laying out a page (a table cell: once to size the row, again to draw it); the breaks depend on
    the width only, so the repeats reuse them instead of measuring every word again.
    """

    _wrap_memo: tuple[float, dict[str, Any]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._wrap_memo
        if memo is not None and memo[0] == availWidth:
            self.__dict__.update(memo[1])
            return self.width, self.height
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        state = self.__dict__
        if availWidth >= _FUZZ:
            self._wrap_memo = (availWidth, {k: state[k] for k in _WRAP_STATE if k in state})
        return result


#: Longer markup is parsed every time rather than kept (a pasted text without line breaks).
MAX_CACHED_MARKUP = 8000


@lru_cache(maxsize=2048)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[Any, ...]:
    return tuple(Paragraph(markup, style).frags)


def cached_paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph whose markup is parsed once per process: the form's labels recur on every
    export, and exporting or previewing a Vorlage again repeats all of its text.

    Each Paragraph gets its own copies of the parsed fragments, so layout never shares state.
    Markup holding right-to-left text becomes a ``BidiParagraph`` (put in visual order per line).
    """
    if needs_bidi(markup):
        from kimdesk.pdf.bidipara import BidiParagraph

        return BidiParagraph(markup, style)
    if len(markup) > MAX_CACHED_MARKUP:
        return Para(markup, style)
    frags = [frag.clone() for frag in _parsed(markup, style)]
    return Para(markup, style, frags=frags)


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
