"""Unexpected errors: logged to the user's log folder, shown with copyable details; kimdesk runs on."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _

log = logging.getLogger("kimdesk.ui")


class ExceptionHook:
    """``sys.excepthook`` for the GUI: saves the drafts first, then tells the clerk."""

    def __init__(
        self,
        log_path: Path | None,
        before_dialog: Callable[[], None] | None = None,
        parent: Callable[[], QWidget | None] | None = None,
    ) -> None:
        self.log_path = log_path
        self.before_dialog = before_dialog
        self.parent = parent
        self._seen: set[str] = set()
        self._showing = False

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        if isinstance(exc, KimdeskError):  # a user's mistake that slipped through: no traceback needed
            log.warning("%s", exc.message)
            QMessageBox.warning(self.parent() if self.parent else None, _("kimdesk"), exc.message)
            return
        log.error("Unerwarteter Fehler:\n%s", details)
        if self.before_dialog is not None:
            try:
                self.before_dialog()
            except Exception:
                log.exception("Sichern nach Fehler fehlgeschlagen")
        key = details.splitlines()[-1] if details else repr(exc)
        if self._showing or key in self._seen:  # once per distinct error; never stack dialogs
            return
        self._seen.add(key)
        self._showing = True
        try:
            box = QMessageBox(self.parent() if self.parent else None)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(_("Unerwarteter Fehler"))
            box.setText(
                _(
                    "In kimdesk ist ein unerwarteter Fehler aufgetreten. Ihre Entwürfe wurden gesichert; "
                    "Sie können weiterarbeiten."
                )
            )
            if self.log_path is not None:  # None: the log folder cannot be written
                box.setInformativeText(self._where_logged(self.log_path))
            box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False

    @staticmethod
    def _where_logged(path: Path) -> str:
        return _(
            "Die Einzelheiten stehen im Protokoll {path}. Bitte geben Sie sie bei einer Meldung an."
        ).format(path=path)

    def install(self) -> None:
        sys.excepthook = self
