"""Screenshots of the Mitzeichnung panel under Xvfb: 20/0311 In Mitzeichnung (each signature checked), the
sign dialog with PIN, 20/0325 after a rejection, the "Umlauf starten" dialog, "Signaturschlüssel
einrichten" and "Beschlussvermerk signieren".

The demo signs with demo keys; this script installs the demo CA as trust anchor in its own temporary
machine configuration folder (never on a real office PC: docs/SECURITY.md).

Run:  Xvfb :99 -screen 0 1440x900x24 &
      DISPLAY=:99 .venv/bin/python docs/screenshots/take_signoff_screenshot.py
"""

from __future__ import annotations

import os
import time

from take_screenshots import screenshot_workdir, settle, shoot  # same folder: run as a script

from kimdesk.app import open_app
from kimdesk.services.demo import apply_demo_signoffs
from kimdesk.services.demo_keys import DEMO_PIN, ensure_demo_keys, install_demo_anchor
from kimdesk.services.office import list_persons
from kimdesk.services.papers import get_paper
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow
from kimdesk.ui.recorder_dialog import RecorderDialog
from kimdesk.ui.settings.pin_dialog import PinDialog


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    os.environ["XDG_DATA_HOME"] = str(workdir / "profile")
    os.environ["XDG_CONFIG_DIRS"] = str(workdir / "machine")
    install_demo_anchor()
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    app_obj = open_app(url)
    apply_demo_signoffs(app_obj.uow_factory)
    ensure_demo_keys(app_obj.uow_factory, ["Rainer Weichelt"])
    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, 1440, 900)
    window.show()
    window.attach(GuiContext(app_obj, url))
    page = window.open_paper(get_paper(app_obj.uow_factory, "20/0311").id)
    assert page is not None
    page.splitter.setSizes([900, 540])
    panel = page.editor.sign_off_panel
    deadline = time.monotonic() + 20
    while (panel.state is None or panel.busy) and time.monotonic() < deadline:
        settle(0.1)
    panel.history_button.setChecked(True)
    settle()
    section = page.editor.sections["sign_offs"]
    page.editor.verticalScrollBar().setValue(section.y() - 8)
    shoot("signoff-panel.png")
    dialog = panel.open_sign_dialog()
    assert dialog is not None
    dialog.person.setCurrentIndex(1)
    dialog.remark.setPlainText("Bürgermeister im Urlaub")
    dialog.pin.setText(DEMO_PIN)
    shoot("signoff-dialog.png")
    dialog.reject()
    settle()
    page = window.open_paper(get_paper(app_obj.uow_factory, "20/0325").id)
    assert page is not None
    page.splitter.setSizes([900, 540])
    panel = page.editor.sign_off_panel
    deadline = time.monotonic() + 20
    while (panel.state is None or panel.busy) and time.monotonic() < deadline:
        settle(0.1)
    settle()
    section = page.editor.sections["sign_offs"]
    page.editor.verticalScrollBar().setValue(section.y() - 8)
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
