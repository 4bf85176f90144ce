"""A settings page of master data (Ämter, Gremien, Personen): add, edit and deactivate rows.

Buttons and keys: Einfg adds a row, F2 or a double-click edits the cell, Entf deactivates the selected
record (a deactivated one is greyed out and activated again the same way). Nothing is ever deleted:
old Vorlagen keep naming what was deactivated; only a row added and not yet saved is removed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kimdesk.l10n.i18n import _
from kimdesk.ui.settings.models import TextRowsModel
from kimdesk.ui.settings.tables import RowsTable


def organization_headers() -> list[str]:
    """The columns of Ämter and Gremien (settings and set-up assistant)."""
    return [_("Name"), _("Kurzname"), _("Genitiv („des …“)")]


class MasterRowsTable(RowsTable):
    """The table with Einfg (add) and Entf (deactivate or activate again)."""

    def __init__(self, model: TextRowsModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(model, name, parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Insert:
                self.add_row()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.toggle_active()
                return
        super().keyPressEvent(event)

    def edit_current(self) -> None:
        index = self.currentIndex()
        if not index.isValid() and self.rows_model.rowCount():
            index = self.rows_model.index(0, 0)
        if index.isValid():
            index = self.rows_model.index(index.row(), min(index.column(), self.rows_model.columnCount() - 2))
            self.setCurrentIndex(index)
            self.edit(index)

    def toggle_active(self) -> None:
        """Deactivate the selected record, or activate it again; a row not yet saved is removed."""
        number = self.current_row()
        row = self.rows_model.row(number)
        if row is None:
            return
        if not row.key:
            self.rows_model.remove_row(number)
        else:
            self.rows_model.set_active(number, not row.active)


class MasterDataPage(QWidget):
    """The table of one kind of master data with its buttons; ``buttons`` takes further ones."""

    def __init__(self, model: TextRowsModel, name: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = MasterRowsTable(model, name)
        self.add_button = QPushButton(_("{noun} &hinzufügen").format(noun=noun))
        self.add_button.setToolTip(_("Neue Zeile (Taste Einfg)"))
        self.add_button.clicked.connect(self.table.add_row)
        self.edit_button = QPushButton(_("&Bearbeiten"))
        self.edit_button.setToolTip(_("Zelle bearbeiten (F2 oder Doppelklick)"))
        self.edit_button.clicked.connect(self.table.edit_current)
        self.toggle_button = QPushButton(_("Dea&ktivieren"))
        self.toggle_button.setToolTip(
            _(
                "Deaktivierte erscheinen nicht mehr in den Auswahllisten; alte Vorlagen nennen sie "
                "weiter (Entf)."
            )
        )
        self.toggle_button.clicked.connect(self.table.toggle_active)
        model.dataChanged.connect(lambda *_a: self._update_toggle())
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_toggle())
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        hint = QLabel(_("Einfg: neue Zeile · F2/Doppelklick: bearbeiten · Entf: deaktivieren/aktivieren"))
        hint.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.table)
        self.body.addLayout(self.buttons)
        self.body.addWidget(hint)

    def _update_toggle(self) -> None:
        row = self.table.rows_model.row(self.table.current_row())
        if row is not None and row.key and not row.active:
            self.toggle_button.setText(_("A&ktivieren"))
        elif row is not None and not row.key:
            self.toggle_button.setText(_("Entfe&rnen"))
        else:
            self.toggle_button.setText(_("Dea&ktivieren"))
