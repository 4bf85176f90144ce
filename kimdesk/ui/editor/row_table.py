"""The editor's editable tables: rows of plain Python in a model, an editor widget open in every cell.

``RowTableModel`` keeps the rows (dataclasses from the services) and says which cell changed;
``CellEditorDelegate`` writes every keystroke of an open editor into the model at once;
``RowTableView`` opens an editor in every editable cell, as the form always showed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from kimdesk.ui.keyboard import leave_table, step_cell, tab_key

Index = QModelIndex | QPersistentModelIndex
EDIT, CHECK = Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole
R = TypeVar("R")


def two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle ("Eigenanteil €/Jahr\n(Quelle)"); short ones stay."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if len(text) <= 12 or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:cut]}\n{text[cut + 1 :]}"


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Fixed headers over a list of rows; ``edited(row, column)`` fires when ``setData`` changed a cell."""

    edited = Signal(int, int)

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[R] = []

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, row: int) -> R:
        return self._rows[row]

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def insert_row(self, position: int, row: R) -> None:
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def remove_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()

    def move_row(self, source: int, target: int) -> None:
        # Qt counts the destination before the move: one down is "before the row after the next".
        self.beginMoveRows(
            QModelIndex(), source, source, QModelIndex(), target + 1 if target > source else target
        )
        self._rows.insert(target, self._rows.pop(source))
        self.endMoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._headers):
                return None
            text = self._headers[section]
            return two_lines(text) if self.wrapped_headers else text
        return str(section + 1)

    #: Headings broken into two lines, so that narrow columns still show them whole.
    wrapped_headers = False

    #: Columns shown as a check box, and columns computed (never edited); all others are editable.
    checkable_columns: frozenset[int] = frozenset()
    computed_columns: frozenset[int] = frozenset()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.checkable_columns:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in self.computed_columns:
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def store(self, index: Index, **values: object) -> bool:
        """Set fields of the row at ``index``; a change (only a change) is announced as an edit."""
        row = self.row(index.row())
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            self.cell_changed(index)
        return True

    def cell_changed(self, index: Index, *, edited: bool = True) -> None:
        """Tell the views (and, when the clerk ``edited`` it, the editor) that one cell changed."""
        self.dataChanged.emit(index, index)
        if edited:
            self.edited.emit(index.row(), index.column())


class CellEditorDelegate(QStyledItemDelegate):
    """Base of the tables' delegates: the open editor shows the value, so only the background is painted.

    Editors and model speak in four kinds: a check box (CheckStateRole), a picker (editable combo: its
    text), a fixed list (its position) and a line edit (its text); subclasses only create the editors.
    """

    def __init__(self, editor_columns: Sequence[int], parent: Any = None) -> None:
        super().__init__(parent)
        self.editor_columns = frozenset(editor_columns)
        self.view: RowTableView | None = None  # set by the view that shows the editors

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() in self.editor_columns:
            # Under an open editor only the cell's background shows: no text, icon or check box to ask the
            # model for (asking for every role of every cell at each paint cost a third of showing the form).
            if isinstance(index, QModelIndex):  # what the views pass
                option.index = index
            return
        super().initStyleOption(option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        blocker = QSignalBlocker(editor)  # showing the model's value is no edit
        if isinstance(editor, QCheckBox):
            # Partially checked: not known (an import); the box shows that until the clerk decides.
            state = index.data(CHECK) or Qt.CheckState.Unchecked
            editor.setTristate(state == Qt.CheckState.PartiallyChecked)
            editor.setCheckState(state)
        elif isinstance(editor, QComboBox) and editor.isEditable():  # a picker: the name as typed
            editor.setCurrentText(index.data(EDIT))
            line = editor.lineEdit()
            if line is not None:
                line.setCursorPosition(0)  # show the start of long names
        elif isinstance(editor, QComboBox):  # a fixed list: the position of the choice
            editor.setCurrentIndex(index.data(EDIT))
        elif isinstance(editor, QLineEdit):
            editor.setText(index.data(EDIT))
        blocker.unblock()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QCheckBox):
            model.setData(index, editor.checkState(), CHECK)
        elif isinstance(editor, QComboBox) and editor.isEditable():
            model.setData(index, editor.currentText(), EDIT)
        elif isinstance(editor, QComboBox):
            model.setData(index, max(editor.currentIndex(), 0), EDIT)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), EDIT)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab in a cell's editor leaves the table, Strg+Tab goes to the next cell (Qt cycled the cells)."""
        key = tab_key(event)
        view = self.view
        if key is None or not isinstance(watched, QWidget) or view is None:
            return super().eventFilter(watched, event)
        self.commitData.emit(watched)
        forward, inside = key
        if inside:
            view.step(forward)
        else:
            leave_table(view, forward)
        return True

    def commit_on(self, editor: QWidget, signal: SignalInstance) -> QWidget:
        """Every change of ``editor`` goes into the model at once: the form reads the model, not widgets."""
        signal.connect(lambda *_args: self.commitData.emit(editor))
        return editor


class RowTableView(QTableView):
    """Editable cells always show their editor; reads like a QTableWidget in scripts and tests."""

    def __init__(
        self, model: RowTableModel[Any], delegate: CellEditorDelegate, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        delegate.view = self
        self._editor_columns = sorted(delegate.editor_columns)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        model.modelReset.connect(self.open_editors)
        model.rowsInserted.connect(lambda _parent, first, last: self._open_rows(range(first, last + 1)))
        model.rowsRemoved.connect(self.open_editors)  # renumber the editors' names
        model.rowsMoved.connect(self.open_editors)

    def step(self, forward: bool) -> bool:
        """Strg+Tab: the next (previous) editable cell."""
        return step_cell(self, forward, self._editor_columns)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab from the table itself or from a cell's editor (the key climbs to here): the next control.
        return leave_table(self, next) or super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = tab_key(event)
        if key is not None and key[1]:  # Strg+Tab moves inside; the tab widget around must not switch
            self.step(key[0])
            event.accept()
            return
        super().keyPressEvent(event)

    def open_editors(self, *_args: object) -> None:
        self._open_rows(range(self.rowCount()), reopen=True)

    def _open_rows(self, rows: range, *, reopen: bool = False) -> None:
        model = self.model()
        for row in rows:
            for column in self._editor_columns:
                index = model.index(row, column)
                if reopen:
                    self.closePersistentEditor(index)
                self.openPersistentEditor(index)
                editor = self.indexWidget(index)
                if isinstance(editor, QLineEdit):
                    # Qt selects the text of every editor it opens, for the one a double-click opens and
                    # focuses. These stay open unfocused: each date and TOP showed as selected text, also
                    # in a locked Vorlage's greyed table.
                    editor.deselect()

    def rowCount(self) -> int:
        return self.model().rowCount()

    def columnCount(self) -> int:
        return self.model().columnCount()

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def cellWidget(self, row: int, column: int) -> QWidget | None:
        """The editor open in a cell."""
        return self.indexWidget(self.model().index(row, column))
