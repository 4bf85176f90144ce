"""The agenda of the meetings view: TOPs in their public and non-public part, reordered by drag or keys.

Strg+↑/↓ moves the current TOP (with its sub-items), Strg+→/← makes it a sub-item of the TOP above or a
TOP again; Enter or a double click opens its Vorlage.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kimdesk.domain.meeting import Meeting
from kimdesk.l10n.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole
PAPER_ROLE = Qt.ItemDataRole.UserRole + 2


class AgendaList(QListWidget):
    #: -1 up, +1 down (Strg+↑/↓)
    move_requested = Signal(int)
    #: +1 sub-item, -1 TOP again (Strg+→/←)
    level_requested = Signal(int)
    #: the Vorlage of the activated TOP (Enter, double click)
    paper_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.setAccessibleName(_("Tagesordnung"))
        self.setToolTip(
            _("Strg+↑/↓ verschiebt den TOP, Strg+→/← macht ihn zum Unterpunkt oder wieder zum TOP.")
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.itemActivated.connect(self._activated)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            keys = {
                Qt.Key.Key_Up: (self.move_requested, -1),
                Qt.Key.Key_Down: (self.move_requested, 1),
                Qt.Key.Key_Right: (self.level_requested, 1),
                Qt.Key.Key_Left: (self.level_requested, -1),
            }
            found = keys.get(Qt.Key(event.key()))
            if found is not None:
                signal, value = found
                signal.emit(value)
                event.accept()
                return
        super().keyPressEvent(event)

    def _activated(self, row: QListWidgetItem) -> None:
        paper = row.data(PAPER_ROLE)
        if paper:
            self.paper_activated.emit(uuid.UUID(paper))

    def show_agenda(self, meeting: Meeting | None, references: dict[uuid.UUID, str]) -> None:
        """One row per TOP ("TOP 4.1  Title  [20/0270]  → result") under its part's heading."""
        self.blockSignals(True)
        self.clear()
        part = None
        for item in meeting.items if meeting else []:
            if item.public is not part:
                part = item.public
                header = QListWidgetItem(_("Öffentlicher Teil") if part else _("Nichtöffentlicher Teil"))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.addItem(header)
            text = ("      " if item.level else "") + _("TOP {number}  {title}").format(
                number=item.number, title=item.title
            )
            if item.paper_id in references:
                text += f"  [{references[item.paper_id]}]"
            if item.result is not None:
                text += f"  → {_(item.result.label)}"
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, str(item.id))
            if item.paper_id is not None:
                row.setData(PAPER_ROLE, str(item.paper_id))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.addItem(row)
        self.blockSignals(False)

    def lines(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def current_item_id(self) -> uuid.UUID | None:
        row = self.currentItem()
        value = row.data(ID_ROLE) if row is not None else None
        return uuid.UUID(value) if value else None

    def item_ids(self) -> list[uuid.UUID]:
        """The TOPs' ids in the order shown (part headings left out)."""
        return [uuid.UUID(v) for r in range(self.count()) if (v := self.item(r).data(ID_ROLE))]

    def reselect(self, item_id: uuid.UUID | None) -> None:
        for row in range(self.count()):
            if item_id is not None and self.item(row).data(ID_ROLE) == str(item_id):
                self.setCurrentRow(row)
