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
from kimdesk.domain.consultations import as_on_agenda
from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Paper
from kimdesk.services import files
from kimdesk.services.attachments import write_attachment
from kimdesk.services.export import listed_titles
from kimdesk.services.meetings import resolve_meeting
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

#: ``(pages done, pages in all) -> keep going``; returning False cancels the packet. The total is an
#: estimate until the Vorlagen are laid out, then exact.
Progress = Callable[[int, int], bool]
#: The office's choice whether the public Sitzungsmappe names who signed off (``{"show": bool}``).
PUBLIC_NAMES_KEY = "packet:public_sign_off_names"
#: Called with a German message for each Anlage the packet shows as a notice page instead of its pages.
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """An Anlage copied from storage into a temporary file for the packet (read from disk, not memory)."""

    attachment: Attachment
    path: Path


@dataclass(frozen=True, slots=True)
class PacketEntry:
    """One TOP of the packet: the item, its Vorlage (if any, as the packet prints it) and the Vorlage's
    Anlagen (of the public packet: only the public ones)."""

    item: AgendaItem
    paper: Paper | None = None
    attachments: Sequence[AttachmentFile] = ()
    #: The Vorlage's Anlagen list ("Anlagen: 1. …"), as its Vorlagenart prints it.
    listed: Sequence[str] = ()


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

    def write_packets(
        self,
        full: Packet,
        public: Packet,
        targets: tuple[Path, Path],
        progress: Progress | None = None,
        warn: Warn | None = None,
    ) -> tuple[int, int]:
        """Write the members' and the public packet of one meeting (from :func:`load_packets`) as one
        job to ``targets`` (full, public); what both show alike is rendered once. Progress counts the
        pages of both; page counts as :meth:`write_packet`."""
        ...

    def render_minutes_extract(
        self, meeting: Meeting, item: AgendaItem, paper: Paper | None, office: Office
    ) -> bytes: ...


class Cancelled(KimdeskError):
    """The user cancelled a long-running job (packet build)."""


class DraftsNotConfirmed(ValidationError):
    """Vorlagen not yet released stand on the agenda and nobody confirmed taking them into the packet."""


def load_packet(
    uow_factory: UnitOfWorkFactory,
    ident: str,
    *,
    public: bool,
    folder: Path,
    include_drafts: bool = False,
) -> Packet:
    """Everything the packet shows, in agenda order; the public variant holds no non-public item at all,
    no non-public Anlage, no Prüfsumme and — unless the office decided otherwise — no sign-off names.

    A Vorlage not yet released goes in only with ``include_drafts`` (DraftsNotConfirmed otherwise) and
    then carries the ENTWURF mark. The Anlagen are copied chunk by chunk into ``folder`` (one file per
    distinct content).
    """
    return _load(uow_factory, ident, folder, include_drafts, (public,))[0]


def load_packets(
    uow_factory: UnitOfWorkFactory, ident: str, *, folder: Path, include_drafts: bool = False
) -> tuple[Packet, Packet]:
    """The members' and the public packet from one load (see :func:`load_packet`): every Anlage is
    copied out of storage once; the public packet's Anlagen are files of the full one's."""
    full, public = _load(uow_factory, ident, folder, include_drafts, (False, True))
    return full, public


def _load(
    uow_factory: UnitOfWorkFactory,
    ident: str,
    folder: Path,
    include_drafts: bool,
    variants: tuple[bool, ...],
) -> list[Packet]:
    """One packet per variant (public or not), all from the same unit of work."""
    only_public = all(variants)
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        office = uow.office.get()
        names = _public_names(uow)
        items = [i for i in meeting.items if i.public or not only_public]
        found = [(i, uow.papers.get(i.paper_id) if i.paper_id is not None else None) for i in items]
        drafts = [_draft_line(i, p) for i, p in found if p is not None and p.unreleased]
        if drafts and not include_drafts:
            raise DraftsNotConfirmed(
                "Sitzungsmappe: Noch nicht freigegeben (Entwurf) – "
                + "; ".join(drafts)
                + ". Entwürfe kommen nur nach ausdrücklicher Bestätigung in die Mappe "
                "(Befehlszeile: --entwuerfe)."
            )
        entries: dict[bool, list[PacketEntry]] = {public: [] for public in variants}
        for item, paper in found:
            wanted = [public for public in variants if item.public or not public]
            if paper is None:
                for public in wanted:
                    entries[public].append(PacketEntry(item))
                continue
            stored = [a for a in uow.attachments.list(paper.id) if a.public or not only_public]
            copies = [AttachmentFile(a, _copy_out(uow, a, folder)) for a in stored]
            shown = as_on_agenda(paper, meeting, item)
            for public in wanted:
                chosen = [c for c in copies if c.attachment.public or not public]
                listed = listed_titles(shown, office, [c.attachment for c in chosen])
                variant = _without_internals(shown, names) if public else shown
                entries[public].append(PacketEntry(item, variant, chosen, listed))
    packets = []
    for public in variants:
        # Not even the title of a non-public item may reach the public packet.
        shown_meeting = _public_copy(meeting) if public else meeting
        packets.append(Packet(shown_meeting, office, entries[public], public, tuple(shown_meeting.items)))
    return packets


