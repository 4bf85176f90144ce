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
from kimdesk.domain.meeting_cycle import change_state
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.domain.signature import SignatureKind, resolution_data
from kimdesk.domain.versions import VersionEvent
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import current_user
from kimdesk.services.pdf_signatures import SignedPdfMaker
from kimdesk.services.ports import PaperQuery, UnitOfWork, UnitOfWorkFactory
from kimdesk.services.released import PdfSigning, sign_and_store_in
from kimdesk.services.signatures import sign_paper
from kimdesk.services.signing_identity import SigningIdentity
from kimdesk.services.signoff import PinRequiredError, record_event
from kimdesk.services.unlock import unlock_identity
from kimdesk.services.version_log import record_version

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
    chair: str = "",
    invitation_text: str = "",
) -> Meeting:
    with uow_factory() as uow:
        org = find_committee(uow, committee)
        meeting = new_meeting(org, start, end=end, location=location, name=name)
        meeting.chair = chair.strip()
        meeting.invitation_text = invitation_text.strip()
        check_free_day(uow, meeting)
        uow.meetings.add(meeting)
        uow.commit()
        return meeting


def check_free_day(uow: UnitOfWork, meeting: Meeting) -> None:
    """A Gremium meets at most once a day (the short id "IR-2020-09-09" names one meeting)."""
    others = [m for m in uow.meetings.list(meeting.committee.id) if m.id != meeting.id]
    if any(m.short_id == meeting.short_id for m in others):
        raise ValidationError(
            f"Datum: Der {meeting.committee.name} hat am {meeting.date:%d.%m.%Y} schon eine Sitzung "
            f"({meeting.short_id})."
        )


def set_meeting_state(
    uow_factory: UnitOfWorkFactory, ident: str, state: MeetingState, *, reason: str = ""
) -> Meeting:
    """Change the state with the checks of :func:`kimdesk.domain.meeting_cycle.change_state`."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        change_state(meeting, state, reason=reason)
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
        sync_and_save(uow, meeting)
        uow.commit()
    return meeting


def sync_and_save(uow: UnitOfWork, meeting: Meeting) -> None:
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
        if (
            consultation is not None
            and consultation.agenda_item == item.number
            and consultation.meeting_date == meeting.date
        ):
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
        sync_and_save(uow, meeting)
        uow.commit()
        return item


def remove_from_agenda(uow_factory: UnitOfWorkFactory, ident: str, number: str) -> list[AgendaItem]:
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        removed = meeting.remove_item(meeting.item_by_number(number).id)
        sync_and_save(uow, meeting)
        uow.commit()
        return removed


def move_agenda_item(uow_factory: UnitOfWorkFactory, ident: str, number: str, position: int) -> Meeting:
    """Move TOP ``number`` (with its sub-items) to 1-based ``position`` of the agenda."""
    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        meeting.move_item(meeting.item_by_number(number).id, position - 1)
        sync_and_save(uow, meeting)
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
    person_name: str | None = None,
    pin: str | None = None,
    local: LocalKeys | None = None,
    signing: PdfSigning | None = None,
    maker: SignedPdfMaker | None = None,
) -> AgendaItem:
    """Record what happened to TOP ``number``; fills the Vorlage's Beschlussvermerk.

    For vertagt, ``deferred_to`` names the later meeting the Beratung moves to (else: no meeting yet).
    A Beschlussvermerk of a released Vorlage is signed by whoever records it: ``person_name`` with the
    ``pin`` of their own key; without them the result is refused (nothing is recorded).
    With ``signing`` (or ``maker`` and the recorder's unlocked key), a Vorlage that becomes „Beschlossen“
    gets its signed PDF (same transaction).
    """
    identity = None
    if person_name and pin:
        identity = unlock_identity(uow_factory, person_name, pin, local=local)
        if signing is None and maker is not None:
            signing = PdfSigning(identity, maker)
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
            recorded = resolution_data(paper)
            apply_result_to_paper(paper, meeting, item, later)
            touched = _touch(paper)
            details = {"meeting": meeting.short_id, "top": item.number, "result": result.value}
            if paper.status is not before:  # "Beschlossen" goes into the audit chain like every state
                uow.audit.lock()
                record_event(uow, paper, AuditAction.OTHER, now=touched, details=details)
            if recorded != resolution_data(paper) and paper.status in _SIGNED_STATES:
                _sign_resolution(uow, paper, identity, person_name, details)
            uow.papers.update(paper)
            if paper.status is PaperStatus.DECIDED and before is not PaperStatus.DECIDED:
                who = person_name or paper.modified_by
                record_version(uow, paper, VersionEvent.DECIDED, now=touched, who=who)
            changed = before is not paper.status or recorded != resolution_data(paper)
            if signing is not None and paper.status is PaperStatus.DECIDED and changed:
                sign_and_store_in(uow, paper, signing.identity, ReleaseEvent.DECIDED, signing.maker)
        uow.meetings.update(meeting)
        uow.commit()
        return item


#: States in which a Vorlage carries signatures, so its Beschlussvermerk is signed too.
_SIGNED_STATES = (PaperStatus.RELEASED, PaperStatus.DECIDED)


def _sign_resolution(
    uow: UnitOfWork,
    paper: Paper,
    identity: SigningIdentity | None,
    person_name: str | None,
    details: dict[str, str],
) -> None:
    if identity is None or not person_name:
        raise PinRequiredError(
            person_name or "",
            f"Beschlussvermerk: wer das Ergebnis zu Vorlage {paper.reference} einträgt, signiert es – "
            "bitte Person und PIN angeben.",
        )
    uow.audit.lock()
    now = utcnow()
    record = sign_paper(
        uow, identity, paper, kind=SignatureKind.RESOLUTION, person_name=person_name, sign_off=None, now=now
    )
    record_event(
        uow,
        paper,
        AuditAction.RESOLUTION_SIGNED,
        now=now,
        person_name=person_name,
        details={**details, "signatureId": str(record.id)},
    )


def _touch(paper: Paper) -> datetime:
    """Who changed the Vorlage and when, as a save conflict names them; returns when."""
    now = paper.modified_at = utcnow()
    paper.modified_by = current_user()
    return now
