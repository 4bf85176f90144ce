"""The Anlagen of the session packet: their pages laid under the placeholders the packet reserved.

Why qpdf (through pikepdf, pinned): it works from the files on disk. An Anlage page becomes a Form
XObject placed under its placeholder; its streams (the scanned images) are copied from the Anlage's file
while the packet is written, never held in memory, so a packet of gigabytes needs little more memory
than one without Anlagen. pypdf (used before) held every Anlage and the whole packet in memory, about
4× the packet. The placeholder's area is its TrimBox (the part between header and page number).

Each Anlage is opened again when the packet is built, without qpdf's repair of damaged files (what
cannot be read as it is gets a notice instead of guessed pages). An Anlage that cannot be read gets
one placeholder page; a page that cannot be placed keeps its placeholder. Such a placeholder carries
a notice "Anlage … konnte nicht eingefügt werden" and the caller's ``warn`` hears a German message
naming the TOP and the Vorlage — or, without ``warn``, the packet fails with that message.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError
from kimdesk.pdf.cells import para
from kimdesk.pdf.incremental import append_update
from kimdesk.pdf.qpdf_job import run_job
from kimdesk.pdf.styles import BOTTOM_MARGIN, FRAME_WIDTH, LEFT_MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Styles
from kimdesk.services.packets import AttachmentFile

#: Room kept free above and below an Anlage page for the packet's header and page number.
SLOT_MARGIN = 16 * mm
NOT_MERGED = "Die Datei lässt sich nicht in die Sitzungsmappe übernehmen."
DAMAGED = (
    "Die Datei ist beschädigt oder unvollständig (z. B. nicht ganz heruntergeladen oder kopiert) und kann "
    "nicht als PDF gelesen werden."
)


class PacketError(KimdeskError):
    """An Anlage that cannot be put into the packet, when the caller gave no ``warn``."""


Report = Callable[[str], None]


@dataclass
class Slot:
    """One page reserved for an Anlage page (or for the notice that replaces an unreadable Anlage)."""

    attachment: Attachment
    path: Path
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


def open_anlage(path: Path) -> pikepdf.Pdf:
    """The Anlage as qpdf reads it from disk (no repairs); ValueError with a German reason otherwise."""
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise ValueError("Die Datei ist keine PDF-Datei.")
    try:
        # Read as a stream, not memory-mapped: a mapped file counts into the resident memory once read.
        pdf = pikepdf.open(path, attempt_recovery=False, access_mode=pikepdf.AccessMode.stream)
    except pikepdf.PasswordError as exc:
        raise ValueError("Die Datei ist verschlüsselt (Kennwortschutz).") from exc
    except Exception as exc:  # qpdf raises several kinds on damaged input; all mean "cannot be read"
        raise ValueError(DAMAGED) from exc
    try:
        if pdf.is_encrypted:
            raise ValueError("Die Datei ist verschlüsselt (Kennwortschutz oder Sperren).")
        if len(pdf.pages) == 0:
            raise ValueError("Die Datei hat keine Seiten.")
    except ValueError:
        pdf.close()
        raise
    except Exception as exc:
        pdf.close()
        raise ValueError(DAMAGED) from exc
    return pdf


def attachment_slots(files: Sequence[AttachmentFile], top: str, reference: str, report: Report) -> list[Slot]:
    """The reserved pages of a Vorlage's Anlagen in order; an unreadable Anlage gets one, reported."""
    slots: list[Slot] = []
    for number, stored in enumerate(files, start=1):
        attachment = stored.attachment
        head = f"{top} – Vorlage Nr. {reference} – Anlage {number}: {attachment.shown_title}"
        where = f"{top} (Vorlage {reference})"
        try:
            with open_anlage(stored.path) as pdf:
                count, problem = len(pdf.pages), ""
        except ValueError as exc:
            count, problem = 1, str(exc)
        pages = [Slot(attachment, stored.path, i, head, number, where, problem) for i in range(count)]
        if problem:
            report(message(pages[0]))
        slots += pages
    return slots


