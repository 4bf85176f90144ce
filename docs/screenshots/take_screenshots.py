"""Screenshots of the real application under Xvfb: main window, editor with preview, preview pane.

Run:  Xvfb :99 -screen 0 1440x900x24 &  DISPLAY=:99 .venv/bin/python docs/screenshots/take_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from kimdesk.app import App, open_app
from kimdesk.services.demo import load_full_demo
from kimdesk.services.papers import get_paper
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent


def settle(seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget: object, name: str) -> None:
    """One widget (a window or a dialog) as a PNG, drawn by Qt."""
    settle()
    widget.grab().save(str(OUT / name))  # type: ignore[attr-defined]
    print("geschrieben:", OUT / name)


def shoot(name: str) -> None:
    settle()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("geschrieben:", OUT / name)


def screenshot_workdir() -> Path | None:
    """A fresh folder for the demo database and GUI settings; None (with a message) without a display."""
    if not os.environ.get("DISPLAY"):
        print("DISPLAY fehlt – bitte unter Xvfb starten", file=sys.stderr)
        return None
    workdir = Path(tempfile.mkdtemp(prefix="kimdesk-shots-"))
    os.environ["KIMDESK_CONFIG_DIR"] = str(workdir / "config")
    return workdir


def demo_window(
    workdir: Path, width: int = 1440, height: int = 900, load: Callable[[Any], object] = load_full_demo
) -> tuple[App, MainWindow]:
    """The program on the demo office in ``workdir`` (``load`` fills it), its window width × height."""
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    app_obj = open_app(url)
    load(app_obj.uow_factory)
    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, width, height)
    window.show()
    window.attach(GuiContext(app_obj, url))
    window.activateWindow()  # shortcuts work in the active window only
    return app_obj, window


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1440, 900)
    window.list_page.select_reference("20/0311")
    shoot("main-window.png")
    page = window.open_paper(get_paper(app_obj.uow_factory, "20/0311").id)
    assert page is not None
    page.splitter.setSizes([820, 620])
    page.preview.schedule(page.editor.paper(), immediately=True)
    deadline = time.monotonic() + 20
    while page.preview.shown_generation != page.preview.generation and time.monotonic() < deadline:
        settle(0.1)
    shoot("editor.png")
    page.editor.verticalScrollBar().setValue(page.editor.sections["finance"].y())
    shoot("editor-finance.png")
    settle()
    page.preview.grab().save(str(OUT / "preview.png"))
    print("geschrieben:", OUT / "preview.png")
    funding = window.open_paper(get_paper(app_obj.uow_factory, "20/0340").id)
    assert funding is not None
    funding.splitter.setSizes([820, 620])
    settle(1.0)
    funding.editor.verticalScrollBar().setValue(funding.editor.sections["funding"].y())
    shoot("editor-funding.png")
    window.menu.meetings_action.trigger()
    view = window.meetings_view
    assert view is not None
    for row in range(view.meetings.count()):  # type: ignore[attr-defined]
        if "09.09.2020" in view.meetings.item(row).text():  # type: ignore[attr-defined]
            view.meetings.setCurrentRow(row)  # type: ignore[attr-defined]
    shoot("meetings.png")
    from kimdesk.ui.settings.dialog import SettingsDialog

    assert window.context is not None
    dialog = SettingsDialog(window.context, window.config, None, window)
    dialog.tabs.setCurrentIndex(3)  # Personen, with "PIN festlegen …"
    dialog.persons_page.table.selectRow(2)
    dialog.show()
    shoot("settings-persons.png")
    dialog.reject()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
