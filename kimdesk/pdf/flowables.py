"""Small flowables of the Vorlage form."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether


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
