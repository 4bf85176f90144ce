"""The agenda rules: public part first, automatic numbering, candidates from the Beratungsfolge, results."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kimdesk.domain.consultations import (
    agenda_candidates,
    apply_result_to_paper,
    assign_consultation,
    item_for_candidate,
)
from kimdesk.domain.errors import ValidationError, WorkflowError
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.meeting import AgendaItem, AgendaResult, Meeting, MeetingState, new_meeting, record_result
from kimdesk.domain.model import Consultation, ConsultationRole, Paper, PaperStatus
from kimdesk.domain.timezone import BERLIN
from tests.meetings.conftest import DemoData


def meeting_with(*titles: str, public: tuple[bool, ...] = (), sub_items: tuple[str, ...] = ()) -> Meeting:
    """A meeting with these TOPs in order; titles in ``sub_items`` are added as sub-items (level 1)."""
    meeting = Meeting(
        Organization("Integrationsrat", short_name="IR"), datetime(2030, 1, 9, 17, tzinfo=BERLIN)
    )
    for index, title in enumerate(titles):
        level = 1 if title in sub_items else 0
        meeting.add_item(AgendaItem(title, public=public[index] if public else True, level=level))
    return meeting


def numbers(meeting: Meeting) -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in meeting.items]


def test_non_public_items_come_after_the_public_part_and_numbering_runs_on() -> None:
    meeting = meeting_with("Eröffnung", "Personalsache", "Mitteilungen", public=(True, False, True))
    assert numbers(meeting) == [("1", "Eröffnung"), ("2", "Mitteilungen"), ("3", "Personalsache")]
    assert [i.order for i in meeting.items] == [1, 2, 3]
    meeting.add_item(AgendaItem("Anfragen"))
    assert numbers(meeting)[-2:] == [("3", "Anfragen"), ("4", "Personalsache")]


def test_moving_an_item_renumbers_without_gaps_and_keeps_its_result() -> None:
    meeting = meeting_with("A", "B", "C", "D")
    d = meeting.items[3]
    d.result = AgendaResult.NOTED
    meeting.move_item(d.id, 0)
    assert numbers(meeting) == [("1", "D"), ("2", "A"), ("3", "B"), ("4", "C")]
    assert meeting.item_by_number("1").result is AgendaResult.NOTED


def test_moving_inside_the_non_public_part_leaves_public_numbers_alone() -> None:
    meeting = meeting_with("A", "B", "X", "Y", public=(True, True, False, False))
    before = {i.title: i.number for i in meeting.public_items}
    meeting.move_item(meeting.items[3].id, 2)
    assert {i.title: i.number for i in meeting.public_items} == before
    assert numbers(meeting)[2:] == [("3", "Y"), ("4", "X")]


def test_a_public_item_dropped_among_non_public_ones_stays_public() -> None:
    meeting = meeting_with("A", "B", "X", "Y", public=(True, True, False, False))
    meeting.move_item(meeting.items[0].id, 3)
    assert [(i.title, i.public) for i in meeting.items] == [
        ("B", True),
        ("A", True),
        ("X", False),
        ("Y", False),
    ]


def test_sub_items_are_numbered_4_1_and_move_with_their_item() -> None:
    meeting = meeting_with("A", "B", "C", "D", "D-Bericht", "D-Antrag", sub_items=("D-Bericht", "D-Antrag"))
    assert numbers(meeting)[3:] == [("4", "D"), ("4.1", "D-Bericht"), ("4.2", "D-Antrag")]
    meeting.move_item(meeting.items[3].id, 1)
    assert numbers(meeting) == [
        ("1", "A"),
        ("2", "D"),
        ("2.1", "D-Bericht"),
        ("2.2", "D-Antrag"),
        ("3", "B"),
        ("4", "C"),
    ]
    removed = meeting.remove_item(meeting.item_by_number("2").id)
    assert [i.title for i in removed] == ["D", "D-Bericht", "D-Antrag"]
    assert numbers(meeting) == [("1", "A"), ("2", "B"), ("3", "C")]


def test_a_sub_item_without_an_item_above_becomes_an_item() -> None:
    meeting = meeting_with("A", sub_items=("A",))
    assert numbers(meeting) == [("1", "A")]


def test_the_same_vorlage_cannot_be_on_the_agenda_twice(demo: DemoData) -> None:
    seed = demo.papers["20/0270"]
    meeting = meeting_with("A")
    meeting.add_item(AgendaItem(seed.title, paper_id=seed.id))
    with pytest.raises(ValidationError, match="schon auf der Tagesordnung"):
        meeting.add_item(AgendaItem(seed.title, paper_id=seed.id))


def test_a_held_meeting_keeps_its_decided_tops_and_a_closed_one_is_read_only(demo: DemoData) -> None:
    held = demo.held
    held.add_item(AgendaItem("Dringlichkeitsvorlage"))  # the body changed its agenda in the meeting
    decided = held.item_by_number("4")
    with pytest.raises(WorkflowError, match="TOP 4 hat schon ein Ergebnis"):
        held.remove_item(decided.id)
    with pytest.raises(WorkflowError, match="TOP 4 hat schon ein Ergebnis"):
        held.set_public(decided.id, False)
    held.state = MeetingState.CLOSED
    with pytest.raises(WorkflowError, match="abgeschlossen"):
        held.add_item(AgendaItem("Nachtrag"))


def test_a_meeting_needs_a_time_zone_and_an_end_after_the_start() -> None:
    committee = Organization("Rat")
    with pytest.raises(ValidationError, match="Beginn"):
        new_meeting(committee, datetime(2030, 1, 1, 17))
    start = datetime(2030, 1, 1, 17, tzinfo=BERLIN)
    with pytest.raises(ValidationError, match="Ende"):
        new_meeting(committee, start, end=start - timedelta(hours=1))
    assert new_meeting(committee, start).short_id == "Rat-2030-01-01"


def test_the_short_id_uses_the_berlin_day() -> None:
    late = datetime(2020, 9, 8, 22, 30, tzinfo=UTC)  # 00:30 on 09.09. in Berlin
    meeting = Meeting(Organization("Integrationsrat", short_name="IR"), late)
    assert meeting.short_id == "IR-2020-09-09"


# -- candidates ---------------------------------------------------------------------------------------


def test_candidates_come_from_the_beratungsfolge_and_mark_unreleased_ones(demo: DemoData) -> None:
    candidates = agenda_candidates(demo.planned, demo.papers.values())
    by_ref = {c.paper.reference: c for c in candidates}
    # 20/0311 is assigned to this meeting, 20/0325 names the Integrationsrat without a date yet, the KIM
    # application 20/0340 names this meeting's day.
    assert list(by_ref) == ["20/0311", "20/0325", "20/0340"]
    assert by_ref["20/0311"].on_agenda and not by_ref["20/0325"].on_agenda
    assert by_ref["20/0325"].mark == "nicht freigegeben"
    # 20/0270 belongs to the meeting of 09.09.2020, the HFA's Vorlagen are not the Integrationsrat's.
    assert "20/0270" not in by_ref


def test_a_vorlage_dated_for_the_meeting_day_is_offered_and_released_ones_are_unmarked(
    demo: DemoData,
) -> None:
    council = demo.orgs["integration_council"]
    meeting = Meeting(council, datetime(2021, 3, 3, 17, tzinfo=BERLIN))
    dated = Paper(
        title="Dated",
        reference="21/0001",
        status=PaperStatus.RELEASED,
        consultations=[Consultation(council, meeting_date=date(2021, 3, 3))],
    )
    other_day = Paper(
        title="Other day",
        reference="21/0002",
        consultations=[Consultation(council, meeting_date=date(2021, 5, 5))],
    )
    withdrawn = Paper(
        title="Withdrawn",
        reference="21/0003",
        status=PaperStatus.WITHDRAWN,
        consultations=[Consultation(council)],
    )
    candidates = agenda_candidates(meeting, [other_day, dated, withdrawn])
    assert [c.paper.reference for c in candidates] == ["21/0001"]
    assert candidates[0].released and candidates[0].mark == ""


def test_a_candidate_becomes_an_item_with_the_public_flag_of_the_beratungsfolge(demo: DemoData) -> None:
    council = demo.orgs["integration_council"]
    meeting = Meeting(council, datetime(2021, 3, 3, 17, tzinfo=BERLIN))
    paper = Paper(title="Personal", reference="21/0009", consultations=[Consultation(council, public=False)])
    item = meeting.add_item(item_for_candidate(agenda_candidates(meeting, [paper])[0]))
    assert not item.public and item.title == "Personal"
    consultation = assign_consultation(paper, meeting, item)
    assert (consultation.meeting_id, consultation.meeting_date, consultation.agenda_item) == (
        meeting.id,
        date(2021, 3, 3),
        "1",
    )


# -- results ------------------------------------------------------------------------------------------


def test_the_demo_meeting_filled_the_beschlussvermerk(demo: DemoData) -> None:
    seed = demo.papers["20/0270"]
    assert demo.held.item_by_number("4").paper_id == seed.id
    [entry] = seed.resolution_record
    assert (entry.committee_name, entry.meeting_date, entry.result) == (
        "Integrationsrat",
        date(2020, 9, 9),
        "zur Kenntnis genommen",
    )
    assert entry.text == "Der Integrationsrat nimmt den Bericht der Verwaltung zur Kenntnis."
    assert seed.status is PaperStatus.DECIDED
    assert demo.papers["20/0281"].resolution_record[0].non_public


def test_vertagt_moves_the_beratung_to_the_later_meeting(demo: DemoData) -> None:
    council = demo.orgs["integration_council"]
    first = Meeting(council, datetime(2020, 1, 15, 17, tzinfo=BERLIN))
    later = Meeting(council, datetime(2020, 3, 4, 17, tzinfo=BERLIN))
    paper = Paper(
        title="Zuschuss",
        reference="20/0001",
        status=PaperStatus.RELEASED,
        consultations=[
            Consultation(council, ConsultationRole.PRELIMINARY),
            Consultation(demo.orgs["council"], ConsultationRole.DECISION),
        ],
    )
    item = first.add_item(item_for_candidate(agenda_candidates(first, [paper])[0]))
    assign_consultation(paper, first, item)
    record_result(first, item.id, AgendaResult.DEFERRED)
    apply_result_to_paper(paper, first, item, later)
    assert first.state is MeetingState.HELD
    assert paper.consultations[0].meeting_id == later.id
    assert paper.consultations[0].meeting_date == date(2020, 3, 4)
    assert paper.resolution_record == [] and paper.status is PaperStatus.RELEASED
    assert [c.paper.reference for c in agenda_candidates(later, [paper])] == ["20/0001"]
    # A Vorberatung concluded does not decide the Vorlage: the Rat still has to.
    later_item = later.add_item(item_for_candidate(agenda_candidates(later, [paper])[0]))
    assign_consultation(paper, later, later_item)
    record_result(later, later_item.id, AgendaResult.MAJORITY, "Empfehlung an den Rat.")
    apply_result_to_paper(paper, later, later_item)
    assert paper.status is PaperStatus.RELEASED
    assert paper.resolution_record[0].result == "mehrheitlich beschlossen"
    assert paper.resolution_record[0].text == "Empfehlung an den Rat."


def test_no_results_for_a_cancelled_or_future_meeting() -> None:
    meeting = meeting_with("A")
    with pytest.raises(WorkflowError, match="noch nicht stattgefunden"):
        record_result(meeting, meeting.items[0].id, AgendaResult.NOTED)
    meeting.state = MeetingState.CANCELLED
    with pytest.raises(WorkflowError, match="abgesagt"):
        record_result(meeting, meeting.items[0].id, AgendaResult.NOTED)


def test_results_and_states_are_read_from_german_labels() -> None:
    assert AgendaResult.parse("Einstimmig  beschlossen") is AgendaResult.UNANIMOUS
    assert AgendaResult.parse("vertagt") is AgendaResult.DEFERRED
    assert MeetingState.parse("durchgeführt") is MeetingState.HELD
    with pytest.raises(ValidationError, match="Ergebnis: „vielleicht“ ist unbekannt"):
        AgendaResult.parse("vielleicht")


# -- property: whatever the clerk does, the agenda stays well-formed -------------------------------

operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "public", "remove"]),
        st.integers(0, 12),
        st.integers(0, 12),
        st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_any_sequence_of_edits_keeps_the_agenda_well_formed(ops: list[tuple[str, int, int, bool]]) -> None:
    meeting = meeting_with("A", "B", "C")
    serial = 0
    for op, a, b, flag in ops:
        items = meeting.items
        if op == "add":
            serial += 1
            meeting.add_item(AgendaItem(f"N{serial}", public=flag, level=int(flag)), b if a % 2 else None)
        elif items and op == "move":
            meeting.move_item(items[a % len(items)].id, b)
        elif items and op == "public":
            meeting.set_public(items[a % len(items)].id, flag)
        elif items and op == "remove":
            meeting.remove_item(items[a % len(items)].id)
    items = meeting.items
    publics = [i.public for i in items]
    assert publics == sorted(publics, reverse=True), "public part first"
    assert [i.order for i in items] == list(range(1, len(items) + 1))
    expected_main = 0
    expected_sub = 0
    for index, item in enumerate(items):
        if item.level == 0:
            expected_main += 1
            expected_sub = 0
            assert item.number == str(expected_main)
        else:
            expected_sub += 1
            assert item.number == f"{expected_main}.{expected_sub}"
            assert index > 0 and items[index - 1].public == item.public
    assert len({i.number for i in items}) == len(items)


def test_a_result_names_the_body_as_the_vorlage_does_after_a_rename() -> None:
    """The Integrationsrat was renamed after the Vorlage entered Mitzeichnung: the Vorlage keeps the name it
    was signed with, and its Beschlussvermerk says the same (the form prints its genitive from there)."""
    renamed = Organization("Ausländerbeirat", short_name="AB")
    kept = Organization("Integrationsrat", short_name="IR", name_genitive="Integrationsrates", id=renamed.id)
    meeting = Meeting(renamed, datetime(2020, 1, 9, 17, tzinfo=BERLIN))
    paper = Paper(
        title="Zuschuss",
        reference="20/0001",
        status=PaperStatus.RELEASED,
        consultations=[Consultation(kept, ConsultationRole.DECISION)],
    )
    item = meeting.add_item(item_for_candidate(agenda_candidates(meeting, [paper])[0]))
    assign_consultation(paper, meeting, item)
    record_result(meeting, item.id, AgendaResult.UNANIMOUS)
    apply_result_to_paper(paper, meeting, item)
    assert [e.committee_name for e in paper.resolution_record] == ["Integrationsrat"]
    assert paper.status is PaperStatus.DECIDED
    apply_result_to_paper(paper, meeting, item)  # entered again (a correction): replaced, not doubled
    assert len(paper.resolution_record) == 1
