"""The Sitzungsmappe rules in the meetings view: drafts only after the clerk confirms (and marked), and the
office's choice whether the public Mappe names who signed off — a check box, kept for everyone."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.services import packets
from tests.qt import require_qt_widgets

require_qt_widgets()
pytestmark = pytest.mark.gui
UowFactory = Callable[[], Any]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from kimdesk.ui import dialogs

    state: dict[str, Any] = {"confirm": False, "shown": []}
    monkeypatch.setattr(
        dialogs, "inform", lambda _p, title, text: state["shown"].append(("inform", title, text))
    )
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: state["shown"].append(("warn", title, text)))
    monkeypatch.setattr(
        dialogs,
        "confirm",
        lambda _p, title, text: state["shown"].append(("confirm", title, text)) or state["confirm"],
    )
    return state


@pytest.fixture
def view(qtbot: Any, demo_uow: UowFactory, answers: dict[str, Any]) -> Any:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.ui.meetings_view import MeetingsView

    widget = MeetingsView(demo_uow, PacketPdfRenderer)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def _text(path: Path) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages
    )


def test_drafts_go_into_the_packet_only_after_the_clerk_confirms(
    qtbot: Any, view: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from kimdesk.ui import file_dialogs

    target = tmp_path / "mappe.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a: str(target))
    view.select("IR-2020-11-04")
    qtbot.mouseClick(view.packet_button, Qt.MouseButton.LeftButton)
    kind, title, question = answers["shown"][-1]
    assert (kind, title) == ("confirm", "Entwürfe in der Sitzungsmappe")
    assert "• TOP 2: Vorlage 20/0311 (In Mitzeichnung)" in question and "ENTWURF" in question
    assert view.progress_dialog is None and not target.exists()  # "Nein": nothing is built

    answers["confirm"] = True
    qtbot.mouseClick(view.packet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: ("inform", "Sitzungsmappe", f"Gespeichert: {target}") in answers["shown"], timeout=30000
    )
    text = _text(target)
    assert "20/0311 (Entwurf)" in text and "ENTWURF" in text


def test_a_packet_without_drafts_asks_nothing(
    qtbot: Any, view: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    view.select("IR-2020-09-09")
    target = tmp_path / "mappe.pdf"
    view.export_packet(public=False, path=target)
    qtbot.waitUntil(
        lambda: ("inform", "Sitzungsmappe", f"Gespeichert: {target}") in answers["shown"], timeout=30000
    )
    assert [k for k, _t, _x in answers["shown"]] == ["inform"]


def test_the_office_decides_whether_the_public_packet_names_who_signed_off(
    qtbot: Any, view: Any, demo_uow: UowFactory, answers: dict[str, Any], tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    box = view.public_names_box
    assert box.isVisible() and not box.isChecked() and not packets.public_sign_off_names(demo_uow)
    view.select("IR-2020-09-09")
    first = tmp_path / "ohne.pdf"
    view.export_packet(public=True, path=first)
    qtbot.waitUntil(lambda: first.exists() and view.progress_dialog is None, timeout=30000)
    assert "Dr. Sabine Möller" not in _text(first) and "Prüfsumme" not in _text(first)

    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # keyboard
    assert box.isChecked() and packets.public_sign_off_names(demo_uow)
    second = tmp_path / "mit.pdf"
    view.export_packet(public=True, path=second)
    qtbot.waitUntil(lambda: second.exists() and view.progress_dialog is None, timeout=30000)
    assert "Dr. Sabine Möller" in _text(second) and "Prüfsumme" not in _text(second)


def test_both_packets_in_one_job_with_one_progress_dialog(
    qtbot: Any, view: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from kimdesk.ui import file_dialogs

    target = tmp_path / "Sitzungsmappe_IR-2020-09-09.pdf"
    public = tmp_path / "Sitzungsmappe_IR-2020-09-09_oeffentlich.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a: str(target))
    shown: list[tuple[int, int]] = []
    original = view._progress
    monkeypatch.setattr(view, "_progress", lambda d, t: shown.append((d, t)) or original(d, t))
    view.select("IR-2020-09-09")
    assert view.both_packets_button.text() == "Beide Mappen erstellen (Mitglieder und öffentlich) …"
    qtbot.mouseClick(view.both_packets_button, Qt.MouseButton.LeftButton)
    saved = f"Gespeichert: {target}\nGespeichert: {public}"
    qtbot.waitUntil(lambda: ("inform", "Sitzungsmappe", saved) in answers["shown"], timeout=60000)
    pages = len(PdfReader(target).pages) + len(PdfReader(public).pages)
    assert shown[-1] == (pages, pages)  # one dialog counting the pages of both
    assert "Bewerbungslage vertraulich" in _text(target)
    assert "Bewerbungslage vertraulich" not in _text(public) and "Prüfsumme" not in _text(public)


@pytest.mark.parametrize("how", ["Abbrechen", "Esc"])
def test_cancelling_both_packets_leaves_neither_file(
    qtbot: Any, view: Any, answers: dict[str, Any], tmp_path: Path, how: str
) -> None:
    """„Abbrechen“ or Esc at once: the dialog goes, the job stops at its next page, no file is left."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    folder = tmp_path / "mappen"
    folder.mkdir()
    view.select("IR-2020-09-09")
    view.export_both(folder / "mappe.pdf")
    dialog = view.progress_dialog
    if how == "Esc":
        qtbot.waitUntil(dialog.isVisible)  # the key goes to the dialog the clerk sees
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert view.progress_dialog is None and not dialog.isVisible()
    qtbot.waitUntil(lambda: view.packet_task.done, timeout=60000)
    assert list(folder.iterdir()) == []  # neither packet, no temporary file
    assert answers["shown"] == []


