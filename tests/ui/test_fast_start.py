"""Start-up by design: the window is shown first, the database opens and the list fills on the
thread pool; the GUI thread stays free meanwhile."""

from __future__ import annotations

import threading
from typing import Any


def _references(window: Any) -> list[str]:
    model = window.list_page.model
    return [model.summary(row).reference for row in range(model.rowCount())]


def test_window_shows_first_and_the_list_fills_off_the_gui_thread(
    qtbot: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow
    from kimdesk.ui.startup import open_in_background

    create_application("de")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    events: list[str] = []
    gui_thread = threading.current_thread()
    gui_turned = threading.Event()

    def opener(url: str | None) -> Any:
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


def test_a_database_that_cannot_open_is_named_in_the_status_bar(qtbot: Any, answers: Any) -> None:
    from kimdesk.domain.errors import DatabaseError
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow
    from kimdesk.ui.startup import open_in_background

    create_application("de")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()

    def opener(_url: str | None) -> Any:
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


def test_window_is_built_without_sqlalchemy_or_reportlab(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kimdesk.ui.main import create_application\n"
        "from kimdesk.ui.main_window import MainWindow\n"
        "create_application('de')\n"
        "MainWindow().show()\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab') if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIMDESK_CONFIG_DIR=str(tmp_path / "c"))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_gui_command_reports_list_and_database(sqlite_url: str, demo_app: Any, tmp_path: Any) -> None:
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
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "--db", sqlite_url, "gui", "--quit-after", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Hauptfenster angezeigt"
    assert lines[1].startswith("bereit nach")
    assert lines[2].startswith("Datenbank bereit nach"), result.stdout + result.stderr


def test_opening_a_vorlage_leaves_the_pdf_renderer_to_the_preview_thread(
    qtbot: Any, window: Any, demo_app: Any
) -> None:
    # Loading the renderer imports ReportLab (~0,1 s): never on the GUI thread while a Vorlage opens.
    assert not demo_app.renderer_ready()
    page = window.open_paper(window.list_page.model.summary(0).id)
    assert page is not None
    assert not demo_app.renderer_ready()
    qtbot.waitUntil(lambda: bool(page.preview.last_pdf), timeout=60000)
    assert page.preview.last_pdf.startswith(b"%PDF")
    assert demo_app.renderer_ready()
