"""A meeting's life on SQLite and PostgreSQL: create with Vorsitz and invitation text, move (the Vorlagen
follow), invite (when, Ladungsfrist), held, close, cancel with reason; standard agenda per Gremium;
a Vorlage on an agenda cannot be deleted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from kimdesk.domain import meeting_cycle as cycle
from kimdesk.domain.errors import KimdeskError, ValidationError, WorkflowError
from kimdesk.domain.meeting import AgendaItem, AgendaResult, MeetingState, new_meeting, results_refusal
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.services.papers import delete_paper, get_paper

UowFactory = Callable[[], Any]


@pytest.fixture
def office(uow_factory: UowFactory) -> UowFactory:
    from kimdesk.services.demo import load_full_demo

    load_full_demo(uow_factory)
    return uow_factory


def future(day: int = 2) -> datetime:
    return datetime(2031, 3, day, 17, tzinfo=BERLIN)


def test_a_new_meeting_keeps_chair_and_invitation_text_and_moving_it_moves_its_vorlagen(
    office: UowFactory,
) -> None:
    meeting = svc.create_meeting(
        office,
        "IR",
        future(),
        location="Rathaus",
        chair="Frau Yılmaz",
        invitation_text="Zur Sitzung lade ich ein.",
    )
    stored = svc.get_meeting(office, meeting.short_id)
    assert (stored.chair, stored.invitation_text, stored.state) == (
        "Frau Yılmaz",
        "Zur Sitzung lade ich ein.",
        MeetingState.PLANNED,
    )
    svc.add_to_agenda(office, meeting.short_id, reference="20/0325")
    moved = cycle_svc.edit_meeting(
        office,
        svc.get_meeting(office, meeting.short_id),
        cycle_svc.MeetingDetails(start=future(9), location="Bürgerhaus", chair="Herr Peters"),
    )
    assert moved.short_id == "IR-2031-03-09" and moved.location == "Bürgerhaus"
    assert moved.items[0].title.startswith("Bericht über die Arbeit")  # the agenda stays
    consultation = get_paper(office, "20/0325").consultations[0]
    assert consultation.meeting_date == date(2031, 3, 9) and consultation.agenda_item == "1"
    # Another meeting on that day: refused, naming the field.
    other = svc.create_meeting(office, "IR", future(16))
    with pytest.raises(ValidationError, match=r"^Datum: .*schon eine Sitzung"):
        cycle_svc.edit_meeting(office, other, cycle_svc.MeetingDetails(start=future(9)))


def test_states_allow_what_they_should(office: UowFactory) -> None:
    meeting = svc.create_meeting(office, "IR", future())
    with pytest.raises(WorkflowError, match=r"Tagesordnung .* ist leer"):
        cycle_svc.invite_meeting(office, meeting.id)
    svc.add_to_agenda(office, meeting.short_id, reference="20/0325")
    sent = datetime(2031, 2, 25, 9, tzinfo=BERLIN)
    invited = cycle_svc.invite_meeting(office, meeting.id, now=sent)
    assert invited.state is MeetingState.INVITED and invited.invited_at == sent
    assert svc.get_meeting(office, meeting.short_id).invited_at == sent
    assert cycle.invitation_late(invited, 7) and not cycle.invitation_late(invited, 5)
    # The meeting lies ahead: not held, no results (the refusal is known before anything is typed).
    with pytest.raises(WorkflowError, match=r"Durchgeführt: .* hat noch nicht stattgefunden"):
        cycle_svc.change_meeting_state(office, meeting.id, MeetingState.HELD)
    assert results_refusal(invited) is not None and "noch nicht stattgefunden" in str(
        results_refusal(invited)
    )
    with pytest.raises(ValidationError, match="Grund der Absage"):
        cycle_svc.change_meeting_state(office, meeting.id, MeetingState.CANCELLED)
    cancelled = cycle_svc.change_meeting_state(office, meeting.id, MeetingState.CANCELLED, reason="Krankheit")
    assert cancelled.state is MeetingState.CANCELLED and cancelled.cancel_reason == "Krankheit"
    assert get_paper(office, "20/0325").consultations[0].meeting_id is None  # offered again
    with pytest.raises(WorkflowError, match=r"Verlegen: .* „abgesagt“"):
        cycle_svc.edit_meeting(office, cancelled, cycle_svc.MeetingDetails(start=future(20)))


def test_a_held_meeting_is_closed_only_with_every_result(office: UowFactory) -> None:
    past = svc.get_meeting(office, "IR-2020-11-04")  # planned, but its day has passed
    cycle_svc.change_meeting_state(office, past.id, MeetingState.HELD)
    with pytest.raises(WorkflowError, match="Abschließen: Für TOP 2 ist noch kein Ergebnis"):
        cycle_svc.change_meeting_state(office, past.id, MeetingState.CLOSED)
    svc.enter_result(office, "IR-2020-11-04", "2", AgendaResult.MAJORITY, "Empfehlung.")
    closed = cycle_svc.change_meeting_state(office, past.id, MeetingState.CLOSED)
    assert closed.state is MeetingState.CLOSED
    assert results_refusal(closed) == (
        "Ergebnis: Die Sitzung des Integrationsrates am 04.11.2020 ist abgeschlossen; "
        "die Ergebnisse können nicht mehr geändert werden."
    )
    with pytest.raises(WorkflowError, match="abgeschlossen"):
        svc.enter_result(office, "IR-2020-11-04", "2", AgendaResult.REJECTED)
    with pytest.raises(WorkflowError, match=r"Tagesordnung: .* „abgeschlossen“"):
        svc.add_to_agenda(office, "IR-2020-11-04", title="Nachtrag")
    # The CLI's state command goes through the same checks.
    with pytest.raises(WorkflowError, match="kann nicht wieder „geplant“ werden"):
        svc.set_meeting_state(office, "IR-2020-11-04", MeetingState.PLANNED)


def test_the_ladungsfrist_is_an_office_setting(office: UowFactory) -> None:
    assert cycle_svc.notice_days(office) == 7
    cycle_svc.set_notice_days(office, 14)
    assert cycle_svc.notice_days(office) == 14
    with pytest.raises(ValidationError, match=r"^Ladungsfrist: 90 Tage"):
        cycle_svc.set_notice_days(office, 90)
    meeting = svc.get_meeting(office, "IR-2020-11-04")
    assert cycle.notice_deadline(meeting, 14) == date(2020, 10, 21)


def test_the_standard_agenda_is_stored_per_gremium_and_put_around_the_vorlagen(office: UowFactory) -> None:
    meeting = svc.create_meeting(office, "IR", future())
    svc.add_to_agenda(office, meeting.short_id, reference="20/0325")
    committee = meeting.committee.id
    assert cycle_svc.standard_agenda(office, committee) == list(cycle.DEFAULT_STANDARD_AGENDA)
    text = "Eröffnung\nFeststellung der Tagesordnung\n[Vorlagen]\nMitteilungen\nnö: Anfragen"
    cycle_svc.set_standard_agenda(office, committee, cycle.parse_standard_agenda(text))
    assert cycle.standard_agenda_text(cycle_svc.standard_agenda(office, committee)) == text
    # other Gremien keep the default
    with office() as uow:
        rat = uow.organizations.find("Rat")
    assert cycle_svc.standard_agenda(office, rat.id) == list(cycle.DEFAULT_STANDARD_AGENDA)
    stored = cycle_svc.add_standard_items(office, svc.get_meeting(office, meeting.short_id))
    assert [(i.number, i.title, i.public) for i in stored.items] == [
        ("1", "Eröffnung", True),
        ("2", "Feststellung der Tagesordnung", True),
        ("3", "Bericht über die Arbeit des Kommunalen Integrationszentrums 2019/2020", True),
        ("4", "Mitteilungen", True),
        ("5", "Anfragen", False),
    ]
    assert get_paper(office, "20/0325").consultations[0].agenda_item == "3"
    again = cycle_svc.add_standard_items(office, stored)  # nothing twice
    assert len(again.items) == 5


def test_a_vorlage_on_an_agenda_cannot_be_deleted(office: UowFactory) -> None:
    svc.add_to_agenda(office, "IR-2020-11-04", reference="20/0340")
    with pytest.raises(KimdeskError, match=r"Sitzung des Integrationsrates am 04\.11\.2020 \(TOP 3\)"):
        delete_paper(office, "20/0340")
    assert get_paper(office, "20/0340").reference == "20/0340"
    svc.remove_from_agenda(office, "IR-2020-11-04", "3")
    delete_paper(office, "20/0340")


def test_domain_sub_items_and_steps() -> None:
    from tests.demo_data import demo_organizations

    meeting = new_meeting(demo_organizations()["integration_council"], future())
    for title in ("A", "B", "C", "D"):
        meeting.add_item(AgendaItem(title=title))
    meeting.set_level(meeting.items[2].id, 1)  # C becomes 2.1
    assert [i.number for i in meeting.items] == ["1", "2", "2.1", "3"]
    b = meeting.items[1].id
    meeting.move_item(b, meeting.step_target(b, 1))  # B with its sub-item past D
    assert [(i.number, i.title) for i in meeting.items] == [("1", "A"), ("2", "D"), ("3", "B"), ("3.1", "C")]
    meeting.move_item(b, meeting.step_target(b, -1))
    assert [i.title for i in meeting.items] == ["A", "B", "C", "D"]
