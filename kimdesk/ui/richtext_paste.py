"""What a paste from Word, LibreOffice or a web page keeps: structure and emphasis, not fonts or colours.

Word's HTML marks a list paragraph with ``mso-list:l0 level2 lfo1`` and writes its typed marker ("1.",
"·", Wingdings "§") inside ``<![if !supportLists]>…<![endif]>``. Lists are recognised by that markup,
never by what a paragraph starts with: "§ 9 TIntG …", "z. B. …" and "1. FC …" are text. Tables keep their
rows and columns; a first row in bold (Word, LibreOffice) or in ``<thead>``/``<th>`` is the header row.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument

from kimdesk.domain.richtext import MAX_LIST_LEVEL, Block, RichText, Span
from kimdesk.ui.richtext_convert import document_to_richtext

_WORD_LIST_PARAGRAPH = re.compile(r"<p\b([^>]*mso-list:[^>]*)>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_WORD_LEVEL = re.compile(r"mso-list:[^;'\"]*?level(\d+)", re.IGNORECASE)
_WORD_MARKER = re.compile(r"<!\[if !supportLists\]>(.*?)<!\[endif\]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_NUMBERED_MARKER = re.compile(r"^\s*(\d{1,3}|[a-zA-Z]{1,4})[.)]")
_HEADER_CELL = re.compile(r"<(thead|th)\b", re.IGNORECASE)


def _word_lists_to_html_lists(html: str) -> str:
    """Turn Word's list paragraphs into nested ``<ul>``/``<ol>`` items and drop their typed markers."""
    out: list[str] = []
    position = 0
    open_tags: list[str] = []  # one per open level

    def close_to(depth: int) -> None:
        while len(open_tags) > depth:
            out.append(f"</li></{open_tags.pop()}>")

    for match in _WORD_LIST_PARAGRAPH.finditer(html):
        between = html[position : match.start()]
        if open_tags and between.strip():
            close_to(0)
        out.append(between)
        level_match = _WORD_LEVEL.search(match.group(1))
        level = min(int(level_match.group(1)) - 1 if level_match else 0, MAX_LIST_LEVEL)
        body = match.group(2)
        marker = _WORD_MARKER.search(body)
        marker_text = _TAG.sub("", marker.group(1)) if marker else ""
        tag = "ol" if _NUMBERED_MARKER.match(marker_text) else "ul"
        close_to(level + 1)
        if len(open_tags) == level + 1 and open_tags[-1] != tag:
            close_to(level)  # another kind of list at this level
        if len(open_tags) == level + 1:
            out.append("</li>")  # the previous item of this level
        while len(open_tags) < level + 1:  # a deeper level opens inside the open item
            out.append(f"<{tag}>")
            open_tags.append(tag)
        out.append(f"<li>{_WORD_MARKER.sub('', body)}")
        position = match.end()
    close_to(0)
    out.append(html[position:])
    return "".join(out)


def _merge_adjacent_lists(rich: RichText) -> RichText:
    """Two lists of one kind with nothing between them are one list (Word's items, then a real list)."""
    blocks: list[Block] = []
    for block in rich.blocks:
        if block.is_list and blocks and blocks[-1].kind is block.kind:
            last = blocks[-1]
            levels = [last.item_level(i) for i in range(len(last.items))]
            levels += [block.item_level(i) for i in range(len(block.items))]
            last.items.extend(block.items)
            last.levels = levels if any(levels) else []
        else:
            blocks.append(block)
    return RichText(blocks)


def _clean(spans: list[Span]) -> list[Span]:
    """HTML collapses whitespace but Word leaves no-break spaces and soft hyphens around."""
    out = [Span(s.text.replace("\u00ad", ""), s.bold, s.italic) for s in spans]
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return [s for s in out if s.text]


def _normalise(rich: RichText, header_markup: bool) -> RichText:
    for block in rich.blocks:
        block.spans = _clean(block.spans)
        block.items = [_clean(item) for item in block.items]
        block.rows = [[_clean(cell) for cell in row] for row in block.rows]
        if block.is_table and not block.header_rows and block.rows:
            first = [cell for cell in block.rows[0] if cell]
            if first and (header_markup or all(s.bold for cell in first for s in cell)):
                block.header_rows = 1
                block.rows[0] = [[Span(s.text, False, s.italic) for s in cell] for cell in block.rows[0]]
    return rich


def richtext_from_html(html: str) -> RichText:
    """The structure of pasted HTML: paragraphs, headings, nested lists, tables, bold and italic."""
    doc = QTextDocument()
    doc.setHtml(_word_lists_to_html_lists(html))
    return _normalise(_merge_adjacent_lists(document_to_richtext(doc)), bool(_HEADER_CELL.search(html)))
