"""The Anlagen panel's model: rows are ``AnlageRow``s; the title is edited in place, öffentlich is checked.

An edit changes only the row shown and is announced by ``edited(row, column)``; the panel stores it and
shows the stored list again (``set_rows``). A read-only model (a Vorlage from Mitzeichnung on) takes no edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kimdesk.l10n.i18n import _
from kimdesk.services.attachment_rows import AnlageRow
from kimdesk.ui.editor.row_table import CHECK, EDIT, Index, RowTableModel

NUMBER, TITLE, PUBLIC, FILE, SIZE = range(5)
SHOW = Qt.ItemDataRole.DisplayRole
_SHOWN = {NUMBER: "number", TITLE: "title", FILE: "filename", SIZE: "size"}


class AnlagenModel(RowTableModel[AnlageRow]):
    """Nr., Titel, öffentlich, Datei, Größe; rows can be dragged to another place and files dropped."""

    checkable_columns = frozenset({PUBLIC})
    computed_columns = frozenset({NUMBER, FILE, SIZE})

    def __init__(self, parent: Any = None) -> None:
        super().__init__([_("Nr."), _("Titel"), _("öffentlich"), _("Datei"), _("Größe")], parent)
        self.editable = True

    def data(self, index: Index, role: int = SHOW) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = self.row(index.row()), index.column()
        if column == PUBLIC:
            if role == CHECK:
                return Qt.CheckState.Checked if row.public else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.public_text
            return None
        if role == SHOW or (role == EDIT and column == TITLE):
            return getattr(row, _SHOWN[column])
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not self.editable or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return False
        if index.column() == TITLE and role == EDIT:
            return self.store(index, title="" if value is None else str(value))
        if index.column() == PUBLIC and role == CHECK:
            return self.store(index, public=Qt.CheckState(value) == Qt.CheckState.Checked)
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # between and below the rows: a row or a file can be dropped there
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if not self.editable:
            return flags & ~(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        return flags | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
