"""The Beratungsfolge meets the Sitzung: which Vorlagen an agenda is offered, and what a TOP writes back.

A Vorlage's Beratungsfolge names the bodies that deal with it; these rules find the step a meeting
deals with, offer its Vorlagen as agenda candidates, write meeting, day and TOP number into the step
and, once a result is recorded (:func:`kimdesk.domain.meeting.record_result`), fill the Beschlussvermerk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.model import Consultation, Paper, PaperStatus, ResolutionEntry


@dataclass(frozen=True, slots=True)
class AgendaCandidate:
    """A Vorlage whose Beratungsfolge sends it to this meeting (or to this body, meeting still open)."""

    paper: Paper
    consultation: Consultation
    on_agenda: bool

    @property
    def released(self) -> bool:
        return self.paper.status in (PaperStatus.RELEASED, PaperStatus.DECIDED)

    @property
    def mark(self) -> str:
        return "" if self.released else "nicht freigegeben"


def consultation_for(paper: Paper, meeting: Meeting) -> Consultation | None:
    """The step of the Beratungsfolge that this meeting deals with, if any.

    Assigned to this meeting beats the same body on the same day, which beats the body without a date.
    """
    best: tuple[int, Consultation] | None = None
    for consultation in paper.consultations:
        committee = consultation.committee
        if committee is None or committee.id != meeting.committee.id:
            continue
        if consultation.meeting_id == meeting.id:
            rank = 0
        elif consultation.meeting_id is not None:
            continue  # another meeting of the same body has it
        elif consultation.meeting_date == meeting.date:
            rank = 1
        elif consultation.meeting_date is None:
            rank = 2
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, consultation)
    return best[1] if best else None


def agenda_candidates(meeting: Meeting, papers: Iterable[Paper]) -> list[AgendaCandidate]:
    """Every Vorlage the Beratungsfolge sends to this meeting, by Vorlage Nr.; withdrawn ones are left out.

    Vorlagen already dealt with by this body (a Beschlussvermerk entry that concludes) are left out too,
    unless they are on this meeting's agenda.
    """
    candidates = []
    for paper in papers:
        if paper.status is PaperStatus.WITHDRAWN:
            continue
        consultation = consultation_for(paper, meeting)
        if consultation is None:
            continue
        on_agenda = meeting.item_for_paper(paper.id) is not None
        if not on_agenda and consultation.meeting_id is None and _already_decided(paper, meeting):
            continue
        candidates.append(AgendaCandidate(paper, consultation, on_agenda))
    candidates.sort(key=lambda c: _reference_key(c.paper.reference))
    return candidates


def _already_decided(paper: Paper, meeting: Meeting) -> bool:
    names = {meeting.committee.name}
    step = consultation_for(paper, meeting)
    if step is not None and step.committee is not None:
        names.add(step.committee.name)  # as the Vorlage names the body (kept past Entwurf)
    return any(entry.committee_name in names and entry.result for entry in paper.resolution_record)


def _reference_key(reference: str) -> tuple[tuple[int, str], ...]:
    parts = reference.replace("-", "/").split("/")
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in parts)


def item_for_candidate(candidate: AgendaCandidate) -> AgendaItem:
    """The TOP offered for a candidate: Betrifft as title, public as the Beratungsfolge says.

    Not known there (imported): nichtöffentlich, until the Sitzungsdienst decides otherwise.
    """
    return AgendaItem(
        title=candidate.paper.title or candidate.paper.reference,
        public=candidate.consultation.public is True,
        paper_id=candidate.paper.id,
    )


# -- assigning and results -------------------------------------------------------------------------


def assign_consultation(paper: Paper, meeting: Meeting, item: AgendaItem) -> Consultation:
    """Write meeting, day and TOP number into the Vorlage's Beratungsfolge.

    The public flag stays as the Vorlage has it: it is part of the signed content.
    """
    consultation = consultation_for(paper, meeting)
    if consultation is None:
        raise ValidationError(
            f"Beratungsfolge: Vorlage {paper.reference} nennt den {meeting.committee.name} nicht "
            "oder ist dort schon einer anderen Sitzung zugeordnet."
        )
    consultation.meeting_id = meeting.id
    consultation.meeting_date = meeting.date
    consultation.agenda_item = item.number
    return consultation


def release_consultation(paper: Paper, meeting: Meeting, later: Meeting | None = None) -> None:
    """Take the Vorlage off this meeting: to ``later`` if given, else back to "no meeting yet"."""
    for consultation in paper.consultations:
        if consultation.meeting_id == meeting.id:
            consultation.meeting_id = later.id if later else None
            consultation.meeting_date = later.date if later else None
            consultation.agenda_item = ""


def apply_result_to_paper(
    paper: Paper, meeting: Meeting, item: AgendaItem, later: Meeting | None = None
) -> None:
    """Fill the Beschlussvermerk (or, for vertagt/abgesetzt, move the Beratung on).

    The Vorlage counts as beschlossen once the deciding body (or the last one of the Beratungsfolge)
    has concluded it.
    """
    if item.result is None:
        return
    # The body as this Vorlage names it: past Entwurf it keeps the name it was signed with (a rename of
    # the body since then does not split its Beratungsfolge from its Beschlussvermerk).
    step = consultation_for(paper, meeting)
    body = step.committee.name if step is not None and step.committee is not None else meeting.committee.name
    key = (body, meeting.date)
    paper.resolution_record = [
        e for e in paper.resolution_record if (e.committee_name, e.meeting_date) != key
    ]
    if not item.result.concludes:
        release_consultation(paper, meeting, later)
        if paper.status is PaperStatus.DECIDED:
            paper.status = PaperStatus.RELEASED
        return
    paper.resolution_record.append(
        ResolutionEntry(
            committee_name=body,
            meeting_date=meeting.date,
            non_public=not item.public,
            result=item.result.label,
            text=item.resolution_text or paper.draft_resolution.plain_text(),
        )
    )
    consultation = step
    if consultation is None:
        return
    # A result corrected from vertagt back to a decision brings the Beratung back to this meeting.
    assign_consultation(paper, meeting, item)
    is_last = consultation is paper.consultations[-1]
    if (consultation.authoritative or is_last) and paper.status is PaperStatus.RELEASED:
        paper.status = PaperStatus.DECIDED


def as_on_agenda(paper: Paper, meeting: Meeting, item: AgendaItem) -> Paper:
    """A copy of ``paper`` as the meeting's packet prints it: the step of the Beratungsfolge this meeting
    deals with (else the first) is public or not as the TOP is, whatever the Vorlage itself says — a
    Vorlage moved to the non-public part reads „nichtöffentliche Sitzung“. ``paper`` stays as it is."""
    chosen = consultation_for(paper, meeting) or paper.lead_consultation
    steps = [replace(c, public=item.public) if c is chosen else c for c in paper.consultations]
    return replace(paper, consultations=steps)
