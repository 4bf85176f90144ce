"""Small flowables of the Vorlage form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from kimdesk.pdf.text import needs_bidi

#: Longer markup is parsed every time rather than kept (a pasted text without line breaks).
MAX_CACHED_MARKUP = 8000


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
        return Paragraph(markup, style, bulletText=bullet)
    frags = [frag.clone() for frag in _parsed(markup, style)]
    return Paragraph(markup, style, bulletText=bullet, frags=frags)


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
