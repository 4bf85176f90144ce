"""Issue 17 item 2 in the editor: tables (menu, Tab between cells, rows, columns, header row), pasted Word and
LibreOffice tables and nested lists, Tab/Umschalt+Tab in list items, the Beschlussentwurf as rich text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.ui.editor.richtext_edit import RichTextEditor
from tests.ui.conftest import type_text

CLIPBOARD = Path(__file__).parent / "clipboard"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def editor(focused_editor: RichTextEditor) -> RichTextEditor:
    return focused_editor


def _tab(qtbot: Any, editor: RichTextEditor, back: bool = False) -> None:
    if back:
        qtbot.keyClick(editor.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(editor.edit, Qt.Key.Key_Tab)


def _table(editor: RichTextEditor) -> Block:
    tables = [b for b in editor.richtext().blocks if b.is_table]
    assert len(tables) == 1
    return tables[0]


def test_a_table_is_inserted_from_the_menu_and_filled_with_tab(editor: RichTextEditor, qtbot: Any) -> None:
    type_text(editor.edit, "Fallzahlen:")
    editor.table_button.menu().aboutToShow.emit()
    assert editor.insert_table_action.isEnabled() and not editor.add_row_action.isEnabled()
    editor.insert_table_action.trigger()
    assert QApplication.focusWidget() is editor.edit
    for text in ["Jahr", "Fälle", "Bemerkung", "2023", "412", "davon Familien"]:
        type_text(editor.edit, text)
        _tab(qtbot, editor)
    type_text(editor.edit, "2024")
    _tab(qtbot, editor, back=True)  # back to the cell before: its text is selected and replaced
    type_text(editor.edit, "mit Familien")
    assert editor.richtext().blocks[0].plain_text() == "Fallzahlen:"
    table = _table(editor)
    assert table.header_rows == 1
    assert table.cell_texts() == [
        ["Jahr", "Fälle", "Bemerkung"],
        ["2023", "412", "mit Familien"],
        ["2024", "", ""],
    ]
    # Tab in the last cell adds a row, as in Word
    for _cell in range(4):
        _tab(qtbot, editor)
    type_text(editor.edit, "2025")
    assert _table(editor).cell_texts()[-1] == ["2025", "", ""]


def test_rows_and_columns_are_added_and_removed_and_the_header_row_switched(
    editor: RichTextEditor, qtbot: Any
) -> None:
    qtbot.keyClick(editor.edit, Qt.Key.Key_T, CTRL_ALT)  # Strg+Alt+T
    type_text(editor.edit, "Jahr")
    assert editor.richtext().blocks[0].is_table
    _tab(qtbot, editor)
    type_text(editor.edit, "Fälle")
    editor.table_button.menu().aboutToShow.emit()
    assert not editor.insert_table_action.isEnabled() and editor.add_row_action.isEnabled()
    assert editor.header_action.isChecked()
    editor.add_column_action.trigger()
    type_text(editor.edit, "Quelle")
    assert _table(editor).cell_texts()[0] == ["Jahr", "Fälle", "Quelle", ""]
    editor.remove_column_action.trigger()  # the cursor's column ("Quelle")
    assert _table(editor).cell_texts()[0] == ["Jahr", "Fälle", ""]
    editor.add_row_action.trigger()
    type_text(editor.edit, "neu")
    empty = ["", "", ""]
    assert _table(editor).cell_texts() == [["Jahr", "Fälle", ""], ["", "", "neu"], empty, empty]
    editor.remove_row_action.trigger()
    assert _table(editor).cell_texts() == [["Jahr", "Fälle", ""], empty, empty]
    editor.header_action.setChecked(False)
    editor.header_action.trigger()  # toggles it back on …
    editor.header_action.trigger()  # … and off
    assert _table(editor).header_rows == 0
    editor.remove_table_action.trigger()
    assert not any(b.is_table for b in editor.richtext().blocks)


def test_a_table_pasted_from_word_keeps_rows_columns_and_header(editor: RichTextEditor) -> None:
    mime = QMimeData()
    mime.setHtml((CLIPBOARD / "word_table.html").read_text(encoding="utf-8"))
    editor.edit.insertFromMimeData(mime)
    blocks = editor.richtext().blocks
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.NUMBERED_LIST]
    assert blocks[0].plain_text() == "Die Fallzahlen der Beratungsstelle (§ 9 TIntG) entwickelten sich so:"
    table = blocks[1]
    assert table.header_rows == 1
    assert table.cell_texts() == [
        ["Jahr", "Fälle", "Bemerkung"],
        ["2023", "412", "davon 130 Familien"],
        ["2024", "455", "z. B. Zuzug aus anderen Kommunen"],
    ]
    assert Span("130", bold=True) in table.rows[1][2]
    assert (
        blocks[2].plain_text()
        == "1. Beratung\n    a) Sprechstunde im Rathaus\n    b) Hausbesuche\n2. Sprachcafé"
    )


def test_a_table_and_nested_list_pasted_from_libreoffice_keep_their_structure(editor: RichTextEditor) -> None:
    mime = QMimeData()
    mime.setHtml((CLIPBOARD / "libreoffice_table.html").read_text(encoding="utf-8"))
    editor.edit.insertFromMimeData(mime)
    blocks = editor.richtext().blocks
    table = next(b for b in blocks if b.is_table)
    assert table.header_rows == 1
    assert table.cell_texts() == [
        ["Standort", "Stellen", "Träger"],
        ["Innenstadt", "1,5", "Caritas"],
        ["Süd", "0,5", "Stadt"],
    ]
    assert table.rows[2][2] == [Span("Stadt", italic=True)]
    bullets = next(b for b in blocks if b.is_list)
    assert bullets.levels == [0, 1, 1, 0]


def test_tab_and_shift_tab_at_the_start_of_a_list_item_change_its_level(
    editor: RichTextEditor, qtbot: Any
) -> None:
    editor.numbered_action.trigger()
    for text in ["Beratung", "Sprechstunde", "Hausbesuche", "Sprachcafé"]:
        type_text(editor.edit, text)
        if text != "Sprachcafé":
            qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    doc = editor.edit.document()
    for line in (1, 2):  # "Sprechstunde" and "Hausbesuche" one level deeper
        cursor = QTextCursor(doc.findBlockByNumber(line))
        editor.edit.setTextCursor(cursor)
        _tab(qtbot, editor)
    assert QApplication.focusWidget() is editor.edit
    block = editor.richtext().blocks[0]
    assert block.levels == [0, 1, 1, 0]
    assert block.plain_text() == "1. Beratung\n    a) Sprechstunde\n    b) Hausbesuche\n2. Sprachcafé"
    editor.edit.setTextCursor(QTextCursor(doc.findBlockByNumber(2)))
    _tab(qtbot, editor, back=True)
    assert (
        editor.richtext().blocks[0].plain_text()
        == "1. Beratung\n    a) Sprechstunde\n2. Hausbesuche\n3. Sprachcafé"
    )
    # and on screen: the outdented item starts where the first one does, the sub-item one step further in
    x = [editor.edit.cursorRect(QTextCursor(doc.findBlockByNumber(n))).x() for n in range(3)]
    assert x[2] == x[0] and x[1] > x[0]
    # Tab in the middle of an item is no indent: it leaves the field, as everywhere else
    cursor = QTextCursor(doc.findBlockByNumber(3))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.edit.setTextCursor(cursor)
    _tab(qtbot, editor)
    assert QApplication.focusWidget() is not editor.edit
    assert editor.richtext().blocks[0].levels == [0, 1, 0, 0]


def test_ctrl_tab_leaves_a_table(editor: RichTextEditor, qtbot: Any) -> None:
    editor.insert_table_action.trigger()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not editor.edit


def test_the_structures_survive_set_and_read_back(editor: RichTextEditor) -> None:
    from tests.rich_samples import rationale_with_structures

    rich = rationale_with_structures()
    editor.set_richtext(rich)
    assert editor.richtext() == rich


def test_the_beschlussentwurf_editor_makes_numbered_items(qtbot: Any) -> None:
    resolution = RichTextEditor(name="Beschlussentwurf", tables=False)
    qtbot.addWidget(resolution)
    assert resolution.edit.accessibleName() == "Beschlussentwurf" and not resolution.table_actions
    resolution.set_richtext(RichText.from_plain_exact("Der Rat beschließt:"))
    cursor = resolution.edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    resolution.edit.setTextCursor(cursor)
    qtbot.keyClick(resolution.edit, Qt.Key.Key_Return)
    resolution.numbered_action.trigger()
    type_text(resolution.edit, "Die Verwaltung wird beauftragt.")
    qtbot.keyClick(resolution.edit, Qt.Key.Key_Return)
    type_text(resolution.edit, "Die Mittel werden bereitgestellt.")
    rich = resolution.richtext()
    assert rich.plain_text() == (
        "Der Rat beschließt:\n\n1. Die Verwaltung wird beauftragt.\n2. Die Mittel werden bereitgestellt."
    )
    assert rich.rich_data_beside_plain() is not None


def test_merged_cells_keep_their_text_once(editor: RichTextEditor) -> None:
    mime = QMimeData()
    mime.setHtml(
        "<table><tr><td colspan=2><b>Standort</b></td><td><b>Träger</b></td></tr>"
        "<tr><td>Innenstadt</td><td>1,5</td><td>Caritas</td></tr></table>"
    )
    editor.edit.insertFromMimeData(mime)
    assert _table(editor).cell_texts() == [["Standort", "", "Träger"], ["Innenstadt", "1,5", "Caritas"]]
