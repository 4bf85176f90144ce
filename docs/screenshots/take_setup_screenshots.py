"""Screenshots of a new office setting itself up, in the real application under Xvfb: an empty database, the
set-up assistant page by page (a Stadt with 3 Ämter, 2 Gremien, 3 Personen, numbering "2026/0001"), then a
new Vorlage whose pickers offer what was entered, and the settings' Ämter page.

Run:  Xvfb :84 -screen 0 1600x1000x24 &
      DISPLAY=:84 .venv/bin/python docs/screenshots/take_setup_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kimdesk.ui.setup_wizard import SetupWizard

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import OUT, demo_window, save, screenshot_workdir, settle


def fill(table: object, rows: list[list[str]]) -> None:
    model = table.rows_model  # type: ignore[attr-defined]
    for cells in rows:
        row = model.add_blank_row()
        for column, text in enumerate(cells):
            model.setData(model.index(row, column), text)


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1280, 780, load=None)  # an empty database: the assistant opens
    settle(1.0)
    save(window, "setup-0-empty-list.png")
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible())
    save(wizard, "setup-1-start.png")
    wizard.next()
    wizard.office.municipality.setText("Stadt Beispielhausen")
    wizard.office.letterhead.setPlainText("Stadt Beispielhausen\nDer Bürgermeister")
    save(wizard, "setup-2-office.png")
    wizard.next()
    fill(
        wizard.departments.page.table,
        [["Hauptamt", "10", ""], ["Kämmerei", "20", ""], ["Bauamt", "60", ""]],
    )
    save(wizard, "setup-3-departments.png")
    wizard.next()
    fill(wizard.committees.page.table, [["Rat", "", "Rates"], ["Bauausschuss", "BA", "Bauausschusses"]])
    save(wizard, "setup-4-committees.png")
    wizard.next()
    fill(
        wizard.persons.page.table,
        [["Anna Berg", "Bürgermeisterin"], ["Jonas Kraft", "Kämmerer"], ["Lea Sommer", "Sachbearbeiterin"]],
    )
    save(wizard, "setup-5-persons.png")
    wizard.next()
    roles = wizard.roles.table
    assert roles is not None
    for row, column, text in ((0, 1, "Anna Berg"), (0, 2, "Jonas Kraft"), (2, 1, "Jonas Kraft")):
        picker = roles.picker(row, column)
        assert picker is not None
        picker.setCurrentIndex(next(i for i in range(picker.count()) if picker.itemText(i).startswith(text)))
    save(wizard, "setup-6-roles.png")
    wizard.next()
    combo = wizard.numbering.picker.combo
    combo.setCurrentIndex(1)  # "2026/0001"
    save(wizard, "setup-7-numbering.png")
    wizard.next()
    save(wizard, "setup-8-summary.png")
    wizard.accept()
    while wizard.isVisible():
        settle(0.2)
    settle(1.0)
    page = window.new_paper()
    assert page is not None
    page.editor.department.showPopup()
    QTimer.singleShot(0, lambda: None)
    settle(0.5)
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0, 0, 0, 1280, 780).save(str(OUT / "setup-9-new-vorlage.png"))
    print("geschrieben:", OUT / "setup-9-new-vorlage.png")
    page.editor.department.hidePopup()
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)  # type: ignore[arg-type]
    dialog.tabs.setCurrentWidget(dialog.departments)
    dialog.show()
    save(dialog, "settings-departments.png")
    dialog.tabs.setCurrentWidget(dialog.office_page)
    save(dialog, "settings-office-numbering.png")
    dialog.reject()
    for open_page in window.pages():
        open_page.shutdown()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
