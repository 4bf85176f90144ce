"""Paints the comparison into a QTextDocument: one table per section, old on the left, new on the right.

Deleted words are red and struck through, inserted words green and underlined (so the difference does not
rest on colour alone); unchanged rows are grey. ``changes`` lists where each changed row begins and ends,
for the next/previous navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from kimdesk.domain.diff import Change
from kimdesk.l10n.i18n import N_, _
from kimdesk.ui.compare_rows import Piece, Row, Section, Style

DELETED_TEXT = QColor("#a31515")
DELETED_BACKGROUND = QColor("#fde3e1")
INSERTED_TEXT = QColor("#0b6623")
INSERTED_BACKGROUND = QColor("#dcf5de")
MOVED_BACKGROUND = QColor("#e4ecfb")
DIM_TEXT = QColor("#7a7a7a")
CHANGED_LABEL_BACKGROUND = QColor("#fff4cc")
GRID = QColor("#d0d0d0")
CURRENT_BACKGROUND = QColor("#1f5fbf")
CURRENT_TEXT = QColor("#ffffff")
#: Width of the label column and of each side, in percent of the page.
LABEL_WIDTH = 16
SIDE_WIDTH = 42

_CHANGE_NOTES = {
    Change.CHANGED: "",
    Change.ADDED: N_("neu"),
    Change.REMOVED: N_("entfernt"),
    Change.MOVED: N_("verschoben"),
    Change.UNCHANGED: "",
}


@dataclass(frozen=True, slots=True)
class ChangeSpot:
    """A changed row in the document: its first and last character position, and its label."""

    start: int
    end: int
    label: str
    #: Where the label cell's text ends (the current change is marked there, not over the changed words).
    label_end: int


class _Formats:
    def __init__(self, base: QFont) -> None:
        self.equal = QTextCharFormat()
        self.dim = QTextCharFormat()
        self.dim.setForeground(DIM_TEXT)
        self.deleted = QTextCharFormat()
        self.deleted.setForeground(DELETED_TEXT)
        self.deleted.setBackground(DELETED_BACKGROUND)
        self.deleted.setFontStrikeOut(True)
        self.inserted = QTextCharFormat()
        self.inserted.setForeground(INSERTED_TEXT)
        self.inserted.setBackground(INSERTED_BACKGROUND)
        self.inserted.setFontUnderline(True)
        self.moved = QTextCharFormat()
        self.moved.setBackground(MOVED_BACKGROUND)
        self.name = QTextCharFormat()
        self.name.setForeground(DIM_TEXT)
        self.label = QTextCharFormat()
        self.label.setFontWeight(QFont.Weight.DemiBold)
        self.note = QTextCharFormat()
        self.note.setFontItalic(True)
        self.note.setForeground(DIM_TEXT)
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setFontPointSize(base.pointSizeF() * 1.2)
        self.section_note = QTextCharFormat()
        self.section_note.setForeground(DIM_TEXT)
        self.section_note.setFontPointSize(base.pointSizeF())

    def piece(self, style: Style, dim: bool) -> QTextCharFormat:
        if style is Style.DELETED:
            return self.deleted
        if style is Style.INSERTED:
            return self.inserted
        if style is Style.MOVED:
            return self.moved
        if style is Style.NAME or dim:
            return self.name if style is Style.NAME else self.dim
        return self.equal


def paint(document: QTextDocument, sections: list[Section], *, only_changes: bool) -> list[ChangeSpot]:
    """Fill ``document`` (cleared first); with ``only_changes`` unchanged rows are left out and unchanged
    sections shrink to their heading."""
    document.clear()
    formats = _Formats(document.defaultFont())
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    spots: list[ChangeSpot] = []
    first = True
    for section in sections:
        rows = [r for r in section.rows if r.changed] if only_changes else section.rows
        if not section.rows:
            continue
        if not first:
            cursor.insertBlock(QTextBlockFormat())
        first = False
        _heading(cursor, section, formats)
        if rows and (section.changed or not only_changes):
            spots.extend(_table(cursor, rows, formats))
    cursor.endEditBlock()
    return spots


def _heading(cursor: QTextCursor, section: Section, formats: _Formats) -> None:
    block = QTextBlockFormat()
    block.setTopMargin(10)
    block.setBottomMargin(4)
    cursor.setBlockFormat(block)
    cursor.insertText(section.title, formats.heading)
    changes = sum(row.changed for row in section.rows)
    note = _("Änderungen: {count}").format(count=changes) if changes else _("unverändert")
    cursor.insertText("  " + note, formats.section_note)


def _table(cursor: QTextCursor, rows: list[Row], formats: _Formats) -> list[ChangeSpot]:
    table_format = QTextTableFormat()
    table_format.setBorder(1)
    table_format.setBorderCollapse(True)
    table_format.setBorderBrush(GRID)
    table_format.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    table_format.setCellSpacing(0)
    table_format.setCellPadding(4)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, LABEL_WIDTH),
            QTextLength(QTextLength.Type.PercentageLength, SIDE_WIDTH),
            QTextLength(QTextLength.Type.PercentageLength, SIDE_WIDTH),
        ]
    )
    table = cursor.insertTable(len(rows), 3, table_format)
    spots: list[ChangeSpot] = []
    for number, row in enumerate(rows):
        label_cell = table.cellAt(number, 0)
        if row.changed:
            cell_format = label_cell.format()
            cell_format.setBackground(CHANGED_LABEL_BACKGROUND)
            label_cell.setFormat(cell_format)
        _label(label_cell.firstCursorPosition(), row, formats)
        _side(table.cellAt(number, 1).firstCursorPosition(), row, row.old, formats)
        _side(table.cellAt(number, 2).firstCursorPosition(), row, row.new, formats)
        if row.changed:
            start = label_cell.firstPosition()
            end = table.cellAt(number, 2).lastPosition()
            spots.append(ChangeSpot(start, end, row.label, label_cell.lastPosition()))
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return spots


def _label(cursor: QTextCursor, row: Row, formats: _Formats) -> None:
    cursor.insertText(row.label, formats.label if row.changed else formats.dim)
    state = _CHANGE_NOTES[row.change]
    note = row.note or (_(state) if state else "")
    if note:
        cursor.insertText("\n" + note, formats.note)


def _side(cursor: QTextCursor, row: Row, pieces: list[Piece] | None, formats: _Formats) -> None:
    if pieces is None:
        cursor.insertText("—", formats.dim)
        return
    if not any(text.strip() for text, _style in pieces):
        cursor.insertText(_("(leer)"), formats.dim)
        return
    dim = not row.changed
    for text, style in pieces:
        char_format = formats.piece(style, dim)
        if row.heading and style is not Style.NAME:
            char_format = QTextCharFormat(char_format)
            char_format.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(text, char_format)
