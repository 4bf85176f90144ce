"""Page layout shared by the session packet and the Protokollauszug: templates, headers, bookmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageTemplate

from kimdesk.pdf.attachments import Slot
from kimdesk.pdf.fonts import BOLD
from kimdesk.pdf.styles import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN_FIRST,
)
from kimdesk.pdf.templates import (
    HEADER_SIZE,
    NumberedCanvas,
    PageInfo,
    PaperDocTemplate,
    draw_header_line,
    frame,
    page_templates,
)
from kimdesk.pdf.text import shown_text

INVITATION = "invitation"
SLOT = "attachment"
#: A page reserved for a page of the full packet (both packets as one job): only the page number.
REUSED = "reused"
FOOT_FORM = "kimdeskFoot"


# -- flowables that act on the canvas when they are placed ------------------------------------------


class Action(Flowable):
    """Invisible; calls ``action(canvas)`` on the page where it lands."""

    def __init__(self, action: Callable[[Canvas], None], height: float = 0) -> None:
        super().__init__()
        self.action = action
        self.height = height
        self.width = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, self.height

    def draw(self) -> None:
        self.action(self.canv)


@dataclass
class PacketState:
    """What the page callbacks need to know about the page being drawn."""

    meeting_title: str
    #: Right side of the header of the first (invitation) template's pages.
    header_label: str = "Einladung"
    slot: Slot | None = None
    slots: list[Slot] = field(default_factory=list)
    #: Placeholder pages put into the story (known before the layout: the progress's estimate).
    reserved: int = 0


class PacketDocTemplate(PaperDocTemplate):
    """The packet document: invitation template, one template pair per Vorlage, Anlage placeholders."""

    def __init__(self, filename: Any, state: PacketState, **kwargs: Any) -> None:
        super().__init__(filename, PageInfo(reference="", title=state.meeting_title), **kwargs)
        self.state = state
        self.pageTemplates: list[PageTemplate] = []
        self.addPageTemplates(
            [
                PageTemplate(id=INVITATION, frames=[self._full_frame()], onPageEnd=self._invitation_header),
                PageTemplate(id=SLOT, frames=[self._full_frame()], onPageEnd=self._slot_header),
                PageTemplate(id=REUSED, frames=[self._full_frame()]),
            ]
        )
        self._index = 0

    def _full_frame(self) -> Any:
        return frame("full", BOTTOM_MARGIN, TOP_MARGIN_FIRST)

    def _invitation_header(self, canvas: Canvas, doc: Any) -> None:
        draw_header_line(canvas, self.state.meeting_title, self.state.header_label)

    def _slot_header(self, canvas: Canvas, doc: Any) -> None:
        slot = self.state.slot
        if slot is not None:
            draw_header_line(canvas, slot.label, None)

    def add_paper_templates(self, info: PageInfo) -> str:
        """Templates for one Vorlage; the first page also carries the TOP label at its top right."""
        self._index += 1
        suffix = f"-{self._index}"
        templates = page_templates(info, suffix)
        first = templates[0]
        original = first.onPageEnd

        def first_page_end(canvas: Canvas, doc: Any) -> None:
            if info.first_page_foot is None:
                original(canvas, doc)
            else:  # a form of its own, so that the public packet can put its own foot there
                in_form(canvas, foot_form(canvas.getPageNumber()), lambda: original(canvas, doc))
            if info.top_label:
                canvas.saveState()
                canvas.setFont(BOLD, HEADER_SIZE + 1.5)
                canvas.drawRightString(
                    PAGE_WIDTH - RIGHT_MARGIN, PAGE_HEIGHT - 15 * mm, shown_text(info.top_label, BOLD)
                )
                canvas.restoreState()

        first.onPageEnd = first_page_end
        self.addPageTemplates(templates)
        return first.id

    def reused_first_template(self, foot: Flowable | None) -> str:
        """The template of the first page reserved for a Vorlage taken from the full packet: nothing on
        it but the page number and, as a form, ``foot`` (the Mitzeichnungen as this packet shows them)."""
        self._index += 1
        name = f"{REUSED}-{self._index}"

        def draw_foot(canvas: Canvas, doc: Any) -> None:
            if foot is not None:
                page = canvas.getPageNumber()
                in_form(canvas, foot_form(page), lambda: foot.drawOn(canvas, LEFT_MARGIN, BOTTOM_MARGIN))

        full = self._full_frame()
        self.addPageTemplates(
            [PageTemplate(id=name, frames=[full], onPageEnd=draw_foot, autoNextPageTemplate=REUSED)]
        )
        return name


def foot_form(page: int) -> str:
    """The name of the form that holds the foot (Mitzeichnungen grid) of a Vorlage's first page."""
    return f"{FOOT_FORM}{page}"


def in_form(canvas: Canvas, name: str, draw: Callable[[], None]) -> None:
    canvas.beginForm(name)
    draw()
    canvas.endForm()
    canvas.doForm(name)


class PacketCanvas(NumberedCanvas):
    """A NumberedCanvas that reports each finished page (the packet's progress in pages)."""

    def __init__(self, *args: Any, on_page: Callable[[], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_page = on_page

    def showPage(self) -> None:
        super().showPage()
        if self._on_page is not None:
            self._on_page()
