"""Save conflicts: both versions side by side, the clerk chooses which one stays."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import ConflictError
from kimdesk.domain.model import Paper
from kimdesk.l10n.formatting import format_datetime
from kimdesk.l10n.i18n import _
from kimdesk.services.cells import plain_row
from kimdesk.services.conflict_fields import differences
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.screen_size import resize_within_screen


class Choice(Enum):
    MINE = "mine"
    STORED = "stored"
    CANCEL = "cancel"


class ConflictDialog(QDialog):
    def __init__(
        self, mine: Paper, stored: Paper, error: ConflictError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Speicherkonflikt – Vorlage {reference}").format(reference=mine.reference))
        self.choice = Choice.CANCEL
        who = error.changed_by or stored.modified_by or _("jemand anderes")
        when = format_datetime(error.changed_at or stored.modified_at)
        intro = QLabel(
            _(
                "{who} hat diese Vorlage am {when} gespeichert, während Sie sie bearbeitet haben. "
                "Welche Fassung soll gelten?"
            ).format(who=who, when=when)
        )
        intro.setWordWrap(True)
        rows = differences(mine, stored)
        self.table = ReadOnlyTable(
            [_("Feld"), _("Meine Fassung"), _("Gespeicherte Fassung")],
            _("Unterschiede der beiden Fassungen"),
            stretch=1,
            parent=self,
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.table.set_rows([plain_row(*values) for values in rows])
        if not rows:
            intro.setText(intro.text() + " " + _("Inhaltlich unterscheiden sich die Fassungen nicht."))
        buttons = QDialogButtonBox(self)
        self.mine_button = QPushButton(_("&Meine Fassung speichern"))
        self.stored_button = QPushButton(_("&Gespeicherte Fassung übernehmen"))
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.stored_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.mine_button.clicked.connect(lambda: self._choose(Choice.MINE))
        self.stored_button.clicked.connect(lambda: self._choose(Choice.STORED))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 900, 420)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
