"""``kimdesk pdf`` and the export service against a real (SQLite) database with the demo office."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kimdesk.cli import main
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.export import default_pdf_name, export_paper_pdf, load_for_pdf
from kimdesk.services.papers import get_paper
from kimdesk.storage.database import Database
from tests.pdf.readback import flat, page_texts


@pytest.fixture
def demo_db(sqlite_url: str) -> str:
    assert main(["--db", sqlite_url, "demo"]) == 0
    return sqlite_url


def test_default_file_name() -> None:
    assert default_pdf_name("20/0270") == "Vorlage_20-0270.pdf"
    assert default_pdf_name("../x y") == "Vorlage_x-y.pdf"


def test_cli_writes_the_pdf_under_the_default_name(
    demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", demo_db, "pdf", "20/0270"]) == 0
    target = tmp_path / "Vorlage_20-0270.pdf"
    assert capsys.readouterr().out.strip() == "Vorlage_20-0270.pdf"
    text = flat(" ".join(page_texts(target.read_bytes())))
    assert "Vorlage Nr. 20/0270" in text and "Betrifft: Kommunales Integrationsmanagement" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Sicherungen",  # the day's automatic backup
        "Vorlage_20-0270.pdf",
        "kimdesk.sqlite",
    ]  # no temp file


def test_cli_output_option_file_and_folder(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_db, "pdf", "20/0311", "-o", str(tmp_path / "v.pdf")]) == 0
    assert (tmp_path / "v.pdf").read_bytes().startswith(b"%PDF-")
    folder = tmp_path / "ausgabe"
    folder.mkdir()
    assert main(["--db", demo_db, "pdf", "20/0311", "-o", str(folder)]) == 0
    assert (folder / "Vorlage_20-0311.pdf").is_file()
    assert capsys.readouterr().out.splitlines()[-1] == str(folder / "Vorlage_20-0311.pdf")


def test_cli_unknown_vorlage_and_missing_folder_give_german_messages(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_db, "pdf", "99/9999", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "99/9999" in capsys.readouterr().err
    assert main(["--db", demo_db, "pdf", "20/0270", "-o", str(tmp_path / "fehlt" / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Ausgabedatei" in err and "existiert nicht" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Sicherungen",
        "kimdesk.sqlite",
    ]


def test_export_never_changes_the_vorlage(demo_db: str, tmp_path: Path) -> None:
    db = Database.open(demo_db)
    try:
        before = get_paper(db.uow_factory, "20/0311")  # In Mitzeichnung: rendered on export
        renderer = PaperPdfRenderer()
        path = export_paper_pdf(db.uow_factory, renderer, "20/0311", tmp_path / "a.pdf")
        data = renderer.render_paper(*load_for_pdf(db.uow_factory, "20/0311"))
        after = get_paper(db.uow_factory, "20/0311")
    finally:
        db.close()
    assert path.read_bytes() == data  # deterministic, also through the database
    assert after.version == before.version and after.modified_at == before.modified_at
    assert after == before


def test_a_decided_vorlage_of_the_demo_exports_as_its_signed_pdf(demo_db: str, tmp_path: Path) -> None:
    """``kimdesk demo`` works like an office: 20/0270 was decided and its signed PDF stored then."""
    db = Database.open(demo_db)
    try:
        before = get_paper(db.uow_factory, "20/0270")
        path = export_paper_pdf(db.uow_factory, PaperPdfRenderer(), "20/0270", tmp_path / "a.pdf")
        with db.uow_factory() as uow:
            stored = uow.released_documents.latest(before.id)
        after = get_paper(db.uow_factory, "20/0270")
    finally:
        db.close()
    assert stored is not None and path.read_bytes() == stored.data
    assert b"/ByteRange" in stored.data
    assert after == before


class _Broken:
    def render_paper(self, paper: Paper, office: Office, *, attachments: Sequence[str] = ()) -> bytes:
        raise KimdeskError("kaputt")


def test_failed_export_leaves_an_existing_file_untouched(demo_db: str, tmp_path: Path) -> None:
    target = tmp_path / "v.pdf"
    target.write_bytes(b"alt")
    db = Database.open(demo_db)
    try:
        with pytest.raises(KimdeskError):
            export_paper_pdf(db.uow_factory, _Broken(), "20/0311", target)
        export_paper_pdf(db.uow_factory, PaperPdfRenderer(), "20/0311", target)
    finally:
        db.close()
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kimdesk.sqlite",
        "v.pdf",
    ]
