"""The session packet (Sitzungsmappe) and the Protokollauszug: what they show, and writing them to a file.

Rendering is a port (:class:`PacketRenderer`, implemented in ``kimdesk.pdf.packet``).
"""

from __future__ import annotations

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
from kimdesk.services.meetings import resolve_meeting
from kimdesk.services.ports import UnitOfWorkFactory

#: ``(done, total) -> keep going``; returning False cancels the packet.
Progress = Callable[[int, int], bool]
#: Called with a German message for each Anlage the packet shows as a notice page instead of its pages.
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class PacketEntry:
    """One TOP of the packet: the item, its Vorlage (if any) and the Vorlage's Anlagen."""

    item: AgendaItem
    paper: Paper | None = None
    attachments: Sequence[Attachment] = ()


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

    def render_packet(
        self, packet: Packet, progress: Progress | None = None, warn: Warn | None = None
    ) -> bytes:
        """An Anlage that cannot be merged gets a notice page and ``warn(message)`` naming its TOP and
        Vorlage; without ``warn`` it fails the packet with that message instead (never silently)."""
        ...

    def render_minutes_extract(
        self, meeting: Meeting, item: AgendaItem, paper: Paper | None, office: Office
    ) -> bytes: ...


class Cancelled(KimdeskError):
    """The user cancelled a long-running job (packet build)."""


def load_packet(uow_factory: UnitOfWorkFactory, ident: str, *, public: bool) -> Packet:
    """Everything the packet shows, in agenda order; the public variant holds no non-public item at all."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        office = uow.office.get()
        items = [i for i in meeting.items if i.public or not public]
        entries = []
        for item in items:
            paper = uow.papers.get(item.paper_id) if item.paper_id is not None else None
            attachments = uow.attachments.list(paper.id) if paper is not None else []
            entries.append(PacketEntry(item, paper, attachments))
    if public:
        # Not even the title of a non-public item may reach the public packet.
        meeting = _public_copy(meeting)
    return Packet(meeting, office, entries, public, tuple(meeting.items))


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
    """The session packet as PDF bytes; raises Cancelled when ``progress`` returns False.

    Safe to run off the GUI thread: it opens its own units of work and touches no widget. For an
    Anlage that cannot be merged see :meth:`PacketRenderer.render_packet`.
    """
    packet = load_packet(uow_factory, ident, public=public)
    return renderer.render_packet(packet, progress, warn)


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
    """Write the packet atomically: if it fails, an earlier file at ``path`` stays as it was."""
    data = build_packet(uow_factory, renderer, ident, public=public, progress=progress, warn=warn)
    return write_atomically(path, data)


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
