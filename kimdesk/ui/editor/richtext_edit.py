"""The Begründung editor: a QTextEdit that keeps only the structure RichText can hold, with a toolbar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextBlock, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from kimdesk.domain.richtext import BlockKind, RichText
from kimdesk.l10n.i18n import _
from kimdesk.ui.richtext_convert import (
    block_format,
    char_format,
    document_to_richtext,
    insert_richtext,
    richtext_from_html,
    richtext_to_document,
)

STYLE_PARAGRAPH, STYLE_H1, STYLE_H2, STYLE_H3 = range(4)


class RichTextEdit(QTextEdit):
    """Pasting keeps paragraphs, headings, lists, bold and italic and drops the rest (fonts, colours)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml():
            rich = richtext_from_html(source.html())
        elif source.hasText():
            rich = RichText.from_plain(source.text())
        else:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        insert_richtext(cursor, rich)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def richtext(self) -> RichText:
        return document_to_richtext(self.document())

    def set_richtext(self, rich: RichText) -> None:
        position = self.textCursor().position()
        blocker = self.blockSignals(True)
        try:
            richtext_to_document(rich, self.document())
        finally:
            self.blockSignals(blocker)
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)


class RichTextEditor(QWidget):
    """Toolbar (Absatz/Überschrift 1–3, fett, kursiv, nummerierte Liste, Aufzählung) over the text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = RichTextEdit(self)
        self.edit.setAccessibleName(_("Begründung"))
        self.edit.textChanged.connect(self.changed)
        self.edit.cursorPositionChanged.connect(self._sync_toolbar)

        self.style_box = QComboBox(self)
        self.style_box.addItems([_("Absatz"), _("Überschrift 1"), _("Überschrift 2"), _("Überschrift 3")])
        self.style_box.setAccessibleName(_("Absatzformat"))
        self.style_box.setToolTip(_("Absatzformat (Strg+0 bis Strg+3)"))
        self.style_box.activated.connect(lambda index: self._format(lambda: self._apply_style(index)))
        self.style_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        # German Word's keys first (Strg+Umschalt+F/K/L), the international ones beside them.
        self.bold_action = self._action(
            _("F"), _("Fett (Strg+Umschalt+F oder Strg+B)"), ["Ctrl+Shift+F", "Ctrl+B"], self._bold
        )
        self.italic_action = self._action(
            _("K"), _("Kursiv (Strg+Umschalt+K oder Strg+I)"), ["Ctrl+Shift+K", "Ctrl+I"], self._italic
        )
        self.numbered_action = self._action(
            _("1."), _("Nummerierte Liste (Strg+Umschalt+7)"), ["Ctrl+Shift+7"], self._numbered
        )
        self.bullet_action = self._action(
            "•",
            _("Aufzählung (Strg+Umschalt+L oder Strg+Umschalt+8)"),
            ["Ctrl+Shift+L", "Ctrl+Shift+8"],
            self._bullets,
        )
        for level in range(4):
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{level}"))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(
                lambda _checked=False, lv=level: self._format(lambda: self._apply_style(lv))
            )
            self.addAction(shortcut)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.style_box)
        for action in (self.bold_action, self.italic_action, self.numbered_action, self.bullet_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.toolTip())
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bar.addWidget(button)
        bar.addStretch(1)
        font = self.bold_action.font()
        font.setBold(True)
        self.bold_action.setFont(font)
        font = self.italic_action.font()
        font.setItalic(True)
        self.italic_action.setFont(font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.edit)

    def _action(self, text: str, tip: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(text in (_("F"), _("K")))
        action.triggered.connect(lambda _checked=False: self._format(slot))
        self.addAction(action)
        return action

    def _format(self, apply: Callable[[], None]) -> None:
        """Apply a format, then give the keyboard back to the text: the clerk types on at once."""
        apply()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- formatting ------------------------------------------------------------------------------
    def _bold(self) -> None:
        cursor = self.edit.textCursor()
        fmt = cursor.charFormat()
        bold = fmt.fontWeight() < QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.edit.mergeCurrentCharFormat(fmt)
        self.bold_action.setChecked(bold)

    def _italic(self) -> None:
        fmt = self.edit.textCursor().charFormat()
        italic = not fmt.fontItalic()
        fmt.setFontItalic(italic)
        self.edit.mergeCurrentCharFormat(fmt)
        self.italic_action.setChecked(italic)

    def _apply_style(self, index: int) -> None:
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        block = cursor.block()
        if block.textList() is not None:
            block.textList().remove(block)
        kind = BlockKind.PARAGRAPH if index == STYLE_PARAGRAPH else BlockKind.HEADING
        cursor.setBlockFormat(block_format(kind, index))
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char_format(heading_level=index))
        cursor.endEditBlock()
        self.style_box.setCurrentIndex(index)

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            for block in _blocks_in_selection(cursor):
                current.remove(block)
                fmt = block.blockFormat()
                fmt.setIndent(0)
                QTextCursor(block).setBlockFormat(fmt)
        else:
            cursor.setBlockFormat(block_format(BlockKind.PARAGRAPH))
            list_format = QTextListFormat()
            list_format.setStyle(style)
            cursor.createList(list_format)
        cursor.endEditBlock()

    def _numbered(self) -> None:
        self._list(QTextListFormat.Style.ListDecimal)

    def _bullets(self) -> None:
        self._list(QTextListFormat.Style.ListDisc)

    def _sync_toolbar(self) -> None:
        cursor = self.edit.textCursor()
        level = cursor.blockFormat().headingLevel()
        self.style_box.setCurrentIndex(min(level, 3))
        fmt = cursor.charFormat()
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold and level == 0)
        self.italic_action.setChecked(fmt.fontItalic())

    # --- value ---------------------------------------------------------------------------------------
    def richtext(self) -> RichText:
        return self.edit.richtext()

    def set_richtext(self, rich: RichText) -> None:
        self.edit.set_richtext(rich)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        for action in (self.bold_action, self.italic_action, self.numbered_action, self.bullet_action):
            action.setEnabled(not read_only)
        self.style_box.setEnabled(not read_only)


def _blocks_in_selection(cursor: QTextCursor) -> list[QTextBlock]:
    doc = cursor.document()
    start = doc.findBlock(cursor.selectionStart())
    end = doc.findBlock(cursor.selectionEnd())
    blocks = [start]
    block = start
    while block.isValid() and block != end:
        block = block.next()
        blocks.append(block)
    return blocks
