"""Text fields of the form grow with their text, so only the form scrolls — never a field inside it.

A Begründung of twenty pages in a 200 px box that scrolls inside a scrolling page is hard to read
and to click into; Word shows the whole text on the page. Each multi-line field is as tall as its
text (at least ``min_lines``), has no scroll bar of its own, and the form follows the cursor while
the user types past the bottom of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSizeF, Qt
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QTextEdit, QWidget

TextField = QTextEdit | QPlainTextEdit


class AutoHeight(QObject):
    """Keeps ``edit`` as tall as its document and scrolls ``area`` to the cursor."""

    def __init__(self, edit: TextField, area: QScrollArea, min_lines: int = 4) -> None:
        super().__init__(edit)
        self.edit = edit
        self.area = area
        self.min_lines = min_lines
        edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        edit.document().documentLayout().documentSizeChanged.connect(self._fit)
        edit.cursorPositionChanged.connect(self._follow_cursor)
        self._fit()

    def _content_height(self) -> float:
        document = self.edit.document()
        line = self.edit.fontMetrics().lineSpacing()
        if isinstance(self.edit, QPlainTextEdit):  # its layout measures in lines, not pixels
            lines = document.documentLayout().documentSize().height()
            return lines * line + 2 * document.documentMargin()
        return document.size().height()

    def _fit(self, _size: QSizeF | None = None) -> None:
        frame = 2 * self.edit.frameWidth()
        minimum = self.min_lines * self.edit.fontMetrics().lineSpacing()
        height = int(max(self._content_height(), minimum)) + frame + 4
        if height != self.edit.height() or self.edit.minimumHeight() != height:
            self.edit.setFixedHeight(height)

    def _follow_cursor(self) -> None:
        if not self.edit.hasFocus():
            return
        content = self.area.widget()
        if content is None:
            return
        rect = self.edit.cursorRect()
        point = self.edit.viewport().mapTo(content, rect.center())
        self.area.ensureVisible(point.x(), point.y(), 0, rect.height() * 2)


def grow_with_content(area: QScrollArea, root: QWidget, min_lines: int = 4) -> list[AutoHeight]:
    """Every multi-line text field below ``root`` grows with its text inside the scroll ``area``."""
    fields: list[TextField] = [*root.findChildren(QTextEdit), *root.findChildren(QPlainTextEdit)]
    return [AutoHeight(edit, area, min_lines) for edit in fields]
