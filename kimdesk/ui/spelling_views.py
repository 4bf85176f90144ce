"""The red wavy line under misspelt words: extra selections in text edits, an overlay on QLineEdit.

Both only read :class:`~kimdesk.ui.spelling.Spelling`'s cache (regular expressions on the GUI thread, never
the dictionary) and request the words it does not know yet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from kimdesk.services.spelling import Token, tokens
from kimdesk.ui.spelling import Spelling

MISSPELT = QColor("#d00000")


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(MISSPELT)
    return fmt


def misspelt_tokens(text: str, spelling: Spelling, typing_at: int | None = None) -> list[Token]:
    """The words of ``text`` known to be misspelt; unknown ones are requested from the worker.

    ``typing_at``: the cursor's index while the field has the focus; the word being typed there is left
    alone until the cursor leaves it (no line under every half-typed word)."""
    found = []
    for token in tokens(text):
        if typing_at is not None and token.start <= typing_at <= token.start + token.length:
            continue
        state = spelling.status(token)
        if state is None:
            spelling.request(token)
        elif not state:
            found.append(token)
    return found


class TextUnderline(QObject):
    """Underlines misspelt words of a QTextEdit/QPlainTextEdit with extra selections: a decoration of the
    view, not part of the text, its undo or its change signal.

    (PySide6 6.12 loses a reference to None on every call of a Python ``QSyntaxHighlighter.highlightBlock``,
    which ends the program after enough blocks; extra selections need no Python override.)"""

    def __init__(self, edit: QTextEdit | QPlainTextEdit, spelling: Spelling) -> None:
        super().__init__(edit)
        self.edit = edit
        self.spelling = spelling
        self._format = misspelt_format()
        self._marks: list[QTextCursor] = []
        self._typing: tuple[int, int] | None = None  # block number, index of the word left alone
        edit.document().contentsChange.connect(self._changed)
        edit.cursorPositionChanged.connect(self._cursor_moved)
        edit.installEventFilter(self)
        spelling.answered.connect(self._answered)
        spelling.ready.connect(self.rescan)
        self.rescan()

    def misspelt(self) -> list[str]:
        """The underlined words, in document order."""
        return [mark.selectedText() for mark in self._marks]

    def rescan(self) -> None:
        document = self.edit.document()
        self._rescan(document.begin(), document.lastBlock())

    def _rescan(self, first: QTextBlock, last: QTextBlock) -> None:
        low, high = first.blockNumber(), last.blockNumber()
        kept = [m for m in self._marks if not low <= m.block().blockNumber() <= high and m.hasSelection()]
        found: list[QTextCursor] = []
        if self.spelling.active:
            cursor = self.edit.textCursor()
            typing = self.edit.hasFocus() and not cursor.hasSelection()
            block = first
            while block.isValid() and block.blockNumber() <= high:
                typing_at = cursor.positionInBlock() if typing and cursor.block() == block else None
                if typing_at is not None:
                    self._typing = (block.blockNumber(), typing_at)
                for token in misspelt_tokens(block.text(), self.spelling, typing_at):
                    found.append(_mark(block, token))
                block = block.next()
        marks = sorted(kept + found, key=lambda m: m.selectionStart())
        if _spans(marks) != _spans(self._marks):
            self._marks = marks
            self._show()
        else:
            self._marks = marks

    def _show(self) -> None:
        selections = []
        for mark in self._marks:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = mark
            selection.format = self._format
            selections.append(selection)
        self.edit.setExtraSelections(selections)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        document = self.edit.document()
        first = document.findBlock(position)
        last = document.findBlock(position + added)
        if not first.isValid():
            first = document.begin()
        if not last.isValid():
            last = document.lastBlock()
        self._rescan(first, last)

    def _rescan_number(self, number: int) -> None:
        block = self.edit.document().findBlockByNumber(number)
        if block.isValid():
            self._rescan(block, block)

    def _cursor_moved(self) -> None:
        if self._typing is None:
            return
        number, index = self._typing
        cursor = self.edit.textCursor()
        if cursor.blockNumber() != number or abs(cursor.positionInBlock() - index) > 1:
            self._typing = None
            self._rescan_number(number)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self._typing is not None:
            number = self._typing[0]
            self._typing = None
            self._rescan_number(number)
        return False

    def _answered(self, words: set[str]) -> None:
        block = self.edit.document().begin()
        while block.isValid():
            text = block.text()
            if any(word in text for word in words):
                self._rescan(block, block)
            block = block.next()


def _mark(block: QTextBlock, token: Token) -> QTextCursor:
    """A cursor selecting ``token`` in ``block`` (it moves along when text before it changes).

    Built with movePosition (which returns a value) rather than setPosition: PySide6 6.12 on Python 3.11
    drops a reference to None on every call of a C++ method returning void, and this runs on each key."""
    mark = QTextCursor(block)
    mark.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.MoveAnchor, token.start)
    mark.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, token.length)
    return mark


def _spans(marks: list[QTextCursor]) -> list[tuple[int, int]]:
    return [(m.selectionStart(), m.selectionEnd()) for m in marks]


class LineUnderline(QWidget):
    """A transparent layer over a QLineEdit that draws the wavy line; the field itself stays as it is.

    QLineEdit draws its text in one QTextLayout line scrolled by a private offset; the offset is recovered
    from its public ``cursorRect()`` (the cursor's x minus the advance of the text before it)."""

    def __init__(self, edit: QLineEdit, spelling: Spelling) -> None:
        super().__init__(edit)
        self.edit = edit
        self.spelling = spelling
        self.misspelt: list[Token] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(edit.rect())
        edit.installEventFilter(self)
        edit.textChanged.connect(self.refresh)
        edit.cursorPositionChanged.connect(self.refresh)
        spelling.answered.connect(self.refresh)
        spelling.ready.connect(self.refresh)
        self.refresh()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.edit.rect())
        elif watched is self.edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.refresh()
        return False

    def refresh(self, *_args: object) -> None:
        typing_at = self.edit.cursorPosition() if self.edit.hasFocus() else None
        active = self.spelling.active
        misspelt = misspelt_tokens(self.edit.text(), self.spelling, typing_at) if active else []
        if misspelt or self.misspelt:  # nothing to draw before or after: no repaint (see _mark on void calls)
            self.update()
        self.misspelt = misspelt

    def x_of(self, position: int) -> float:
        """Where character ``position`` of the text starts, in the field's coordinates."""
        text = self.edit.text()
        metrics = self.edit.fontMetrics()
        cursor = self.edit.cursorPosition()
        cursor_x = self.edit.cursorRect().x() + 5  # Qt's cursor rectangle starts 5 px left of the cursor
        return (
            cursor_x + metrics.horizontalAdvance(text[:position]) - metrics.horizontalAdvance(text[:cursor])
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.misspelt or self.edit.echoMode() != QLineEdit.EchoMode.Normal:
            return
        rect = self.edit.cursorRect()
        metrics = self.edit.fontMetrics()
        y = rect.y() + metrics.ascent() + 2.0
        left_limit = self.edit.contentsRect().left()
        right_limit = self.edit.contentsRect().right()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(MISSPELT, 1.0))
        for token in self.misspelt:
            start = max(self.x_of(token.start), left_limit)
            end = min(self.x_of(token.start + token.length), right_limit)
            if end - start < 2:
                continue
            painter.drawPath(_wave(start, end, y))
        painter.end()


def _wave(start: float, end: float, y: float, step: float = 2.0, height: float = 1.5) -> QPainterPath:
    path = QPainterPath(QPointF(start, y))
    x, up = start, True
    while x < end:
        x = min(x + step, end)
        path.lineTo(QPointF(x, y - height if up else y + height))
        up = not up
    return path
