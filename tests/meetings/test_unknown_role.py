"""A Vorlage imported with its Zuständigkeit not known goes on an agenda and gets its result like any other:
the Sitzungsdienst needs the body and the day, not the role; the role stays unknown (nothing invented)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from kimdesk.domain.meeting import AgendaResult
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meetings as svc
from kimdesk.services.exchange import import_document
from kimdesk.services.papers import get_paper
from tests.exchange.test_unknown import roleless_document


def test_an_agenda_item_of_a_vorlage_with_unknown_role_works(demo_uow: Callable[[], Any]) -> None:
    uow = demo_uow
    import_document(uow, roleless_document())
    meeting = svc.create_meeting(uow, "Kreistag", datetime(2021, 6, 17, 17, tzinfo=BERLIN))
    candidates = svc.list_candidates(uow, meeting.short_id)
    assert {c.paper.reference for c in candidates} == {"21/0362", "23/0197", "SV-0009", "22/0015"}
    unknown = next(c for c in candidates if c.paper.reference == "21/0362")
    assert unknown.consultation.role is None

    svc.add_to_agenda(uow, meeting.short_id, reference="21/0362")
    step = get_paper(uow, "21/0362").consultations[0]
    assert (step.meeting_id, step.agenda_item, step.role) == (meeting.id, "1", None)

    item = svc.enter_result(uow, meeting.short_id, "1", AgendaResult.UNANIMOUS)
    assert item.result is AgendaResult.UNANIMOUS
    paper = get_paper(uow, "21/0362")
    assert [(e.committee_name, e.result) for e in paper.resolution_record] == [
        ("Kreistag", AgendaResult.UNANIMOUS.label)
    ]
    assert paper.consultations[0].role is None
