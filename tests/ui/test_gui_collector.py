"""Cycles are collected on the GUI thread only while the GUI runs (``kimdesk.ui.gui_collector``): a worker
that allocates never runs the collector, so a window in cyclic garbage is never freed on a worker (shiboken
then defers its deletion to the GUI thread, which crashed the program now and then)."""

from __future__ import annotations

import gc
import threading
from typing import Any

from tests.qt import require_qt_widgets

require_qt_widgets()


class _Cycle:
    """Cyclic garbage that notes the thread it is freed on."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def test_cyclic_garbage_is_freed_on_the_gui_thread_however_much_a_worker_allocates(qtbot: Any) -> None:
    from kimdesk.ui.tasks import run_and_wait

    assert not gc.isenabled()  # the automatic collector would run in whichever thread allocates
    gc.collect()
    freed_on: list[int] = []
    _Cycle(freed_on)
    workers: list[int] = []

    def allocate() -> list[list[int]]:  # as a search does: many containers, handed to the GUI thread
        workers.append(threading.get_ident())
        return [[n] for n in range(200_000)]

    found = run_and_wait(allocate)  # kept: a full generation, as while the clerk works
    assert len(found) == 200_000
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)  # the GUI thread's timer collects it
    assert freed_on == [threading.main_thread().ident]
    assert workers and workers[0] != threading.main_thread().ident


def test_without_it_a_worker_frees_the_garbage(qtbot: Any) -> None:
    """The hazard itself, so that the test above cannot pass by chance: with automatic collection the
    worker that allocates frees what the GUI thread left."""
    from kimdesk.ui import gui_collector
    from kimdesk.ui.tasks import run_and_wait

    gui_collector.uninstall()
    assert gc.isenabled()
    gc.collect()
    freed_on: list[int] = []
    _Cycle(freed_on)

    def allocate() -> int:
        kept = [[n] for n in range(200_000)]  # the collector runs in here, on the worker
        return threading.get_ident() if kept else 0

    worker = run_and_wait(allocate)
    assert freed_on == [worker]
