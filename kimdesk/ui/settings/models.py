"""The settings' editable tables as models: texts per row (departments, committees, persons) and roles.

The rows are :mod:`kimdesk.services.settings_rows` records; the models only show and edit them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from kimdesk.domain.masterdata import Person
from kimdesk.l10n.i18n import _
from kimdesk.services.settings_rows import RoleRow, TextRow, person_label

Index = QModelIndex | QPersistentModelIndex
ROLES = Qt.ItemDataRole


class _EditableTable(QAbstractTableModel):
    """A flat table with fixed horizontal headers, every cell edited in place."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROLES.DisplayRole) -> Any:
        if role == ROLES.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class TextRowsModel(_EditableTable):
    """Rows of texts the clerk edits in place; rows added here have no key until saved.

    The last column shows whether a record is active; a deactivated one is greyed out and stays.
    """

    def __init__(self, headers: Sequence[str], rows: Sequence[TextRow] = (), parent: Any = None) -> None:
        super().__init__([*headers, _("Status")], parent)
        self._texts = len(headers)
        self._rows = [TextRow(list(r.cells), r.key, r.active) for r in rows]

    def rows(self) -> list[TextRow]:
        return [TextRow(list(r.cells), r.key, r.active) for r in self._rows]

    def row(self, row: int) -> TextRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def add_blank_row(self) -> int:
        """Append an empty row and return its number."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(TextRow([""] * self._texts))
        self.endInsertRows()
        return row

    def append_row(self, row: TextRow) -> None:
        """Append a stored record's row (an organization whose kind was just set)."""
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(TextRow(list(row.cells), row.key, row.active))
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def set_key(self, row: int, key: str) -> None:
        """The id a new row got when it was saved early (a person who gets a PIN right away)."""
        self._rows[row].key = key

    def key_new_rows(self) -> None:
        """Give rows added here (with a name) their future id, so that pickers can refer to them."""
        for row in self._rows:
            if not row.key and row.cells and row.cells[0].strip():
                row.key = str(uuid.uuid4())

    def set_active(self, row: int, active: bool) -> None:
        self._rows[row].active = active
        self.dataChanged.emit(self.index(row, 0), self.index(row, self._texts))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags & ~Qt.ItemFlag.ItemIsEditable if index.column() >= self._texts else flags

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = ROLES.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == ROLES.ForegroundRole and not row.active:
            return QColor(Qt.GlobalColor.gray)
        if role == ROLES.FontRole and not row.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role not in (ROLES.DisplayRole, ROLES.EditRole):
            return None
        if index.column() >= self._texts:
            return _("aktiv") if row.active else _("deaktiviert")
        return row.cells[index.column()] if index.column() < len(row.cells) else ""

    def setData(self, index: Index, value: Any, role: int = ROLES.EditRole) -> bool:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or role != ROLES.EditRole or not 0 <= index.column() < self._texts:
            return False
        row.cells[index.column()] = "" if value is None else str(value)
        self.dataChanged.emit(index, index, [ROLES.DisplayRole, ROLES.EditRole])
        return True


class RolesModel(_EditableTable):
    """The sign-off roles: the label is edited in place, holder and deputy picked (edit role: a person id)."""

    HOLDER, DEPUTY = 1, 2

    def __init__(self, rows: Sequence[RoleRow], persons: Sequence[Person], parent: Any = None) -> None:
        super().__init__([_("Rolle"), _("Inhaber/in"), _("Vertretung")], parent)
        self._rows = [RoleRow(r.key, r.label, r.holder, r.deputy) for r in rows]
        self.persons = list(persons)
        self._labels = {str(p.id): person_label(p) for p in self.persons}

    def rows(self) -> list[RoleRow]:
        return [RoleRow(r.key, r.label, r.holder, r.deputy) for r in self._rows]

    def set_persons(self, persons: Sequence[Person]) -> None:
        """Persons added or renamed meanwhile (on the Personen page) can be picked."""
        self.persons = list(persons)
        self._labels = {str(p.id): person_label(p) for p in self.persons}
        self.dataChanged.emit(self.index(0, self.HOLDER), self.index(len(self._rows) - 1, self.DEPUTY))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def _person_id(self, row: RoleRow, column: int) -> str:
        return row.holder if column == self.HOLDER else row.deputy

    def data(self, index: Index, role: int = ROLES.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if column == 0:
            return row.label if role in (ROLES.DisplayRole, ROLES.EditRole) else None
        ident = self._person_id(row, column)
        if role == ROLES.EditRole:
            return ident
        if role == ROLES.DisplayRole:
            return self._labels.get(ident, _("(niemand)"))
        if role == ROLES.AccessibleTextRole:
            text = _("Inhaber/in {role}") if column == self.HOLDER else _("Vertretung {role}")
            return text.format(role=row.label)
        return None

    def setData(self, index: Index, value: Any, role: int = ROLES.EditRole) -> bool:
        if not index.isValid() or role != ROLES.EditRole or not 0 <= index.row() < len(self._rows):
            return False
        row, text = self._rows[index.row()], str(value or "")
        if index.column() == 0:  # the role's name as the office writes it ("Bürgermeisterin")
            if not text.strip():
                return False
            row.label = text
        elif text and text not in self._labels:
            return False
        elif index.column() == self.HOLDER:
            row.holder = text
        elif index.column() == self.DEPUTY:
            row.deputy = text
        else:
            return False
        self.dataChanged.emit(index, index, [ROLES.DisplayRole, ROLES.EditRole])
        return True


class LabelsModel(_EditableTable):
    """The form's labels: what each one is (read only) and the text the office prints for it."""

    def __init__(self, names: dict[str, str], parent: Any = None) -> None:
        super().__init__([_("Bezeichnung"), _("Text")], parent)
        self._names = list(names.items())
        self._texts = {key: "" for key in names}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._names)

    def set_texts(self, texts: dict[str, str]) -> None:
        self.beginResetModel()
        self._texts = {key: texts.get(key, "") for key, _name in self._names}
        self.endResetModel()

    def texts(self) -> dict[str, str]:
        return dict(self._texts)

    def data(self, index: Index, role: int = ROLES.DisplayRole) -> Any:
        if not index.isValid() or role not in (ROLES.DisplayRole, ROLES.EditRole):
            return None
        key, name = self._names[index.row()]
        return name if index.column() == 0 else self._texts[key]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags & ~Qt.ItemFlag.ItemIsEditable if index.column() == 0 else flags

    def setData(self, index: Index, value: Any, role: int = ROLES.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != ROLES.EditRole:
            return False
        key = self._names[index.row()][0]
        if self._texts[key] == str(value):
            return False
        self._texts[key] = str(value)
        self.dataChanged.emit(index, index, [ROLES.DisplayRole, ROLES.EditRole])
        return True
