"""kimdesk on a small office screen and with large text: 1024 × 700 at 100 %, and 1600 × 1000 at 150 %
(QT_SCALE_FACTOR=1.5, 1067 × 667 logical pixels). Nothing reaches past the window, no field scrolls
inside the scrolling form, the window does not insist on being wider than the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.ui.screens import faults

ROOT = Path(__file__).resolve().parents[2]


def _with_long_texts(window: Any, qtbot: Any) -> None:
    """The demo Vorlage opened, with a Begründung of many pages and a funding module row."""
    qtbot.waitUntil(lambda: window.list_page.proxy.rowCount() > 0, timeout=10000)
    window.list_page.view.selectRow(0)
    page = window.open_selected()
    assert page is not None
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    page.editor.rationale.edit.append("Die Verwaltung berichtet über den Stand der Umsetzung. " * 300)
    page.editor.resolution.edit.setPlainText("Der Rat beschließt:\n" + "1. Weiter so.\n" * 40)
    page.editor.funding.add_row()
    window.show_meetings()


def test_usable_at_1024_by_700(window: Any, qtbot: Any) -> None:
    _with_long_texts(window, qtbot)
    assert window.minimumSizeHint().width() <= 1024
    assert faults(window, 1024, 700) == {}


SCRIPT = """
import json, os, sys, tempfile
sys.path.insert(0, {root!r})
from kimdesk.app import open_app
from kimdesk.l10n.i18n import set_language
from kimdesk.services.demo import load_demo
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow
from tests.ui.screens import faults
from PySide6.QtTest import QTest

class Bot:
    def waitUntil(self, check, timeout):
        for _ in range(timeout // 50):
            if check():
                return
            QTest.qWait(50)
        raise AssertionError("timeout")

folder = tempfile.mkdtemp()
url = "sqlite:///" + folder + "/demo.sqlite"
os.environ["KIMDESK_CONFIG_DIR"] = folder
app = open_app(url)
load_demo(app.uow_factory)
qt = create_application("de")
set_language("de")
window = MainWindow()
window.attach(GuiContext(app, url))
window.show()
from tests.ui.test_any_screen import _with_long_texts
_with_long_texts(window, Bot())
result = {{"ratio": qt.devicePixelRatio(), "min_width": window.minimumSizeHint().width(),
          "faults": faults(window, 1600 * 2 // 3, 1000 * 2 // 3)}}
print("RESULT " + json.dumps(result))
sys.stdout.flush()
os._exit(0)
"""


def test_usable_at_1600_by_1000_with_150_percent(tmp_path: Path) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["KIMDESK_CONFIG_DIR"] = str(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(ROOT))],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, run.stdout[-2000:] + run.stderr[-4000:]
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert result["ratio"] == 1.5
    assert result["min_width"] <= 1600 * 2 // 3
    assert result["faults"] == {}


def test_windows_open_no_larger_than_the_screen(window: Any, qtbot: Any) -> None:
    """On a small screen the main window and the guide open inside it, not past its right and lower edge."""
    from kimdesk.ui.help_viewer import HelpViewer

    available = window.screen().availableGeometry()
    assert available.width() < 1280  # the test screen is smaller than the comfortable size
    assert window.width() <= available.width()
    assert window.height() <= available.height()
    from kimdesk.ui.settings.dialog import SettingsDialog

    guide = HelpViewer(window)
    qtbot.addWidget(guide)
    assert guide.width() <= available.width()
    assert guide.height() <= available.height()
    # Einstellungen (1150 × 760 where there is room): its OK and Abbrechen were below the screen's edge.
    settings = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.width() <= available.width()
    assert settings.height() <= available.height()
