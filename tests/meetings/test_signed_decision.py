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


def _released(uow: Callable[[], Any]) -> None:
    keys_for(uow, "Christoph Tesche", "Andrea Krause")
    signoff.start(uow, "20/0325", roles=["mayor"])
    signoff.sign(
        uow, "20/0325", role_key="mayor", person_name="Christoph Tesche", pin=PIN, maker=PadesPdfMaker()
    )


def test_release_and_decision_each_sign_and_store_the_pdf(
    demo_uow: Callable[[], Any], tmp_path: Path
) -> None:
    _released(demo_uow)
    paper = get_paper(demo_uow, "20/0325")
    assert paper.status is PaperStatus.RELEASED
    with demo_uow() as uow:
        release = uow.released_documents.latest(paper.id)
    assert release is not None and release.event is ReleaseEvent.RELEASED

    number = svc.add_to_agenda(demo_uow, "IR-2020-11-04", reference="20/0325").number
    svc.enter_result(
        demo_uow,
        "IR-2020-11-04",
        number,
        AgendaResult.NOTED,
        person_name="Andrea Krause",
        pin=PIN,
        maker=PadesPdfMaker(),
    )
    paper = get_paper(demo_uow, "20/0325")
    assert paper.status is PaperStatus.DECIDED
    with demo_uow() as uow:
        decided = uow.released_documents.latest(paper.id)
    assert decided is not None and decided.event is ReleaseEvent.DECIDED
    data = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path).read_bytes()
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
    number = svc.add_to_agenda(demo_uow, "IR-2020-11-04", reference="20/0325").number
    svc.enter_result(
        demo_uow,
        "IR-2020-11-04",
        number,
        AgendaResult.NOTED,
        person_name="Andrea Krause",
        pin=PIN,
        maker=PadesPdfMaker(),
    )
    signed = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path / "a.pdf").read_bytes()
    with pytest.raises(signoff.PinRequiredError):  # a correction without the recorder's key is refused
        svc.enter_result(demo_uow, "IR-2020-11-04", number, AgendaResult.NOTED, "Berichtigt: zur Kenntnis.")
    assert (
        export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path / "b.pdf").read_bytes() == signed
    )
    svc.enter_result(
        demo_uow,
        "IR-2020-11-04",
        number,
        AgendaResult.NOTED,
        "Berichtigt: zur Kenntnis.",
        person_name="Andrea Krause",
        pin=PIN,
        maker=PadesPdfMaker(),
    )
    corrected = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path / "c.pdf").read_bytes()
    assert len(read_pdf_signatures(corrected)) == 1
    assert "Berichtigt" in "\n".join(page_texts(corrected))
