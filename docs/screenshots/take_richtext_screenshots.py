"""Screenshots of a Begründung with a table and a nested list, and of a numbered Beschlussentwurf, built in
the real program with its menu, keys and a Word paste, and of the PDF that comes out (issue 17, item 2).

Run:  Xvfb :88 -screen 0 1600x1000x24 &
      DISPLAY=:88 .venv/bin/python docs/screenshots/take_richtext_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from take_screenshots import (  # same folder: run as a script
    OUT,
    demo_window,
    open_demo_paper,
    screenshot_workdir,
    settle,
    shoot,
)

from kimdesk.services.export import export_paper_pdf
from kimdesk.ui.editor.richtext_edit import RichTextEditor

WORD_SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "ui" / "clipboard" / "word_table.html"


def _type(editor: RichTextEditor, text: str) -> None:
    editor.edit.insertPlainText(text)
    settle(0.05)


def _to_end(editor: RichTextEditor) -> None:
    cursor = editor.edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.edit.setTextCursor(cursor)


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1600, 1000)
    page = open_demo_paper(app_obj, window, "20/0340", (1000, 600))
    editor = page.editor
    rationale = editor.rationale
    rationale.edit.setFocus()
    _to_end(rationale)
    QTest.keyClick(rationale.edit, Qt.Key.Key_Return)
    # a table from Word's clipboard (rows, columns, header row and a numbered list with sub-items)
    mime = QMimeData()
    mime.setHtml(WORD_SAMPLE.read_text(encoding="utf-8"))
    rationale.edit.insertFromMimeData(mime)
    # and one typed in: Strg+Alt+T, Tab between the cells, Tab in the last cell for a new row
    _to_end(rationale)
    QTest.keyClick(rationale.edit, Qt.Key.Key_Return)
    rationale.numbered_action.trigger()  # "1." again ends the list, as in Word
    _type(rationale, "Verteilung der Stellen:")
    QTest.keyClick(
        rationale.edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    cells = ["Standort", "Stellen", "Träger", "Innenstadt", "1,5", "Caritas", "Süd", "0,5", "Stadt"]
    for index, text in enumerate(cells):
        _type(rationale, text)
        if index < len(cells) - 1:
            QTest.keyClick(rationale.edit, Qt.Key.Key_Tab)
    # a bullet list with sub-items: Tab at the start of an item indents it
    _to_end(rationale)
    QTest.keyClick(rationale.edit, Qt.Key.Key_Return)
    rationale.bullet_action.trigger()
    for index, text in enumerate(["Innenstadt", "Sprachcafé", "Familienberatung", "Süd"]):
        if index:
            QTest.keyClick(rationale.edit, Qt.Key.Key_Return)
        if index == 1:  # Tab at the start of the item: one level deeper; the next item stays there
            QTest.keyClick(rationale.edit, Qt.Key.Key_Tab)
        if index == 3:  # Umschalt+Tab: back up
            QTest.keyClick(rationale.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        _type(rationale, text)
    settle()
    rationale.edit.setMinimumHeight(560)  # the whole text in view for the picture
    settle()
    editor.verticalScrollBar().setValue(editor.sections["rationale"].y())
    settle()
    shoot("editor-table.png")

    # the "Tabelle" menu with the cursor in a table
    doc = rationale.edit.document()
    block = doc.begin()
    while block.isValid() and block.text() != "Innenstadt":
        block = block.next()
    cursor = QTextCursor(block)
    rationale.edit.setTextCursor(cursor)
    settle()
    menu = rationale.table_button.menu()
    menu.aboutToShow.emit()
    menu.popup(rationale.table_button.mapToGlobal(QPoint(0, rationale.table_button.height())))
    settle()
    shoot("editor-table-menu.png")
    menu.hide()

    # the Beschlussentwurf: numbered items
    resolution = editor.resolution
    resolution.set_richtext(resolution.richtext())
    resolution.edit.selectAll()
    resolution.edit.textCursor().removeSelectedText()
    resolution.edit.setFocus()
    _type(resolution, "Der Rat beschließt:")
    QTest.keyClick(resolution.edit, Qt.Key.Key_Return)
    resolution.numbered_action.trigger()
    items = [
        "Die Verwaltung wird beauftragt, beim Land Nordrhein-Westfalen die Fördermittel für das Kommunale "
        "Integrationsmanagement in voller Höhe zu beantragen.",
        "Die Eigenanteile werden im Haushalt 2021 bereitgestellt.",
        "Über den Fortgang wird im Integrationsrat berichtet.",
    ]
    for index, text in enumerate(items):
        if index:
            QTest.keyClick(resolution.edit, Qt.Key.Key_Return)
        _type(resolution, text)
    settle()
    editor.verticalScrollBar().setValue(editor.sections["resolution"].y() - 40)
    settle(1.5)
    shoot("editor-decision.png")

    assert page.save_and_wait()
    pdf = export_paper_pdf(app_obj.uow_factory, app_obj.renderer, "20/0340", workdir)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(OUT / "pdf-richtext")], check=True)
    print("geschrieben:", sorted(OUT.glob("pdf-richtext*.png")), file=sys.stderr)
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
