"""Neu, Als Vorlage verwenden and Löschen write on the thread pool; the window keeps responding, and
neither the command nor the list's re-reading afterwards opens the database on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from kimdesk.services import papers
from kimdesk.storage.uow import SqlUnitOfWork


@pytest.mark.parametrize("command", ["new", "duplicate", "delete"])
def test_list_commands_write_off_the_gui_thread_while_events_run(
    window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any, command: str
) -> None:
    from PySide6.QtCore import QTimer

    name = {"new": "new_paper", "duplicate": "duplicate_paper", "delete": "delete_paper"}[command]
    real = getattr(papers, name)
    seen: dict[str, Any] = {}
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    gate = threading.Event()

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen["thread"] = threading.current_thread()
        before = len(ticks)
        gate.wait(0.3)  # a slow database: the GUI thread's timer must keep firing meanwhile
        seen["ticks"] = len(ticks) - before
        return real(*args, **kwargs)

    if command == "delete":
        window.new_paper()  # a fresh draft, open: Löschen acts on it
    window.list_page.select_reference("20/0311")
    monkeypatch.setattr(papers, name, watched)
    on_gui_thread: list[str] = []
    enter = SqlUnitOfWork.__enter__

    def watched_enter(self: SqlUnitOfWork) -> Any:
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(command)
        return enter(self)

    monkeypatch.setattr(SqlUnitOfWork, "__enter__", watched_enter)
    total = window.list_page.model.total
    commands = {
        "new": window.new_paper,
        "duplicate": window.duplicate_selected,
        "delete": window.delete_selected,
    }
    result = commands[command]()
    timer.stop()
    assert result
    assert seen["thread"] is not threading.main_thread()
    assert seen["ticks"] > 3  # the event loop ran while the database was busy
    expected = total if command == "delete" else total + 1
    qtbot.waitUntil(lambda: window.list_page.model.total == expected, timeout=5000)
    assert on_gui_thread == []  # no database access on the GUI thread, the list's re-read included
