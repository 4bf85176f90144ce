"""The one read-only table of the GUI: a model over rows of ``Cell``s and a view that grows with them.

The sign-off panel (Umlauf, history), the editor's Beschlussvermerk, the backups to restore and the
save conflict's two versions show their rows with these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
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
        self._shown_headers = list(headers)
        self._rows: list[Row] = []

    def header(self, section: int) -> str:
        """The column's title in one line (what the header says, wherever it breaks its lines)."""
        return self._headers[section]

    def show_headers(self, shown: Sequence[str]) -> None:
        """The titles as drawn: the same words, in lines where a column is narrower than its title."""
        for section, text in enumerate(shown):
            if text != self._shown_headers[section]:
                self._shown_headers[section] = text
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)

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
            return self._shown_headers[section]
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


def share_widths(
    natural: Sequence[int], available: int, stretch: int, least: Sequence[int] | None = None
) -> list[int]:
    """Column widths for ``available`` pixels: each column as wide as its text if all fit (the rest
    to column ``stretch``); otherwise the narrow columns keep their width and the wide ones share what
    is left equally, their text wrapping - nothing is pushed past the right edge unless the columns'
    ``least`` widths (the widest word of each title; never below LEAST_COLUMN) do not fit."""
    floor = [max(LEAST_COLUMN, width) for width in (least or [0] * len(natural))]
    widths = list(natural)
    if sum(natural) <= available:
        if widths:
            widths[stretch] += available - sum(natural)
        return widths
    left, sharing = available, list(range(len(natural)))
    while sharing:
        share = left // len(sharing)
        settled = {c: natural[c] for c in sharing if natural[c] <= share}
        if not settled:  # only wide ones left: a title needing more than the share keeps that width
            settled = {c: floor[c] for c in sharing if floor[c] > share}
        if not settled:
            for column in sharing:
                widths[column] = share
            break
        for column, width in settled.items():
            widths[column] = width
            left -= width
            sharing.remove(column)
    return widths


def wrap_words(text: str, width: int, advance: Callable[[str], int]) -> str:
    """``text`` in lines at most ``width`` wide (``advance`` measures a line), broken at spaces only."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and advance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class ReadOnlyTable(QTableView):
    """Grows with its rows, wraps long texts, never scrolls sideways, never edits.

    Columns are as wide as their text; in a narrow window the wide ones share the width and wrap
    (:func:`share_widths`) instead of pushing the last columns (Frist, Bemerkung) out of sight. A title
    wider than its column breaks into lines (the header grows) instead of being cut („haber / Vertretur“).

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
        header, model = self.horizontalHeader(), self.table_model
        columns = range(model.columnCount())
        # Measured as Qt sizes a section (bold text); the margins are what Qt adds to the title shown now.
        font = header.font()
        font.setBold(True)
        metrics = QFontMetrics(font)

        def advance(text: str) -> int:
            return metrics.size(0, text).width()

        margins = [
            header.sectionSizeHint(c) - advance(str(model.headerData(c, Qt.Orientation.Horizontal)))
            for c in columns
        ]
        titles = [model.header(c) for c in columns]
        natural = [max(advance(titles[c]) + margins[c], self.sizeHintForColumn(c)) for c in columns]
        least = [max(map(advance, titles[c].split(" "))) + margins[c] for c in columns]
        widths = share_widths(natural, self.viewport().width(), self._stretch, least)
        for column, width in zip(columns, widths, strict=True):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        shown = [wrap_words(titles[c], widths[c] - margins[c], advance) for c in columns]
        if shown != [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]:
            model.show_headers(shown)
            self.updateGeometries()  # the header's height follows its lines

    def rowCount(self) -> int:
        return self.table_model.rowCount()

    def columnCount(self) -> int:
        return self.table_model.columnCount()

    def item(self, row: int, column: int) -> Shown | None:
        cell = self.table_model.cell(row, column)
        return None if cell is None else Shown(cell.text, cell.shown_tooltip)

    def horizontalHeaderItem(self, column: int) -> Shown | None:
        """The column's title in one line (as drawn it may be broken into lines)."""
        if not 0 <= column < self.table_model.columnCount():
            return None
        return Shown(self.table_model.header(column))
