"""The views of the settings' tables: rows of texts edited in place, and roles with person pickers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from kimdesk.domain.masterdata import Person
from kimdesk.l10n.i18n import _
from kimdesk.services.settings_rows import person_label
from kimdesk.ui.settings.models import RolesModel, TextRowsModel

Index = QModelIndex | QPersistentModelIndex


def person_combo(persons: Sequence[Person], current: str, name: str) -> QComboBox:
    """ "(niemand)" and every active person; ``current`` is the selected person's id (kept if deactivated)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(_("(niemand)"), "")
    for person in persons:
        if not person.active and str(person.id) != current:
            continue
        combo.addItem(person_label(person), str(person.id))
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _stretched(view: QTableView, name: str) -> None:
    view.setAccessibleName(name)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setVisible(False)


class RowsTable(QTableView):
    """Departments, committees or persons: every cell edited in place."""

    def __init__(self, model: TextRowsModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model
        model.setParent(self)
        self.setModel(model)
        _stretched(self, name)

    def add_row(self) -> int:
        """A blank row at the end, its first cell being edited; returns its number."""
        row = self.rows_model.add_blank_row()
        index = self.rows_model.index(row, 0)
        self.setCurrentIndex(index)
        self.edit(index)
        return row

    def current_row(self) -> int:
        return self.currentIndex().row()


class PersonDelegate(QStyledItemDelegate):
    """Holder and deputy are picked from the persons in a combo box."""

    def __init__(self, persons: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.persons = list(persons)

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = person_combo(
            self.persons, index.data(Qt.ItemDataRole.EditRole), index.data(Qt.ItemDataRole.AccessibleTextRole)
        )
        combo.setParent(parent)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)


class RolesTable(QTableView):
    """The sign-off roles: names edited in place, a person picker always open for holder and deputy."""

    def __init__(self, model: RolesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roles_model = model
        model.setParent(self)
        self.setModel(model)
        _stretched(self, _("Mitzeichnungsrollen"))
        self.pickers = PersonDelegate(model.persons, self)
        for column in (RolesModel.HOLDER, RolesModel.DEPUTY):
            self.setItemDelegateForColumn(column, self.pickers)
        self._open_pickers()

    def _open_pickers(self) -> None:
        model = self.roles_model
        for column in (RolesModel.HOLDER, RolesModel.DEPUTY):
            for row in range(model.rowCount()):
                self.closePersistentEditor(model.index(row, column))
                self.openPersistentEditor(model.index(row, column))

    def set_persons(self, persons: Sequence[Person]) -> None:
        """Offer ``persons`` in the pickers (what is chosen stays)."""
        self.roles_model.set_persons(persons)
        self.pickers.persons = list(persons)
        self._open_pickers()

    def picker(self, row: int, column: int) -> QComboBox | None:
        """The person picker open in that cell (for keyboard users' scripts and tests)."""
        widget = self.indexWidget(self.roles_model.index(row, column))
        return widget if isinstance(widget, QComboBox) else None
