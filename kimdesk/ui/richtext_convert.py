"""QTextDocument ⇄ RichText: the editors keep only paragraphs, headings, lists, tables, bold, italic."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from kimdesk.domain.richtext import MAX_LIST_LEVEL, Block, BlockKind, Cell, RichText, Span

LINE_SEPARATOR = "\u2028"
_HEADING_SIZE = {1: 3, 2: 2, 3: 1}
#: Word's default markers per level: 1. / a) / i. and • / ◦ / ▪.
_LIST_STYLES = {
    BlockKind.NUMBERED_LIST: (
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListLowerRoman,
    ),
    BlockKind.BULLET_LIST: (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
        QTextListFormat.Style.ListSquare,
    ),
}
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
HEADER_FILL = QColor(237, 237, 237)
GRID_COLOR = QColor(90, 90, 90)


def char_format(span: Span | None = None, *, heading_level: int = 0) -> QTextCharFormat:
    fmt = QTextCharFormat()
    bold = heading_level > 0 or (span is not None and span.bold)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(span is not None and span.italic)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE.get(heading_level, 0))
    return fmt


def block_format(kind: BlockKind, level: int = 1) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setHeadingLevel(level if kind is BlockKind.HEADING else 0)
    fmt.setBottomMargin(6)
    if kind is BlockKind.HEADING:
        fmt.setTopMargin(8)
    return fmt


def list_format(kind: BlockKind, level: int) -> QTextListFormat:
    """The format of a list at ``level`` (0 = top): Word's marker for that level, indented one step more."""
    level = min(max(level, 0), MAX_LIST_LEVEL)
    fmt = QTextListFormat()
    fmt.setStyle(_LIST_STYLES[kind][level])
    fmt.setIndent(level + 1)
    if kind is BlockKind.NUMBERED_LIST and level == 1:
        fmt.setNumberSuffix(")")  # "a)" as in the PDF
    return fmt


def list_kind(text_list: QTextList) -> BlockKind:
    style = text_list.format().style()
    return BlockKind.NUMBERED_LIST if style in _NUMBERED_STYLES else BlockKind.BULLET_LIST


def list_level(text_list: QTextList) -> int:
    return min(max(text_list.format().indent() - 1, 0), MAX_LIST_LEVEL)


def table_format(header_rows: int) -> QTextTableFormat:
    """Thin rules like the office's form; the header row repeats on every page."""
    fmt = QTextTableFormat()
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorder(1)
    fmt.setBorderBrush(GRID_COLOR)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(3)
    fmt.setBottomMargin(6)
    fmt.setHeaderRowCount(header_rows)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


def style_rows(table: QTextTable, rows: Iterable[int]) -> None:
    """Header cells bold on a light fill, body cells plain, for ``rows`` (new rows, a toggled header)."""
    header = table.format().headerRowCount()
    for row in rows:
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            cell_format = cell.format().toTableCellFormat()
            if row < header:
                cell_format.setBackground(HEADER_FILL)
            else:
                cell_format.clearBackground()
            cell.setFormat(cell_format)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            weight = QTextCharFormat()
            weight.setFontWeight(QFont.Weight.Bold if row < header else QFont.Weight.Normal)
            cursor.mergeCharFormat(weight)
            cursor.mergeBlockCharFormat(weight)


def _insert_spans(cursor: QTextCursor, spans: list[Span], heading_level: int = 0) -> None:
    for span in spans:
        if span.text:
            cursor.insertText(
                span.text.replace("\n", LINE_SEPARATOR), char_format(span, heading_level=heading_level)
            )


def insert_table(cursor: QTextCursor, block: Block) -> QTextTable:
    columns = max((len(row) for row in block.rows), default=1) or 1
    table = cursor.insertTable(max(len(block.rows), 1), columns, table_format(block.header_rows))
    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            if r < block.header_rows:  # shown bold like the PDF's header row; read back without emphasis
                cell = [Span(s.text, True, s.italic) for s in cell]
            _insert_spans(table.cellAt(r, c).firstCursorPosition(), cell)
    style_rows(table, range(min(block.header_rows, table.rows())))
    return table


def insert_richtext(cursor: QTextCursor, rich: RichText) -> None:
    """Insert ``rich`` at ``cursor``; the first block goes into the cursor's block if that is empty."""
    use_current = not cursor.block().text()
    for block in rich.blocks:
        if block.is_table:
            if cursor.currentTable() is not None:  # no table inside a table: its text goes in as lines
                _next_block(cursor, block_format(BlockKind.PARAGRAPH), use_current)
                _insert_spans(cursor, [Span(block.plain_text().replace("\t", " "))])
            else:
                if not use_current:
                    cursor.insertBlock(block_format(BlockKind.PARAGRAPH), char_format())
                table = insert_table(cursor, block)
                cursor.setPosition(table.lastPosition() + 1)
            use_current = not cursor.block().text()
        elif block.is_list:
            lists: dict[int, QTextList] = {}
            for index, item in enumerate(block.items):
                _next_block(cursor, block_format(BlockKind.PARAGRAPH), use_current)
                use_current = False
                level = min(max(block.item_level(index), 0), MAX_LIST_LEVEL)
                for deeper in [lv for lv in lists if lv > level]:
                    del lists[deeper]  # a new sub-list after a higher item starts counting again
                if level in lists:
                    lists[level].add(cursor.block())
                else:
                    lists[level] = cursor.createList(list_format(block.kind, level))
                _insert_spans(cursor, item)
        else:
            level = block.level if block.kind is BlockKind.HEADING else 0
            _next_block(cursor, block_format(block.kind, block.level), use_current, level)
            use_current = False
            _insert_spans(cursor, block.spans, level)


