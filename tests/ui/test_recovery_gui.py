"""The GUI on a damaged or read-only database: restore dialog, read-only banner, editing disabled."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import kimdesk.app
from kimdesk.app import open_app
from tests.damage import damage_table_page


@pytest.fixture
def gui(qtbot: Any, answers: dict[str, Any]) -> Any:
    from kimdesk.l10n.i18n import set_language
    from kimdesk.ui.main import create_application

    create_application("de")
    set_language("de")
    return qtbot


@pytest.fixture
def office(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "daten" / "kimdesk.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    return path


def _window(qtbot: Any, path: Path, opened: list[Any]) -> Any:
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.recovery = kimdesk.app
    window.database_path = path

    def reopen() -> None:
        app = open_app(f"sqlite:///{path}")
        opened.append(app)
        window.attach(GuiContext(app, f"sqlite:///{path}"))

    window.reopen = reopen
    window.show()
    return window


def _choose_first_backup(monkeypatch: pytest.MonkeyPatch, seen: list[list[str]]) -> None:
    from kimdesk.ui.restore_dialog import RestoreDialog

    def run(dialog: RestoreDialog) -> int:
        seen.extend(
            [dialog.table.item(row, col).text() for col in range(dialog.table.columnCount())]
            for row in range(dialog.table.rowCount())
        )
        dialog.restore_selected()
        return int(dialog.result())

    monkeypatch.setattr(RestoreDialog, "exec", run)


def test_damaged_database_at_start_offers_the_backups_and_restores_one(gui, office, monkeypatch, answers):
    from kimdesk.domain.errors import DatabaseDamagedError
    from kimdesk.ui.restore_dialog import offer_restore

    open_app(f"sqlite:///{office}").close()  # today's automatic backup
    damage_table_page(office)
    damaged = office.read_bytes()
    from concurrent.futures import ThreadPoolExecutor

    from kimdesk.ui.start_data import load_start_data

    app = open_app(f"sqlite:///{office}")
    with pytest.raises(DatabaseDamagedError) as info, ThreadPoolExecutor(1) as pool:
        pool.submit(load_start_data, app.uow_factory).result()  # what the GUI reads at start, on its pool
    app.close()
    opened: list[Any] = []
    window = _window(gui, office, opened)
    rows: list[list[str]] = []
    _choose_first_backup(monkeypatch, rows)
    try:
        assert offer_restore(window, info.value.message)
        assert rows and rows[0][3] == "automatisch" and rows[0][2] and "KB" in rows[0][1]
        assert any(kind == "confirm" and "geprüft" in text for kind, _t, text in answers["shown"])
        kept = [p for p in office.parent.iterdir() if ".damaged-" in p.name and not p.name.endswith("-wal")]
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert window.context is not None  # started normally on the restored file
        assert window.list_page.model is not None and window.list_page.model.rowCount() > 0
    finally:
        for app in opened:
            app.close()


def test_restore_is_in_the_file_menu_and_reopens_the_database(gui, office, monkeypatch):
    from kimdesk.ui.context import GuiContext

    opened: list[Any] = []
    first = open_app(f"sqlite:///{office}")
    window = _window(gui, office, opened)
    window.attach(GuiContext(first, f"sqlite:///{office}"))
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Sicherung &wiederherstellen …" in titles
    _choose_first_backup(monkeypatch, [])
    try:
        window.show_meetings()
        old_view = window.meetings_view
        assert old_view is not None
        window.menu.restore_action.trigger()
        assert [p for p in office.parent.iterdir() if ".replaced-" in p.name]
        assert window.context is not None and window.context.app is not first
        # one Sitzungen tab again, its view built anew on the restored database when shown
        assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Vorlagen", "Sitzungen"]
        window.show_meetings()
        assert window.meetings_view is not None and window.meetings_view is not old_view
        assert window.meetings_view.uow_factory == window.context.uow_factory
    finally:
        for app in opened:
            app.close()


def test_read_only_database_shows_a_banner_and_disables_editing(gui, office):
    from PySide6.QtWidgets import QLabel

    from kimdesk.ui.context import GuiContext

    office.chmod(0o444)
    opened: list[Any] = []
    window = _window(gui, office, opened)
    app = open_app(f"sqlite:///{office}")
    try:
        window.attach(GuiContext(app, f"sqlite:///{office}"))
        banner = window.findChild(QLabel, "read-only-banner")
        assert banner is not None and banner.isVisible()
        assert banner.text().startswith("Nur lesen:") and str(office) in banner.text()
        assert not window.menu.new_action.isEnabled()
        window.list_page.view.selectRow(0)
        assert not window.menu.delete_action.isEnabled() and not window.menu.duplicate_action.isEnabled()
        page = window.open_paper(window.list_page.model.summary(0).id)
        assert page is not None and page.editor.read_only
        assert page.editor.title_edit.isReadOnly()
        assert not window.menu.save_action.isEnabled()
        assert window.menu.export_action.isEnabled()
    finally:
        for page in window.pages():
            page.shutdown()
        app.close()
        office.chmod(0o644)


_GUI_START = """
import sys
from PySide6.QtWidgets import QApplication
from kimdesk import app
from kimdesk.ui import dialogs, main, restore_dialog

def warn(_parent, _title, text):
    print("warn\t" + text.replace("\\n", " "), flush=True)
    QApplication.quit()

def offer(_window, message):
    print("restore\t" + message.replace("\\n", " "), flush=True)
    QApplication.quit()
    return False

dialogs.warn = warn
restore_dialog.offer_restore = offer
main.run_gui(sys.argv[1], opener=app.open_app, recovery=app)
"""


@pytest.mark.parametrize("case", ["zero-length", "foreign", "damaged"])
def test_gui_start_on_a_bad_file_gives_the_clean_message(office, tmp_path, case):
    """The real start-up (window, database opened off the GUI thread, failure shown), in its own process."""
    import os
    import subprocess
    import sys

    if case == "zero-length":
        office.write_bytes(b"")
    elif case == "foreign":
        office.unlink()
        with closing(sqlite3.connect(office)) as conn:
            conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    else:
        damage_table_page(office)
    before = office.read_bytes()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIMDESK_CONFIG_DIR=str(tmp_path / "c"),
        KIMDESK_LOG_DIR=str(tmp_path / "l"),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    result = subprocess.run(
        [sys.executable, "-c", _GUI_START, f"sqlite:///{office}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    shown = [line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line]
    assert len(shown) == 1, result.stdout + result.stderr
    kind, text = shown[0]
    assert kind == ("restore" if case == "damaged" else "warn")
    assert str(office) in text
    for foreign in ("Traceback", "SELECT", "sqlalche", "Error"):
        assert foreign not in text
    assert office.read_bytes() == before
