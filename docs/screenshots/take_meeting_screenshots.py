"""Screenshots of the meeting cycle in the real application under Xvfb: the meetings view with a meeting
and its agenda (standard items around the Vorlagen), the meeting dialog and the results dialog.

Run:  Xvfb :86 -screen 0 1600x1000x24 &
      DISPLAY=:86 .venv/bin/python docs/screenshots/take_meeting_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDate

from kimdesk.domain.timezone import BERLIN

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import demo_app, main_window, save, screenshot_workdir, upcoming_meeting


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj = demo_app(workdir)
    meeting = upcoming_meeting(app_obj.uow_factory)
    window = main_window(app_obj, 1280, 780)
    window.show_meetings()
    view = window.meetings_view
    assert view is not None
    view.reload(select=meeting.id)
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if "[20/0325]" in t))
    save(window, "meetings-agenda.png")
    dialog = view.new_meeting()
    dialog.committee.setCurrentIndex(dialog.committee.findText("Haupt- und Finanzausschuss"))
    day = meeting.start.astimezone(BERLIN)  # the new meeting on the same day
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
