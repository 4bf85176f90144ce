"""The Begründung/Beschlussentwurf editor: a QTextEdit keeping only what RichText can hold, with a toolbar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QTextBlock, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QTextEdit, QToolButton, QVBoxLayout, QWidget

from kimdesk.domain.richtext import BlockKind, RichText
from kimdesk.l10n.i18n import _
from kimdesk.ui.editor import richtext_structure as structure
from kimdesk.ui.richtext_convert import (
    block_format,
    char_format,
    document_to_richtext,
    insert_richtext,
    richtext_to_document,
)
from kimdesk.ui.richtext_paste import richtext_from_html

STYLE_PARAGRAPH, STYLE_H1, STYLE_H2, STYLE_H3 = range(4)


class RichTextEdit(QTextEdit):
    """Pasting keeps paragraphs, headings, lists, tables, bold and italic and drops fonts and colours.

    Tab leaves the field, except in a table (next cell) and at the start of a list item (one level
    deeper; Umschalt+Tab one level up); Strg+Tab always leaves it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._tab(event):
            return True
        return super().event(event)

    def _tab(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or self.isReadOnly():
            return False
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            back = key == Qt.Key.Key_Backtab or bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            return self.focusNextPrevChild(not back)
        if modifiers & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        forward = key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier
        return structure.move_between_cells(self, forward) or structure.change_list_level(
            self, 1 if forward else -1
        )

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
    """Toolbar (Absatz/Überschrift 1–3, fett, kursiv, Listen, Tabelle) over the text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, name: str = "", tables: bool = True) -> None:
        super().__init__(parent)
        self.edit = RichTextEdit(self)
        self.edit.setAccessibleName(name or _("Begründung"))
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
        self.table_actions: list[QAction] = []
        self.table_button: QToolButton | None = None
        if tables:
            bar.addWidget(self._table_button())
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

    def _table_button(self) -> QToolButton:
        """ "Tabelle ▾": insert a table, add and remove rows and columns, header row on or off."""
        menu = QMenu(_("Tabelle"), self)
        self.insert_table_action = self._action(
            _("Tabelle einfügen"), _("Tabelle einfügen (Strg+Alt+T)"), ["Ctrl+Alt+T"], self._insert_table
        )
        self.add_row_action = self._action(
            _("Zeile darunter einfügen"),
            _("Zeile darunter einfügen (Tab in der letzten Zelle)"),
            [],
            lambda: structure.add_row(self.edit),
        )
        self.add_row_above_action = self._action(
            _("Zeile darüber einfügen"), "", [], lambda: structure.add_row(self.edit, above=True)
        )
        self.add_column_action = self._action(
            _("Spalte rechts einfügen"), "", [], lambda: structure.add_column(self.edit)
        )
        self.remove_row_action = self._action(
            _("Zeile löschen"), "", [], lambda: structure.remove_row(self.edit)
        )
        self.remove_column_action = self._action(
            _("Spalte löschen"), "", [], lambda: structure.remove_column(self.edit)
        )
        self.header_action = self._action(
            _("Erste Zeile ist Kopfzeile"),
            _("Kopfzeile: fett, grau hinterlegt, auf jeder Seite wiederholt"),
            [],
            lambda: structure.set_header_row(self.edit, self.header_action.isChecked()),
        )
        self.header_action.setCheckable(True)
        self.remove_table_action = self._action(
            _("Tabelle löschen"), "", [], lambda: structure.remove_table(self.edit)
        )
        self.table_actions = [
            self.insert_table_action,
            self.add_row_action,
            self.add_row_above_action,
            self.add_column_action,
            self.remove_row_action,
            self.remove_column_action,
            self.header_action,
            self.remove_table_action,
        ]
        for index, action in enumerate(self.table_actions):
            if index in (1, 4, 6):
                menu.addSeparator()
            menu.addAction(action)
        menu.aboutToShow.connect(self._sync_table_actions)
        button = QToolButton(self)
        button.setText(_("Tabelle"))
        button.setToolTip(_("Tabelle einfügen und bearbeiten"))
        button.setAccessibleName(_("Tabelle"))
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table_button = button
        return button

    def _insert_table(self) -> None:
        structure.insert_new_table(self.edit)

    def _sync_table_actions(self) -> None:
        in_table = structure.current_table(self.edit) is not None
        editable = not self.edit.isReadOnly()
        self.insert_table_action.setEnabled(editable and not in_table)
        for action in self.table_actions[1:]:
            action.setEnabled(editable and in_table)
        self.header_action.setChecked(structure.has_header_row(self.edit))

    def _action(self, text: str, tip: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip or text)
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
        for action in self.table_actions:
            action.setEnabled(not read_only)
        if self.table_button is not None:  # greyed like the buttons beside it, not a menu of greyed entries
            self.table_button.setEnabled(not read_only)
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