def _next_block(
    cursor: QTextCursor, fmt: QTextBlockFormat, use_current: bool, heading_level: int = 0
) -> None:
    if use_current:
        current = cursor.block()
        if current.textList() is not None:
            current.textList().remove(current)
        cursor.setBlockFormat(fmt)
        cursor.setBlockCharFormat(char_format(heading_level=heading_level))
        cursor.setCharFormat(char_format(heading_level=heading_level))
    else:
        cursor.insertBlock(fmt, char_format(heading_level=heading_level))


def richtext_to_document(rich: RichText, document: QTextDocument | None = None) -> QTextDocument:
    """Fill ``document`` (cleared first) or a new one with ``rich``."""
    doc = document if document is not None else QTextDocument()
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    insert_richtext(cursor, rich)
    cursor.endEditBlock()
    return doc


def block_spans(block: QTextBlock, heading: bool) -> list[Span]:
    """The styled runs of one block; in a heading (or header cell) bold is the style, not emphasis."""
    spans: list[Span] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        text = fragment.text().replace(LINE_SEPARATOR, "\n").replace("\ufffc", "")
        if not text:
            continue
        bold = fmt.fontWeight() >= QFont.Weight.DemiBold and not heading
        span = Span(text, bold, fmt.fontItalic())
        if spans and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
            spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
        else:
            spans.append(span)
    return spans


def _cell_spans(table: QTextTable, row: int, column: int, header: bool) -> Cell:
    """A cell's paragraphs as one run of spans, joined by line breaks.

    A merged cell (Word's "Zellen verbinden") keeps its text in its first position; the others are empty.
    """
    cell = table.cellAt(row, column)
    if (cell.row(), cell.column()) != (row, column):
        return []
    spans: Cell = []
    block = table.document().findBlock(cell.firstPosition())
    while block.isValid() and block.position() <= cell.lastPosition():
        if spans:
            spans.append(Span("\n"))
        spans.extend(block_spans(block, heading=header))
        block = block.next()
    merged: Cell = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    return [s for s in merged if s.text] if "".join(s.text for s in merged).strip() else []


def table_block(table: QTextTable) -> Block:
    header = min(table.format().headerRowCount(), table.rows())
    rows = [
        [_cell_spans(table, r, c, r < header) for c in range(table.columns())] for r in range(table.rows())
    ]
    return Block(BlockKind.TABLE, rows=rows, header_rows=header)


class _Reader:
    """Walks the top frame: blocks become paragraphs, headings or list items; tables become tables."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.top_list: QTextList | None = None  # the level-0 list of the list block being read
        self.in_list = False

    def table(self, table: QTextTable) -> None:
        self.in_list = False
        block = table_block(table)
        if any(any(cell for cell in row) for row in block.rows):
            self.blocks.append(block)

    def block(self, block: QTextBlock) -> None:
        text_list = block.textList()
        level = block.blockFormat().headingLevel()
        spans = block_spans(block, heading=level > 0)
        if text_list is not None:
            if spans:
                self.list_item(text_list, spans)
            return
        self.in_list = False
        if spans and "".join(s.text for s in spans).strip():
            if level > 0:
                self.blocks.append(Block(BlockKind.HEADING, spans, level=min(level, 3)))
            else:
                self.blocks.append(Block(BlockKind.PARAGRAPH, spans))

    def list_item(self, text_list: QTextList, spans: list[Span]) -> None:
        level = list_level(text_list)
        last = self.blocks[-1] if self.blocks else None
        continues = self.in_list and last is not None and last.is_list
        if level == 0:
            continues = continues and text_list is self.top_list and last is not None
            continues = continues and last is not None and last.kind is list_kind(text_list)
        if not continues or last is None:
            self.top_list = text_list if level == 0 else None
            last = Block(list_kind(text_list), items=[])
            self.blocks.append(last)
        elif level == 0:
            self.top_list = text_list
        levels = [last.item_level(i) for i in range(len(last.items))]
        last.items.append(spans)
        last.levels = [*levels, level] if any(levels) or level else []
        self.in_list = True

    def frame(self, frame: QTextFrame) -> None:
        it = frame.begin()
        while not it.atEnd():
            child = it.currentFrame()
            if isinstance(child, QTextTable):
                self.table(child)
            elif child is not None:
                self.frame(child)
            else:
                block = it.currentBlock()
                if block.isValid():
                    self.block(block)
            it += 1


def document_to_richtext(document: QTextDocument) -> RichText:
    """Read the structure back; empty paragraphs are dropped, list items stay items, tables tables."""
    reader = _Reader()
    reader.frame(document.rootFrame())
    return RichText(reader.blocks)
