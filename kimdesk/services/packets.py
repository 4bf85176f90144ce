"""The session packet (Sitzungsmappe) and the Protokollauszug: what they show, and writing them to a file.

Rendering is a port (:class:`PacketRenderer`, implemented in ``kimdesk.pdf.packet``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Paper
from kimdesk.services import files
from kimdesk.services.attachments import write_attachment
from kimdesk.services.meetings import resolve_meeting
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

#: ``(pages done, pages in all) -> keep going``; returning False cancels the packet. The total is an
#: estimate until the Vorlagen are laid out, then exact.
Progress = Callable[[int, int], bool]
#: Called with a German message for each Anlage the packet shows as a notice page instead of its pages.
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """An Anlage copied from storage into a temporary file for the packet (read from disk, not memory)."""

    attachment: Attachment
    path: Path


@dataclass(frozen=True, slots=True)
class PacketEntry:
    """One TOP of the packet: the item, its Vorlage (if any) and the Vorlage's Anlagen."""

    item: AgendaItem
    paper: Paper | None = None
    attachments: Sequence[AttachmentFile] = ()


@dataclass(frozen=True, slots=True)
class Packet:
    meeting: Meeting
    office: Office
    entries: Sequence[PacketEntry]
    public: bool
    #: The full agenda (public and non-public) for the invitation page of the members' packet.
    agenda: Sequence[AgendaItem] = field(default_factory=tuple)


class PacketRenderer(Protocol):
    """Renders session packets and Protokollauszüge (implemented in ``kimdesk.pdf.packet``)."""

    def write_packet(
        self, packet: Packet, target: Path, progress: Progress | None = None, warn: Warn | None = None
    ) -> int:
        """Write the packet to ``target`` (a new file; the caller moves it into place) and return its
        page count. An Anlage that cannot be merged gets a notice page and ``warn(message)`` naming its
        TOP and Vorlage; without ``warn`` it fails the packet with that message instead (never silently).
        """
        ...

    def render_minutes_extract(
        self, meeting: Meeting, item: AgendaItem, paper: Paper | None, office: Office
    ) -> bytes: ...


class Cancelled(KimdeskError):
    """The user cancelled a long-running job (packet build)."""


def load_packet(uow_factory: UnitOfWorkFactory, ident: str, *, public: bool, folder: Path) -> Packet:
    """Everything the packet shows, in agenda order; the public variant holds no non-public item at all.

    The Anlagen are copied chunk by chunk into ``folder`` (one file per distinct content).
    """
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        office = uow.office.get()
        items = [i for i in meeting.items if i.public or not public]
        entries = []
        for item in items:
            paper = uow.papers.get(item.paper_id) if item.paper_id is not None else None
            stored = uow.attachments.list(paper.id) if paper is not None else []
            copies = [AttachmentFile(a, _copy_out(uow, a, folder)) for a in stored]
            entries.append(PacketEntry(item, paper, copies))
    if public:
        # Not even the title of a non-public item may reach the public packet.
        meeting = _public_copy(meeting)
    return Packet(meeting, office, entries, public, tuple(meeting.items))


def _copy_out(uow: UnitOfWork, attachment: Attachment, folder: Path) -> Path:
    path = folder / f"{attachment.sha256 or attachment.id}.pdf"  # the same content once
    if path.exists():
        return path
    write_attachment(uow, attachment, path)
    return path


def _public_copy(meeting: Meeting) -> Meeting:
    return replace(meeting, items=[i for i in meeting.items if i.public])


def build_packet(
    uow_factory: UnitOfWorkFactory,
    renderer: PacketRenderer,
    ident: str,
    *,
    public: bool = False,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> bytes:
    """The session packet as PDF bytes (for small packets and tests; files: :func:`export_packet`);
    raises Cancelled when ``progress`` returns False.
    """
    with tempfile.TemporaryDirectory(prefix="kimdesk-mappe-") as work:
        folder = Path(work)
        packet = load_packet(uow_factory, ident, public=public, folder=folder)
        target = folder / "mappe.pdf"
        renderer.write_packet(packet, target, progress, warn)
        return target.read_bytes()


def export_packet(
    uow_factory: UnitOfWorkFactory,
    renderer: PacketRenderer,
    ident: str,
    path: Path,
    *,
    public: bool = False,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> Path:
    """Write the packet atomically: if it fails or is cancelled, no new file is left and an earlier
    file at ``path`` stays as it was.

    Safe to run off the GUI thread: it opens its own units of work and touches no widget. Memory stays
    bounded whatever the size of the Anlagen: they are copied to a temporary folder and merged from
    there (see ``kimdesk.pdf.attachments``).
    """
    with tempfile.TemporaryDirectory(prefix="kimdesk-mappe-") as work:
        packet = load_packet(uow_factory, ident, public=public, folder=Path(work))
        return files.write_file_atomically(
            path.resolve(),
            lambda temp: renderer.write_packet(packet, temp, progress, warn),
            what="Datei",
            create_folder=True,
        )


def build_minutes_extract(
    uow_factory: UnitOfWorkFactory, renderer: PacketRenderer, ident: str, number: str
) -> bytes:
    """The Protokollauszug of one TOP; only after the result is recorded."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        item = meeting.item_by_number(number)
        if item.result is None:
            raise ValidationError(
                f"Protokollauszug: Für TOP {item.number} der Sitzung {meeting.short_id} ist noch kein "
                "Ergebnis eingetragen."
            )
        paper = uow.papers.get(item.paper_id) if item.paper_id is not None else None
        office = uow.office.get()
    return renderer.render_minutes_extract(meeting, item, paper, office)


def packet_file_name(meeting: Meeting, public: bool) -> str:
    suffix = "_oeffentlich" if public else ""
    return f"Sitzungsmappe_{meeting.short_id}{suffix}.pdf"


def extract_file_name(meeting: Meeting, number: str) -> str:
    return f"Protokollauszug_{meeting.short_id}_TOP{number}.pdf"


def write_atomically(path: Path, data: bytes) -> Path:
    """Packets, extracts and OParl files: folders are created as needed (see services.files)."""
    return files.write_atomically(path.resolve(), data, what="Datei", create_folder=True)
