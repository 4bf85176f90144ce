"""A result that arrives after its window was closed and deleted is dropped, not delivered to dead widgets
(Einstellungen closed while the Signaturen page was still loading raised "Internal C++ object already
deleted" on the GUI thread)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QLabel

from kimdesk.ui.tasks import run_task


class _Page(QLabel):
    def show_result(self, text: str) -> None:
        self.setText(text)

    def show_error(self, exc: BaseException) -> None:
        self.setText(str(exc))


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: Any) -> None:
    release = threading.Event()
    page = _Page()
    task = run_task(lambda: release.wait(10) and "fertig", page.show_result, page.show_error)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)  # delivered without raising on the GUI thread


def test_a_living_widget_still_gets_its_result(qtbot: Any) -> None:
    page = _Page()
    qtbot.addWidget(page)
    task = run_task(lambda: "fertig", page.show_result, page.show_error)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert page.text() == "fertig"


def _alive(widget: QLabel) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))
