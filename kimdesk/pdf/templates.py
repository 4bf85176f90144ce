"""Page templates of the Vorlage: first page with the Mitzeichnungen foot, later pages with a slim
header, the ENTWURF mark and a NumberedCanvas for "Seite X von Y".

The drawing is parameterised by a ``PageInfo`` (Vorlage Nr., Betrifft, an optional TOP label for a
session packet, draft or not, the first page's foot). A document holding several Vorlagen puts a
``PaperInfoMarker`` before each Vorlage's page break; the info then applies from the next page on.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kimdesk.pdf.collector import collector_paused
from kimdesk.pdf.fonts import BOLD, REGULAR, register_fonts
from kimdesk.pdf.styles import (
    BOTTOM_MARGIN,
    DRAFT_COLOR,
    FRAME_WIDTH,
    GRID_COLOR,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN_FIRST,
    TOP_MARGIN_LATER,
    VERSION_COLOR,
)
from kimdesk.pdf.text import shown_text

FIRST = "first"
LATER = "later"
DRAFT_MARK = "ENTWURF"
HEADER_SIZE = 8.5
FOOTER_SIZE = 8.5
FOOT_GAP = 6 * mm


@dataclass(slots=True)
class PageInfo:
    """What the page decoration of one Vorlage shows."""

    reference: str
    title: str
    draft: bool = False
    top_label: str | None = None
    #: Drawn at the foot of the Vorlage's first page (the Mitzeichnungen grid), or None.
    first_page_foot: Flowable | None = None
    #: A Fassung printed from the history: "Fassung 3 vom 02.12.2026 – überholt", on every page's foot.
    version_mark: str = ""
    #: Its height when the caller has already laid it out (at the frame's width), else measured here.
    known_foot_height: float | None = field(default=None, repr=False, compare=False)

    _foot_height: float | None = field(default=None, init=False, repr=False, compare=False)

    def foot_height(self) -> float:
        """Height of the first page's foot, laid out once (the same flowable is drawn later)."""
        if self._foot_height is None:
            if self.first_page_foot is None:
                self._foot_height = 0.0
            elif self.known_foot_height is not None:
                self._foot_height = self.known_foot_height
            else:
                _, height = self.first_page_foot.wrap(FRAME_WIDTH, PAGE_HEIGHT)
                self._foot_height = float(height)
        return self._foot_height


