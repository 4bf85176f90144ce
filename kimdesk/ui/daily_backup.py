"""Today's automatic backup, made after the window is usable: on a thread of its own, stopped on quit.

A database with gigabytes of Anlagen takes minutes to copy and check; meanwhile the clerk works (the
copy takes the database a step at a time, so a save waits a fraction of a second, not the whole copy),
the status bar says „Tägliche Sicherung läuft …“, and closing kimdesk stops the copy (nothing is left
behind; the next start tries again). Not a pool task: it would hold one of the pool's threads, which
the list and the editor need, for all that time. If the drive has no room for the copy, the clerk is
told once per start in German what is needed (:mod:`kimdesk.storage.backup_space`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from kimdesk.domain.errors import BackupCancelledError, DatabaseDamagedError
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs
from kimdesk.ui.context import AppLike
from kimdesk.ui.tasks import to_main

log = logging.getLogger(__name__)


class DailyBackup:
    """The running (or finished) daily backup of one start."""

    def __init__(self, window: QMainWindow, app: AppLike, *, ask: bool = True) -> None:
        self.window = window
        self.ask = ask
        self.result: str | None = None  # what the status bar said at the end
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, args=(app,), name="kimdesk-tägliche-Sicherung")
        self._finished = threading.Event()

    def start(self) -> None:
        self.window.statusBar().showMessage(_("Tägliche Sicherung läuft …"))
        instance = QCoreApplication.instance()
        if instance is not None:
            instance.aboutToQuit.connect(self.stop)
        self._thread.start()

    def stop(self) -> None:
        """Stop the copy (kimdesk is closing) and wait until its partial file is gone."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(60)

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def _work(self, app: AppLike) -> None:
        report: Callable[[], None]
        try:
            note = app.daily_backup(cancelled=self._stop.is_set)
            report = (lambda: self._show(note, warn=True)) if note else (lambda: self._show(None, warn=False))
        except BackupCancelledError:
            log.info("Tägliche Sicherung beim Beenden abgebrochen")
            report = lambda: None  # noqa: E731
        except DatabaseDamagedError as exc:
            message = exc.message
            report = lambda: self._show(message, warn=True)  # noqa: E731
        except Exception as exc:  # a bug: logged, the clerk is told the copy is missing
            log.error("Tägliche Sicherung fehlgeschlagen", exc_info=exc)
            text = _("Die tägliche Sicherung ist fehlgeschlagen (Einzelheiten im Protokoll kimdesk.log).")
            report = lambda: self._show(text, warn=True)  # noqa: E731
        finally:
            self._finished.set()
        if not self._stop.is_set():
            to_main(report)

    def _show(self, note: str | None, *, warn: bool) -> None:
        if note is None:
            self.result = _("Tägliche Sicherung angelegt.")
            self.window.statusBar().showMessage(self.result, 8000)
            return
        self.result = note
        self.window.statusBar().showMessage(note)
        if warn and self.ask:
            dialogs.warn(self.window, _("Tägliche Sicherung"), note)
