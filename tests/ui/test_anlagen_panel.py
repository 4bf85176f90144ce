"""The editor's Anlagen panel as a clerk uses it: add by the file dialog and by dropping files from the file
manager (a refused file is named), rename with F2, public toggle, reorder by Strg+↓, button and drag,
remove with Entf; after closing and reopening the Vorlage all of it is there, and its PDF lists them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from kimdesk.ui.editor.attachments_model import PUBLIC, TITLE
from tests.meetings.pdfs import tiny_pdf
from tests.ui.conftest import type_text


def _pdf(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(tiny_pdf(name.upper()))
    return path


def _titles(panel: Any) -> list[str]:
    model = panel.table.model()
    return [model.index(row, TITLE).data() for row in range(model.rowCount())]


def _idle(qtbot: Any, panel: Any) -> None:
    qtbot.waitUntil(lambda: not panel.running, timeout=20000)


def _drop(table: Any, mime: QMimeData, row: int) -> None:
    """What the file manager (or a row dragged) delivers when released over ``row``: enter, move, drop."""
    rect = table.visualRect(table.model().index(row, TITLE))
    where = rect.center() if row >= 0 else QPoint(5, table.viewport().height() - 2)
    action, button, keys = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(where, action, mime, button, keys),
        QDragMoveEvent(where, action, mime, button, keys),
        QDropEvent(QPointF(where), action, mime, button, keys),
    ):
        QApplication.sendEvent(table.viewport(), event)


def test_the_clerk_adds_renames_reorders_marks_and_removes_anlagen(
    window: Any, qtbot: Any, tmp_path: Path, answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.new_paper()
    reference = page.editor.base.reference
    panel = page.editor.anlagen
    _idle(qtbot, panel)
    assert panel.add_button.isEnabled() and panel.table.rowCount() == 0

    # 1. the file dialog (Qt's own dialog, answered as if the clerk chose the file)
    lageplan = _pdf(tmp_path, "Lageplan.pdf")
    monkeypatch.setattr(QFileDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _self: [str(lageplan)])
    panel.add_button.click()
    assert panel.running and panel.busy.isVisible()  # stored off the GUI thread, the busy bar meanwhile
    assert not panel.add_button.isEnabled()
    _idle(qtbot, panel)
    assert _titles(panel) == ["Lageplan"]

    # 2. dropped from the file manager: two PDFs and a text file that is refused by name
    notiz = tmp_path / "Notiz.pdf"
    notiz.write_text("kein PDF")
    files = [_pdf(tmp_path, "Vertrag.pdf"), notiz, _pdf(tmp_path, "Kosten.pdf")]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    _drop(panel.table, mime, -1)
    _idle(qtbot, panel)
    assert _titles(panel) == ["Lageplan", "Vertrag", "Kosten"]
    warning = [text for kind, _title, text in answers["shown"] if kind == "warn"]
    assert warning[-1] == "Anlage: Die Datei „Notiz.pdf“ ist keine PDF-Datei."

    # 3. rename with F2, type, Enter
    panel.table.setFocus()
    panel.table.setCurrentCell(0, TITLE)
    QTest.keyClick(panel.table, Qt.Key.Key_F2)
    editor = panel.table.viewport().findChild(QLineEdit)  # the cell's editor
    assert isinstance(editor, QLineEdit) and editor.isVisible(), QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Lageplan Nord – Übersicht")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit on its next event round
    qtbot.waitUntil(lambda: panel.anlagen[0].title == "Lageplan Nord – Übersicht", timeout=20000)
    _idle(qtbot, panel)
    assert _titles(panel)[0] == "Lageplan Nord – Übersicht"

    # 4. Vertrag non-public by the button
    panel.table.setCurrentCell(1, TITLE)
    panel.public_button.click()
    _idle(qtbot, panel)
    assert [a.public for a in panel.anlagen] == [True, False, True]
    public = panel.table.model().index(1, PUBLIC)
    assert public.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    # 5. reorder: Strg+↓ moves Lageplan down, ▲ moves it back, a drag puts Kosten first
    panel.table.setCurrentCell(0, TITLE)
    QTest.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    _idle(qtbot, panel)
    assert _titles(panel) == ["Vertrag", "Lageplan Nord – Übersicht", "Kosten"]
    assert panel.table.currentRow() == 1  # the moved Anlage stays chosen
    panel.up_button.click()
    _idle(qtbot, panel)
    assert _titles(panel) == ["Lageplan Nord – Übersicht", "Vertrag", "Kosten"]
    panel.table.setCurrentCell(2, TITLE)
    rows = panel.table.model().mimeData([panel.table.model().index(2, TITLE)])
    _drop(panel.table, rows, 0)
    _idle(qtbot, panel)
    assert _titles(panel) == ["Kosten", "Lageplan Nord – Übersicht", "Vertrag"]

    # 6. remove with Entf (after the question)
    panel.table.setFocus()
    panel.table.setCurrentCell(0, TITLE)
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    _idle(qtbot, panel)
    assert ("confirm", "Anlage entfernen") in [(k, t) for k, t, _x in answers["shown"]]
    assert _titles(panel) == ["Lageplan Nord – Übersicht", "Vertrag"]

    # 7. save, close, reopen: all of it is stored
    assert page.save_and_wait()
    paper_id = page.editor.base.id
    window.menu.close_tab_action.trigger()
    reopened = window.open_paper(paper_id)
    panel = reopened.editor.anlagen
    _idle(qtbot, panel)
    assert _titles(panel) == ["Lageplan Nord – Übersicht", "Vertrag"]
    assert [a.public for a in panel.anlagen] == [True, False]

    # 8. the Vorlage's PDF (Datei → PDF exportieren) lists them, numbered
    target = tmp_path / "vorlage.pdf"
    done: list[Path] = []
    reopened.export_pdf(target, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "Anlagen: 1. Lageplan Nord – Übersicht 2. Vertrag (nichtöffentlich)" in text
    assert reference in text


def test_a_vorlage_in_mitzeichnung_or_later_shows_its_anlagen_read_only(window: Any, qtbot: Any) -> None:
    from kimdesk.services.demo import load_full_demo

    load_full_demo(window.context.uow_factory)
    with window.context.uow_factory() as uow:
        locked = next(p for p in (uow.papers.get(i) for i in uow.papers.all_ids()) if p.is_locked)
    page = window.open_paper(locked.id)
    panel = page.editor.anlagen
    _idle(qtbot, panel)
    assert not panel.add_button.isEnabled() and not panel.table.editable
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/x.pdf")])
    _drop(panel.table, mime, -1)
    assert not panel.running and panel.anlagen == []


def test_the_anlagen_table_by_keyboard_space_marks_tab_leaves_and_tab_stores_a_title(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    page = window.new_paper()
    panel = page.editor.anlagen
    _idle(qtbot, panel)
    panel.add_files([_pdf(tmp_path, "Lageplan.pdf"), _pdf(tmp_path, "Vertrag.pdf")])
    _idle(qtbot, panel)
    table = panel.table
    page.editor.ensureWidgetVisible(table)
    window.activateWindow()

    # Leertaste on the öffentlich cell: the Anlage becomes non-public and that is stored
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5000)
    table.setCurrentCell(1, PUBLIC)
    QTest.keyClick(table, Qt.Key.Key_Space)
    _idle(qtbot, panel)
    assert [a.public for a in panel.anlagen] == [True, False]
    assert table.model().index(1, PUBLIC).data(Qt.ItemDataRole.ToolTipRole) == "nichtöffentlich"

    # Tab goes on to the buttons below, not to the next cell
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5000)
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.add_button

    # F2, a new title, Tab: the title is stored and the focus leaves the table
    table.setFocus()
    table.setCurrentCell(0, TITLE)
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor)
    editor.selectAll()
    type_text(editor, "Lageplan Süd")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: panel.anlagen[0].title == "Lageplan Süd", timeout=20000)
    _idle(qtbot, panel)
    assert _titles(panel) == ["Lageplan Süd", "Vertrag"]
