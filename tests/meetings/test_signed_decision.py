"""Recording the Beschlussvermerk that decides a Vorlage signs its PDF (with the recording person's
identity), the export gives that signed PDF, and ``verify-pdf`` confirms it against the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kimdesk.domain.meeting import AgendaResult
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.signing import PadesPdfMaker
from kimdesk.services import meetings as svc
from kimdesk.services import signoff
from kimdesk.services.export import export_paper_pdf
from kimdesk.services.papers import get_paper
from kimdesk.services.pdf_verification import verify_pdf
from kimdesk.services.released import PdfSigning
from tests.pdf.readback import page_texts
from tests.pdfsig.identities import office_ca


def test_the_deciding_result_signs_and_stores_the_pdf(demo_uow: Callable[[], Any], tmp_path: Path) -> None:
    ca = office_ca()
    clerk = ca.issue("Sabine Möller")
    signoff.start(demo_uow, "20/0325", roles=["mayor"])
    signoff.sign(demo_uow, "20/0325", role_key="mayor", person_name="Christoph Tesche")
    number = svc.add_to_agenda(demo_uow, "IR-2020-11-04", reference="20/0325").number
    svc.enter_result(
        demo_uow, "IR-2020-11-04", number, AgendaResult.NOTED, signing=PdfSigning(clerk, PadesPdfMaker())
    )
    paper = get_paper(demo_uow, "20/0325")
    assert paper.status is PaperStatus.DECIDED
    with demo_uow() as uow:
        stored = uow.released_documents.latest(paper.id)
    assert stored is not None and stored.event is ReleaseEvent.DECIDED
    path = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path)
    data = path.read_bytes()
    assert data == stored.data
    assert "zur Kenntnis genommen" in "\n".join(page_texts(data))  # the Beschlussvermerk is on it
    check = verify_pdf(demo_uow, data, PadesPdfMaker(), [ca.certificate])
    assert check.exit_code == 0, check.findings
    assert any("„Beschlossen“" in note for note in check.notes)
    assert any("Sabine Möller" in note for note in check.notes)


def test_a_beschlussvermerk_changed_without_signing_is_exported_fresh(
    demo_uow: Callable[[], Any], tmp_path: Path
) -> None:
    from kimdesk.pdf.signing import read_pdf_signatures

    signoff.start(demo_uow, "20/0325", roles=["mayor"])
    signoff.sign(demo_uow, "20/0325", role_key="mayor", person_name="Christoph Tesche")
    number = svc.add_to_agenda(demo_uow, "IR-2020-11-04", reference="20/0325").number
    signing = PdfSigning(office_ca().issue("Sabine Möller"), PadesPdfMaker())
    svc.enter_result(demo_uow, "IR-2020-11-04", number, AgendaResult.NOTED, signing=signing)
    signed = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path / "a.pdf").read_bytes()
    assert len(read_pdf_signatures(signed)) == 1
    # The result is corrected afterwards without a signing identity: the stored PDF no longer shows it.
    svc.enter_result(demo_uow, "IR-2020-11-04", number, AgendaResult.NOTED, "Berichtigt: zur Kenntnis.")
    fresh = export_paper_pdf(demo_uow, PaperPdfRenderer(), "20/0325", tmp_path / "b.pdf").read_bytes()
    assert read_pdf_signatures(fresh) == []
    assert "Berichtigt" in "\n".join(page_texts(fresh))
