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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from kimdesk.app import App, open_app
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meeting_cycle, meetings
from kimdesk.services.demo import apply_demo_signoffs, load_full_demo
from kimdesk.services.demo_keys import ensure_demo_keys, install_demo_anchor
from kimdesk.services.papers import get_paper
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.editor.page import EditorPage
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


def wait_until(done: Callable[[], bool], seconds: float = 60) -> None:
    """Let the program work until ``done()``; a shot of a half-built window is worse than none."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("zu lange gewartet")
        settle(0.1)


def demo_app(workdir: Path, load: Callable[[Any], object] | None = load_full_demo) -> App:
    """The program on a new database in ``workdir``, filled by ``load`` (None: empty, as on a first start)."""
    app_obj = open_app(f"sqlite:///{workdir / 'demo.sqlite'}")
    if load is not None:
        load(app_obj.uow_factory)
    return app_obj


def main_window(app_obj: App, width: int = 1440, height: int = 900) -> MainWindow:
    """The program's window on ``app_obj``, width × height at the top left of the screen."""
    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, width, height)
    window.show()
    window.attach(GuiContext(app_obj, app_obj.database.url))
    window.activateWindow()  # shortcuts work in the active window only
    return window


def demo_window(
    workdir: Path, width: int = 1440, height: int = 900, load: Callable[[Any], object] | None = load_full_demo
) -> tuple[App, MainWindow]:
    """The program on the demo office in ``workdir`` (``load`` fills it), its window width × height."""
    app_obj = demo_app(workdir, load)
    return app_obj, main_window(app_obj, width, height)


def open_demo_paper(app_obj: App, window: MainWindow, reference: str, sizes: tuple[int, int]) -> EditorPage:
    """The Vorlage ``reference`` in its tab, editor and preview ``sizes`` wide, built and drawn."""
    page = window.open_paper(get_paper(app_obj.uow_factory, reference).id)
    assert page is not None
    page.splitter.setSizes(list(sizes))
    settle(1.0)
    return page


def signing_demo_window(
    workdir: Path,
    width: int,
    height: int,
    key_holders: list[str],
    then: Callable[[Any], object] | None = None,
) -> tuple[App, MainWindow]:
    """:func:`demo_window` on the demo office with its Mitzeichnungen signed and signing keys for
    ``key_holders`` (``then`` changes it further). The demo CA is trusted in this run's own profile and
    machine folders only, never on a real office PC (docs/SECURITY.md)."""
    os.environ["XDG_DATA_HOME"] = str(workdir / "profile")
    os.environ["XDG_CONFIG_DIRS"] = str(workdir / "machine")
    install_demo_anchor()

    def load(uow: Any) -> None:
        apply_demo_signoffs(uow)
        ensure_demo_keys(uow, key_holders)
        if then is not None:
            then(uow)

    return demo_window(workdir, width, height, load)


def upcoming_meeting(uow: Any, **details: str) -> Meeting:
    """A meeting of the Integrationsrat three weeks ahead at 17:00, 20/0325 and the standard items on its
    agenda; ``details`` as ``meetings.create_meeting`` takes them (e.g. ``invitation_text``)."""
    day = (datetime.now(BERLIN) + timedelta(days=21)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = meetings.create_meeting(
        uow, "IR", day, location="Rathaus, Sitzungssaal", chair="Bürgermeisterin Kraemer", **details
    )
    meetings.add_to_agenda(uow, meeting.short_id, reference="20/0325")
    meeting_cycle.add_standard_items(uow, meetings.get_meeting(uow, meeting.short_id))
    return meeting


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1440, 900)
    window.list_page.select_reference("20/0311")
    shoot("main-window.png")
    page = open_demo_paper(app_obj, window, "20/0311", (820, 620))
    page.preview.schedule(page.editor.paper(), immediately=True)
    wait_until(lambda: page.preview.shown_generation == page.preview.generation, 20)
    shoot("editor.png")
    page.editor.verticalScrollBar().setValue(page.editor.sections["finance"].y())
    shoot("editor-finance.png")
    settle()
    page.preview.grab().save(str(OUT / "preview.png"))
    print("geschrieben:", OUT / "preview.png")
    funding = open_demo_paper(app_obj, window, "20/0340", (820, 620))
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
