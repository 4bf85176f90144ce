"""Start-up by design: the window is shown first, the database opens and the list fills on the
thread pool; the GUI thread stays free meanwhile."""

from __future__ import annotations

import shutil
import threading
from typing import Any

import pytest


@pytest.fixture
def bare_window(qtbot: Any) -> Any:
    """A shown main window with no database yet, as ``kimdesk gui`` builds it."""
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    create_application("de")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def _references(window: Any) -> list[str]:
    model = window.list_page.model
    return [model.summary(row).reference for row in range(model.rowCount())]


def test_window_shows_first_and_the_list_fills_off_the_gui_thread(
    qtbot: Any, bare_window: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from kimdesk.ui.startup import open_in_background

    window = bare_window
    events: list[str] = []
    gui_thread = threading.current_thread()
    gui_turned = threading.Event()

    def opener(url: str | None, **_options: Any) -> Any:
        events.append(f"open {url} (window shown: {window.isVisible()})")
        events.append("off the GUI thread" if threading.current_thread() is not gui_thread else "GUI thread")
        # The database stays "opening" until the GUI thread has shown that it is free meanwhile.
        assert gui_turned.wait(30), "the GUI thread is blocked while the database opens"
        return demo_app

    lines: list[str] = []
    task = open_in_background(window, sqlite_url, opener, report=lines.append, ask=False)
    assert window.list_page.model is None  # nothing read on the GUI thread yet
    assert not window.menu.new_action.isEnabled()
    qtbot.waitUntil(lambda: len(events) == 2, timeout=60000)  # the GUI thread's event loop runs on
    events.append("GUI event")
    assert window.list_page.model is None and not task.done
    gui_turned.set()
    qtbot.waitUntil(lambda: task.done, timeout=60000)

    assert events == [f"open {sqlite_url} (window shown: True)", "off the GUI thread", "GUI event"]
    assert _references(window) == ["20/0325", "20/0311", "20/0270"]
    assert window.list_page.count_label.text() == "3 Vorlagen"
    assert window.menu.new_action.isEnabled()
    assert [line.split(" nach ")[0] for line in lines] == ["bereit", "Datenbank bereit"]


class SlowBackup:
    """The real app, whose copy of the day waits for the test (``go``) or for being stopped."""

    def __init__(self, app: Any, go: threading.Event) -> None:
        self.app = app
        self.go = go

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    def daily_backup(self, cancelled: Any = None) -> str | None:
        from kimdesk.domain.errors import BackupCancelledError

        while not self.go.wait(0.05):
            if cancelled is not None and cancelled():
                raise BackupCancelledError("abgebrochen")
        result: str | None = self.app.daily_backup(cancelled)
        return result


def test_kimdesk_is_usable_while_the_first_start_of_a_day_backs_up(
    qtbot: Any, bare_window: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from datetime import date
    from pathlib import Path

    from kimdesk.app import open_app
    from kimdesk.services.papers import list_papers
    from kimdesk.services.ports import PaperQuery
    from kimdesk.ui.startup import open_in_background

    office = Path(sqlite_url.removeprefix("sqlite:///"))
    shutil.rmtree(office.parent / "Sicherungen", ignore_errors=True)  # today's copy is due again
    window = bare_window
    opened: list[Any] = []
    may_back_up = threading.Event()

    def opener(url: str | None, **options: Any) -> Any:
        opened.append(options)
        return SlowBackup(open_app(url, **options), may_back_up)

    task = open_in_background(window, sqlite_url, opener, ask=False)
    try:
        qtbot.waitUntil(lambda: task.done, timeout=60000)  # attached while the copy has not begun
        assert window.menu.new_action.isEnabled()  # every action works meanwhile
        assert window.statusBar().currentMessage() == "Tägliche Sicherung läuft …"
        assert _references(window) == ["20/0325", "20/0311", "20/0270"]
        assert not (office.parent / "Sicherungen").exists()
        may_back_up.set()
        qtbot.waitUntil(lambda: window.daily_backup.done, timeout=60000)
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Tägliche Sicherung angelegt.")
        daily = office.parent / "Sicherungen" / f"kimdesk.sqlite.{date.today().isoformat()}.sqlite"
        assert daily.exists()
        assert opened == [{"backup": False}]
        assert len(list_papers(window.context.uow_factory, PaperQuery())) == 3
    finally:
        may_back_up.set()
        qtbot.waitUntil(lambda: task.done, timeout=60000)
        if window.context is not None:
            window.context.close()


def test_closing_kimdesk_stops_the_daily_backup_and_leaves_no_copy_behind(
    qtbot: Any, bare_window: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from pathlib import Path

    from kimdesk.app import open_app
    from kimdesk.ui.startup import open_in_background

    office = Path(sqlite_url.removeprefix("sqlite:///"))
    shutil.rmtree(office.parent / "Sicherungen", ignore_errors=True)
    window = bare_window
    never = threading.Event()
    task = open_in_background(
        window, sqlite_url, lambda url, **o: SlowBackup(open_app(url, **o), never), ask=False
    )
    qtbot.waitUntil(lambda: task.done and window.daily_backup is not None, timeout=60000)
    window.close()  # the copy would never end by itself: closing stops it
    assert window.daily_backup.done
    assert window.statusBar().currentMessage() == "Tägliche Sicherung läuft …"  # no message after
    assert not (office.parent / "Sicherungen").exists() or not list((office.parent / "Sicherungen").iterdir())
    window.context.close()


def test_a_database_that_cannot_open_is_named_in_the_status_bar(
    qtbot: Any, bare_window: Any, answers: Any
) -> None:
    from kimdesk.domain.errors import DatabaseError
    from kimdesk.ui.startup import open_in_background

    window = bare_window

    def opener(_url: str | None, **_options: Any) -> Any:
        raise DatabaseError("Die Datenbankdatei /x/kimdesk.sqlite ist beschädigt.")

    task = open_in_background(window, "sqlite:////x/kimdesk.sqlite", opener)
    qtbot.waitUntil(lambda: task.done, timeout=60000)
    assert window.status_label.text() == "Datenbank nicht geöffnet"
    assert answers["shown"] == [
        (
            "warn",
            "Datenbank",
            "Die Datenbank konnte nicht geöffnet werden:\nDie Datenbankdatei /x/kimdesk.sqlite ist "
            "beschädigt.\n\nUnter Datei → Einstellungen kann ein anderer Ort gewählt werden.",
        )
    ]


#: Never imported by the GUI thread while kimdesk starts (the window, the list, every action enabled):
#: Babel, the database layer and the PDF, signing, spelling and image libraries load on the thread pool
#: or with the first action that needs them.
HEAVY = (
    "babel",  # its locale data too: the list's dates are formatted first on the worker
    "sqlalchemy",
    "alembic",
    "psycopg",
    "reportlab",
    "pypdf",
    "pikepdf",
    "cryptography",
    "pyhanko",
    "enchant",
    "pyphen",
    "PIL",
    "fontTools",
)

# Runs ``kimdesk gui`` in a child; an audit hook notes each module's first import and its thread, and
# the lines the program prints mark the start-up's milestones among them.
_IMPORTS_PROBE = """
import gc, json, sys, threading
events = []
def hook(event, args):
    if event == "import":
        events.append([args[0], threading.current_thread() is threading.main_thread()])
sys.addaudithook(hook)
class Marks:
    def __init__(self, stream):
        self.stream = stream
    def write(self, text):
        events.extend([["## " + line, True] for line in text.splitlines() if line.strip()])
        return self.stream.write(text)
    def flush(self):
        self.stream.flush()
sys.stdout = Marks(sys.stdout)
from kimdesk.cli import main
code = main(["--db", sys.argv[1], "gui", "--quit-after", "0"])
sys.stdout = sys.stdout.stream
print(json.dumps([code, gc.isenabled(), events]))
"""


def _run_python(tmp_path: Any, *args: str) -> Any:
    """This Python with ``args`` in a child, offscreen, with its own settings and log folders, printing
    the start-up milestones."""
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIMDESK_CONFIG_DIR=str(tmp_path / "c"),
        KIMDESK_LOG_DIR=str(tmp_path / "l"),
        KIMDESK_STARTUP_REPORT="1",
    )
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, env=env)


def test_no_heavy_module_is_imported_on_the_gui_thread_while_kimdesk_starts(
    sqlite_url: str, demo_app: Any, tmp_path: Any
) -> None:
    import json

    result = _run_python(tmp_path, "-c", _IMPORTS_PROBE, sqlite_url)
    assert result.returncode == 0, result.stderr
    code, collecting, events = json.loads(result.stdout.splitlines()[-1])
    assert code == 0
    assert collecting  # the cycle collector, paused while kimdesk loads, runs again
    marks = [name[3:].split(" nach ")[0] for name, _gui in events if name.startswith("## ")]
    assert marks == ["Hauptfenster angezeigt", "bereit", "Datenbank bereit"]
    started = next(i for i, (name, _gui) in enumerate(events) if name.startswith("## Datenbank bereit"))
    on_gui_thread = {name.split(".")[0] for name, gui in events[:started] if gui}
    assert on_gui_thread.isdisjoint(HEAVY), sorted(on_gui_thread & set(HEAVY))
    # the database did open meanwhile, on another thread (the hook sees every thread)
    assert "sqlalchemy" in {name.split(".")[0] for name, gui in events[:started] if not gui}


def test_gui_command_reports_list_and_database(sqlite_url: str, demo_app: Any, tmp_path: Any) -> None:
    result = _run_python(tmp_path, "-m", "kimdesk", "--db", sqlite_url, "gui", "--quit-after", "0")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Hauptfenster angezeigt"
    assert lines[1].startswith("bereit nach")
    assert lines[2].startswith("Datenbank bereit nach"), result.stdout + result.stderr


def test_opening_a_vorlage_leaves_the_pdf_renderer_to_the_preview_thread(
    qtbot: Any, window: Any, demo_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading the renderer imports ReportLab (~0,1 s): never on the GUI thread while a Vorlage opens.
    # Which thread loads it is recorded (whether it is ready right after opening depends on timing).
    import kimdesk.app

    loaded_on: list[bool] = []
    make = kimdesk.app.paper_pdf_renderer

    def recording() -> Any:
        loaded_on.append(threading.current_thread() is threading.main_thread())
        return make()

    monkeypatch.setattr(kimdesk.app, "paper_pdf_renderer", recording)
    assert not demo_app.renderer_ready()
    page = window.open_paper(window.list_page.model.summary(0).id)
    assert page is not None
    qtbot.waitUntil(lambda: bool(page.preview.last_pdf), timeout=60000)
    assert page.preview.last_pdf.startswith(b"%PDF")
    assert demo_app.renderer_ready()
    assert loaded_on == [False]  # loaded once, by the preview's worker, not on the GUI thread
