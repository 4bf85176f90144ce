"""Tables and list levels in a rich-text field: what the "Tabelle" menu, Tab and Umschalt+Tab do."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextList, QTextTable
from PySide6.QtWidgets import QTextEdit

from kimdesk.domain.richtext import MAX_LIST_LEVEL, Block, BlockKind, Span
from kimdesk.ui.richtext_convert import (
    insert_table,
    list_format,
    list_kind,
    list_level,
    style_rows,
)

#: A new table: three columns, a header row and two rows to fill (Word's grid starts small too).
NEW_TABLE_COLUMNS, NEW_TABLE_ROWS = 3, 3


def current_table(edit: QTextEdit) -> QTextTable | None:
    return edit.textCursor().currentTable()


def insert_new_table(edit: QTextEdit) -> None:
    """A table with a header row after the current paragraph; the cursor goes into its first cell."""
    cursor = edit.textCursor()
    if cursor.currentTable() is not None:
        return
    cursor.beginEditBlock()
    if cursor.block().text():
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock()
    empty_row: list[list[Span]] = [[] for _ in range(NEW_TABLE_COLUMNS)]
    block = Block(BlockKind.TABLE, rows=[list(empty_row) for _ in range(NEW_TABLE_ROWS)], header_rows=1)
    table = insert_table(cursor, block)
    cursor.endEditBlock()
    edit.setTextCursor(table.cellAt(0, 0).firstCursorPosition())


def _cell_position(edit: QTextEdit) -> tuple[QTextTable, int, int] | None:
    cursor = edit.textCursor()
    table = cursor.currentTable()
    if table is None:
        return None
    cell = table.cellAt(cursor)
    return table, cell.row(), cell.column()


def add_row(edit: QTextEdit, above: bool = False) -> None:
    found = _cell_position(edit)
    if found is None:
        return
    table, row, column = found
    new_row = row if above else row + 1
    if above and row < table.format().headerRowCount():
        new_row = table.format().headerRowCount()  # rows go below the header, never into it
    table.insertRows(new_row, 1)
    style_rows(table, [new_row])
    edit.setTextCursor(table.cellAt(new_row, column).firstCursorPosition())


def add_column(edit: QTextEdit) -> None:
    found = _cell_position(edit)
    if found is None:
        return
    table, row, column = found
    table.insertColumns(column + 1, 1)
    style_rows(table, range(min(table.format().headerRowCount(), table.rows())))
    edit.setTextCursor(table.cellAt(row, column + 1).firstCursorPosition())


def remove_row(edit: QTextEdit) -> None:
    """Removes the cursor's row; the last row takes the whole table with it."""
    _remove(edit, rows=True)


def remove_column(edit: QTextEdit) -> None:
    """Removes the cursor's column; the last column takes the whole table with it."""
    _remove(edit, rows=False)


def _remove(edit: QTextEdit, *, rows: bool) -> None:
    found = _cell_position(edit)
    if found is None:
        return
    table, row, column = found
    if (table.rows() if rows else table.columns()) == 1:
        remove_table(edit)
        return
    if rows:
        table.removeRows(row, 1)
    else:
        table.removeColumns(column, 1)
    row, column = min(row, table.rows() - 1), min(column, table.columns() - 1)
    edit.setTextCursor(table.cellAt(row, column).firstCursorPosition())


def remove_table(edit: QTextEdit) -> None:
    table = current_table(edit)
    if table is None:
        return
    cursor = edit.textCursor()
    cursor.setPosition(table.firstPosition() - 1)
    cursor.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    edit.setTextCursor(cursor)


def set_header_row(edit: QTextEdit, header: bool) -> None:
    """The first row as header row: bold on a light fill in the editor, repeated on each PDF page."""
    table = current_table(edit)
    if table is None:
        return
    fmt = table.format()
    fmt.setHeaderRowCount(1 if header else 0)
    table.setFormat(fmt)
    style_rows(table, [0])


def has_header_row(edit: QTextEdit) -> bool:
    table = current_table(edit)
    return table is not None and table.format().headerRowCount() > 0


def move_between_cells(edit: QTextEdit, forward: bool) -> bool:
    """Tab/Umschalt+Tab in a table: next or previous cell; Tab in the last cell adds a row (as Word)."""
    found = _cell_position(edit)
    if found is None:
        return False
    table, row, column = found
    index = row * table.columns() + column + (1 if forward else -1)
    if index < 0:
        return True
    if index >= table.rows() * table.columns():
        table.appendRows(1)
        style_rows(table, [table.rows() - 1])
    target = table.cellAt(index // table.columns(), index % table.columns())
    cursor = target.firstCursorPosition()
    cursor.setPosition(target.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    return True


def change_list_level(edit: QTextEdit, delta: int) -> bool:
    """Tab/Umschalt+Tab at the start of a list item: one level deeper or higher (as in Word).

    False when the cursor is not at the start of a list item, or the level cannot change: then Tab
    does what it does elsewhere (the next field).
    """
    cursor = edit.textCursor()
    block = cursor.block()
    text_list = block.textList()
    if text_list is None or cursor.hasSelection() or cursor.positionInBlock() != 0:
        return False
    level = list_level(text_list) + delta
    if level < 0 or level > MAX_LIST_LEVEL:
        return False
    if delta > 0 and text_list.itemNumber(block) == 0 and list_level(text_list) == 0:
        return False  # the first item has no item above to belong to
    kind = _top_kind(block) or list_kind(text_list)
    cursor.beginEditBlock()
    text_list.remove(block)
    plain = block.blockFormat()
    plain.setIndent(0)  # QTextList.remove moved the list's indent into the paragraph: the list indents
    cursor.setBlockFormat(plain)
    neighbour = _list_above(block, level)
    if neighbour is not None:
        neighbour.add(block)
    else:
        cursor.createList(list_format(kind, level))
    cursor.endEditBlock()
    return True


def _list_above(block: QTextBlock, level: int) -> QTextList | None:
    """The list at ``level`` the items just above belong to, if no higher item comes between."""
    above = block.previous()
    while above.isValid() and above.textList() is not None:
        above_level = list_level(above.textList())
        if above_level == level:
            return above.textList()
        if above_level < level:
            return None
        above = above.previous()
    return None


def _top_kind(block: QTextBlock) -> BlockKind | None:
    """The kind of the level-0 list this item belongs to: sub-items follow it (1. → a), • → –)."""
    above = block.previous()
    while above.isValid() and above.textList() is not None:
        if list_level(above.textList()) == 0:
            return list_kind(above.textList())
        above = above.previous()
    return None