def merge_attachments(
    rendered: Path,
    target: Path,
    slots: list[Slot],
    st: Styles,
    report: Report,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write ``rendered`` to ``target`` with each Anlage page under its placeholder (scaled to fit
    between header and page number).

    Two steps: pikepdf marks each placeholder's area (its TrimBox), lays the notices over the
    placeholders of what cannot be placed (a small file, no Anlage in it);
    then one qpdf job lays the Anlage pages under their placeholders, in a child process (see
    ``kimdesk.pdf.qpdf_job``). The job opens the Anlagen itself and copies their streams while writing —
    pages copied through pikepdf objects would be read into memory first (pikepdf copies foreign stream
    data at once). ``progress`` hears the percentage done; an exception it raises stops the packet.
    """
    prepared = target.with_name(target.name + ".satz")
    try:
        underlays = _prepare(rendered, prepared, slots, st, report)
        if progress is not None:
            progress(0)
        # Classic cross-reference table (no object streams): the last step appends to it.
        job: dict[str, object] = {
            "inputFile": str(prepared),
            "outputFile": str(target),
            "objectStreams": "disable",
        }
        if underlays:
            job["underlay"] = underlays
        expected = prepared.stat().st_size + sum(Path(u["file"]).stat().st_size for u in underlays)
        run_job(job, expected, None if progress is None else lambda percent: progress(percent * 9 // 10))
        if progress is not None:
            progress(90)
        _unclip(target, [slot.page_number for slot in slots if not slot.problem])
        if progress is not None:
            progress(100)
    finally:
        prepared.unlink(missing_ok=True)


def _unclip(path: Path, pages: list[int]) -> None:
    """qpdf wraps a page's own content in a Form XObject clipped to the TrimBox; on a placeholder that
    would cut off its header and page number. The form gets the whole page again and the TrimBox goes —
    appended as an incremental update (a few KB) instead of writing the gigabytes again."""
    changed: list[pikepdf.Object] = []
    with pikepdf.open(path, access_mode=pikepdf.AccessMode.stream) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            trim = page.obj.get("/TrimBox")
            if trim is None:
                continue
            for _, xobject in page.resources.get("/XObject", pikepdf.Dictionary()).items():
                if xobject.get("/BBox") == trim and xobject.is_indirect:
                    xobject.BBox = page.mediabox
                    changed.append(xobject)
            del page.obj.TrimBox
            changed.append(page.obj)
        if changed:
            append_update(path, pdf, changed)


def _prepare(
    rendered: Path,
    prepared: Path,
    slots: list[Slot],
    st: Styles,
    report: Report,
) -> list[dict[str, str]]:
    """The packet without the Anlagen, ready for the job; the job's underlay list."""
    trim = pikepdf.Array([0, SLOT_MARGIN, PAGE_WIDTH, PAGE_HEIGHT - SLOT_MARGIN])
    pages: dict[Path, list[tuple[int, int]]] = {}
    with ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(rendered, access_mode=pikepdf.AccessMode.stream))
        sources: dict[Path, pikepdf.Pdf] = {}
        reported: set[Path] = set()
        for slot in slots:
            target_page = pdf.pages[slot.page_number - 1]
            if not slot.problem:
                try:
                    source = sources.get(slot.path)
                    if source is None:
                        source = sources[slot.path] = stack.enter_context(open_anlage(slot.path))
                    _check_placeable(source.pages[slot.page_index])
                    target_page.obj.TrimBox = trim
                    pages.setdefault(slot.path, []).append((slot.page_index + 1, slot.page_number))
                    continue
                except Exception:  # any qpdf failure on this page: the notice takes its place
                    slot.problem = NOT_MERGED
                    if slot.path not in reported:
                        report(message(slot))
            reported.add(slot.path)
            notice = stack.enter_context(pikepdf.open(io.BytesIO(_notice_page(slot, st))))
            target_page.add_overlay(notice.pages[0], pikepdf.Rectangle(0, 0, PAGE_WIDTH, PAGE_HEIGHT))
        pdf.save(prepared)
    return [
        {
            "file": str(path),
            "from": ",".join(str(source) for source, _ in placed),
            "to": ",".join(str(page) for _, page in placed),
        }
        for path, placed in pages.items()
    ]


def _check_placeable(page: pikepdf.Page) -> None:
    contents = page.obj.get("/Contents")
    if contents is not None and not isinstance(contents, (pikepdf.Stream, pikepdf.Array)):
        raise ValueError("page contents are neither a stream nor an array")
    if float(page.mediabox[2]) - float(page.mediabox[0]) <= 0:
        raise ValueError("page without size")


def _notice_page(slot: Slot, st: Styles) -> bytes:
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
    return out.getvalue()
