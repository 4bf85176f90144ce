"""A stale editor copy saved after a conflict ("Meine Fassung") keeps what the workflow recorded meanwhile."""

from __future__ import annotations

from datetime import date

import pytest

from kimdesk.domain.errors import ConflictError, LockedError
from kimdesk.services import signoff, verification
from kimdesk.services.demo import load_demo
from kimdesk.services.papers import get_paper, save_paper
from tests.signing import PIN, keys_for


def test_mine_after_conflict_keeps_rejection_and_agenda_place(uow_factory) -> None:
    load_demo(uow_factory)
    editor_copy = get_paper(uow_factory, "20/0311")  # clerk A opens the draft
    # meanwhile: an Umlauf is started and rejected, and the Sitzungsdienst sets the TOP
    keys_for(uow_factory, "Christoph Tesche")
    signoff.start(uow_factory, "20/0311", roles=["mayor"])
    signoff.reject(
        uow_factory,
        "20/0311",
        role_key="mayor",
        person_name="Christoph Tesche",
        remark="Finanzierung unklar",
        pin=PIN,
    )
    with uow_factory() as uow:
        placed = uow.papers.get_by_reference("20/0311")
        placed.consultations[0].agenda_item = "6"
        placed.consultations[0].meeting_date = date(2020, 11, 4)
        meeting_id = placed.consultations[0].meeting_id = placed.id  # any id stands for the meeting
        uow.papers.update(placed)
        uow.commit()

    editor_copy.title = "Zuschuss an den Verein – überarbeitet"
    # The Umlauf and the TOP changed the stored Vorlage: the stale copy is refused, nothing is written …
    with pytest.raises(ConflictError, match=r"Vorlage 20/0311 wurde inzwischen von .* geändert"):
        save_paper(uow_factory, editor_copy)
    assert get_paper(uow_factory, "20/0311").title != editor_copy.title
    # … until the clerk chooses "Meine Fassung speichern" (the editor takes the stored version).
    editor_copy.version = get_paper(uow_factory, "20/0311").version
    save_paper(uow_factory, editor_copy)

    stored = get_paper(uow_factory, "20/0311")
    assert stored.title == "Zuschuss an den Verein – überarbeitet"
    assert signoff.status(uow_factory, "20/0311").rejection is not None
    assert "Finanzierung unklar" in stored.sign_offs[0].remark
    assert stored.consultations[0].meeting_id == meeting_id
    assert stored.consultations[0].agenda_item == "6"
    assert verification.verify(uow_factory).ok


def test_a_vorlage_in_sign_off_refuses_the_editors_copy_and_keeps_its_content(uow_factory) -> None:
    load_demo(uow_factory)
    editor_copy = get_paper(uow_factory, "20/0311")
    signoff.start(uow_factory, "20/0311", roles=["mayor"])
    editor_copy.version = get_paper(uow_factory, "20/0311").version  # no conflict: only the lock stands
    editor_copy.title = "Nach Beginn des Umlaufs geändert"
    with pytest.raises(LockedError, match=r"Vorlage 20/0311 ist „In Mitzeichnung“ und kann nicht geändert"):
        save_paper(uow_factory, editor_copy)
    stored = get_paper(uow_factory, "20/0311")
    assert stored.title != editor_copy.title
    assert verification.verify(uow_factory).ok
