"""``kimdesk demo`` makes the released and decided Vorlagen as a real office would: their signed PDFs are
stored, ``kimdesk verify-pdf`` confirms them with the demo CA given as trust anchor, and the demo CA is
never installed on the PC (nor stored more than once in the database)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kimdesk.cli import main
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.signing import PadesPdfMaker
from kimdesk.services import demo, enrolment
from kimdesk.services.demo_keys import demo_ca, is_demo_ca
from kimdesk.services.pdf_verification import verify_pdf

DECIDED = ("20/0262", "20/0270", "20/0281")


def test_the_demo_stores_verifiable_signed_pdfs_of_its_decided_vorlagen(
    uow_factory: Callable[[], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "machine"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(machine))
    maker = PadesPdfMaker()
    demo.load_full_demo(uow_factory, maker=maker)
    with uow_factory() as uow:
        certificates = enrolment.office_certificates(uow)
        stored = {}
        for reference in DECIDED:
            paper = uow.papers.get_by_reference(reference)
            assert paper.status is PaperStatus.DECIDED
            stored[reference] = uow.released_documents.latest(paper.id)
    assert len(certificates) == 1 and is_demo_ca(certificates[0])  # one demo CA, not one per signer
    for reference, document in stored.items():
        assert document is not None and document.event is ReleaseEvent.DECIDED
        check = verify_pdf(uow_factory, document.data, maker, [demo_ca()[1]])
        assert check.exit_code == 0, (reference, check.findings)
        assert any("„Beschlossen“" in note for note in check.notes)
    assert not list(machine.rglob("office-ca.pem"))  # the demo CA is not installed on the PC
    demo.load_full_demo(uow_factory, maker=maker)  # running it again adds nothing
    with uow_factory() as uow:
        assert len(enrolment.office_certificates(uow)) == 1


def test_kimdesk_demo_then_verify_pdf_with_the_exported_demo_ca(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "machine"))
    assert main(["--db", sqlite_url, "demo"]) == 0
    anchor, pdf = tmp_path / "demo-ca.pem", tmp_path / "20-0270.pdf"
    assert main(["--db", sqlite_url, "keys", "export-anchor", str(anchor)]) == 0
    assert main(["--db", sqlite_url, "pdf", "20/0270", "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_url, "verify-pdf", str(pdf), "--trust", str(anchor)]) == 0
    out = capsys.readouterr().out
    assert "PDF bestätigt" in out and "Vorlage 20/0270: „Beschlossen“" in out