class PaperInfoMarker(Flowable):
    """Invisible flowable: the page decoration follows ``info`` from the next page on."""

    width = height = 0

    def __init__(self, info: PageInfo) -> None:
        super().__init__()
        self.info = info

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class NumberedCanvas(Canvas):
    """A canvas whose pages say "Seite X von Y".

    Each page draws a form (a PDF XObject) named after its number, and the forms are defined when the
    total is known, just before the file is written: ReportLab resolves forms by name when it saves, so a
    page may use a form defined later. Pages are written as they are finished; nothing is held back.
    """

    def showPage(self) -> None:
        self.doForm(_page_number_form(self.getPageNumber()))
        super().showPage()

    def save(self) -> None:
        total = self.getPageNumber() - 1
        for number in range(1, total + 1):
            self.beginForm(_page_number_form(number))
            self.draw_page_number(number, total)
            self.endForm()
        super().save()

    def draw_page_number(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillGray(0.25)
        self.drawRightString(
            PAGE_WIDTH - RIGHT_MARGIN, BOTTOM_MARGIN - 11 * mm, f"Seite {number} von {total}"
        )
        self.restoreState()


def _page_number_form(number: int) -> str:
    return f"kimdeskPageNumber{number}"


def draw_draft_mark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFont(BOLD, 110)
    canvas.setFillColor(DRAFT_COLOR)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    canvas.drawCentredString(0, -38, DRAFT_MARK)
    canvas.restoreState()


@lru_cache(maxsize=512)
def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` wide (kept per process: a
    Vorlage's header recurs on each of its later pages)."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + " …", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + " …"


def draw_slim_header(canvas: Canvas, info: PageInfo) -> None:
    draw_header_line(canvas, f"Vorlage Nr. {info.reference} – {info.title}", info.top_label)


def draw_header_line(canvas: Canvas, left: str, right: str | None) -> None:
    """The one-line page header: ``left`` (shortened to fit), ``right`` in bold, a rule below."""
    top = PAGE_HEIGHT - 15 * mm
    edge = PAGE_WIDTH - RIGHT_MARGIN
    canvas.saveState()
    label_width = 0.0
    if right:
        label = shown_text(right, BOLD)
        canvas.setFont(BOLD, HEADER_SIZE)
        canvas.drawRightString(edge, top, label)
        label_width = stringWidth(label, BOLD, HEADER_SIZE) + 6 * mm
    canvas.setFont(REGULAR, HEADER_SIZE)
    canvas.drawString(
        LEFT_MARGIN, top, fit(shown_text(left), REGULAR, HEADER_SIZE, FRAME_WIDTH - label_width)
    )
    canvas.setStrokeColor(GRID_COLOR)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, top - 2.5 * mm, edge, top - 2.5 * mm)
    canvas.restoreState()


class PaperDocTemplate(BaseDocTemplate):
    """A4 document of one (or, with markers and extra templates, several) Vorlagen."""

    def __init__(self, filename: Any, info: PageInfo, **kwargs: Any) -> None:
        register_fonts()
        kwargs.setdefault("creator", "kimdesk")
        kwargs.setdefault("producer", "kimdesk (ReportLab)")
        super().__init__(
            filename,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN_LATER,
            bottomMargin=BOTTOM_MARGIN,
            invariant=1,
            lang="de-DE",
            initialFontName=REGULAR,
            initialFontSize=10,
            **kwargs,
        )
        self.page_info = info
        self._pending_info: PageInfo | None = None
        self.addPageTemplates(page_templates(info))

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        """Lays out and writes the document with the cycle collector paused (see ``collector``)."""
        with collector_paused():
            super().build(flowables, *args, **kwargs)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PaperInfoMarker):
            self._pending_info = flowable.info

    def handle_pageBegin(self) -> None:
        if self._pending_info is not None:
            self.page_info, self._pending_info = self._pending_info, None
        super().handle_pageBegin()


_ATOMS = (int, float, str, bool, type(None))


class TextFrame(Frame):
    """A Frame copied cheaply: ``KeepTogether`` and ``keepWithNext`` groups measure themselves on a
    deep copy of the current frame, and a frame is mostly numbers, which a copy can share."""

    def __deepcopy__(self, memo: dict[int, Any]) -> TextFrame:
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        clone.__dict__.update(
            (key, value if isinstance(value, _ATOMS) else deepcopy(value, memo))
            for key, value in self.__dict__.items()
        )
        return clone


def frame(frame_id: str, bottom: float, top_margin: float) -> Frame:
    return TextFrame(
        LEFT_MARGIN,
        bottom,
        FRAME_WIDTH,
        PAGE_HEIGHT - top_margin - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=frame_id,
    )


def _on_page(canvas: Canvas, doc: PaperDocTemplate) -> None:
    if doc.page_info.draft:
        draw_draft_mark(canvas)
    if doc.page_info.version_mark:
        draw_version_mark(canvas, doc.page_info.version_mark)


def draw_version_mark(canvas: Canvas, mark: str) -> None:
    """The Fassung's mark at the left of the page foot, level with "Seite X von Y", in the draft colour."""
    canvas.saveState()
    canvas.setFont(BOLD, FOOTER_SIZE)
    canvas.setFillColor(VERSION_COLOR)
    canvas.drawString(
        LEFT_MARGIN, BOTTOM_MARGIN - 11 * mm, fit(shown_text(mark, BOLD), BOLD, FOOTER_SIZE, 120 * mm)
    )
    canvas.restoreState()


def _on_first_page_end(canvas: Canvas, doc: PaperDocTemplate) -> None:
    foot = doc.page_info.first_page_foot
    if foot is not None:
        doc.page_info.foot_height()  # makes sure it is laid out
        foot.drawOn(canvas, LEFT_MARGIN, BOTTOM_MARGIN)


def _on_later_page_end(canvas: Canvas, doc: PaperDocTemplate) -> None:
    draw_slim_header(canvas, doc.page_info)


def page_templates(info: PageInfo, suffix: str = "") -> list[PageTemplate]:
    """The first-page and later-page templates for ``info`` (ids ``first``/``later`` + suffix).

    The first page's text frame ends above the foot (Mitzeichnungen grid) of that Vorlage.
    """
    foot = info.foot_height()
    first_bottom = BOTTOM_MARGIN + (foot + FOOT_GAP if foot else 0)
    return [
        PageTemplate(
            id=FIRST + suffix,
            frames=[frame("first-body", first_bottom, TOP_MARGIN_FIRST)],
            onPage=_on_page,
            onPageEnd=_on_first_page_end,
            autoNextPageTemplate=LATER + suffix,
        ),
        PageTemplate(
            id=LATER + suffix,
            frames=[frame("later-body", BOTTOM_MARGIN, TOP_MARGIN_LATER)],
            onPage=_on_page,
            onPageEnd=_on_later_page_end,
        ),
    ]
