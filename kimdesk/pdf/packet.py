"""The session packet (Sitzungsmappe): invitation and agenda, then every Vorlage with its Anlagen, as one PDF;
and the Protokollauszug of one agenda item.

One ReportLab build lays out everything, reserving a placeholder page for every page of every PDF
Anlage, so that "Seite X von Y", the TOP label and the bookmarks are right across the whole packet;
pypdf then lays each Anlage page under its placeholder (scaled to A4 if needed). Without Anlagen the
ReportLab output is the packet as it is.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Office, Paper
from kimdesk.pdf.fonts import BOLD, REGULAR
from kimdesk.pdf.formats import BERLIN, format_date
from kimdesk.pdf.renderer import PaperPdfRenderer, make_table, para
from kimdesk.pdf.styles import (
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    GRID_COLOR,
    LEFT_MARGIN,
    LIGHT_FILL,
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
    PaperInfoMarker,
    fit,
    page_templates,
)
from kimdesk.pdf.text import normalise, shown_text
from kimdesk.services.meetings import Cancelled, Packet, PacketEntry, Progress

INVITATION = "invitation"
SLOT = "attachment"
AGENDA_KEY = "agenda"
#: Room kept free above and below an Anlage page for the packet's header and page number.
SLOT_MARGIN = 16 * mm


class PacketError(KimdeskError):
    """An Anlage that cannot be read as PDF."""


def top_label(item: AgendaItem) -> str:
    suffix = "" if item.public else " (nichtöffentlich)"
    return f"{item.label}{suffix}"


def outline_title(entry: PacketEntry) -> str:
    text = f"{entry.item.label} – {entry.item.title}"
    if entry.paper is not None:
        text += f" ({entry.paper.reference})"
    return normalise(text).replace("\n", " ")


# -- flowables that act on the canvas when they are placed ------------------------------------------


class _Action(Flowable):
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
class _Slot:
    attachment: Attachment
    page_index: int
    label: str
    #: The packet's page (1-based) the placeholder landed on.
    page_number: int = 0


@dataclass
class _State:
    """What the page callbacks need to know about the page being drawn."""

    meeting_title: str
    #: Right side of the header of the first (invitation) template's pages.
    header_label: str = "Einladung"
    slot: _Slot | None = None
    slots: list[_Slot] = field(default_factory=list)


def _draw_header(canvas: Canvas, left: str, right: str | None) -> None:
    top = PAGE_HEIGHT - 15 * mm
    edge = PAGE_WIDTH - RIGHT_MARGIN
    canvas.saveState()
    width = 0.0
    if right:
        right = shown_text(right, BOLD)
        canvas.setFont(BOLD, HEADER_SIZE)
        canvas.drawRightString(edge, top, right)
        width = canvas.stringWidth(right, BOLD, HEADER_SIZE) + 6 * mm
    canvas.setFont(REGULAR, HEADER_SIZE)
    canvas.drawString(LEFT_MARGIN, top, fit(shown_text(left), REGULAR, HEADER_SIZE, FRAME_WIDTH - width))
    canvas.setStrokeColor(GRID_COLOR)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, top - 2.5 * mm, edge, top - 2.5 * mm)
    canvas.restoreState()


class PacketDocTemplate(PaperDocTemplate):
    """The packet document: invitation template, one template pair per Vorlage, Anlage placeholders."""

    def __init__(self, filename: Any, state: _State, **kwargs: Any) -> None:
        super().__init__(filename, PageInfo(reference="", title=state.meeting_title), **kwargs)
        self.state = state
        self.pageTemplates: list[PageTemplate] = []
        self.addPageTemplates(
            [
                PageTemplate(id=INVITATION, frames=[self._full_frame()], onPageEnd=self._invitation_header),
                PageTemplate(id=SLOT, frames=[self._full_frame()], onPageEnd=self._slot_header),
            ]
        )
        self._index = 0

    def _full_frame(self) -> Any:
        from reportlab.platypus import Frame

        return Frame(
            LEFT_MARGIN,
            BOTTOM_MARGIN,
            FRAME_WIDTH,
            PAGE_HEIGHT - TOP_MARGIN_FIRST - BOTTOM_MARGIN,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def _invitation_header(self, canvas: Canvas, doc: Any) -> None:
        _draw_header(canvas, self.state.meeting_title, self.state.header_label)

    def _slot_header(self, canvas: Canvas, doc: Any) -> None:
        slot = self.state.slot
        if slot is not None:
            _draw_header(canvas, slot.label, None)

    def add_paper_templates(self, info: PageInfo) -> str:
        """Templates for one Vorlage; the first page also carries the TOP label at its top right."""
        self._index += 1
        suffix = f"-{self._index}"
        templates = page_templates(info, suffix)
        first = templates[0]
        original = first.onPageEnd

        def first_page_end(canvas: Canvas, doc: Any) -> None:
            original(canvas, doc)
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


class PacketPdfRenderer:
    """Implements :class:`kimdesk.services.meetings.PacketRenderer`."""

    def __init__(self, paper_renderer: PaperPdfRenderer | None = None) -> None:
        self.papers = paper_renderer or PaperPdfRenderer()
        self.st = self.papers.st

    # -- the packet ----------------------------------------------------------------------------

    def render_packet(self, packet: Packet, progress: Progress | None = None) -> bytes:
        meeting = packet.meeting
        title = f"{meeting.committee.name} – Sitzung am {format_date(meeting.date)}"
        if packet.public:
            title += " – öffentlicher Teil"
        state = _State(meeting_title=title)
        counts = [self._page_counts(entry) for entry in packet.entries]
        total = sum(1 for e in packet.entries if e.paper is not None) + 1
        done = 0

        def tick(_: Canvas) -> None:
            nonlocal done
            done += 1
            if progress is not None and not progress(done, total):
                raise Cancelled("Sitzungsmappe: abgebrochen.")

        out = io.BytesIO()
        doc = PacketDocTemplate(
            out,
            state,
            title=normalise(f"Sitzungsmappe {title}"),
            author=normalise(packet.office.municipality),
            subject="Sitzungsmappe" + (" (öffentlich)" if packet.public else ""),
            keywords=["Sitzungsmappe", meeting.short_id],
        )
        story: list[Flowable] = [NextPageTemplate(INVITATION)]
        story += self.invitation(packet)
        pending_outline: list[tuple[str, str, int]] = []
        for entry, pages in zip(packet.entries, counts, strict=True):
            level = min(entry.item.level, 1)
            if entry.paper is None:
                pending_outline.append((outline_title(entry), _key(entry.item), level))
                continue
            story.append(_Action(_outline_entries(pending_outline)))
            pending_outline = []
            story += self.entry_story(doc, state, packet.office, entry, pages, level)
            story.append(_Action(tick))
        story.append(_Action(_outline_entries(pending_outline)))
        if progress is not None and not progress(0, total):
            raise Cancelled("Sitzungsmappe: abgebrochen.")
        doc.build(story, canvasmaker=PacketCanvas)
        data = out.getvalue()
        if state.slots:
            data = self._merge_attachments(data, state.slots)
        if progress is not None:
            progress(total, total)
        return data

    def _page_counts(self, entry: PacketEntry) -> list[int]:
        counts = []
        for attachment in entry.attachments:
            try:
                counts.append(len(PdfReader(io.BytesIO(attachment.data)).pages))
            except (PdfReadError, ValueError, KeyError) as exc:
                raise PacketError(
                    f"Anlage: „{attachment.filename}“ der Vorlage "
                    f"{entry.paper.reference if entry.paper else ''} ist keine lesbare PDF-Datei."
                ) from exc
        return counts

    def entry_story(
        self,
        doc: PacketDocTemplate,
        state: _State,
        office: Office,
        entry: PacketEntry,
        pages: Sequence[int],
        level: int,
    ) -> list[Flowable]:
        paper = entry.paper
        assert paper is not None
        label = top_label(entry.item)
        info = self.papers.page_info(paper, office, top_label=label)
        first = doc.add_paper_templates(info)
        key = _key(entry.item)

        def bookmark(canvas: Canvas) -> None:
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(outline_title(entry), key, level=level, closed=True)
            state.slot = None

        story: list[Flowable] = [
            PaperInfoMarker(info),
            NextPageTemplate(first),
            PageBreak(),
            _Action(bookmark),
        ]
        story += self.papers.paper_story(paper, office, info=info)
        for number, (attachment, count) in enumerate(zip(entry.attachments, pages, strict=True), start=1):
            head = f"{label} – Vorlage Nr. {paper.reference} – Anlage {number}: {attachment.filename}"
            for page_index in range(count):
                slot = _Slot(attachment, page_index, head)
                story += [
                    NextPageTemplate(SLOT),
                    PageBreak(),
                    _Action(_slot_action(state, slot, number, level)),
                ]
        return story

    def invitation(self, packet: Packet) -> list[Flowable]:
        st = self.st
        meeting = packet.meeting
        start = meeting.start.astimezone(BERLIN)
        when = f"{format_date(meeting.date)}, {start:%H:%M} Uhr"
        if meeting.end is not None:
            when += f" bis {meeting.end.astimezone(BERLIN):%H:%M} Uhr"
        plain = [_key(e.item) for e in packet.entries if e.paper is None]
        story: list[Flowable] = [
            _Action(_bookmark_agenda(plain)),
            para(packet.office.municipality, st.value_bold),
            para(meeting.committee.name, st.body),
            Spacer(1, 8 * mm),
            para("Einladung", st.heading1),
            para(
                f"zur {meeting.title} am {when}"
                + (f", {meeting.location}" if meeting.location.strip() else "")
                + ".",
                st.body,
            ),
        ]
        if packet.public:
            story.append(
                para(
                    "Öffentliche Fassung: Die Beratungsunterlagen des nichtöffentlichen Teils sind "
                    "nicht enthalten.",
                    st.small_italic,
                )
            )
        story.append(Spacer(1, 4 * mm))
        items = list(packet.agenda) if packet.agenda else [e.item for e in packet.entries]
        papers = {e.item.id: e.paper for e in packet.entries}
        for public, heading in (
            (True, "Tagesordnung – öffentlicher Teil"),
            (False, "nichtöffentlicher Teil"),
        ):
            part = [i for i in items if i.public is public]
            if not part:
                continue
            story.append(para(heading, st.section))
            rows: list[list[object]] = [
                [para("TOP", st.small_bold), para("Betreff", st.small_bold), para("Vorlage", st.small_bold)]
            ]
            for item in part:
                paper = papers.get(item.id)
                indent = "&nbsp;" * 4 if item.level else ""
                rows.append(
                    [
                        para(item.number, st.cell),
                        para(item.title, st.cell, prefix=indent),
                        para(paper.reference if paper else "", st.cell),
                    ]
                )
            story.append(
                make_table(
                    rows,
                    [16 * mm, FRAME_WIDTH - 46 * mm, 30 * mm],
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID_COLOR),
                        ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ],
                    repeat_rows=1,
                )
            )
        story.append(Spacer(1, 10 * mm))
        story.append(
            KeepTogether(
                [
                    para("Mit freundlichen Grüßen", st.body),
                    Spacer(1, 10 * mm),
                    para(f"Vorsitz des {meeting.committee.genitive}", st.body),
                ]
            )
        )
        return story

    def _merge_attachments(self, data: bytes, slots: list[_Slot]) -> bytes:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter(clone_from=reader)
        sources: dict[int, PdfReader] = {}
        for slot in slots:
            source = sources.get(id(slot.attachment))
            if source is None:
                source = PdfReader(io.BytesIO(slot.attachment.data))
                sources[id(slot.attachment)] = source
            page = source.pages[slot.page_index]
            target = writer.pages[slot.page_number - 1]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            if page.rotation in (90, 270):
                width, height = height, width
                page.transfer_rotation_to_content()
            area_w, area_h = PAGE_WIDTH, PAGE_HEIGHT - 2 * SLOT_MARGIN
            scale = min(area_w / width, area_h / height, 1.0)
            dx = (PAGE_WIDTH - width * scale) / 2 - float(page.mediabox.left) * scale
            dy = SLOT_MARGIN + (area_h - height * scale) / 2 - float(page.mediabox.bottom) * scale
            target.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy), over=False)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    # -- Protokollauszug -----------------------------------------------------------------------

    def render_minutes_extract(
        self, meeting: Meeting, item: AgendaItem, paper: Paper | None, office: Office
    ) -> bytes:
        """One page per required copy ("Zahl der erforderlichen Protokollauszüge"), at least one."""
        st = self.st
        copies = max(1, paper.minutes_extracts or 1) if paper is not None else 1
        part = "öffentlicher Teil" if item.public else "nichtöffentlicher Teil"
        title = f"{meeting.committee.name} – Sitzung am {format_date(meeting.date)} – {item.label}"
        out = io.BytesIO()
        state = _State(meeting_title=title, header_label="Protokollauszug")
        doc = PacketDocTemplate(
            out,
            state,
            title=normalise(title),
            author=normalise(office.municipality),
            subject="Protokollauszug",
            keywords=["Protokollauszug", meeting.short_id, item.label],
        )
        story: list[Flowable] = [NextPageTemplate(INVITATION)]
        for copy in range(1, copies + 1):
            if copy > 1:
                story.append(PageBreak())
            story += [
                para(office.municipality, st.value_bold),
                Spacer(1, 6 * mm),
                para("Protokollauszug", st.heading1),
                para(
                    f"aus der Niederschrift über die {meeting.title} am {format_date(meeting.date)} ({part})",
                    st.body,
                ),
                Spacer(1, 4 * mm),
                para(f"{item.label}: {item.title}", st.value_bold),
            ]
            if paper is not None:
                story.append(para(f"Vorlage Nr. {paper.reference} ({paper.paper_type.label})", st.body))
            story += [
                para("Ergebnis:", st.label),
                para(item.result.label if item.result else "", st.body),
            ]
            text = item.resolution_text or (paper.draft_resolution if paper is not None else "")
            if text:
                story += [para("Beschluss:", st.label), para(text, st.body)]
            story += [
                Spacer(1, 12 * mm),
                para("Für die Richtigkeit des Auszugs:", st.body),
                Spacer(1, 10 * mm),
                para("______________________________ (Schriftführung)", st.body),
            ]
            if copies > 1:
                story += [Spacer(1, 6 * mm), para(f"Ausfertigung {copy} von {copies}", st.small)]
        doc.build(story, canvasmaker=PacketCanvas)
        return out.getvalue()


def _key(item: AgendaItem) -> str:
    return f"top-{item.id}"


def _bookmark_agenda(plain_keys: list[str]) -> Callable[[Canvas], None]:
    """The agenda page is the destination of its own bookmark and of every TOP without a Vorlage."""

    def mark(canvas: Canvas) -> None:
        for key in (AGENDA_KEY, *plain_keys):
            canvas.bookmarkPage(key)
        canvas.addOutlineEntry("Einladung und Tagesordnung", AGENDA_KEY, level=0)
        canvas.showOutline()

    return mark


def _outline_entries(entries: list[tuple[str, str, int]]) -> Callable[[Canvas], None]:
    """Outline entries of TOPs without a Vorlage (Mitteilungen, Anfragen), in agenda order."""
    chosen = list(entries)

    def add(canvas: Canvas) -> None:
        for title, key, level in chosen:
            canvas.addOutlineEntry(title, key, level=level)

    return add


class PacketCanvas(NumberedCanvas):
    """NumberedCanvas that binds bookmarks to the right page.

    NumberedCanvas holds every page back until the end, and a bookmark made meanwhile would point
    at the document's first page; so bookmarks are recorded per page and made when it is written.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_bookmarks: list[str] = []

    def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:
        self._page_bookmarks.append(key)

    def showPage(self) -> None:
        super().showPage()
        # The saved page state keeps the old list; the next page starts a new one.
        self._page_bookmarks = []

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            for key in self._page_bookmarks:
                Canvas.bookmarkPage(self, key)
            self.draw_page_number(total)
            Canvas.showPage(self)
        Canvas.save(self)


def _slot_action(state: _State, slot: _Slot, number: int, level: int) -> Callable[[Canvas], None]:
    def place(canvas: Canvas) -> None:
        slot.page_number = canvas.getPageNumber()
        state.slot = slot
        state.slots.append(slot)
        if slot.page_index == 0:
            key = f"slot-{id(slot)}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(f"Anlage {number}: {slot.attachment.filename}", key, level=level + 1)

    return place
