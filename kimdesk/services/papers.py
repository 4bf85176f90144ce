"""Use cases on Vorlagen: create, load, save, duplicate, delete, list."""

from __future__ import annotations

import copy
import os
import uuid
from dataclasses import dataclass

from kimdesk.domain.entity import new_id, utcnow
from kimdesk.domain.errors import KimdeskError, Problem, ValidationError
from kimdesk.domain.limits import paper_limit_problems
from kimdesk.domain.masterdata import Office
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Consultation, Paper, PaperStatus, SignatureBlock
from kimdesk.domain.signoff import assert_editable
from kimdesk.domain.timezone import BERLIN
from kimdesk.domain.validation import validate_paper
from kimdesk.domain.versions import VersionEvent
from kimdesk.services.ports import PaperQuery, PaperSummary, UnitOfWork, UnitOfWorkFactory
from kimdesk.services.version_log import record_version


def current_user() -> str:
    """The OS account, as recorded in ``modified_by`` and on signatures.

    Read from the operating system (the process's user id, the Windows logon), never from environment
    variables such as ``USERNAME`` or ``LOGNAME`` that anyone can set for a process.
    """
    try:
        if os.name == "nt":
            return _windows_user()
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (KeyError, OSError):  # no passwd entry in some containers and services
        return "unbekannt"


def _windows_user() -> str:
    import ctypes

    size = ctypes.c_ulong(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):  # type: ignore[attr-defined]
        raise OSError("GetUserNameW")
    return buffer.value


@dataclass(frozen=True, slots=True)
class SaveResult:
    paper: Paper
    problems: list[Problem]


def new_paper(uow_factory: UnitOfWorkFactory, template: Paper | None = None) -> Paper:
    """Create and store a new draft with the next number of the year.

    The signature block starts from the office's default signatory.
    """
    paper = template if template is not None else Paper()
    refuse_beyond_limits(paper)
    with uow_factory() as uow:
        office = uow.office.get()
        now = utcnow()
        paper.created_at = now
        paper.modified_at = now
        paper.modified_by = current_user()
        paper.status = PaperStatus.DRAFT
        if not paper.signature.heading:
            paper.signature.heading = office.signature_heading
        if template is None and office.default_signatory is not None:
            paper.signature = SignatureBlock(
                heading=office.signature_heading,
                on_behalf=True,
                name=office.default_signatory.name,
                function=office.default_signatory.function,
            )
        if not paper.reference:
            paper.reference = next_reference(uow, office, paper)
        uow.papers.add(paper)
        # As stored: a draft made from a Vorlage past Entwurf (a copy, an Ergänzungsvorlage) names its
        # bodies and persons as the master data does now, not by the names the original keeps.
        stored = uow.papers.get(paper.id)
        uow.commit()
        return stored


def next_reference(uow: UnitOfWork, office: Office, paper: Paper) -> str:
    """The next Vorlage Nr.: the Vorlagenart's own numbering if the profile gives one, else the office's."""
    kind = office.form_profile.kind_of(paper.paper_type)
    year = paper.year if paper.year is not None else utcnow().astimezone(BERLIN).year
    if kind.numbering is None:
        return uow.papers.next_reference(year, office.numbering_format)
    return uow.papers.next_reference(
        year, kind.numbering.numbering_format(), series=kind.key, per_year=kind.numbering.per_year
    )


def duplicate_paper(uow_factory: UnitOfWorkFactory, reference: str) -> Paper:
    """ "Als Vorlage für neue verwenden": a new draft with the content, not the history, of another."""
    with uow_factory() as uow:
        source = uow.papers.get_by_reference(reference)
    copy_ = copy.deepcopy(source)
    copy_.id = new_id()
    copy_.reference = ""
    copy_.version = 0
    copy_.sign_offs = []
    copy_.resolution_record = []
    copy_.consultations = [
        Consultation(
            committee=c.committee,
            role=c.role,
            public=c.public,
            rapporteur=c.rapporteur,
        )
        for c in source.consultations
    ]
    for module in copy_.funding_modules:
        module.id = new_id()
    return new_paper(uow_factory, template=copy_)


def get_paper(uow_factory: UnitOfWorkFactory, reference: str) -> Paper:
    with uow_factory() as uow:
        uow.read_only()
        return uow.papers.get_by_reference(reference)


