"""Background work: run a function on the thread pool, deliver its result on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Lives on the GUI thread; a queued signal carries callables over from workers."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, func: Callable[[], None]) -> None:
        func()


_bridge: _Bridge | None = None


def install_bridge() -> None:
    """Create the bridge on the GUI thread (call once after the QApplication exists)."""
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()


def to_main(func: Callable[..., Any], *args: Any) -> None:
    """Run ``func(*args)`` on the GUI thread (soon, via the event loop)."""
    install_bridge()
    assert _bridge is not None
    try:
        _bridge.call.emit(lambda: func(*args))
    except RuntimeError:  # the application is shutting down: nobody is left to receive it
        log.debug("Ergebnis nach dem Beenden verworfen")


class Task:
    """A handle on background work; ``cancel()`` drops the result (and tells the work via ``cancelled``)."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self.done = False
        self._done_callbacks: list[Callable[[], None]] = []

    def _finished(self) -> None:
        self.done = True
        for callback in self._done_callbacks:
            callback()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Runnable(QRunnable):
    def __init__(
        self,
        task: Task,
        func: Callable[[], Any],
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.task = task
        self.func = func
        self.on_result = on_result
        self.on_error = on_error

    def run(self) -> None:
        # Only plain Python objects cross over: the C++ runnable is deleted after run().
        task, on_result, on_error = self.task, self.on_result, self.on_error
        try:
            result = self.func()
        except BaseException as exc:  # delivered to the GUI thread, shown there
            log.debug("Hintergrundaufgabe fehlgeschlagen", exc_info=True)
            to_main(_deliver_error, task, on_error, exc)
            return
        to_main(_deliver, task, on_result, result)


def _receiver_gone(callback: Callable[..., Any] | None) -> bool:
    """A widget's method whose widget Qt deleted meanwhile (its window was closed): nobody to tell."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


def _deliver(task: Task, on_result: Callable[[Any], None] | None, result: Any) -> None:
    task._finished()
    if not task.cancelled and on_result is not None and not _receiver_gone(on_result):
        on_result(result)


def _deliver_error(task: Task, on_error: Callable[[BaseException], None] | None, exc: BaseException) -> None:
    task._finished()
    if task.cancelled or _receiver_gone(on_error):
        return
    if on_error is not None:
        on_error(exc)
    else:
        raise exc


def run_task(
    func: Callable[[], Any],
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``func`` off the GUI thread; ``on_result``/``on_error`` are called on the GUI thread."""
    install_bridge()
    task = Task()
    runnable = _Runnable(task, func, on_result, on_error)
    runnable.setAutoDelete(True)
    (pool or QThreadPool.globalInstance()).start(runnable)
    return task


def wait_for(task: Task) -> None:
    """Keep the event loop running (the window stays responsive) until ``task`` has delivered."""
    if task.done:
        return
    loop = QEventLoop()
    task._done_callbacks.append(loop.quit)  # delivered on this thread, from inside loop.exec()
    loop.exec()


def run_and_wait(func: Callable[[], Any]) -> Any:
    """``func()`` on the thread pool while the GUI thread keeps serving events; its result or its error."""
    outcome: list[tuple[bool, Any]] = []
    wait_for(
        run_task(func, lambda value: outcome.append((True, value)), lambda exc: outcome.append((False, exc)))
    )
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def serve_events() -> None:
    """Let due timers and results run, not user input: a long build on the GUI thread, in steps."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
