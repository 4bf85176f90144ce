"""Screenshots of the meeting cycle in the real application under Xvfb: the meetings view with a meeting
and its agenda (standard items around the Vorlagen), the meeting dialog and the results dialog.

Run:  Xvfb :86 -screen 0 1600x1000x24 &
      DISPLAY=:86 .venv/bin/python docs/screenshots/take_meeting_screenshots.py
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate

from kimdesk.app import open_app
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.services.demo import load_full_demo
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import save, screenshot_workdir


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    app_obj = open_app(url)
    uow = app_obj.uow_factory
    load_full_demo(uow)
    day = (datetime.now(BERLIN) + timedelta(days=21)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = svc.create_meeting(
        uow, "IR", day, location="Rathaus, Sitzungssaal", chair="Bürgermeisterin Kraemer"
    )
    svc.add_to_agenda(uow, meeting.short_id, reference="20/0325")
    cycle_svc.add_standard_items(uow, svc.get_meeting(uow, meeting.short_id))
    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, 1280, 780)
    window.show()
    window.attach(GuiContext(app_obj, url))
    window.show_meetings()
    view = window.meetings_view
    assert view is not None
    view.reload(select=meeting.id)
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if "[20/0325]" in t))
    save(window, "meetings-agenda.png")
    dialog = view.new_meeting()
    dialog.committee.setCurrentIndex(dialog.committee.findText("Haupt- und Finanzausschuss"))
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    dialog.location.setText("Rathaus, Raum 214")
    dialog.chair.setCurrentText("Bürgermeisterin Kraemer")
    dialog.invitation.setPlainText("Zur Sitzung des Haupt- und Finanzausschusses lade ich Sie herzlich ein.")
    save(dialog, "meeting-dialog.png")
    dialog.reject()
    view.reload()
    view.select("IR-2020-11-04")
    view.mark_held()
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if t.startswith("TOP 2")))
    results = view.choose_result()
    assert results is not None
    results.result_choice.setCurrentIndex(results.result_choice.findText("mehrheitlich beschlossen"))
    results.votes.setChecked(True)
    results.yes.setValue(11)
    results.no.setValue(2)
    results.abstentions.setValue(1)
    save(results, "meeting-results.png")
    results.reject()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
