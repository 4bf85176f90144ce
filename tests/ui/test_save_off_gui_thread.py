"""Saving never freezes the window: a database that hangs keeps the event loop running, results still
arrive on the GUI thread, the conflict dialog still asks, and an autosave waits for a running save."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kimdesk.services import autosave
from kimdesk.services.papers import get_paper_by_id, save_paper
from kimdesk.ui.context import GuiContext
from kimdesk.ui.tasks import run_and_wait
from tests.demo_data import demo_id
from tests.ui.conftest import type_text

SEED = demo_id("paper:20/0270")
HANG = 3.0  # seconds a closed gate holds a unit of work at most (old code: the GUI froze that long)


class SlowDatabase:
    """The demo app, but every unit of work waits at a gate first (a slow or hanging server)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.gate = threading.Event()
        self.gate.set()
        self.waiting = threading.Semaphore(0)
        self.calls: list[str] = []
        self.timed_out = False  # the gate was never opened: whoever waited blocked the test itself

    @property
    def database(self) -> Any:
        return self.app.database

    @property
    def renderer(self) -> Any:
        return self.app.renderer

    def close(self) -> None:
        self.app.close()

    def uow_factory(self) -> Any:
        self.calls.append(threading.current_thread().name)
        if not self.gate.is_set():
            self.waiting.release()
            if not self.gate.wait(HANG):
                self.timed_out = True
        return self.app.uow_factory()


@pytest.fixture
def slow(window: Any, demo_app: Any, sqlite_url: str) -> tuple[Any, SlowDatabase]:
    page = window.open_paper(SEED)
    database = SlowDatabase(demo_app)
    page.context = GuiContext(database, sqlite_url)  # type: ignore[arg-type]
    return page, database


def _ticks_while(database: SlowDatabase, qtbot: Any) -> int:
    """How often a 5 ms timer fires while a unit of work hangs at the gate (waiting for ten ticks, so a
    loaded machine makes it slower, not red); then the gate opens."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: database.waiting.acquire(blocking=False), timeout=5000)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=int(HANG * 1000) // 2)
    timer.stop()
    database.gate.set()
    assert not database.timed_out  # the test opened the gate: it was not frozen behind the save
    return len(ticks)


def _save_hanging(page: Any, database: SlowDatabase, qtbot: Any, title: str) -> None:
    """Type ``title`` and save; returns once the save's unit of work hangs at the closed gate."""
    page.editor.title_edit.setText(title)
    database.gate.clear()
    assert page.save()
    qtbot.waitUntil(lambda: database.waiting.acquire(blocking=False), timeout=5000)


def test_a_hanging_save_keeps_the_window_responsive(slow: Any, qtbot: Any, demo_app: Any) -> None:
    page, database = slow
    type_text(page.editor.title_edit, " – neu")
    database.gate.clear()
    saved: list[bool] = []
    assert page.save(saved.append)
    assert page.busy and page.tab_title().endswith("*")
    assert _ticks_while(database, qtbot) >= 10  # the event loop ran while the database hung
    qtbot.waitUntil(lambda: saved == [True], timeout=10000)
    assert not page.dirty and not page.busy
    assert "main" not in database.calls[0].lower()  # the unit of work ran on a worker thread
    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Kommunales Integrationsmanagement – neu"


def test_the_conflict_dialog_still_asks_after_a_background_save(slow: Any, qtbot: Any, demo_app: Any) -> None:
    from kimdesk.ui.conflict import ConflictDialog

    page, database = slow
    other = get_paper_by_id(demo_app.uow_factory, SEED)
    other.title = "Von der Kollegin geändert"
    save_paper(demo_app.uow_factory, other)
    page.editor.title_edit.setText("Meine Fassung")
    seen: list[list[str]] = []

    def choose_mine() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, choose_mine)
            return
        seen.append([dialog.table.item(0, c).text() for c in range(3)])
        dialog.mine_button.click()

    QTimer.singleShot(20, choose_mine)
    database.gate.clear()
    saved: list[bool] = []
    page.save(saved.append)
    assert _ticks_while(database, qtbot) >= 10
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    assert saved == [True]
    assert seen == [["Betrifft", "Meine Fassung", "Von der Kollegin geändert"]]
    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Meine Fassung"
    assert not page.dirty


def test_an_autosave_during_a_save_waits_and_keeps_what_was_typed_meanwhile(
    slow: Any, qtbot: Any, demo_app: Any
) -> None:
    page, database = slow
    _save_hanging(page, database, qtbot, "Erste Fassung")
    type_text(page.editor.title_edit, " und mehr")  # typed while the save hangs
    assert page.autosave_now()
    qtbot.wait(200)
    assert len(database.calls) == 1  # the autosave did not run beside the hanging save
    database.gate.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)

    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Erste Fassung"
    assert page.dirty  # what was typed during the save is not saved yet …
    stored = autosave.load(demo_app.uow_factory, SEED)
    assert stored is not None and stored.paper.title == "Erste Fassung und mehr"  # … but autosaved


def test_closing_the_tab_finishes_a_running_save(
    slow: Any, window: Any, qtbot: Any, demo_app: Any, answers: Any
) -> None:
    page, database = slow
    _save_hanging(page, database, qtbot, "Vor dem Schließen")
    QTimer.singleShot(100, database.gate.set)
    assert window.close_tab(window.tabs.indexOf(page))
    assert not [kind for kind, _t, _x in answers["shown"] if kind == "close"]  # the running save covered it
    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Vor dem Schließen"
    assert autosave.pending(demo_app.uow_factory) == []


def test_run_and_wait_hands_back_result_and_error(qtbot: Any) -> None:
    from kimdesk.domain.errors import KimdeskError

    assert run_and_wait(lambda: threading.current_thread() is threading.main_thread()) is False
    with pytest.raises(KimdeskError, match="Datei fehlt"):
        run_and_wait(lambda: (_ for _ in ()).throw(KimdeskError("Datei fehlt")))
