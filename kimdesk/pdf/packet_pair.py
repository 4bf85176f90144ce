"""Both Sitzungsmappen of a meeting (members' and public) as one job: the public one reuses what the
members' one laid out.

A Vorlage the public packet shows with the same text and Anlagen as the full one (its Mitzeichnungen
may differ: no Prüfsumme, names only if the office chose so) is laid out once. The public layout
reserves as many pages for it as it took in the full layout, with the same bookmark and page label;
those pages then get the full layout's page content except two forms the public page draws itself:
its „Seite X von Y“ and the first page's foot, the Mitzeichnungen as the public packet shows them
(never taller than the full ones, which sit at the same place). Only the pages' content and resources
are copied: no other page, bookmark or name of the full file comes along, and the file is written
anew, so nothing unused stays in it. Laid out anew: the invitation and agenda, and a Vorlage whose
Mitzeichnungen flow with the text (too tall for the foot), whose Anlagen differ or whose text differs.
The Anlagen are copied out of storage once for both (``load_packets``); their pages are merged into
each file from those copies by qpdf, which streams them (copying them out of the full file through
pikepdf would read them into memory).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pikepdf
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from kimdesk.pdf.attachments import Slot
from kimdesk.pdf.packet import PacketPdfRenderer, _key, _label, _slot_action, outline_title, top_label
from kimdesk.pdf.packet_layout import FOOT_FORM, SLOT, Action, PacketDocTemplate, PacketState
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.templates import PaperInfoMarker
from kimdesk.services.packets import Packet, PacketEntry, Progress, Warn

#: The forms a reserved page draws itself: its page number and its Vorlage's foot (Mitzeichnungen).
OWN = ("kimdeskPageNumber", FOOT_FORM)


def write_packets(
    renderer: PacketPdfRenderer,
    full: Packet,
    public: Packet,
    targets: tuple[Path, Path],
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> tuple[int, int]:
    """The full packet to ``targets[0]``, then the public one to ``targets[1]`` reusing its pages."""
    heard: set[str] = set()

    def once(message: str) -> None:  # an Anlage that cannot be merged is reported once, not per file
        if warn is not None and message not in heard:
            heard.add(message)
            warn(message)

    report = once if warn is not None else None
    papers = max(1, sum(1 for e in full.entries if e.paper is not None))
    share = sum(1 for e in public.entries if e.paper is not None) / papers

    def full_progress(done: int, total: int) -> bool:
        return progress is None or progress(done, total + int(total * share))

    with tempfile.TemporaryDirectory(prefix="kimdesk-beide-") as work:
        reuse = PacketReuse(renderer.papers, full, public, Path(work))
        full_pages = renderer.write_packet(full, targets[0], full_progress, report, reuse)

        def public_progress(done: int, total: int) -> bool:
            return progress is None or progress(full_pages + done, full_pages + total)

        reuse.recording = False
        public_pages = renderer.write_packet(public, targets[1], public_progress, report, reuse)
    return full_pages, public_pages


def alike(shown: PacketEntry, full: PacketEntry | None) -> bool:
    """Does the public packet show this Vorlage and its Anlagen as the full one does, its Mitzeichnungen
    aside? (Where those are shown is settled while the full packet is laid out.)"""
    if full is None or shown.paper is None or full.paper is None:
        return False
    if list(shown.listed) != list(full.listed) or [a.attachment.id for a in shown.attachments] != [
        a.attachment.id for a in full.attachments
    ]:
        return False
    return replace(shown.paper, sign_offs=full.paper.sign_offs) == full.paper


class PacketReuse:
    """The hooks of :meth:`PacketPdfRenderer.write_packet` for both packets: while ``recording`` (the
    full packet) it notes where each Vorlage shown alike starts and keeps the laid-out file; then (the
    public packet) it reserves pages for those Vorlagen and fills them from the kept file."""

    def __init__(self, renderer: PaperPdfRenderer, full: Packet, public: Packet, folder: Path) -> None:
        self.renderer = renderer
        self.office = public.office
        by_item = {e.item.id: e for e in full.entries if e.paper is not None}
        self.same = {e.item.id for e in public.entries if alike(e, by_item.get(e.item.id))}
        #: Of these, the Vorlagen shown exactly alike, Mitzeichnungen included.
        self.equal = {
            e.item.id
            for e in public.entries
            if e.item.id in self.same and e.paper == by_item[e.item.id].paper
        }
        #: The height of the Mitzeichnungen at the first page's foot in the full layout (if there).
        self.feet: dict[uuid.UUID, float] = {}
        self.kept = folder / "mitglieder-satz.pdf"
        self.recording = True
        #: First page of every Vorlage in the full layout, in order.
        self.starts: dict[uuid.UUID, int] = {}
        #: Of each Vorlage shown alike: its own pages (first, count) and its Anlage pages, full layout.
        self.spans: dict[uuid.UUID, tuple[int, int]] = {}
        self.slots: dict[uuid.UUID, list[Slot]] = {}
        #: (public page, full page) of each reserved page.
        self.placed: list[tuple[int, int]] = []

    def entry_story(
        self,
        doc: PacketDocTemplate,
        state: PacketState,
        entry: PacketEntry,
        level: int,
        own: Callable[[], list[Flowable]],
    ) -> list[Flowable]:
        item = entry.item.id
        if self.recording:
            laid = own()
            info = laid[0].info if laid and isinstance(laid[0], PaperInfoMarker) else None
            if info is not None and info.first_page_foot is not None:
                self.feet[item] = info.foot_height()
            # Lands on the page before the Vorlage's page break: its first page is the next one.
            return [Action(lambda canvas: self.starts.__setitem__(item, canvas.getPageNumber() + 1)), *laid]
        if item not in self.spans:
            return own()
        assert entry.paper is not None
        mine = self.renderer.page_info(entry.paper, self.office)
        if (mine.first_page_foot is None) != (item not in self.feet) or (
            mine.first_page_foot is not None and mine.foot_height() > self.feet[item]
        ):
            return own()  # the public Mitzeichnungen would not fit where the full ones are: laid out anew
        first, count = self.spans[item]
        label = top_label(entry.item)
        story: list[Flowable] = [
            NextPageTemplate(doc.reused_first_template(mine.first_page_foot)),
            PageBreak(),
            Action(self._place(first)),
            Action(_bookmark(entry, level, state)),
            Action(_label(label.replace(" (nichtöffentlich)", ""))),
        ]
        for page in range(first + 1, first + count):
            story += [PageBreak(), Action(self._place(page))]
        for slot in self.slots[item]:
            fresh = replace(slot, page_number=0)  # its pages and any problem as the full packet found them
            story += [NextPageTemplate(SLOT), PageBreak(), Action(_slot_action(state, fresh, level))]
        return story

    def _place(self, full_page: int) -> Callable[[Canvas], None]:
        def note(canvas: Canvas) -> None:
            self.placed.append((canvas.getPageNumber(), full_page))

        return note

    def laid_out(self, rendered: Path, state: PacketState) -> None:
        """After ReportLab: keep the full layout, or fill the public layout's reserved pages."""
        if self.recording:
            self._record(rendered, state)
        elif self.placed:
            _transplant(self.kept, rendered, self.placed)

    def _record(self, rendered: Path, state: PacketState) -> None:
        shutil.copyfile(rendered, self.kept)
        with pikepdf.open(self.kept) as pdf:
            total = len(pdf.pages)
        starts = sorted(self.starts.values())
        for item in self.same:
            if item not in self.starts or (item not in self.feet and item not in self.equal):
                continue  # Mitzeichnungen differing in the text flow: laid out anew
            first = self.starts[item]
            following = [s for s in starts if s > first]
            end = following[0] if following else total + 1
            slots = [s for s in state.slots if first <= s.page_number < end]
            own_end = min((s.page_number for s in slots), default=end)
            self.spans[item] = (first, own_end - first)
            self.slots[item] = slots


