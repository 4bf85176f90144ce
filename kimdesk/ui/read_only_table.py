"""The one read-only table of the GUI: a model over rows of ``Cell``s and a view that grows with them.

The sign-off panel (Umlauf, history), the editor's Beschlussvermerk, the backups to restore and the
save conflict's two versions show their rows with these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QHeaderView, QTableView, QWidget

from kimdesk.services.cells import Cell, Row

Index = QModelIndex | QPersistentModelIndex
#: Rejections and overdue deadlines.
ALERT = QColor("#a00000")


class ReadOnlyTableModel(QAbstractTableModel):
    """Fixed headers; ``set_rows`` replaces every row. Cells show text, tooltip, bold and alert colour."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell | None:
        if 0 <= row < len(self._rows) and 0 <= column < len(self._rows[row]):
            return self._rows[row][column]
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.shown_tooltip
        if role == Qt.ItemDataRole.FontRole and cell.emphasis:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and cell.alert:
            return QBrush(ALERT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True, slots=True)
class Shown:
    """What one cell or header shows, read back like a QTableWidgetItem (for scripts and tests)."""

    shown_text: str
    shown_tooltip: str = ""

    def text(self) -> str:
        return self.shown_text

    def toolTip(self) -> str:
        return self.shown_tooltip


#: No column gets narrower than this when the table is too narrow for every column's text.
LEAST_COLUMN = 48


def share_widths(natural: Sequence[int], available: int, stretch: int) -> list[int]:
    """Column widths for ``available`` pixels: each column as wide as its text if all fit (the rest
    to column ``stretch``); otherwise the narrow columns keep their width and the wide ones share what
    is left equally, their text wrapping - nothing is pushed past the right edge."""
    widths = list(natural)
    if sum(natural) <= available:
        if widths:
            widths[stretch] += available - sum(natural)
        return widths
    left, sharing = available, list(range(len(natural)))
    while sharing:
        share = left // len(sharing)
        narrow = [c for c in sharing if natural[c] <= share]
        if not narrow:
            for column in sharing:
                widths[column] = max(share, LEAST_COLUMN)
            break
        for column in narrow:
            left -= natural[column]
            sharing.remove(column)
    return widths


class ReadOnlyTable(QTableView):
    """Grows with its rows, wraps long texts, never scrolls sideways, never edits.

    Columns are as wide as their text; in a narrow window the wide ones share the width and wrap
    (:func:`share_widths`) instead of pushing the last columns (Frist, Bemerkung) out of sight.

    ``in_scrolling_form``: the table sits in a form that scrolls (the editor) and is always as tall as
    its rows, so it has no vertical scroll bar of its own. With one, the bar narrowed the wrapping
    column whenever the form gave the table a little less than its height, the rows grew a line, the
    table asked for more, got it, the bar went, the rows shrank - and the form and the table resized
    each other without end until the stack overflowed (a crash on a 784 × 552 window).
    """

    def __init__(
        self,
        headers: Sequence[str],
        name: str,
        *,
        stretch: int,
        in_scrolling_form: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if in_scrolling_form:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table_model = ReadOnlyTableModel(headers, self)
        self.setModel(self.table_model)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setWordWrap(True)
        self._stretch = stretch
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fit_columns()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.table_model.set_rows(rows)
        self._fit_columns()
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        columns = range(self.table_model.columnCount())
        natural = [max(header.sectionSizeHint(c), self.sizeHintForColumn(c)) for c in columns]
        widths = share_widths(natural, self.viewport().width(), self._stretch)
        for column, width in zip(columns, widths, strict=True):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def rowCount(self) -> int:
        return self.table_model.rowCount()

    def columnCount(self) -> int:
        return self.table_model.columnCount()

    def item(self, row: int, column: int) -> Shown | None:
        cell = self.table_model.cell(row, column)
        return None if cell is None else Shown(cell.text, cell.shown_tooltip)

    def horizontalHeaderItem(self, column: int) -> Shown | None:
        title = self.table_model.headerData(column, Qt.Orientation.Horizontal)
        return None if title is None else Shown(str(title))
