"""The Sitzungsmappe's progress in pages: what ReportLab has laid out, then the share qpdf has written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kimdesk.pdf.packet_layout import PacketCanvas
from kimdesk.services.packets import Cancelled, Progress


class PageMeter:
    """Progress in pages: one per page ReportLab finishes, then the share qpdf has written."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.pages = 0
        self.estimate = 1
        #: The share of the work that is laying out (the rest is qpdf writing the Anlagen).
        self.share = 1.0
        self.shown = (-1, -1)

    def tick(self, done: int) -> None:
        shown = (done, max(self.estimate, done))
        if shown == self.shown:  # (half a page: nothing new to show)
            return
        self.shown = shown
        if self.progress is not None and not self.progress(*shown):
            raise Cancelled("Sitzungsmappe: abgebrochen.")

    def canvasmaker(self, *args: Any, **kwargs: Any) -> PacketCanvas:
        return PacketCanvas(*args, on_page=self._page_done, **kwargs)

    def _page_done(self) -> None:
        self.pages += 1
        self.tick(int(self.pages * self.share))

    def writing(self, total: int) -> Callable[[int], None]:
        def written(percent: int) -> None:
            laid_out = int(total * self.share)
            self.tick(laid_out + (total - laid_out) * min(percent, 100) // 100)

        return written
