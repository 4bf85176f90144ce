"""``kimdesk versions``, ``kimdesk diff`` and ``kimdesk pdf --version``: German output, errors without
tracebacks, the PDF of an old Fassung marked as such."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from kimdesk.cli import main
from kimdesk.services.demo import apply_demo_signoffs
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.storage.database import Database


@pytest.fixture
def url(sqlite_url: str) -> str:
    db = Database.open(sqlite_url)
    try:
        apply_demo_signoffs(db.uow_factory)
        paper = get_paper(db.uow_factory, "20/0325")
        paper.title = "Bericht 2019/2020 mit Rechtsgrundlage"
        save_paper(db.uow_factory, paper)
    finally:
        db.close()
    return sqlite_url


def test_versions_lists_every_fassung(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "versions", "20/0325"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Nr.", "Datum", "Ereignis", "wer"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "3", "4"]
    assert "28.10.2020, 16:20 Uhr" in lines[3] and "abgelehnt" in lines[3] and "Yasemin Aydın" in lines[3]
    assert "Rechtsgrundlage (§ 9 TIntG NRW)" in lines[3]
    assert "gespeichert" in lines[4]


def test_diff_prints_what_changed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "diff", "20/0325", "3", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vorlage 20/0325: Fassung 3 vom 28.10.2020 → Fassung 4 vom ")
    assert "Betrifft" in out and "mit Rechtsgrundlage" in out
    assert main(["--db", url, "diff", "20/0325", "3", "9"]) == 1
    err = capsys.readouterr().err
    assert "keine Fassung 9" in err and "Traceback" not in err


def test_pdf_of_an_old_fassung_is_marked(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "pdf", "20/0325", "--version", "3", "-o", str(tmp_path)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.name == "Vorlage_20-0325_Fassung-3.pdf"
    pages = PdfReader(path).pages
    assert all("Fassung 3 vom 28.10.2020 – überholt" in (p.extract_text() or "") for p in pages)
    assert main(["--db", url, "pdf", "20/0325", "--version", "4", "-o", str(tmp_path / "neu.pdf")]) == 0
    text = PdfReader(tmp_path / "neu.pdf").pages[0].extract_text() or ""
    assert "Fassung 4 vom" in text and "überholt" not in text
    assert "Bericht 2019/2020 mit Rechtsgrundlage" in text
