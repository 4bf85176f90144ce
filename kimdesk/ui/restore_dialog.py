"""Datei → Sicherung wiederherstellen …: the backups of a SQLite database listed, one checked and put back.

Also shown by itself when the database cannot be opened because it is damaged. The work (listing,
checking, swapping the file) is done by the composition root, handed in as ``window.recovery``
(:class:`kimdesk.ui.context.Recovery`); this module only asks and shows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.formatting import format_datetime
from kimdesk.l10n.i18n import _
from kimdesk.services.backup_rows import Backup, backup_row
from kimdesk.ui import dialogs
from kimdesk.ui.context import Recovery
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.screen_size import resize_within_screen

log = logging.getLogger(__name__)


class RestoreDialog(QDialog):
    """The backups of ``database`` (newest first); "Sicherung wiederherstellen …" restores the chosen one."""

    def __init__(
        self, database: Path, recovery: Recovery, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.recovery = recovery
        self.restored: Path | None = None
        self.kept: Path | None = None
        self.setWindowTitle(_("Sicherung wiederherstellen"))
        self.setObjectName("restore-dialog")
        layout = QVBoxLayout(self)
        if reason:
            problem = QLabel(reason)
            problem.setWordWrap(True)
            problem.setObjectName("restore-reason")
            layout.addWidget(problem)
        intro = QLabel(
            _(
                "Sicherungen der Datenbank {path}. Die gewählte wird vorher geprüft; die bisherige Datei "
                "bleibt daneben erhalten."
            ).format(path=database)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = ReadOnlyTable(
            [_("Datum"), _("Größe"), _("Stand"), _("Art"), _("Datei")],
            _("Sicherungen"),
            stretch=4,
            parent=self,
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        layout.addWidget(self.table)
        self.empty = QLabel(_("Keine Sicherungen gefunden."))
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(_("Sicherung &wiederherstellen …"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.backups: list[Backup] = []
        self.reload()
        resize_within_screen(self, 860, 380)

    def reload(self) -> None:
        try:
            self.backups = list(self.recovery.find_backups(self.database))
        except (KimdeskError, OSError) as exc:
            log.warning("Sicherungen nicht lesbar: %s", exc)
            self.backups = []
        self.table.set_rows([backup_row(backup) for backup in self.backups])
        self.empty.setVisible(not self.backups)
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self) -> bool:
        backup = self.selected()
        if backup is None:
            return False
        try:
            self.recovery.check_backup(backup.path)
        except KimdeskError as exc:
            dialogs.warn(self, _("Sicherung wiederherstellen"), exc.message)
            return False
        if not dialogs.confirm(
            self,
            _("Sicherung wiederherstellen"),
            _(
                "Die Sicherung vom {when} ist geprüft und in Ordnung. Jetzt an die Stelle von {path} "
                "setzen? Die bisherige Datei bleibt daneben erhalten."
            ).format(when=format_datetime(backup.created), path=self.database),
        ):
            return False
        try:
            self.kept = self.recovery.restore_backup(self.database, backup.path)
        except KimdeskError as exc:
            dialogs.warn(self, _("Sicherung wiederherstellen"), exc.message)
            return False
        self.restored = backup.path
        self.accept()
        return True


def ask_restore(
    parent: QWidget | None, database: Path, recovery: Recovery, reason: str = ""
) -> RestoreDialog:
    """Show the dialog modally; ``.restored`` says whether a backup was put back."""
    dialog = RestoreDialog(database, recovery, reason, parent)
    dialog.exec()
    return dialog


def restore_from_window(window: Any) -> bool:
    """Datei → Sicherung wiederherstellen …: close the Vorlagen and the database, restore, reopen."""
    recovery: Recovery | None = window.recovery
    if recovery is None:  # a window not started by ``kimdesk gui`` (tests, benchmarks)
        log.warning("Sicherung wiederherstellen: Dieses Fenster kennt die Sicherungen nicht.")
        return False
    path = window.context.database_file() if window.context is not None else window.database_path
    if path is None:
        dialogs.inform(
            window,
            _("Sicherung wiederherstellen"),
            _("Die Datenbank liegt auf einem Server; sie wird mit pg_restore zurückgeholt."),
        )
        return False
    for page in list(window.pages()):
        if not window.close_tab(window.tabs.indexOf(page)):
            return False
    if window.context is not None:  # no connection of this program may stay on the file
        window.context.close()
        window.context = None
        window.meetings_tab.remove()  # added again on the reopened database by attach()
        window._update_actions()
    dialog = ask_restore(window, Path(path), recovery)
    if window.reopen is not None:
        window.reopen()
    return dialog.restored is not None


def offer_restore(window: Any, message: str) -> bool:
    """The database could not be opened because it is damaged: offer its backups; True if one was put back."""
    if window.database_path is None or window.recovery is None:
        return False
    dialog = ask_restore(window, window.database_path, window.recovery, message)
    if dialog.restored is None:
        return False
    if window.reopen is not None:
        window.reopen()
    return True
