"""The Anlagen of the session packet: their pages laid under the placeholders the packet reserved.

Each Anlage is read again when the packet is built (pypdf, lenient: whatever it can read and merge is
used, as for Anlagen stored before ``kimdesk attach`` checked them). An Anlage that cannot be read gets
one placeholder page; a page that cannot be merged keeps its placeholder. Such a placeholder carries a
notice "Anlage … konnte nicht eingefügt werden" and the caller's ``warn`` hears a German message naming
the TOP and the Vorlage — or, without ``warn``, the packet fails with that message (never silently).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError
from kimdesk.pdf.cells import para
from kimdesk.pdf.styles import BOTTOM_MARGIN, FRAME_WIDTH, LEFT_MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Styles
from kimdesk.services.attachments import UnreadablePdf, pdf_page_count, quiet_pypdf

#: Room kept free above and below an Anlage page for the packet's header and page number.
SLOT_MARGIN = 16 * mm
NOT_MERGED = "Die Datei lässt sich nicht in die Sitzungsmappe übernehmen."


class PacketError(KimdeskError):
    """An Anlage that cannot be put into the packet, when the caller gave no ``warn``."""


Report = Callable[[str], None]


@dataclass
class Slot:
    """One page reserved for an Anlage page (or for the notice that replaces an unreadable Anlage)."""

    attachment: Attachment
    page_index: int
    #: Header of the page: TOP, Vorlage, Anlage number and file name.
    label: str
    number: int
    #: "TOP 4 (Vorlage 20/0270)", for messages.
    where: str
    #: Why the Anlage cannot be inserted; empty while it can.
    problem: str = ""
    #: The packet's page (1-based) the placeholder landed on.
    page_number: int = 0


def reporter(warn: Report | None) -> Report:
    def fail(message: str) -> None:
        raise PacketError(message)

    return warn or fail


def message(slot: Slot) -> str:
    return (
        f"Sitzungsmappe: {slot.where}, Anlage {slot.number} „{slot.attachment.filename}“ konnte nicht "
        f"eingefügt werden. {slot.problem} Die Mappe enthält an ihrer Stelle eine Hinweisseite; bitte die "
        "Anlage prüfen und neu anfügen."
    )


def attachment_slots(
    attachments: list[Attachment] | tuple[Attachment, ...], top: str, reference: str, report: Report
) -> list[Slot]:
    """The reserved pages of a Vorlage's Anlagen in order; an unreadable Anlage gets one, reported."""
    slots: list[Slot] = []
    for number, attachment in enumerate(attachments, start=1):
        head = f"{top} – Vorlage Nr. {reference} – Anlage {number}: {attachment.filename}"
        where = f"{top} (Vorlage {reference})"
        try:
            count, problem = pdf_page_count(attachment.data, strict=False), ""
        except UnreadablePdf as exc:
            count, problem = 1, f"Die Datei {exc.reason}"
        pages = [Slot(attachment, index, head, number, where, problem) for index in range(count)]
        if problem:
            report(message(pages[0]))
        slots += pages
    return slots


def merge_attachments(data: bytes, slots: list[Slot], st: Styles, report: Report) -> bytes:
    """Lay each Anlage page under its placeholder (scaled to fit between header and page number)."""
    with quiet_pypdf():
        return _merge(data, slots, st, report)


def _merge(data: bytes, slots: list[Slot], st: Styles, report: Report) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    sources: dict[int, PdfReader] = {}
    reported: set[int] = set()
    for slot in slots:
        target = writer.pages[slot.page_number - 1]
        if not slot.problem:
            try:
                source = sources.get(id(slot.attachment))
                if source is None:
                    source = sources[id(slot.attachment)] = PdfReader(io.BytesIO(slot.attachment.data))
                _lay_under(target, source.pages[slot.page_index])
                continue
            except Exception:  # any pypdf failure on this page: the notice takes its place
                slot.problem = NOT_MERGED
                if id(slot.attachment) not in reported:
                    report(message(slot))
        reported.add(id(slot.attachment))
        target.merge_page(_notice_page(slot, st))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _lay_under(target: PageObject, page: PageObject) -> None:
    """Merge ``page`` below ``target``'s content; on failure ``target`` keeps its content and links."""
    saved = {key: target.get(key) for key in ("/Annots", "/Contents")}
    try:
        _merge_scaled(target, page)
    except Exception:
        for key, value in saved.items():
            if value is None:
                target.pop(key, None)
            else:
                target[NameObject(key)] = value
        raise


def _merge_scaled(target: PageObject, page: PageObject) -> None:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if page.rotation in (90, 270):
        width, height = height, width
        page.transfer_rotation_to_content()
    area_w, area_h = PAGE_WIDTH, PAGE_HEIGHT - 2 * SLOT_MARGIN
    scale = min(area_w / width, area_h / height, 1.0)
    dx = (PAGE_WIDTH - width * scale) / 2 - float(page.mediabox.left) * scale
    dy = SLOT_MARGIN + (area_h - height * scale) / 2 - float(page.mediabox.bottom) * scale
    target.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy), over=False)


def _notice_page(slot: Slot, st: Styles) -> PageObject:
    """A page that says, where the Anlage should be, that it is missing and why."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    top = PAGE_HEIGHT - 2 * SLOT_MARGIN
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, top - BOTTOM_MARGIN, showBoundary=0)
    frame.addFromList(
        [
            para(f"Anlage {slot.number} konnte nicht eingefügt werden", st.heading1),
            para(
                f"Die Anlage „{slot.attachment.filename}“ zu {slot.where} fehlt in dieser Sitzungsmappe. "
                f"{slot.problem}",
                st.body,
            ),
        ],
        canvas,
    )
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(out.getvalue())).pages[0]