def get_paper_by_id(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> Paper:
    with uow_factory() as uow:
        uow.read_only()
        return uow.papers.get(paper_id)


def save_paper(uow_factory: UnitOfWorkFactory, paper: Paper) -> SaveResult:
    """Save a draft's content (complete or not) and report what still stands in the way of release.

    Only the content comes from ``paper``: the state, the Mitzeichnungen, the Beschlussvermerk and the
    agenda places belong to the workflow and the Sitzungsdienst and are kept as stored — so an editor
    that loaded the Vorlage earlier (or a clerk choosing "Meine Fassung" after a conflict) can never
    wipe a rejection remark or a TOP. Raises ConflictError when someone else saved in between,
    LockedError when the stored Vorlage is no longer a draft. On success ``paper.version`` is the new one.
    """
    refuse_beyond_limits(paper)
    with uow_factory() as uow:
        stored = uow.papers.get(paper.id)
        take_content(paper, stored)
        paper.modified_at = utcnow()
        paper.modified_by = current_user()
        uow.papers.update(paper)
        # One "gespeichert" Fassung per day: the day's last save replaces the day's earlier one.
        record_version(uow, paper, VersionEvent.SAVED, who=paper.modified_by, now=paper.modified_at)
        uow.commit()
    return SaveResult(paper, validate_paper(paper))


def refuse_beyond_limits(paper: Paper) -> None:
    """Text no field can hold (NUL, lone surrogates) or sizes no Vorlage reaches: refused before any write."""
    problems = paper_limit_problems(paper)
    if problems:
        raise ValidationError("Nicht gespeichert – " + "; ".join(str(p) for p in problems), problems)


def take_content(paper: Paper, stored: Paper) -> None:
    """What a save does before writing ``paper`` over ``stored``.

    LockedError unless ``stored`` is a draft; then the workflow's fields come from ``stored``.
    """
    assert_editable(stored)
    keep_workflow_fields(paper, stored)


def keep_workflow_fields(paper: Paper, stored: Paper) -> None:
    """Copy what the workflow owns from ``stored`` into ``paper`` (whose content is to be saved)."""
    paper.status = stored.status
    paper.sign_offs = copy.deepcopy(stored.sign_offs)
    paper.resolution_record = copy.deepcopy(stored.resolution_record)
    scheduled = {
        c.committee.id: c
        for c in stored.consultations
        if c.committee is not None and c.meeting_id is not None
    }
    for consultation in paper.consultations:
        placed = scheduled.get(consultation.committee.id) if consultation.committee is not None else None
        if placed is not None:
            consultation.meeting_id = placed.meeting_id
            consultation.meeting_date = placed.meeting_date
            consultation.agenda_item = placed.agenda_item


def delete_paper(uow_factory: UnitOfWorkFactory, reference: str) -> None:
    """Delete a Vorlage that was never released; released ones can only be withdrawn."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        if paper.status is not PaperStatus.DRAFT or any(s.decision is not None for s in paper.sign_offs):
            raise KimdeskError(
                f"Vorlage {paper.reference} ist „{paper.status.label}“ und kann nicht gelöscht werden; "
                "sie kann nur zurückgezogen werden."
            )
        blocker = agenda_blocker(uow, paper)
        if blocker:
            raise KimdeskError(blocker)
        uow.papers.delete(paper.id)
        uow.commit()


def deletion_blocker(uow_factory: UnitOfWorkFactory, reference: str) -> str | None:
    """Why the Vorlage cannot be deleted because it stands on an agenda (asked before "löschen?")."""
    with uow_factory() as uow:
        return agenda_blocker(uow, uow.papers.get_by_reference(reference))


def agenda_blocker(uow: UnitOfWork, paper: Paper) -> str | None:
    places = agenda_places(uow, paper.id)
    if not places:
        return None
    where = "; ".join(f"{m.title} am {m.date:%d.%m.%Y} ({item.label})" for m, item in places)
    return (
        f"Löschen: Vorlage {paper.reference} steht auf der Tagesordnung: {where}. "
        "Bitte sie erst in der Sitzung von der Tagesordnung nehmen."
    )


def agenda_places(uow: UnitOfWork, paper_id: uuid.UUID) -> list[tuple[Meeting, AgendaItem]]:
    """The meetings (and TOPs) whose agenda holds the Vorlage."""
    return [(m, item) for m in uow.meetings.list() if (item := m.item_for_paper(paper_id)) is not None]


def list_papers(uow_factory: UnitOfWorkFactory, query: PaperQuery) -> list[PaperSummary]:
    with uow_factory() as uow:
        uow.read_only()
        return uow.papers.query(query)


def count_papers(uow_factory: UnitOfWorkFactory, query: PaperQuery, at_most: int | None = None) -> int:
    with uow_factory() as uow:
        uow.read_only()
        return uow.papers.count(query, at_most)
