"""QTextDocument ⇄ RichText: the Begründung editor keeps only paragraphs, headings, lists, bold, italic."""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span

LINE_SEPARATOR = "\u2028"
_HEADING_SIZE = {1: 3, 2: 2, 3: 1}
_LIST_STYLES = {
    BlockKind.BULLET_LIST: QTextListFormat.Style.ListDisc,
    BlockKind.NUMBERED_LIST: QTextListFormat.Style.ListDecimal,
}
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
# Word's HTML marks a list paragraph with ``mso-list`` and writes its typed marker ("1.", "·", Wingdings "§")
# inside ``<![if !supportLists]>…<![endif]>``. Lists are recognised by that markup, never by what a paragraph
# starts with: "§ 9 TIntG …", "z. B. …" and "1. FC …" are text.
_WORD_LIST_PARAGRAPH = re.compile(r"<p\b[^>]*mso-list:[^>]*>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_WORD_MARKER = re.compile(r"<!\[if !supportLists\]>(.*?)<!\[endif\]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_NUMBERED_MARKER = re.compile(r"^\s*(\d{1,3}|[a-zA-Z]{1,4})[.)]")


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


def _insert_spans(cursor: QTextCursor, spans: list[Span], heading_level: int = 0) -> None:
    for span in spans:
        if span.text:
            cursor.insertText(
                span.text.replace("\n", LINE_SEPARATOR), char_format(span, heading_level=heading_level)
            )


def insert_richtext(cursor: QTextCursor, rich: RichText) -> None:
    """Insert ``rich`` at ``cursor``; the first block goes into the cursor's block if that is empty."""
    use_current = not cursor.block().text()
    for block in rich.blocks:
        if block.is_list:
            list_obj = None
            for item in block.items:
                _next_block(cursor, block_format(BlockKind.PARAGRAPH), use_current)
                use_current = False
                if list_obj is None:
                    list_format = QTextListFormat()
                    list_format.setStyle(_LIST_STYLES[block.kind])
                    list_obj = cursor.createList(list_format)
                else:
                    list_obj.add(cursor.block())
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


def _block_spans(block: QTextBlock, heading: bool) -> list[Span]:
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


def document_to_richtext(document: QTextDocument) -> RichText:
    """Read the structure back; empty paragraphs are dropped, list items stay items."""
    blocks: list[Block] = []
    current_list: object | None = None
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        level = block.blockFormat().headingLevel()
        spans = _block_spans(block, heading=level > 0)
        if text_list is not None:
            style = text_list.format().style()
            kind = BlockKind.NUMBERED_LIST if style in _NUMBERED_STYLES else BlockKind.BULLET_LIST
            if spans:
                if current_list is text_list and blocks and blocks[-1].kind is kind:
                    blocks[-1].items.append(spans)
                else:
                    blocks.append(Block(kind, items=[spans]))
                    current_list = text_list
        else:
            current_list = None
            if spans and "".join(s.text for s in spans).strip():
                if level > 0:
                    blocks.append(Block(BlockKind.HEADING, spans, level=min(level, 3)))
                else:
                    blocks.append(Block(BlockKind.PARAGRAPH, spans))
        block = block.next()
    return RichText(blocks)


def _word_lists_to_html_lists(html: str) -> str:
    """Turn Word's list paragraphs into ``<ul>``/``<ol>`` items and drop their typed markers."""
    out: list[str] = []
    position = 0
    open_tag = ""
    for match in _WORD_LIST_PARAGRAPH.finditer(html):
        between = html[position : match.start()]
        if open_tag and between.strip():
            out.append(f"</{open_tag}>")
            open_tag = ""
        out.append(between)
        body = match.group(1)
        marker = _WORD_MARKER.search(body)
        marker_text = _TAG.sub("", marker.group(1)) if marker else ""
        tag = "ol" if _NUMBERED_MARKER.match(marker_text) else "ul"
        if tag != open_tag:
            if open_tag:
                out.append(f"</{open_tag}>")
            out.append(f"<{tag}>")
            open_tag = tag
        out.append(f"<li>{_WORD_MARKER.sub('', body)}</li>")
        position = match.end()
    if open_tag:
        out.append(f"</{open_tag}>")
    out.append(html[position:])
    return "".join(out)


def _merge_adjacent_lists(rich: RichText) -> RichText:
    """Two lists of one kind with nothing between them are one list (Word's items, then a real list)."""
    blocks: list[Block] = []
    for block in rich.blocks:
        if block.is_list and blocks and blocks[-1].kind is block.kind:
            blocks[-1].items.extend(block.items)
        else:
            blocks.append(block)
    return RichText(blocks)


def _normalise_spaces(rich: RichText) -> RichText:
    """HTML collapses whitespace but Word leaves no-break spaces and soft hyphens around."""

    def clean(spans: list[Span]) -> list[Span]:
        out = [Span(s.text.replace("\u00ad", ""), s.bold, s.italic) for s in spans]
        if out:
            out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic)
            out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
        return [s for s in out if s.text]

    for block in rich.blocks:
        block.spans = clean(block.spans)
        block.items = [clean(item) for item in block.items]
    return rich


def richtext_from_html(html: str) -> RichText:
    """What a paste from Word (or a web page) keeps: structure and emphasis, not fonts or colours."""
    doc = QTextDocument()
    doc.setHtml(_word_lists_to_html_lists(html))
    return _normalise_spaces(_merge_adjacent_lists(document_to_richtext(doc)))
