"""The Mitzeichnung that releases a Vorlage signs its PDF with the signer's own key; recording the
Beschlussvermerk that decides it signs the PDF again with the recorder's key; the export gives the newest
signed PDF and ``verify-pdf`` confirms it against the database and the office CA installed on the PC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.meeting import AgendaResult
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.signing import PadesPdfMaker, read_pdf_signatures
from kimdesk.services import meetings as svc
from kimdesk.services import signoff
from kimdesk.services.demo_keys import demo_ca
from kimdesk.services.export import export_paper_pdf
from kimdesk.services.papers import get_paper
from kimdesk.services.pdf_verification import verify_pdf
from tests.pdf.readback import page_texts
from tests.signing import PIN, keys_for

MEETING, REFERENCE = "IR-2020-11-04", "20/0325"


def _released(uow: Callable[[], Any]) -> None:
    keys_for(uow, "Christoph Tesche", "Andrea Krause")
    signoff.start(uow, REFERENCE, roles=["mayor"])
    signoff.sign(
        uow, REFERENCE, role_key="mayor", person_name="Christoph Tesche", pin=PIN, maker=PadesPdfMaker()
    )


def _on_agenda(uow: Callable[[], Any]) -> str:
    """The Vorlage as a TOP of the Integrationsrat's meeting; the TOP's number."""
    return svc.add_to_agenda(uow, MEETING, reference=REFERENCE).number


def _noted(uow: Callable[[], Any], number: str, text: str = "") -> None:
    """The Beschlussvermerk „zur Kenntnis genommen“ (with ``text``), signed with Andrea Krause's key."""
    svc.enter_result(
        uow,
        MEETING,
        number,
        AgendaResult.NOTED,
        text,
        person_name="Andrea Krause",
        pin=PIN,
        maker=PadesPdfMaker(),
    )


def _exported(uow: Callable[[], Any], path: Path) -> bytes:
    """The Vorlage's PDF as Datei → PDF exportieren writes it (the newest signed one, if any)."""
    return export_paper_pdf(uow, PaperPdfRenderer(), REFERENCE, path).read_bytes()


def test_release_and_decision_each_sign_and_store_the_pdf(
    demo_uow: Callable[[], Any], tmp_path: Path
) -> None:
    _released(demo_uow)
    paper = get_paper(demo_uow, REFERENCE)
    assert paper.status is PaperStatus.RELEASED
    with demo_uow() as uow:
        release = uow.released_documents.latest(paper.id)
    assert release is not None and release.event is ReleaseEvent.RELEASED

    _noted(demo_uow, _on_agenda(demo_uow))
    paper = get_paper(demo_uow, REFERENCE)
    assert paper.status is PaperStatus.DECIDED
    with demo_uow() as uow:
        decided = uow.released_documents.latest(paper.id)
    assert decided is not None and decided.event is ReleaseEvent.DECIDED
    data = _exported(demo_uow, tmp_path)
    assert data == decided.data
    assert "zur Kenntnis genommen" in "\n".join(page_texts(data))  # the Beschlussvermerk is on it
    _key, certificate = demo_ca()
    check = verify_pdf(demo_uow, data, PadesPdfMaker(), [certificate])
    assert check.exit_code == 0, check.findings
    assert any("„Beschlossen“" in note for note in check.notes)
    assert any("Andrea Krause" in note for note in check.notes)


def test_a_beschlussvermerk_cannot_change_without_a_signature(
    demo_uow: Callable[[], Any], tmp_path: Path
) -> None:
    _released(demo_uow)
    number = _on_agenda(demo_uow)
    _noted(demo_uow, number)
    signed = _exported(demo_uow, tmp_path / "a.pdf")
    with pytest.raises(signoff.PinRequiredError):  # a correction without the recorder's key is refused
        svc.enter_result(demo_uow, MEETING, number, AgendaResult.NOTED, "Berichtigt: zur Kenntnis.")
    assert _exported(demo_uow, tmp_path / "b.pdf") == signed
    _noted(demo_uow, number, "Berichtigt: zur Kenntnis.")
    corrected = _exported(demo_uow, tmp_path / "c.pdf")
    assert len(read_pdf_signatures(corrected)) == 1
    assert "Berichtigt" in "\n".join(page_texts(corrected))
