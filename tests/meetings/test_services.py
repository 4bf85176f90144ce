"""Meeting use cases on a real (SQLite) database: agenda ↔ Beratungsfolge stay in step, results, Anlagen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.errors import NotFoundError, ValidationError
from kimdesk.domain.meeting import AgendaResult, MeetingState
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import attachments as anlagen
from kimdesk.services import meetings as svc
from kimdesk.services.attachment_edits import remove_anlage_by_name
from kimdesk.services.papers import get_paper
from tests.meetings.pdfs import tiny_pdf

UowFactory = Callable[[], Any]


@pytest.fixture
def uow(demo_uow: UowFactory) -> UowFactory:
    return demo_uow


def later_meeting(uow: UowFactory) -> str:
    meeting = svc.create_meeting(
        uow, "IR", datetime(2020, 12, 2, 17, tzinfo=BERLIN), location="Rathaus, Raum 214"
    )
    return meeting.short_id


def test_a_meeting_is_found_by_short_id_or_uuid(uow: UowFactory) -> None:
    by_short = svc.get_meeting(uow, "IR-2020-09-09")
    assert svc.get_meeting(uow, str(by_short.id)) == by_short
    assert svc.get_meeting(uow, "Integrationsrat-2020-09-09") == by_short
    with pytest.raises(NotFoundError, match="„IR-2021-01-01“ gibt es nicht"):
        svc.get_meeting(uow, "IR-2021-01-01")
    with pytest.raises(NotFoundError, match="keine Sitzungskennung"):
        svc.get_meeting(uow, "Integrationsrat")


def test_one_meeting_per_body_and_day(uow: UowFactory) -> None:
    with pytest.raises(ValidationError, match="schon eine Sitzung"):
        svc.create_meeting(uow, "Integrationsrat", datetime(2020, 9, 9, 10, tzinfo=BERLIN))
    with pytest.raises(NotFoundError, match="Gremium: „Sportausschuss“ gibt es nicht"):
        svc.create_meeting(uow, "Sportausschuss", datetime(2020, 9, 9, 10, tzinfo=BERLIN))


def test_putting_a_vorlage_on_the_agenda_writes_the_top_into_its_beratungsfolge(uow: UowFactory) -> None:
    svc.add_to_agenda(uow, "IR-2020-11-04", reference="20/0325")
    consultation = get_paper(uow, "20/0325").consultations[0]
    meeting = svc.get_meeting(uow, "IR-2020-11-04")
    assert (consultation.meeting_id, consultation.agenda_item) == (meeting.id, "3")
    assert consultation.meeting_date is not None and consultation.meeting_date.isoformat() == "2020-11-04"
    # Moving it to the top renumbers every Vorlage on the agenda.
    svc.move_agenda_item(uow, "IR-2020-11-04", "3", 1)
    assert get_paper(uow, "20/0325").consultations[0].agenda_item == "1"
    assert get_paper(uow, "20/0311").consultations[0].agenda_item == "3"
    # Taking it off sends it back to "no meeting yet": it is offered again.
    svc.remove_from_agenda(uow, "IR-2020-11-04", "1")
    consultation = get_paper(uow, "20/0325").consultations[0]
    assert (consultation.meeting_id, consultation.meeting_date, consultation.agenda_item) == (None, None, "")
    refs = [c.paper.reference for c in svc.list_candidates(uow, "IR-2020-11-04")]
    assert refs == ["20/0311", "20/0325", "20/0340"]


def test_a_vorlage_outside_the_beratungsfolge_is_refused_with_a_reason(uow: UowFactory) -> None:
    with pytest.raises(ValidationError, match="Vorlage 20/0270 ist nicht für den Integrationsrat"):
        svc.add_to_agenda(uow, "IR-2020-11-04", reference="20/0270")


def test_plain_items_and_non_public_items(uow: UowFactory) -> None:
    svc.add_to_agenda(uow, "IR-2020-11-04", title="Personalangelegenheiten", public=False)
    svc.add_to_agenda(uow, "IR-2020-11-04", title="Mitteilungen der Verwaltung")
    meeting = svc.get_meeting(uow, "IR-2020-11-04")
    assert [(i.number, i.title, i.public) for i in meeting.items][2:] == [
        ("3", "Mitteilungen der Verwaltung", True),
        ("4", "Personalangelegenheiten", False),
    ]


def test_vertagt_moves_the_vorlage_to_the_later_meeting(uow: UowFactory) -> None:
    later = later_meeting(uow)
    item = svc.enter_result(uow, "IR-2020-11-04", "2", AgendaResult.DEFERRED, deferred_to=later)
    assert item.result is AgendaResult.DEFERRED
    assert svc.get_meeting(uow, "IR-2020-11-04").state is MeetingState.HELD
    consultation = get_paper(uow, "20/0311").consultations[0]
    assert consultation.meeting_id == svc.get_meeting(uow, later).id
    assert consultation.agenda_item == ""
    assert [c.paper.reference for c in svc.list_candidates(uow, later)] == ["20/0311", "20/0325"]
    with pytest.raises(ValidationError, match="keine spätere Sitzung"):
        svc.enter_result(uow, "IR-2020-11-04", "2", AgendaResult.DEFERRED, deferred_to="IR-2020-09-09")


def test_a_result_fills_the_beschlussvermerk(uow: UowFactory) -> None:
    svc.enter_result(uow, "IR-2020-11-04", "2", AgendaResult.MAJORITY, "Empfehlung an HFA und Rat.")
    record = get_paper(uow, "20/0311").resolution_record
    assert [(r.committee_name, r.result, r.text) for r in record] == [
        ("Integrationsrat", "mehrheitlich beschlossen", "Empfehlung an HFA und Rat.")
    ]
    # Vorberatung only: the Vorlage is not decided yet.
    assert get_paper(uow, "20/0311").status is not PaperStatus.DECIDED


def test_cancelling_a_meeting_offers_its_vorlagen_again(uow: UowFactory) -> None:
    svc.set_meeting_state(uow, "IR-2020-11-04", MeetingState.CANCELLED)
    assert get_paper(uow, "20/0311").consultations[0].meeting_id is None
    later = later_meeting(uow)
    assert "20/0311" in [c.paper.reference for c in svc.list_candidates(uow, later)]


def test_a_meeting_with_results_cannot_be_deleted(uow: UowFactory) -> None:
    with pytest.raises(ValidationError, match="schon Ergebnisse"):
        svc.delete_meeting(uow, "IR-2020-09-09")
    svc.delete_meeting(uow, "IR-2020-11-04")
    assert [m.short_id for m in svc.list_meetings(uow)] == ["IR-2020-09-09"]
    assert get_paper(uow, "20/0311").consultations[0].meeting_id is None


def test_anlagen_attach_list_remove(uow: UowFactory, tmp_path: Path) -> None:
    pdf = tmp_path / "Statistik 2019.pdf"
    pdf.write_bytes(tiny_pdf("Statistik"))
    anlagen.attach_file(uow, "20/0340", pdf)
    with pytest.raises(ValidationError, match="schon angefügt"):
        anlagen.attach_file(uow, "20/0340", pdf)
    text = tmp_path / "notiz.txt"
    text.write_text("keine PDF", encoding="utf-8")
    with pytest.raises(ValidationError, match="keine PDF-Datei"):
        anlagen.attach_file(uow, "20/0340", text)
    with pytest.raises(ValidationError, match=r"„.*fehlt\.pdf“ gibt es nicht"):
        anlagen.attach_file(uow, "20/0340", tmp_path / "fehlt.pdf")
    assert [a.filename for a in anlagen.list_attachments(uow, "20/0340")] == ["Statistik 2019.pdf"]
    remove_anlage_by_name(uow, "20/0340", "1")
    assert anlagen.list_attachments(uow, "20/0340") == []
    with pytest.raises(NotFoundError, match="keine Anlage"):
        remove_anlage_by_name(uow, "20/0340", "x.pdf")


def test_the_gui_path_saves_an_edited_agenda_and_syncs_the_vorlagen(uow: UowFactory) -> None:
    meeting = svc.get_meeting(uow, "IR-2020-11-04")
    sprachcafe = meeting.item_by_number("2")
    meeting.move_item(sprachcafe.id, 0)
    svc.save_meeting(uow, meeting)
    assert get_paper(uow, "20/0311").consultations[0].agenda_item == "1"
    assert svc.get_meeting(uow, "IR-2020-11-04").items[0].id == sprachcafe.id


def test_a_decision_is_written_into_the_audit_chain(uow: UowFactory) -> None:
    from kimdesk.services import signoff, verification
    from tests.signing import PIN, keys_for

    keys_for(uow, "Christoph Tesche", "Wolfgang Krämer")
    signoff.start(uow, "20/0325", roles=["mayor"])
    signoff.sign(uow, "20/0325", role_key="mayor", person_name="Christoph Tesche", pin=PIN)
    number = svc.add_to_agenda(uow, "IR-2020-11-04", reference="20/0325").number
    # The Beschlussvermerk of a signed Vorlage is signed by whoever records it: without a PIN, nothing.
    with pytest.raises(signoff.PinRequiredError, match="Beschlussvermerk"):
        svc.enter_result(uow, "IR-2020-11-04", number, AgendaResult.NOTED)
    assert get_paper(uow, "20/0325").status is PaperStatus.RELEASED
    svc.enter_result(uow, "IR-2020-11-04", number, AgendaResult.NOTED, person_name="Wolfgang Krämer", pin=PIN)
    assert get_paper(uow, "20/0325").status is PaperStatus.DECIDED
    history = signoff.status(uow, "20/0325").history
    assert history[-2].status == PaperStatus.DECIDED.value
    assert history[-2].details["meeting"] == "IR-2020-11-04"
    assert (
        history[-1].action is AuditAction.RESOLUTION_SIGNED and history[-1].person_name == "Wolfgang Krämer"
    )
    assert verification.verify(uow).ok
