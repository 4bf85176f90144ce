"""Use cases of a meeting's life: edit and move it, invite, held, close, cancel; the office's Ladungsfrist;
the per-Gremium standard agenda. (Create, agenda and results: services.meetings.)"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from kimdesk.domain import meeting_cycle as cycle
from kimdesk.domain.errors import ValidationError
from kimdesk.domain.meeting import Meeting, MeetingState
from kimdesk.domain.meeting_cycle import DEFAULT_NOTICE_DAYS, DEFAULT_STANDARD_AGENDA, StandardItem
from kimdesk.services.meetings import check_free_day, set_meeting_state, sync_and_save
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

NOTICE_DAYS_KEY = "meetings:notice_days"
STANDARD_AGENDA_KEY = "meetings:standard_agenda:"


@dataclass(frozen=True, slots=True)
class MeetingDetails:
    """What the meeting dialog edits."""

    start: datetime
    end: datetime | None = None
    location: str = ""
    name: str = ""
    chair: str = ""
    invitation_text: str = ""


def edit_meeting(uow_factory: UnitOfWorkFactory, meeting: Meeting, details: MeetingDetails) -> Meeting:
    """Save the dialog's details; a new day or time moves the meeting (the agenda and its Vorlagen follow).

    ``meeting`` is the version the clerk saw: ConflictError when someone saved it in between.
    """
    with uow_factory() as uow:
        stored = uow.meetings.get(meeting.id)
        stored.version = meeting.version
        if details.start != stored.start or details.end != stored.end:
            cycle.reschedule(stored, details.start, details.end)
            check_free_day(uow, stored)
        cycle.edit_details(
            stored,
            location=details.location,
            name=details.name,
            chair=details.chair,
            invitation_text=details.invitation_text,
        )
        if stored.agenda_editable:
            sync_and_save(uow, stored)  # the Vorlagen' Beratungsfolge gets the new day
        else:
            uow.meetings.update(stored)
        uow.commit()
        return stored


def invite_meeting(
    uow_factory: UnitOfWorkFactory, meeting_id: uuid.UUID, now: datetime | None = None
) -> Meeting:
    with uow_factory() as uow:
        meeting = uow.meetings.get(meeting_id)
        cycle.invite(meeting, now)
        uow.meetings.update(meeting)
        uow.commit()
        return meeting


def change_meeting_state(
    uow_factory: UnitOfWorkFactory, meeting_id: uuid.UUID, state: MeetingState, *, reason: str = ""
) -> Meeting:
    """Held, closed or cancelled (with reason; its Vorlagen are offered again)."""
    if state is MeetingState.CANCELLED and not reason.strip():
        raise ValidationError("Grund der Absage: Bitte angeben, warum die Sitzung abgesagt wird.")
    return set_meeting_state(uow_factory, str(meeting_id), state, reason=reason)


# -- Ladungsfrist ------------------------------------------------------------------------------------


def notice_days(uow_factory: UnitOfWorkFactory) -> int:
    """The office's Ladungsfrist in days (default 7)."""
    with uow_factory() as uow:
        return _notice_days(uow)


def _notice_days(uow: UnitOfWork) -> int:
    stored = uow.settings.get(NOTICE_DAYS_KEY)
    days = stored.get("days") if isinstance(stored, dict) else None
    return days if isinstance(days, int) else DEFAULT_NOTICE_DAYS


def set_notice_days(uow_factory: UnitOfWorkFactory, days: int) -> int:
    cycle.check_notice_days(days)
    with uow_factory() as uow:
        uow.settings.put(NOTICE_DAYS_KEY, {"days": days})
        uow.commit()
    return days


# -- standard agenda ---------------------------------------------------------------------------------


def standard_agenda(uow_factory: UnitOfWorkFactory, committee_id: uuid.UUID) -> list[StandardItem]:
    """The Gremium's standard agenda (the office default until one is saved)."""
    with uow_factory() as uow:
        return _standard_agenda(uow, committee_id)


def _standard_agenda(uow: UnitOfWork, committee_id: uuid.UUID) -> list[StandardItem]:
    stored = uow.settings.get(STANDARD_AGENDA_KEY + str(committee_id))
    if not isinstance(stored, list):
        return list(DEFAULT_STANDARD_AGENDA)
    return [
        StandardItem(str(i["title"]), bool(i.get("public", True)), bool(i.get("after_papers", False)))
        for i in stored
        if isinstance(i, dict) and i.get("title")
    ]


def set_standard_agenda(
    uow_factory: UnitOfWorkFactory, committee_id: uuid.UUID, items: list[StandardItem]
) -> list[StandardItem]:
    with uow_factory() as uow:
        uow.organizations.get(committee_id)  # NotFoundError for a Gremium that is gone
        uow.settings.put(
            STANDARD_AGENDA_KEY + str(committee_id),
            [{"title": i.title, "public": i.public, "after_papers": i.after_papers} for i in items],
        )
        uow.commit()
    return items


def add_standard_items(uow_factory: UnitOfWorkFactory, meeting: Meeting) -> Meeting:
    """Put the Gremium's standard items on the agenda of ``meeting`` (the version the clerk saw)."""
    with uow_factory() as uow:
        stored = uow.meetings.get(meeting.id)
        stored.version = meeting.version
        cycle.apply_standard_agenda(stored, _standard_agenda(uow, stored.committee.id))
        sync_and_save(uow, stored)
        uow.commit()
        return stored


def draft_resolution(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID | None) -> str:
    """The Beschlussentwurf the results dialog starts from (empty for a TOP without Vorlage)."""
    if paper_id is None:
        return ""
    with uow_factory() as uow:
        return uow.papers.get(paper_id).draft_resolution.plain_text()
