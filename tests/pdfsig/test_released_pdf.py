"""Released Vorlagen get a signed PDF that is stored, exported, and checked by ``kimdesk verify-pdf``
(SQLite and PostgreSQL): intact and current → 0; a changed byte, another CA, a deleted Vorlage or an
older database → 1 and named; the office CA only from the database → 2."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from kimdesk.cli import main
from kimdesk.domain.errors import WorkflowError
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.signing import PadesPdfMaker, read_pdf_signatures
from kimdesk.services import signoff
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.services.pdf_verification import OFFICE_CA_SETTING
from kimdesk.services.released import sign_and_store_release
from kimdesk.storage.database import Database
from tests.pdf.readback import page_texts
from tests.pdfsig.identities import OfficeCa, office_ca

NOW = datetime(2020, 9, 9, 10, 0, tzinfo=UTC)
REF = "20/0270"


class Run:
    def __init__(self, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_url, self.capsys = db_url, capsys

    def __call__(self, *args: str, code: int) -> str:
        self.capsys.readouterr()
        assert main(["--db", self.db_url, *args]) == code
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return out + err


@pytest.fixture
def ca() -> OfficeCa:
    return office_ca()


@pytest.fixture
def ca_pem(ca: OfficeCa, tmp_path: Path) -> Path:
    path = tmp_path / "buero-ca.pem"
    path.write_bytes(ca.certificate.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture
def released(uow_factory: Callable[[], Any], ca: OfficeCa, tmp_path: Path) -> Path:
    """The demo office (20/0270 Freigegeben), its signed PDF stored and exported with ``kimdesk pdf``."""
    load_demo(uow_factory)
    apply_demo_signoffs(uow_factory)
    identity = ca.issue("Christoph Tesche")
    sign_and_store_release(uow_factory, REF, identity, ReleaseEvent.RELEASED, PadesPdfMaker(), now=NOW)
    return tmp_path / "Vorlage_20-0270.pdf"


@pytest.fixture
def run(db_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(db_url, capsys)


def test_export_gives_the_stored_signed_pdf_and_verify_pdf_confirms_it(
    released: Path, run: Run, ca_pem: Path, uow_factory: Callable[[], Any], ca: OfficeCa
) -> None:
    run("pdf", REF, "-o", str(released), code=0)
    data = released.read_bytes()
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(REF)
        stored = uow.released_documents.latest(paper.id)
    assert stored is not None and stored.data == data and stored.event is ReleaseEvent.RELEASED
    [sig] = read_pdf_signatures(data, [ca.certificate])
    assert sig.intact and sig.covers_whole_file and sig.trusted
    assert sig.seal["reference"] == REF and sig.seal["status"] == PaperStatus.RELEASED.value
    # The printed sign-off grid keeps its names and dates.
    text = "\n".join(page_texts(data))
    assert "Weichelt" in text and "Tesche" in text
    out = run("verify-pdf", str(released), "--trust", str(ca_pem), code=0)
    assert "PDF bestätigt" in out
    assert "Unterzeichnet von: Christoph Tesche" in out
    assert f"Vorlage {REF}: „Freigegeben“" in out


def test_a_changed_byte_is_refused(released: Path, run: Run, ca_pem: Path) -> None:
    run("pdf", REF, "-o", str(released), code=0)
    data = bytearray(released.read_bytes())
    data[data.index(b"stream") + 40] ^= 0x01
    released.write_bytes(bytes(data))
    out = run("verify-pdf", str(released), "--trust", str(ca_pem), code=1)
    assert "Signatur ist gebrochen" in out and "PDF abgelehnt" in out


def test_a_signature_under_another_ca_is_refused(
    uow_factory: Callable[[], Any], run: Run, ca_pem: Path, tmp_path: Path
) -> None:
    load_demo(uow_factory)
    apply_demo_signoffs(uow_factory)
    forger = office_ca("Stadt Gladbeck – Hauptamt").issue("Christoph Tesche")
    sign_and_store_release(uow_factory, REF, forger, ReleaseEvent.RELEASED, PadesPdfMaker(), now=NOW)
    path = tmp_path / "v.pdf"
    run("pdf", REF, "-o", str(path), code=0)
    out = run("verify-pdf", str(path), "--trust", str(ca_pem), code=1)
    assert "nicht vom Büro-Zertifikat ausgestellt" in out


def test_a_deleted_vorlage_is_named(
    released: Path, run: Run, ca_pem: Path, uow_factory: Callable[[], Any]
) -> None:
    run("pdf", REF, "-o", str(released), code=0)
    with uow_factory() as uow:
        uow.papers.delete(uow.papers.get_by_reference(REF).id)
        uow.commit()
    out = run("verify-pdf", str(released), "--trust", str(ca_pem), code=1)
    assert f"Vorlage {REF} gelöscht" in out


def test_the_office_ca_only_from_the_database_is_not_independent(
    released: Path,
    run: Run,
    ca: OfficeCa,
    uow_factory: Callable[[], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        "XDG_CONFIG_DIRS", str(tmp_path / "no-anchor")
    )  # a PC where IT installed no office-ca.pem
    run("pdf", REF, "-o", str(released), code=0)
    pem = ca.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    with uow_factory() as uow:
        uow.settings.put(OFFICE_CA_SETTING, {"certificates": [pem]})
        uow.commit()
    out = run("verify-pdf", str(released), code=2)
    assert "nicht unabhängig bestätigt" in out


def test_the_office_ca_installed_on_the_pc_is_the_trust_anchor(
    released: Path, run: Run, ca: OfficeCa, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "machine"
    (machine / "kimdesk").mkdir(parents=True)
    pem = ca.certificate.public_bytes(serialization.Encoding.PEM)
    (machine / "kimdesk" / "office-ca.pem").write_bytes(pem)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(machine))
    run("pdf", REF, "-o", str(released), code=0)
    out = run("verify-pdf", str(released), code=0)  # no --trust: the installed office-ca.pem is used
    assert "office-ca.pem (installiert)" in out


def test_a_draft_exports_unsigned_and_a_draft_cannot_be_released_signed(
    released: Path, run: Run, uow_factory: Callable[[], Any], ca: OfficeCa, tmp_path: Path
) -> None:
    path = tmp_path / "entwurf.pdf"
    run("pdf", "20/0325", "-o", str(path), code=0)
    assert read_pdf_signatures(path.read_bytes()) == []
    with pytest.raises(WorkflowError, match="Freigegeben"):
        sign_and_store_release(
            uow_factory, "20/0325", ca.issue("X"), ReleaseEvent.RELEASED, PadesPdfMaker(), now=NOW
        )
    # Back to draft: the stored signed PDF no longer shows the Vorlage; it is rendered (ENTWURF) again.
    signoff.back_to_draft(uow_factory, REF, now=NOW)
    run("pdf", REF, "-o", str(released), code=0)
    assert read_pdf_signatures(released.read_bytes()) == []
    out = run("verify-pdf", str(released), code=1)
    assert "keine Signatur" in out


def test_a_restored_older_database_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kimdesk.sqlite"
    url = f"sqlite:///{path.as_posix()}"
    db = Database.open(url)
    load_demo(db.uow_factory)
    db.close()
    shutil.copy(path, tmp_path / "alt.sqlite")
    db = Database.open(url)
    apply_demo_signoffs(db.uow_factory)
    ca = office_ca()
    sign_and_store_release(
        db.uow_factory, REF, ca.issue("Christoph Tesche"), ReleaseEvent.RELEASED, PadesPdfMaker(), now=NOW
    )
    db.close()
    run = Run(url, capsys)
    pdf = tmp_path / "v.pdf"
    run("pdf", REF, "-o", str(pdf), code=0)
    pem = tmp_path / "ca.pem"
    pem.write_bytes(ca.certificate.public_bytes(serialization.Encoding.PEM))
    shutil.copy(tmp_path / "alt.sqlite", path)  # the insider restores yesterday's copy
    out = run("verify-pdf", str(pdf), "--trust", str(pem), code=1)
    assert "Datenbank auf älteren Stand zurückgesetzt" in out


def test_a_rewritten_audit_entry_is_named(released: Path, run: Run, ca_pem: Path, db_url: str) -> None:
    from tests.signoff.test_storage import raw_sql

    run("pdf", REF, "-o", str(released), code=0)
    assert raw_sql(db_url, "UPDATE audit_log SET person_name = 'Niemand' WHERE seq = 2") == 1
    out = run("verify-pdf", str(released), "--trust", str(ca_pem), code=1)
    assert "Prüfprotokoll der Datenbank ist verändert" in out
