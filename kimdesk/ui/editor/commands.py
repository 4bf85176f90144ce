"""Undo: one command per committed change, holding the Vorlage before and after; typing merges."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand

from kimdesk.domain.model import Paper

MERGE_ID = 4711


class EditCommand(QUndoCommand):
    """Restores a whole snapshot on undo/redo: simple, and right for every kind of field.

    ``key`` names the field; consecutive edits of the same field merge into one step until the
    editor seals the command (a pause in typing, a focus change).
    """

    def __init__(
        self, text: str, key: str | None, before: Paper, after: Paper, apply: Callable[[Paper], None]
    ):
        super().__init__(text)
        self.key = key
        self.before = before
        self.after = after
        self._apply = apply
        self._first = True
        self.sealed = key is None

    def id(self) -> int:
        return -1 if self.key is None else MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if self.sealed or not isinstance(other, EditCommand) or other.key != self.key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the widgets already show the change
            self._first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class UndoKeyFilter(QObject):
    """Keeps line and text edits from handling Ctrl+Z/Ctrl+Y themselves, so one stack serves all."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
        ):
            event.ignore()
            return True
        return False