def test_abbrechen_works_while_the_anlagen_are_written(
    qtbot: Any,
    view: Any,
    demo_uow: UowFactory,
    answers: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last step (qpdf writing the Anlagen, a minute for a GB of scans) runs in a child process: the
    dialog keeps counting and „Abbrechen“ stops it at once — no file, no process left writing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from kimdesk.domain.attachment import chunked, new_attachment
    from kimdesk.pdf import qpdf_job
    from tests.meetings.pdfs import tiny_pdf
    from tests.slow_qpdf import alive, slow_child

    data = tiny_pdf("HAUSHALTSPLAN", 40)
    with demo_uow() as uow:
        paper = uow.papers.get_by_reference("20/0270")
        uow.attachments.add(new_attachment(paper.id, "Haushaltsplan.pdf", data, 0), chunked(data))
        uow.commit()
    pid_file = tmp_path / "qpdf.pid"
    monkeypatch.setattr(qpdf_job, "child_command", lambda: slow_child(pid_file))
    folder = tmp_path / "mappen"
    folder.mkdir()
    view.select("IR-2020-09-09")
    view.export_both(folder / "mappe.pdf")
    qtbot.waitUntil(pid_file.exists, timeout=60000)
    dialog = view.progress_dialog
    writing = dialog.value()
    qtbot.waitUntil(lambda: dialog.value() > writing, timeout=10000)  # the dialog keeps counting
    assert dialog.value() < dialog.maximum()
    button = dialog.findChild(QPushButton)
    assert button.text() == "Abbrechen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.progress_dialog is None and not dialog.isVisible()
    qtbot.waitUntil(lambda: view.packet_task.done, timeout=10000)  # stopped within a tenth of a second
    assert not alive(int(pid_file.read_text()))
    assert list(folder.iterdir()) == []  # neither packet, no temporary file
    assert answers["shown"] == []


def test_printing_the_mappe_counts_its_pages_and_abbrechen_stops_it(
    qtbot: Any,
    view: Any,
    in_main_window: Any,
    answers: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drucken → Sitzungsmappe: built into a temporary file, then printed page by page with a dialog
    that counts the pages; „Abbrechen“ sends no further page and the temporary Mappe goes."""
    import tempfile

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from tests.meetings.test_meetings_cycle_gui import printer_to

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    labels: list[str] = []

    def watch() -> None:  # what the clerk sees, and the click on „Abbrechen“ once printing shows
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog):
                labels.append(widget.labelText())
                if widget.isVisible() and "gedruckt … Seite" in widget.labelText():
                    qtbot.mouseClick(widget.findChild(QPushButton), Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(0)
    view.select("IR-2020-09-09")
    try:
        pages = view.print_packet(public=False, printer=printer_to(tmp_path / "gedruckt.pdf"))
    finally:
        timer.stop()
    assert 1 <= pages < 8 and len(PdfReader(tmp_path / "gedruckt.pdf").pages) == pages  # stopped
    assert any(label.startswith("Sitzungsmappe wird erstellt … Seite") for label in labels)
    printing = [label for label in labels if "gedruckt" in label]
    assert printing and all(
        re.fullmatch(r"Sitzungsmappe wird gedruckt … Seite [1-7] von 8", label) for label in printing
    )
    assert list(temp.iterdir()) == []  # the temporary Mappe is gone
    assert answers["shown"] == []
    # Qt's PDF engine cannot take back what it has: the clerk is told how many pages went out
    told = in_main_window.statusBar().currentMessage()
    assert told == (
        "Sitzungsmappe: Drucken abgebrochen – 1 Seite war schon beim Drucker."
        if pages == 1
        else f"Sitzungsmappe: Drucken abgebrochen – {pages} Seiten waren schon beim Drucker."
    )


def test_abbrechen_as_the_mappe_to_print_is_done_prints_nothing_and_leaves_no_file(
    view: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """„Abbrechen“ in the moment the Mappe is written (no later step to notice it): nothing goes to the
    printer and the temporary Mappe is removed all the same."""
    import tempfile

    from kimdesk.services import packets
    from tests.meetings.test_meetings_cycle_gui import printer_to

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    write = packets.write_packet_file

    def write_then_cancel(*args: Any, **kwargs: Any) -> Path:
        written = write(*args, **kwargs)
        view.packet_task.cancel()  # the click lands after the last page was counted
        return written

    monkeypatch.setattr(packets, "write_packet_file", write_then_cancel)
    view.select("IR-2020-09-09")
    assert view.print_packet(public=False, printer=printer_to(tmp_path / "gedruckt.pdf")) == 0
    assert not (tmp_path / "gedruckt.pdf").exists()
    assert list(temp.iterdir()) == []
    assert answers["shown"] == []