def packet_drafts(uow_factory: UnitOfWorkFactory, ident: str, *, public: bool) -> list[str]:
    """The Vorlagen not yet released on the packet's agenda ("TOP 4: Vorlage 26/0003 (Entwurf)"), for
    the confirmation before they go in."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        lines = []
        for item in meeting.items:
            if item.paper_id is None or not (item.public or not public):
                continue
            paper = uow.papers.get(item.paper_id)
            if paper.unreleased:
                lines.append(_draft_line(item, paper))
        return lines


def _draft_line(item: AgendaItem, paper: Paper) -> str:
    return f"{item.label}: Vorlage {paper.reference} ({paper.status.label})"


def _without_internals(paper: Paper, names: bool) -> Paper:
    """The Vorlage as the public packet prints it: Mitzeichnungen without Prüfsumme, remark and account,
    and without names unless the office shows them."""
    sign_offs = [
        replace(
            s,
            content_hash="",
            remark="",
            os_account="",
            person_name=s.person_name if names else "",
            as_deputy=s.as_deputy and names,
        )
        for s in paper.sign_offs
    ]
    return replace(paper, sign_offs=sign_offs)


def public_sign_off_names(uow_factory: UnitOfWorkFactory) -> bool:
    """The office's choice: does the public Sitzungsmappe name who signed off (default: no)?"""
    with uow_factory() as uow:
        return _public_names(uow)


def set_public_sign_off_names(uow_factory: UnitOfWorkFactory, show: bool) -> bool:
    with uow_factory() as uow:
        uow.settings.put(PUBLIC_NAMES_KEY, {"show": bool(show)})
        uow.commit()
    return bool(show)


def _public_names(uow: UnitOfWork) -> bool:
    stored = uow.settings.get(PUBLIC_NAMES_KEY)
    return isinstance(stored, dict) and stored.get("show") is True


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
    include_drafts: bool = False,
) -> bytes:
    """The session packet as PDF bytes (for small packets and tests; files: :func:`export_packet`);
    raises Cancelled when ``progress`` returns False.
    """
    with tempfile.TemporaryDirectory(prefix="kimdesk-mappe-") as work:
        return write_packet_file(
            uow_factory,
            renderer,
            ident,
            Path(work),
            public=public,
            progress=progress,
            warn=warn,
            include_drafts=include_drafts,
        ).read_bytes()


def write_packet_file(
    uow_factory: UnitOfWorkFactory,
    renderer: PacketRenderer,
    ident: str,
    folder: Path,
    *,
    public: bool = False,
    progress: Progress | None = None,
    warn: Warn | None = None,
    include_drafts: bool = False,
) -> Path:
    """The packet as ``folder``/mappe.pdf, its Anlagen copied into ``folder`` too: for a temporary
    folder (printing), so neither flushed to disk nor moved into place (see :func:`export_packet`)."""
    packet = load_packet(uow_factory, ident, public=public, folder=folder, include_drafts=include_drafts)
    target = folder / "mappe.pdf"
    renderer.write_packet(packet, target, progress, warn)
    return target


def export_packet(
    uow_factory: UnitOfWorkFactory,
    renderer: PacketRenderer,
    ident: str,
    path: Path,
    *,
    public: bool = False,
    progress: Progress | None = None,
    warn: Warn | None = None,
    include_drafts: bool = False,
) -> Path:
    """Write the packet atomically: if it fails or is cancelled, no new file is left and an earlier
    file at ``path`` stays as it was.

    Safe to run off the GUI thread: it opens its own units of work and touches no widget. Memory stays
    bounded whatever the size of the Anlagen: they are copied to a temporary folder and merged from
    there (see ``kimdesk.pdf.attachments``).
    """
    with tempfile.TemporaryDirectory(prefix="kimdesk-mappe-") as work:
        packet = load_packet(
            uow_factory, ident, public=public, folder=Path(work), include_drafts=include_drafts
        )
        return files.write_file_atomically(
            path.resolve(),
            lambda temp: renderer.write_packet(packet, temp, progress, warn),
            what="Datei",
            create_folder=True,
        )


def export_packets(
    uow_factory: UnitOfWorkFactory,
    renderer: PacketRenderer,
    ident: str,
    paths: tuple[Path, Path],
    *,
    progress: Progress | None = None,
    warn: Warn | None = None,
    include_drafts: bool = False,
) -> tuple[Path, Path]:
    """Both Sitzungsmappen (members' and public, ``paths`` in that order) as one job: one load, the
    Anlagen copied out once, what both show alike rendered once. Both files or neither: if the job fails
    or is cancelled, no new file is left and earlier files stay as they were."""
    if paths[0].resolve() == paths[1].resolve():
        raise ValidationError("Sitzungsmappe: Beide Mappen bräuchten verschiedene Dateinamen.")
    with tempfile.TemporaryDirectory(prefix="kimdesk-mappe-") as work:
        full, public = load_packets(uow_factory, ident, folder=Path(work), include_drafts=include_drafts)
        full_path, public_path = files.write_files_atomically(
            (paths[0].resolve(), paths[1].resolve()),
            lambda temps: renderer.write_packets(full, public, (temps[0], temps[1]), progress, warn),
            what="Datei",
            create_folder=True,
        )
        return full_path, public_path


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


def public_beside(path: Path) -> Path:
    """Where the public packet goes when both are written: beside the members' one, „…_oeffentlich“."""
    return path.with_name(f"{path.stem}_oeffentlich{path.suffix or '.pdf'}")


def extract_file_name(meeting: Meeting, number: str) -> str:
    return f"Protokollauszug_{meeting.short_id}_TOP{number}.pdf"


def write_atomically(path: Path, data: bytes) -> Path:
    """Packets, extracts and OParl files: folders are created as needed (see services.files)."""
    return files.write_atomically(path.resolve(), data, what="Datei", create_folder=True)
