"""Python's cycle collector runs only on the GUI thread while the window is up.

Left automatic, the collector runs in whichever thread happens to allocate when a generation is full —
in the program mostly a worker (a PDF, a search, a Protokollauszug). Cyclic garbage that holds a
window or dialog the program created itself is then freed on that worker; shiboken cannot delete a
QWidget there and hands the deletion to the GUI thread (``BindingManager::runDeletionInMainThread``),
which crashed there now and then (measured: a segmentation fault in about one of ten runs of the
office cycle on PostgreSQL, always while a worker was busy; PySide6 6.11.3). So, as long as the GUI
runs, the automatic collector is off and a timer on the GUI thread collects with the same thresholds:
every collection, and every ``__del__`` it triggers, happens on the GUI thread. Workers never collect.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a generation is full (milliseconds).
INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Owns the timer; :func:`install` makes the one instance, :meth:`remove` gives automatic
    collection back (tests)."""

    def __init__(self) -> None:
        super().__init__()
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations that are full, as the automatic collector would, on this thread."""
        young, middle, old = gc.get_count()
        first, second, third = self.thresholds
        if young <= first:
            return
        generation = 0
        if middle > second:
            generation = 2 if old > third else 1
        gc.collect(generation)

    def remove(self) -> None:
        self.timer.stop()
        if self.was_enabled:
            gc.enable()


_installed: GuiThreadCollector | None = None


def install() -> GuiThreadCollector:
    """From now on the cycle collector runs on this (the GUI) thread only; call once the
    QApplication exists. A collector paused for the start-up stays paused until then."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector()
    return _installed


def uninstall() -> None:
    """Automatic collection again, as it was before :func:`install` (tests)."""
    global _installed
    if _installed is not None:
        _installed.remove()
        _installed = None
