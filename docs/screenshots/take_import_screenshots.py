"""Screenshots of Datei › Austauschdatei importieren with Vorlagen of another system that gives no times and
no state: the import report, and the editor showing „unbekannt“ and the half-set „öffentlich“ box.

Run:  Xvfb :82 -screen 0 1600x1000x24 &
      DISPLAY=:82 .venv/bin/python docs/screenshots/take_import_screenshots.py
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from take_screenshots import demo_window, screenshot_workdir, settle, shoot  # same folder: run as a script

from kimdesk.services.demo import load_demo
from kimdesk.ui import file_dialogs

#: Vorlagen as another system exports them: no created, modified or status (the tests' file).
SOURCE = Path(__file__).resolve().parents[2] / "tests" / "exchange" / "foreign-office.kimdesk.json"


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1600, 1000, load_demo)
    settle(1.0)
    file_dialogs.open_file_name = lambda *_args: str(SOURCE)  # type: ignore[assignment]

    def report_shown() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(200, report_shown)
            return
        shoot("import-report.png")
        boxes[0].accept()

    QTimer.singleShot(500, report_shown)
    window.menu.import_action.trigger()
    settle(1.0)
    page = window.open_paper(uuid.UUID(int=2))
    assert page is not None
    settle(2.0)
    shoot("editor-unknown-dates.png")
    page.shutdown()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
