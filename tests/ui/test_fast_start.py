"""Fast start: the list shows its first page from a quick look at the file before the database is
open; search and actions wait for the database, which then takes over without the list jumping."""

from __future__ import annotations

from typing import Any


def _references(window: Any) -> list[str]:
    model = window.list_page.model
    return [model.summary(row).reference for row in range(model.rowCount())]


def test_list_shows_before_the_database_is_open_and_search_waits(
    qtbot: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from kimdesk.app import peek_paper_list
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    create_application("de")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    peek = peek_paper_list(sqlite_url)
    assert peek is not None
    assert window.show_peek(peek)
    assert _references(window) == ["20/0325", "20/0311", "20/0270"]
    assert window.list_page.count_label.text() == "3 Vorlagen"
    assert not window.new_action.isEnabled()  # editing waits for the database

    window.list_page.search.setText("Sprachcafés")
    window.list_page.apply_query()
    assert len(_references(window)) == 3  # not searched yet: the quick look cannot

    resets: list[int] = []
    window.list_page.model.modelReset.connect(lambda: resets.append(1))
    window.list_page.search.setText("")
    window.attach(GuiContext(demo_app, sqlite_url))
    assert resets == []  # the same rows: the list does not jump
    assert window.new_action.isEnabled()
    assert _references(window) == ["20/0325", "20/0311", "20/0270"]

    window.list_page.search.setText("Sprachcafés")
    window.list_page.apply_query()
    assert _references(window) == ["20/0311"]


def test_search_typed_before_the_database_opened_is_applied_then(
    qtbot: Any, demo_app: Any, sqlite_url: str, answers: Any
) -> None:
    from kimdesk.app import peek_paper_list
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    create_application("de")
    window = MainWindow()
    qtbot.addWidget(window)
    peek = peek_paper_list(sqlite_url)
    assert peek is not None and window.show_peek(peek)
    window.list_page.search.setText("Sprachcafés")
    window.attach(GuiContext(demo_app, sqlite_url))
    assert _references(window) == ["20/0311"]
    assert window.list_page.count_label.text() == "1 Vorlagen"


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
        [sys.executable, "-m", "kimdesk", "--db", sqlite_url, "gui", "--quit-after", "3"],
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
