"""Anlagen checked when attached (kimdesk attach) and an unreadable stored Anlage in the Sitzungsmappe."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from kimdesk.cli import main
from kimdesk.domain.attachment import Attachment, new_attachment
from kimdesk.storage.database import Database
from tests.meetings.anlage_files import BROKEN, contentless_pdf, truncated_pdf, unmergeable_pdf
from tests.meetings.pdfs import tiny_pdf


def run(db: str, *args: str) -> int:
    return main(["--db", db, *args])


def refused(capsys: pytest.CaptureFixture[str], db: str, path: Path | str) -> str:
    """Attach ``path`` to 20/0340 (a draft): the one German line on stderr; nothing is stored."""
    assert run(db, "attach", "20/0340", str(path)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kimdesk: Anlage: Die Datei „{path}“ ") and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert run(db, "attach", "20/0340") == 0
    assert capsys.readouterr().out == "Vorlage 20/0340 hat keine Anlagen.\n"
    return err


@pytest.mark.parametrize(("name", "make", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_attach_refuses_a_pdf_that_the_packet_could_not_use(
    demo_sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make: Callable[[], bytes],
    reason: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    assert reason in refused(capsys, demo_sqlite_url, path)


def test_attach_and_remove_leave_a_signed_vorlage_and_its_signatures_alone(
    demo_sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """20/0270 is decided and its Mitzeichnungen cover its Anlagen: an Anlage added afterwards would make
    every signature on it fail the check. The command line refuses as the editor does."""
    path = tmp_path / "Nachtrag.pdf"
    path.write_bytes(tiny_pdf("NACHTRAG"))
    for args in ((str(path),), ("--remove", "1")):
        assert run(demo_sqlite_url, "attach", "20/0270", *args) == 1
        assert capsys.readouterr().err == (
            "kimdesk: Anlagen: Die Vorlage 20/0270 hat den Status „Beschlossen“; ihre Anlagen lassen sich "
            "nur im Entwurf ändern. Zum Ändern zuerst in den Entwurf zurücknehmen (das hebt alle "
            "Mitzeichnungen auf).\n"
        )
    assert run(demo_sqlite_url, "attach", "20/0270") == 0
    assert capsys.readouterr().out == "Vorlage 20/0270 hat keine Anlagen.\n"
    run(demo_sqlite_url, "verify")
    report = capsys.readouterr()
    assert "Vorlage 20/0270" not in report.out + report.err


def test_attach_refuses_a_folder_and_a_file_over_the_stated_limit(
    demo_sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "ist ein Ordner, keine Datei" in refused(capsys, demo_sqlite_url, tmp_path)
    big = tmp_path / "Bebauungsplan.pdf"
    with big.open("wb") as out:  # sparse: 50 MB + 1 byte without writing them
        out.write(tiny_pdf("PLAN"))
        out.truncate(50 * 1024 * 1024 + 1)
    assert "ist zu groß (52.428.801 Bytes); erlaubt sind höchstens 50 MB je Anlage." in refused(
        capsys, demo_sqlite_url, big
    )
    with pytest.raises(SystemExit):
        run(demo_sqlite_url, "attach", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "höchstens 50 MB" in help_text and "unverschlüsselte PDF-Datei" in help_text


def _limit_memory() -> None:
    # Before the checks /dev/zero was read to the end: let that end in MemoryError, not in swapping.
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def test_attach_refuses_a_pipe_and_a_device_without_reading_them(
    demo_sqlite_url: str, tmp_path: Path
) -> None:
    fifo = tmp_path / "anlage.pdf"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        # A separate process, so that a read that never ends fails the test instead of hanging it.
        done = subprocess.run(
            [sys.executable, "-m", "kimdesk", "--db", demo_sqlite_url, "attach", "20/0340", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_memory,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr == (
            f"kimdesk: Anlage: Die Datei „{path}“ ist keine gewöhnliche Datei (sondern z. B. ein Gerät "
            "oder eine Pipe).\n"
        )


def _store_unchecked(url: str, *anlagen: tuple[str, bytes]) -> None:
    """Anlagen as kimdesk stored them before the checks: straight into the database."""
    db = Database.open(url)
    with db.uow_factory() as uow:
        paper = uow.papers.get_by_reference("20/0270")
        for order, (name, data) in enumerate(anlagen):
            unchecked = Attachment(paper.id, name, len(data), order=order, sha256=f"{order:064x}")
            uow.attachments.add(unchecked, [data])
        uow.commit()
    db.close()


def test_an_unreadable_stored_anlage_gets_a_notice_page_and_is_named_with_its_top(
    demo_sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_unchecked(
        demo_sqlite_url,
        ("Brief.pdf", b"Sehr geehrte Damen und Herren"),
        ("Statistik.pdf", tiny_pdf("ANLAGE STATISTIK", 2)),
        ("abgeschnitten.pdf", truncated_pdf()),
        ("inhalt.pdf", contentless_pdf()),
        ("links.pdf", unmergeable_pdf()),
    )
    target = tmp_path / "mappe.pdf"
    assert run(demo_sqlite_url, "packet", "IR-2020-09-09", "-o", str(target)) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == str(target)
    lines = captured.err.splitlines()
    assert [line.split(" konnte")[0] for line in lines] == [
        "kimdesk: Sitzungsmappe: TOP 4 (Vorlage 20/0270), Anlage 1 „Brief.pdf“",
        "kimdesk: Sitzungsmappe: TOP 4 (Vorlage 20/0270), Anlage 3 „abgeschnitten.pdf“",
        "kimdesk: Sitzungsmappe: TOP 4 (Vorlage 20/0270), Anlage 4 „inhalt.pdf“",
    ]
    assert "Die Datei ist keine PDF-Datei." in lines[0] and "Hinweisseite" in lines[0]
    assert "Traceback" not in captured.err
    pages = [page.extract_text() for page in PdfReader(target).pages]
    notices = [i for i, text in enumerate(pages) if "konnte nicht eingefügt werden" in text]
    assert len(notices) == 3
    assert "Die Anlage „Brief.pdf“ zu TOP 4 (Vorlage 20/0270) fehlt in dieser Sitzungsmappe" in " ".join(
        pages[notices[0]].split()
    )
    statistik = [i for i, text in enumerate(pages) if "ANLAGE STATISTIK" in text]
    assert statistik == [notices[0] + 1, notices[0] + 2] and notices[1:] == [notices[0] + 3, notices[0] + 4]
    assert "KEIN INHALT" not in pages[notices[2]]
    # An /Annots that pypdf could not merge: qpdf places the page (without its broken links).
    assert "KAPUTTE LINKS" in pages[notices[2] + 1]
    total = len(pages)
    assert f"Seite {total} von {total}" in pages[-1]


def test_without_a_listener_the_packet_fails_naming_the_top_and_the_old_file_stays(
    demo_uow: Callable[[], object], tmp_path: Path
) -> None:
    from kimdesk.pdf.attachments import PacketError
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.services.packets import export_packet

    with demo_uow() as uow:  # type: ignore[attr-defined]
        paper = uow.papers.get_by_reference("20/0270")
        good = new_attachment(paper.id, "Statistik.pdf", tiny_pdf("STATISTIK"))
        uow.attachments.add(good, [tiny_pdf("STATISTIK")])
        uow.attachments.add(Attachment(paper.id, "Brief.pdf", 8, order=1), [b"kein PDF"])
        uow.commit()
    target = tmp_path / "mappe.pdf"
    target.write_bytes(b"die Mappe von gestern")
    with pytest.raises(
        PacketError, match=r"^Sitzungsmappe: TOP 4 \(Vorlage 20/0270\), Anlage 2 „Brief\.pdf“"
    ):
        export_packet(demo_uow, PacketPdfRenderer(), "IR-2020-09-09", target)
    assert target.read_bytes() == b"die Mappe von gestern"
