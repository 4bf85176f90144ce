"""Use cases around Sitzungen: create, agenda from the Beratungsfolge, results (packets: services.packets)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.consultations import (
    AgendaCandidate,
    agenda_candidates,
    apply_result_to_paper,
    assign_consultation,
    item_for_candidate,
    release_consultation,
)
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import NotFoundError, ValidationError
from kimdesk.domain.masterdata import Organization, OrganizationKind
from kimdesk.domain.meeting import AgendaItem, AgendaResult, Meeting, MeetingState, new_meeting, record_result
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.services.papers import current_user
from kimdesk.services.ports import PaperQuery, UnitOfWork, UnitOfWorkFactory
from kimdesk.services.released import PdfSigning, sign_and_store_in
from kimdesk.services.signoff import record_event

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
    signing: PdfSigning | None = None,
) -> AgendaItem:
    """Record what happened to TOP ``number``; fills the Vorlage's Beschlussvermerk.

    For vertagt, ``deferred_to`` names the later meeting the Beratung moves to (else: no meeting yet).
    With ``signing``, a Vorlage that becomes „Beschlossen“ gets its signed PDF (same transaction).
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
                uow.audit.lock()
                record_event(
                    uow,
                    paper,
                    AuditAction.OTHER,
                    now=paper.modified_at,
                    details={"meeting": meeting.short_id, "top": item.number, "result": result.value},
                )
            uow.papers.update(paper)
            if signing is not None and paper.status is PaperStatus.DECIDED and before is not paper.status:
                sign_and_store_in(uow, paper, signing.identity, ReleaseEvent.DECIDED, signing.maker)
        uow.meetings.update(meeting)
        uow.commit()
        return item


def _touch(paper: Paper) -> None:
    """Who changed the Vorlage and when, as a save conflict names them."""
    paper.modified_at = utcnow()
    paper.modified_by = current_user()
