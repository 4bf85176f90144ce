"""Screenshots of Datei › Austauschdatei importieren with Vorlagen of another system that gives no times and
no state: the import report, and the editor showing „unbekannt“ and the half-set „öffentlich“ box.

Run:  Xvfb :82 -screen 0 1600x1000x24 &
      DISPLAY=:82 .venv/bin/python docs/screenshots/take_import_screenshots.py
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from take_screenshots import screenshot_workdir, settle, shoot  # same folder: run as a script

from kimdesk.app import open_app
from kimdesk.services.demo import load_demo
from kimdesk.ui import file_dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow

COMMITTEE, DEPARTMENT = str(uuid.UUID(int=101)), str(uuid.UUID(int=102))


def foreign_document() -> dict[str, Any]:
    """Three Vorlagen as another system exports them: no created, modified, status or public."""
    papers = [
        {
            "id": str(uuid.UUID(int=number)),
            "reference": reference,
            "paperType": "resolution",
            "leadDepartment": DEPARTMENT,
            "title": f"Vorlage {reference} aus dem Ratsinformationssystem",
            "consultations": [{"committee": COMMITTEE, "role": "decision", "meetingDate": "2021-06-17"}],
            "draftResolution": "Der Kreistag beschließt.",
        }
        for number, reference in ((1, "21/0362"), (2, "23/0197"), (3, "SV-0009"))
    ]
    return {
        "format": "kimdesk-exchange",
        "version": 2,
        "organizations": [
            {"id": COMMITTEE, "name": "Kreistag", "kind": "committee"},
            {"id": DEPARTMENT, "name": "Amt 50 – Soziales", "kind": "department"},
        ],
        "persons": [],
        "papers": papers,
    }


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    app_obj = open_app(url)
    load_demo(app_obj.uow_factory)
    source = workdir / "ris-export.kimdesk.json"
    source.write_text(json.dumps(foreign_document(), ensure_ascii=False), encoding="utf-8")
    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, 1600, 1000)
    window.show()
    window.attach(GuiContext(app_obj, url))
    settle(1.0)
    file_dialogs.open_file_name = lambda *_args: str(source)  # type: ignore[assignment]

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
