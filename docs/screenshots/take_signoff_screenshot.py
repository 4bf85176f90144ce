"""Screenshots of the Mitzeichnung panel under Xvfb: 20/0311 In Mitzeichnung (each signature checked), the
sign dialog with PIN, 20/0325 after a rejection, the "Umlauf starten" dialog, "Signaturschlüssel
einrichten" and "Beschlussvermerk signieren".

The demo signs with demo keys, trusted in this run's own folders only (``signing_demo_window``).

Run:  Xvfb :99 -screen 0 1440x900x24 &
      DISPLAY=:99 .venv/bin/python docs/screenshots/take_signoff_screenshot.py
"""

from __future__ import annotations

from take_screenshots import (  # same folder: run as a script
    open_demo_paper,
    screenshot_workdir,
    settle,
    shoot,
    signing_demo_window,
    wait_until,
)

from kimdesk.app import App
from kimdesk.services.demo_keys import DEMO_PIN
from kimdesk.services.office import list_persons
from kimdesk.ui.editor.page import EditorPage
from kimdesk.ui.main_window import MainWindow
from kimdesk.ui.recorder_dialog import RecorderDialog
from kimdesk.ui.settings.pin_dialog import PinDialog


def sign_off_section(
    app_obj: App, window: MainWindow, reference: str, *, history: bool = False
) -> EditorPage:
    """The Vorlage's Mitzeichnung panel once its state is checked, history shown if ``history``, in view."""
    page = open_demo_paper(app_obj, window, reference, (900, 540))
    panel = page.editor.sign_off_panel
    wait_until(lambda: panel.state is not None and not panel.busy, 20)
    panel.history_button.setChecked(history)
    settle()
    page.editor.verticalScrollBar().setValue(page.editor.sections["sign_offs"].y() - 8)
    return page


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = signing_demo_window(workdir, 1440, 900, ["Rainer Weichelt"])
    panel = sign_off_section(app_obj, window, "20/0311", history=True).editor.sign_off_panel
    shoot("signoff-panel.png")
    dialog = panel.open_sign_dialog()
    assert dialog is not None
    dialog.person.setCurrentIndex(1)
    dialog.remark.setPlainText("Bürgermeister im Urlaub")
    dialog.pin.setText(DEMO_PIN)
    shoot("signoff-dialog.png")
    dialog.reject()
    settle()
    panel = sign_off_section(app_obj, window, "20/0325").editor.sign_off_panel
    shoot("signoff-rejected.png")
    start = panel.open_start_dialog()
    assert start is not None
    start.legal_box.setChecked(True)
    shoot("signoff-start.png")
    start.reject()
    setup = PinDialog("Dr. Sabine Möller", window)
    setup.show()
    setup.first.setText("246810")
    setup.second.setText("246810")
    shoot("signing-key-setup.png")
    setup.reject()
    recorder = RecorderDialog(
        "Kommunales Integrationsmanagement", [p.name for p in list_persons(app_obj.uow_factory)], window
    )
    recorder.show()
    recorder.person.setCurrentText("Wolfgang Krämer")
    recorder.pin.setText(DEMO_PIN)
    shoot("resolution-sign-dialog.png")
    recorder.reject()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
