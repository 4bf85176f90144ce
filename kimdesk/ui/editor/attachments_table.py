"""The table of the Anlagen panel: one row per Anlage; PDF files dropped from the file manager, rows
dragged to a new place, Strg+↑/↓ and Entf — each reported as a request, never changed in place (the
panel stores the change and shows the stored list again). F2 edits the title and a click the check box
in the model (``AnlagenModel.edited``); Tab leaves the table for the buttons below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from kimdesk.domain.attachment import Attachment
from kimdesk.l10n.i18n import _
from kimdesk.services.attachment_rows import anlage_rows, drop_target, step_target
from kimdesk.ui.editor.attachments_model import FILE, NUMBER, PUBLIC, SIZE, TITLE, AnlagenModel
from kimdesk.ui.editor.row_table import CellEditorDelegate, RowTableView

#: What a drag of rows of an item view carries.
ROWS_MIME = "application/x-qabstractitemmodeldatalist"


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files of a drop from the file manager (links to web pages are not files)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AnlagenTable(RowTableView):
    """A view of :class:`AnlagenModel` (``table_model``); a cell editor opens only on F2 or a double click."""

    files_dropped = Signal(list)
    #: (Anlage row, new row)
    move_requested = Signal(int, int)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        model = AnlagenModel()
        # The delegate opens no editor of its own; in the title's editor Tab stores the title and leaves.
        super().__init__(model, CellEditorDelegate(()), parent)
        self.table_model = model
        model.setParent(self)
        self.itemDelegate().setParent(self)
        self.setObjectName("anlagen")
        self.setAccessibleName(_("Anlagen"))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (NUMBER, PUBLIC, FILE, SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)

    @property
    def editable(self) -> bool:
        return self.table_model.editable

    @editable.setter
    def editable(self, editable: bool) -> None:
        self.table_model.editable = editable

    def show_anlagen(self, anlagen: Sequence[Attachment], current: int | None = None) -> None:
        self.table_model.set_rows(anlage_rows(anlagen))
        if anlagen:
            self.setCurrentCell(min(current if current is not None else 0, len(anlagen) - 1), TITLE)

    def setCurrentCell(self, row: int, column: int) -> None:
        """Make a cell current (its row is chosen), as on a QTableWidget."""
        self.setCurrentIndex(self.table_model.index(row, column))

    # -- keys ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            target = step_target(row, -1 if event.key() == Qt.Key.Key_Up else 1, self.rowCount())
            if self.editable and target is not None:
                self.move_requested.emit(row, target)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and row >= 0 and self.editable:
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- drag and drop ---------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            if self._internal(event):
                super().dragMoveEvent(event)  # the drop indicator
                event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        if self._internal(event):
            source = self.currentRow()  # the dragged row is the current one
            target = drop_target(self.rowAt(int(event.position().y())), self.rowCount())
            event.setDropAction(Qt.DropAction.CopyAction)  # the view must not remove the dragged row
            event.accept()
            if source >= 0 and target != source:
                self.move_requested.emit(source, target)
            return
        files = dropped_files(event.mimeData())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(files)

    def _internal(self, event: QDragMoveEvent | QDropEvent) -> bool:
        """Rows of this table dragged to another place (not files from outside)."""
        mime = event.mimeData()
        return event.source() is self or (mime.hasFormat(ROWS_MIME) and not mime.hasUrls())

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        if not self.editable:
            return False
        return self._internal(event) or bool(dropped_files(event.mimeData()))
