"""The session packet (Sitzungsmappe): invitation and agenda, then every Vorlage with its Anlagen, as one PDF;
and the Protokollauszug of one agenda item.

One ReportLab build lays out everything, reserving a placeholder page for every page of every PDF
Anlage, so that "Seite X von Y", the TOP label and the bookmarks are right across the whole packet;
qpdf then lays each Anlage page under its placeholder, in a child process (scaled to A4 if needed;
see ``kimdesk.pdf.attachments``, also for an Anlage that cannot be read). Without Anlagen the ReportLab
output is the packet as it is.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from kimdesk.domain.masterdata import Office
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import RichText
from kimdesk.pdf.attachments import Slot, attachment_slots, merge_attachments, reporter
from kimdesk.pdf.cells import CELL_INSET, make_table, para, text_cell
from kimdesk.pdf.collector import collector_paused
from kimdesk.pdf.formats import BERLIN, format_date
from kimdesk.pdf.packet_layout import (
    INVITATION,
    SLOT,
    Action,
    PacketDocTemplate,
    PacketState,
)
from kimdesk.pdf.packet_progress import PageMeter
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.richtext import decision_text, rich_text_flowables
from kimdesk.pdf.styles import (
    FRAME_WIDTH,
    GRID_COLOR,
    LIGHT_FILL,
)
from kimdesk.pdf.templates import NumberedCanvas, PaperInfoMarker
from kimdesk.pdf.text import normalise
from kimdesk.services.packets import Packet, PacketEntry, Progress, Warn

if TYPE_CHECKING:
    from kimdesk.pdf.packet_pair import PacketReuse

AGENDA_KEY = "agenda"


def top_label(item: AgendaItem) -> str:
    suffix = "" if item.public else " (nichtöffentlich)"
    return f"{item.label}{suffix}"


def outline_title(entry: PacketEntry) -> str:
    text = f"{entry.item.label} – {entry.item.title}"
    if entry.paper is not None:
        text += f" ({entry.paper.reference})"
    return normalise(text).replace("\n", " ")


class PacketPdfRenderer:
    """Implements :class:`kimdesk.services.packets.PacketRenderer`."""

    def __init__(self, paper_renderer: PaperPdfRenderer | None = None) -> None:
        self.papers = paper_renderer or PaperPdfRenderer()
        self.st = self.papers.st

    # -- the packet ----------------------------------------------------------------------------

    def write_packet(
        self,
        packet: Packet,
        target: Path,
        progress: Progress | None = None,
        warn: Warn | None = None,
        reuse: PacketReuse | None = None,
    ) -> int:
        """Lay out the Vorlagen with placeholders (ReportLab, to a temporary file), then merge the
        Anlagen from their files into ``target`` (pikepdf). Progress counts pages. ``reuse`` (both
        packets as one job, see ``kimdesk.pdf.packet_pair``) records or reuses laid-out Vorlagen."""
        report = reporter(warn)
        meeting = packet.meeting
        title = f"{meeting.committee.name} – Sitzung am {format_date(meeting.date)}"
        if packet.public:
            title += " – öffentlicher Teil"
        state = PacketState(meeting_title=title)
        meter = PageMeter(progress)
        with tempfile.TemporaryDirectory(prefix="kimdesk-satz-") as work, collector_paused():
            rendered = Path(work) / "vorlagen.pdf"
            doc = PacketDocTemplate(
                str(rendered),
                state,
                title=normalise(f"Sitzungsmappe {title}"),
                author=normalise(packet.office.municipality),
                subject="Sitzungsmappe" + (" (öffentlich)" if packet.public else ""),
                keywords=["Sitzungsmappe", meeting.short_id],
            )
            story: list[Flowable] = [NextPageTemplate(INVITATION), Action(_label("Einladung"))]
            story += self.invitation(packet)
            pending_outline: list[tuple[str, str, int]] = []
            for entry in packet.entries:
                level = min(entry.item.level, 1)
                if entry.paper is None:
                    pending_outline.append((outline_title(entry), _key(entry.item), level))
                    continue
                story.append(Action(_outline_entries(pending_outline)))
                pending_outline = []
                own = partial(self.entry_story, doc, state, packet.office, entry, level, report)
                story += reuse.entry_story(doc, state, entry, level, own) if reuse else own()
            story.append(Action(_outline_entries(pending_outline)))
            papers = sum(1 for e in packet.entries if e.paper is not None)
            meter.estimate = 1 + 2 * papers + state.reserved  # every page of every Anlage is reserved
            meter.share = 0.5 if state.reserved else 1.0  # about half the time goes to the Anlagen
            meter.tick(0)
            doc.build(story, canvasmaker=meter.canvasmaker)
            total = meter.pages
            meter.estimate = total
            if reuse is not None:
                reuse.laid_out(rendered, state)
            if state.slots:
                merge_attachments(rendered, target, state.slots, self.st, report, meter.writing(total))
            else:
                shutil.copyfile(rendered, target)
        meter.tick(total)
        return total

    def entry_story(
        self,
        doc: PacketDocTemplate,
        state: PacketState,
        office: Office,
        entry: PacketEntry,
        level: int,
        report: Callable[[str], None],
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
            Action(bookmark),
            Action(_label(label.replace(" (nichtöffentlich)", ""))),
        ]
        story += self.papers.paper_story(paper, office, info=info, attachments=entry.listed)
        for slot in attachment_slots(entry.attachments, label, paper.reference, report):
            story += [NextPageTemplate(SLOT), PageBreak(), Action(_slot_action(state, slot, level))]
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
            Action(_bookmark_agenda(plain)),
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
        if meeting.chair.strip():
            story.append(para(f"Vorsitz: {meeting.chair}", st.body))
        if meeting.invitation_text.strip():
            story.append(Spacer(1, 3 * mm))
            story += rich_text_flowables(RichText.from_plain(meeting.invitation_text), st)
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
            widths = [16 * mm, FRAME_WIDTH - 46 * mm, 30 * mm]
            inner = [w - 2 * CELL_INSET for w in widths]
            rows: list[list[object]] = [
                [
                    text_cell(name, st.small_bold, w)
                    for name, w in zip(("TOP", "Betreff", "Vorlage"), inner, strict=True)
                ]
            ]
            for item in part:
                paper = papers.get(item.id)
                indent = "&nbsp;" * 4 if item.level else ""
                reference = paper.reference if paper else ""
                if paper is not None and paper.unreleased:
                    reference += " (Entwurf)"
                rows.append(
                    [
                        text_cell(item.number, st.cell, inner[0]),
                        para(item.title, st.cell, prefix=indent)
                        if indent
                        else text_cell(item.title, st.cell, inner[1]),
                        text_cell(reference, st.cell, inner[2]),
                    ]
                )
            story.append(
                make_table(
                    rows,
                    widths,
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID_COLOR),
                        ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ],
                    repeat_rows=1,
                )
            )
        story.append(Spacer(1, 10 * mm))
        closing: list[Flowable] = [para("Mit freundlichen Grüßen", st.body), Spacer(1, 10 * mm)]
        if meeting.chair.strip():
            closing.append(para(meeting.chair, st.body))
        closing.append(para(f"Vorsitz des {meeting.committee.genitive}", st.body))
        story.append(KeepTogether(closing))
        return story

    # -- Protokollauszug -----------------------------------------------------------------------

    def write_packets(
        self,
        full: Packet,
        public: Packet,
        targets: tuple[Path, Path],
        progress: Progress | None = None,
        warn: Warn | None = None,
    ) -> tuple[int, int]:
        from kimdesk.pdf.packet_pair import write_packets

        return write_packets(self, full, public, targets, progress, warn)

    def render_minutes_extract(
        self, meeting: Meeting, item: AgendaItem, paper: Paper | None, office: Office
    ) -> bytes:
        """One page per required copy ("Zahl der erforderlichen Protokollauszüge"), at least one."""
        st = self.st
        copies = max(1, paper.minutes_extracts or 1) if paper is not None else 1
        part = "öffentlicher Teil" if item.public else "nichtöffentlicher Teil"
        title = f"{meeting.committee.name} – Sitzung am {format_date(meeting.date)} – {item.label}"
        out = io.BytesIO()
        state = PacketState(meeting_title=title, header_label="Protokollauszug")
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
                kind = f" ({paper.paper_type.label})" if paper.paper_type else ""  # not known: none printed
                story.append(para(f"Vorlage Nr. {paper.reference}{kind}", st.body))
            story += [
                para("Ergebnis:", st.label),
                para(item.result.label if item.result else "", st.body),
            ]
            if item.resolution_text:
                story += [para("Beschluss:", st.label), para(item.resolution_text, st.body)]
            elif paper is not None and not paper.draft_resolution.is_empty():
                # as proposed: the Beschlussentwurf with its numbered items and their hanging indent
                story += [
                    para("Beschluss:", st.label),
                    *rich_text_flowables(decision_text(paper.draft_resolution)),
                ]
            story += [
                Spacer(1, 12 * mm),
                para("Für die Richtigkeit des Auszugs:", st.body),
                Spacer(1, 10 * mm),
                para("______________________________ (Schriftführung)", st.body),
            ]
            if copies > 1:
                story += [Spacer(1, 6 * mm), para(f"Ausfertigung {copy} von {copies}", st.small)]
        doc.build(story, canvasmaker=NumberedCanvas)
        return out.getvalue()


def _label(text: str) -> Callable[[Canvas], None]:
    """The page labels of the part that starts on this page, numbered as printed: "TOP 4 · 17"."""

    def mark(canvas: Canvas) -> None:
        page = canvas.getPageNumber()
        canvas.addPageLabel(page - 1, PDFPageLabel.ARABIC, start=page, prefix=f"{text} · ")

    return mark


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


def _slot_action(state: PacketState, slot: Slot, level: int) -> Callable[[Canvas], None]:
    state.reserved += 1

    def place(canvas: Canvas) -> None:
        slot.page_number = canvas.getPageNumber()
        state.slot = slot
        state.slots.append(slot)
        if slot.page_index == 0:
            key = f"slot-{id(slot)}"
            canvas.bookmarkPage(key)
            title = f"Anlage {slot.number}: {slot.attachment.shown_title}"
            if slot.problem:
                title += " (nicht eingefügt)"
            canvas.addOutlineEntry(title, key, level=level + 1)

    return place
