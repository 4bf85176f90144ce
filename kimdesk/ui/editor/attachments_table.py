"""The table of the Anlagen panel: one row per Anlage; PDF files dropped from the file manager, rows
dragged to a new place, Strg+↑/↓, F2 and Entf — each reported as a request, never changed in place (the
panel stores the change and shows the stored list again)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kimdesk.domain.attachment import Attachment
from kimdesk.l10n.i18n import _
from kimdesk.services.attachments import format_bytes

NUMBER, TITLE, PUBLIC, FILE, SIZE = range(5)
#: What a drag of rows of an item view carries.
ROWS_MIME = "application/x-qabstractitemmodeldatalist"


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files of a drop from the file manager (links to web pages are not files)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AnlagenTable(QTableWidget):
    files_dropped = Signal(list)
    #: (Anlage row, new row)
    move_requested = Signal(int, int)
    remove_requested = Signal()
    #: (Anlage row, new title)
    title_edited = Signal(int, str)
    #: (Anlage row, public)
    public_toggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("anlagen")
        self.setAccessibleName(_("Anlagen"))
        self.setHorizontalHeaderLabels([_("Nr."), _("Titel"), _("öffentlich"), _("Datei"), _("Größe")])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (NUMBER, PUBLIC, FILE, SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.editable = True
        self._filling = False
        self.itemChanged.connect(self._item_changed)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)

    def show_anlagen(self, anlagen: list[Attachment], current: int | None = None) -> None:
        self._filling = True
        try:
            self.setRowCount(len(anlagen))
            for row, anlage in enumerate(anlagen):
                self._set(row, NUMBER, f"{row + 1}.", editable=False)
                self._set(row, TITLE, anlage.shown_title, editable=self.editable)
                public = self._set(row, PUBLIC, "", editable=False)
                flags = public.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if not self.editable:
                    flags &= ~Qt.ItemFlag.ItemIsUserCheckable
                public.setFlags(flags)
                public.setCheckState(Qt.CheckState.Checked if anlage.public else Qt.CheckState.Unchecked)
                public.setToolTip(_("öffentlich") if anlage.public else _("nichtöffentlich"))
                self._set(row, FILE, anlage.filename, editable=False)
                self._set(row, SIZE, format_bytes(anlage.size), editable=False)
        finally:
            self._filling = False
        if anlagen:
            self.setCurrentCell(min(current if current is not None else 0, len(anlagen) - 1), TITLE)

    def _set(self, row: int, column: int, text: str, *, editable: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        self.setItem(row, column, item)
        return item

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if item.column() == TITLE:
            self.title_edited.emit(item.row(), item.text())
        elif item.column() == PUBLIC:
            self.public_toggled.emit(item.row(), item.checkState() == Qt.CheckState.Checked)

    # -- keys ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            if self.editable and 0 <= row + step < self.rowCount():
                self.move_requested.emit(row, row + step)
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
            target = self.rowAt(int(event.position().y()))
            if target < 0:
                target = self.rowCount() - 1
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
