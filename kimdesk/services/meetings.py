"""Use cases around Sitzungen: create, agenda from the Beratungsfolge, results, Anlagen, session packet."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError, NotFoundError, ValidationError
from kimdesk.domain.meeting import (
    AgendaCandidate,
    AgendaItem,
    AgendaResult,
    Meeting,
    MeetingState,
    agenda_candidates,
    apply_result_to_paper,
    assign_consultation,
    item_for_candidate,
    new_meeting,
    record_result,
    release_consultation,
)
from kimdesk.domain.model import Office, Organization, OrganizationKind, Paper, utcnow
from kimdesk.services import files
from kimdesk.services.papers import current_user
from kimdesk.services.ports import PaperQuery, UnitOfWork, UnitOfWorkFactory

#: ``(done, total) -> keep going``; returning False cancels the packet.
Progress = Callable[[int, int], bool]
#: Called with a German message for each Anlage the packet shows as a notice page instead of its pages.
Warn = Callable[[str], None]


# -- packet rendering port ---------------------------------------------------------------------------


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


# -- finding meetings ----------------------------------------------------------------------------------

_SHORT_ID = re.compile(r"^(?P<committee>.+)-(?P<date>\d{4}-\d{2}-\d{2})$")


def resolve_meeting(uow: UnitOfWork, ident: str) -> Meeting:
    """A meeting by UUID or by short id "IR-2020-09-09" (body short name or name, and day)."""
    ident = ident.strip()
    try:
        return uow.meetings.get(uuid.UUID(ident))
    except ValueError:
        pass
    match = _SHORT_ID.match(ident)
    if match is None:
        raise NotFoundError(
            f"Sitzung: „{ident}“ ist keine Sitzungskennung – erwartet z. B. „IR-2020-09-09“ "
            "(Kurzname des Gremiums und Datum) oder die UUID."
        )
    found = [m for m in uow.meetings.list() if m.short_id.casefold() == ident.replace(" ", "").casefold()]
    if not found:
        committee = uow.organizations.find(match["committee"])
        if committee is not None:
            found = [m for m in uow.meetings.list(committee.id) if m.date.isoformat() == match["date"]]
    if not found:
        raise NotFoundError(f"Sitzung: Eine Sitzung „{ident}“ gibt es nicht.")
    if len(found) > 1:
        ids = ", ".join(str(m.id) for m in found)
        raise ValidationError(f"Sitzung: „{ident}“ ist nicht eindeutig – bitte die UUID angeben ({ids}).")
    return found[0]


def find_committee(uow: UnitOfWork, name: str) -> Organization:
    committee = uow.organizations.find(name.strip())
    if committee is None or committee.kind is not OrganizationKind.COMMITTEE:
        raise NotFoundError(f"Gremium: „{name}“ gibt es nicht.")
    return committee


def list_meetings(uow_factory: UnitOfWorkFactory, committee: str | None = None) -> list[Meeting]:
    with uow_factory() as uow:
        committee_id = find_committee(uow, committee).id if committee else None
        return uow.meetings.list(committee_id)


def get_meeting(uow_factory: UnitOfWorkFactory, ident: str) -> Meeting:
    with uow_factory() as uow:
        return resolve_meeting(uow, ident)


def create_meeting(
    uow_factory: UnitOfWorkFactory,
    committee: str,
    start: datetime,
    *,
    end: datetime | None = None,
    location: str = "",
    name: str = "",
) -> Meeting:
    with uow_factory() as uow:
        org = find_committee(uow, committee)
        meeting = new_meeting(org, start, end=end, location=location, name=name)
        if any(m.short_id == meeting.short_id for m in uow.meetings.list(org.id)):
            raise ValidationError(
                f"Sitzung: Der {org.name} hat am {meeting.date:%d.%m.%Y} schon eine Sitzung "
                f"({meeting.short_id})."
            )
        uow.meetings.add(meeting)
        uow.commit()
        return meeting


def set_meeting_state(uow_factory: UnitOfWorkFactory, ident: str, state: MeetingState) -> Meeting:
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        meeting.state = state
        meeting.modified_at = utcnow()
        uow.meetings.update(meeting)
        if state is MeetingState.CANCELLED:
            # The Vorlagen of a cancelled meeting go back to "no meeting yet" and are offered again.
            for item in meeting.items:
                if item.paper_id is not None:
                    paper = uow.papers.get(item.paper_id)
                    release_consultation(paper, meeting)
                    _touch(paper)
                    uow.papers.update(paper)
        uow.commit()
        return meeting


def save_meeting(uow_factory: UnitOfWorkFactory, meeting: Meeting) -> Meeting:
    """Save an agenda edited with the Meeting methods (the GUI's path) and sync the Beratungsfolgen.

    Each Vorlage on the agenda gets this meeting, day and TOP number; a Vorlage taken off the agenda
    goes back to "no meeting yet". ConflictError when someone else saved the meeting in between.
    """
    with uow_factory() as uow:
        _sync_and_save(uow, meeting)
        uow.commit()
    return meeting


def _sync_and_save(uow: UnitOfWork, meeting: Meeting) -> None:
    meeting.renumber()
    meeting.modified_at = utcnow()
    on_agenda = {i.paper_id: i for i in meeting.items if i.paper_id is not None}
    previous = uow.meetings.get(meeting.id)
    before = {i.paper_id for i in previous.items if i.paper_id is not None}
    for paper_id in before - on_agenda.keys():
        paper = uow.papers.get(paper_id)
        release_consultation(paper, meeting)
        _touch(paper)
        uow.papers.update(paper)
    for paper_id, item in on_agenda.items():
        paper = uow.papers.get(paper_id)
        consultation = next((c for c in paper.consultations if c.meeting_id == meeting.id), None)
        if consultation is not None and consultation.agenda_item == item.number:
            continue
        assign_consultation(paper, meeting, item)
        _touch(paper)
        uow.papers.update(paper)
    uow.meetings.update(meeting)


def delete_meeting(uow_factory: UnitOfWorkFactory, ident: str) -> None:
    """Delete a meeting that has no results; its Vorlagen go back to "no meeting yet"."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        if any(i.result is not None for i in meeting.items):
            raise ValidationError(
                f"Sitzung: {meeting.short_id} hat schon Ergebnisse und kann nicht gelöscht werden."
            )
        for item in meeting.items:
            if item.paper_id is not None:
                paper = uow.papers.get(item.paper_id)
                release_consultation(paper, meeting)
                _touch(paper)
                uow.papers.update(paper)
        uow.meetings.delete(meeting.id)
        uow.commit()


# -- agenda ------------------------------------------------------------------------------------------


def list_candidates(uow_factory: UnitOfWorkFactory, ident: str) -> list[AgendaCandidate]:
    """The Vorlagen the Beratungsfolge sends to this meeting (incl. "nicht freigegeben" ones)."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        summaries = uow.papers.query(PaperQuery(committee_id=meeting.committee.id))
        papers = [uow.papers.get(s.id) for s in summaries]
        return agenda_candidates(meeting, papers)


def add_to_agenda(
    uow_factory: UnitOfWorkFactory,
    ident: str,
    *,
    reference: str | None = None,
    title: str | None = None,
    public: bool | None = None,
    level: int = 0,
    position: int | None = None,
) -> AgendaItem:
    """Put a Vorlage (by Vorlage Nr.) or a plain item (title only, e.g. "Mitteilungen") on the agenda.

    ``position`` is 1-based in the whole agenda; default is the end of the item's part.
    """
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        if reference:
            paper = uow.papers.get_by_reference(reference)
            candidate = next((c for c in agenda_candidates(meeting, [paper])), None)
            if candidate is None:
                raise ValidationError(
                    f"Beratungsfolge: Vorlage {paper.reference} ist nicht für den {meeting.committee.name} "
                    f"am {meeting.date:%d.%m.%Y} vorgesehen – erst die Beratungsfolge ergänzen."
                )
            item = item_for_candidate(candidate)
            if title:
                item.title = title
        elif title:
            item = AgendaItem(title=title)
        else:
            raise ValidationError("TOP: Vorlage Nr. oder Bezeichnung angeben.")
        if public is not None:
            item.public = public
        item.level = level
        meeting.add_item(item, None if position is None else position - 1)
        _sync_and_save(uow, meeting)
        uow.commit()
        return item


def remove_from_agenda(uow_factory: UnitOfWorkFactory, ident: str, number: str) -> list[AgendaItem]:
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        removed = meeting.remove_item(meeting.item_by_number(number).id)
        _sync_and_save(uow, meeting)
        uow.commit()
        return removed


def move_agenda_item(uow_factory: UnitOfWorkFactory, ident: str, number: str, position: int) -> Meeting:
    """Move TOP ``number`` (with its sub-items) to 1-based ``position`` of the agenda."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        meeting.move_item(meeting.item_by_number(number).id, position - 1)
        _sync_and_save(uow, meeting)
        uow.commit()
        return meeting


def enter_result(
    uow_factory: UnitOfWorkFactory,
    ident: str,
    number: str,
    result: AgendaResult,
    text: str = "",
    *,
    deferred_to: str | None = None,
) -> AgendaItem:
    """Record what happened to TOP ``number``; fills the Vorlage's Beschlussvermerk.

    For vertagt, ``deferred_to`` names the later meeting the Beratung moves to (else: no meeting yet).
    """
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        item = record_result(meeting, meeting.item_by_number(number).id, result, text)
        later = None
        if deferred_to:
            if result is not AgendaResult.DEFERRED:
                raise ValidationError("Vertagt auf: nur beim Ergebnis „vertagt“ möglich.")
            later = resolve_meeting(uow, deferred_to)
            if later.committee.id != meeting.committee.id or later.start <= meeting.start:
                raise ValidationError(
                    f"Vertagt auf: {later.short_id} ist keine spätere Sitzung des "
                    f"{meeting.committee.genitive}."
                )
        meeting.modified_at = utcnow()
        if item.paper_id is not None:
            paper = uow.papers.get(item.paper_id)
            before = paper.status
            apply_result_to_paper(paper, meeting, item, later)
            _touch(paper)
            if paper.status is not before:  # "Beschlossen" goes into the audit chain like every state
                from kimdesk.domain.audit import AuditAction
                from kimdesk.services.signoff import record_event

                uow.audit.lock()
                record_event(
                    uow,
                    paper,
                    AuditAction.OTHER,
                    now=paper.modified_at,
                    details={"meeting": meeting.short_id, "top": item.number, "result": result.value},
                )
            uow.papers.update(paper)
        uow.meetings.update(meeting)
        uow.commit()
        return item


# -- session packet and Protokollauszug ------------------------------------------------------------


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
    from dataclasses import replace

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


def _touch(paper: Paper) -> None:
    """Who changed the Vorlage and when, as a save conflict names them."""
    paper.modified_at = utcnow()
    paper.modified_by = current_user()


def write_atomically(path: Path, data: bytes) -> Path:
    """Packets, extracts and OParl files: folders are created as needed (see services.files)."""
    return files.write_atomically(path.resolve(), data, what="Datei", create_folder=True)