def _bookmark(entry: PacketEntry, level: int, state: PacketState) -> Callable[[Canvas], None]:
    """The TOP's bookmark as :meth:`PacketPdfRenderer.entry_story` sets it."""
    key = _key(entry.item)

    def mark(canvas: Canvas) -> None:
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(outline_title(entry), key, level=level, closed=True)
        state.slot = None

    return mark


def _transplant(source: Path, rendered: Path, placed: list[tuple[int, int]]) -> None:
    """Give each reserved page of ``rendered`` the content of its page in ``source``, keeping its own
    page-number form; ``rendered`` is written anew (small: no Anlage is in it yet)."""
    done = rendered.with_name(rendered.name + ".neu")
    with pikepdf.open(source) as full, pikepdf.open(rendered) as pdf:
        for public_page, full_page in placed:
            target = pdf.pages[public_page - 1].obj
            origin = full.pages[full_page - 1].obj
            own = {kind: v for k, v in target.Resources.XObject.items() for kind in OWN if kind in k}
            resources = pikepdf.Dictionary()
            for key, value in origin.Resources.items():
                if key == "/XObject":
                    forms = pikepdf.Dictionary()
                    for name, form in value.items():
                        kind = next((kind for kind in OWN if kind in name), None)
                        # never the full packet's page number or Mitzeichnungen: this page's own
                        forms[name] = _copied(pdf, form) if kind is None else own[kind]
                    resources[key] = forms
                else:
                    resources[key] = _copied(pdf, value)
            target.Resources = resources
            target.Contents = _copied(pdf, origin.Contents)
        pdf.save(done)
    os.replace(done, rendered)


def _copied(pdf: pikepdf.Pdf, value: object) -> object:
    """``value`` of another file as an object of ``pdf`` (indirect objects copied with what they use)."""
    if not isinstance(value, pikepdf.Object):
        return value
    if value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copied(pdf, v) for k, v in value.items()})
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, v) for v in value])
    return value
