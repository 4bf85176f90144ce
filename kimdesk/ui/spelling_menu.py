"""The spelling part of a text field's context menu: suggestions, „Zum Wörterbuch des Amtes hinzufügen“,
„Ignorieren“, above the field's usual entries (Rückgängig, Ausschneiden, Kopieren …)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from kimdesk.l10n.i18n import _
from kimdesk.services.spelling import Token, tokens
from kimdesk.ui.spelling import Spelling


@dataclass(frozen=True, slots=True)
class WordAt:
    """A misspelt word under the mouse: where it starts in the field's whole text."""

    widget: QWidget
    start: int
    token: Token

    def replace(self, replacement: str) -> bool:
        """Put ``replacement`` in place of the word as one undo step; False if the text changed meanwhile."""
        word = self.token.word
        if isinstance(self.widget, QLineEdit):
            edit = self.widget
            if edit.text()[self.start : self.start + len(word)] != word:
                return False
            edit.setSelection(self.start, len(word))
            edit.insert(replacement)
            return True
        assert isinstance(self.widget, QTextEdit | QPlainTextEdit)
        cursor = QTextCursor(self.widget.document())
        cursor.setPosition(self.start)
        cursor.setPosition(self.start + len(word), QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:
            return False
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.widget.setTextCursor(cursor)
        return True


def word_at(widget: QWidget, pos: QPoint, spelling: Spelling) -> WordAt | None:
    """The misspelt word at ``pos`` (viewport coordinates for text edits), if there is one."""
    if isinstance(widget, QLineEdit):
        text, offset, index = widget.text(), 0, widget.cursorPositionAt(pos)
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.cursorForPosition(pos)
        block = cursor.block()
        text, offset, index = block.text(), block.position(), cursor.positionInBlock()
    else:
        return None
    for token in tokens(text):
        if token.start <= index <= token.start + token.length:
            if spelling.status(token) is False:
                return WordAt(widget, offset + token.start, token)
            return None
    return None


def standard_menu(widget: QWidget, pos: QPoint) -> QMenu:
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.createStandardContextMenu(widget.viewport().mapToGlobal(pos))
    assert isinstance(widget, QLineEdit)
    return widget.createStandardContextMenu()


def spelling_menu(widget: QWidget, pos: QPoint, spelling: Spelling) -> QMenu:
    """The field's context menu at ``pos``, with the spelling entries on top when a misspelt word is there.

    Suggestions are searched on the worker: the menu opens at once with „Vorschläge werden gesucht …“, and
    the suggestions take that place when they arrive."""
    menu = standard_menu(widget, pos)
    found = word_at(widget, pos, spelling) if spelling.active else None
    if found is None or widget.property("readOnly") is True:
        return menu
    waiting = QAction(_("Vorschläge werden gesucht …"), menu)
    waiting.setEnabled(False)
    add = QAction(_("Zum Wörterbuch des Amtes hinzufügen"), menu)
    add.triggered.connect(lambda: spelling.add_to_office(found.token.word))
    ignore = QAction(_("Ignorieren"), menu)
    ignore.triggered.connect(lambda: spelling.ignore(found.token.word))
    ours = [waiting, _separator(menu), add, ignore, _separator(menu)]
    standard = menu.actions()
    if standard:
        menu.insertActions(standard[0], ours)
    else:
        menu.addActions(ours)
    guard = QObject(menu)  # gone with the menu: a late answer then changes nothing

    def show(suggestions: list[str]) -> None:
        if not _alive(guard):
            return
        if not suggestions:
            waiting.setText(_("Keine Vorschläge"))
            return
        bold = QFont(menu.font())
        bold.setBold(True)
        for word in suggestions:
            action = QAction(word, menu)
            action.setFont(bold)
            action.triggered.connect(lambda _checked=False, w=word: found.replace(w))
            menu.insertAction(waiting, action)
        menu.removeAction(waiting)

    spelling.suggestions(found.token.word, show)
    return menu


def _separator(menu: QMenu) -> QAction:
    action = QAction(menu)
    action.setSeparator(True)
    return action


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:  # the menu (and with it obj) was deleted
        return False
    return True


class MenuFilter(QObject):
    """Replaces the field's context menu by :func:`spelling_menu` (the field's own behaviour stays)."""

    def __init__(self, widget: QWidget, spelling: Spelling) -> None:
        super().__init__(widget)
        self.widget = widget
        self.spelling = spelling
        self.menu: QMenu | None = None

    def install(self) -> None:
        target = (
            self.widget.viewport() if isinstance(self.widget, QTextEdit | QPlainTextEdit) else self.widget
        )
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        menu = spelling_menu(self.widget, event.pos(), self.spelling)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.menu = menu
        menu.popup(event.globalPos())
        event.accept()
        return True
