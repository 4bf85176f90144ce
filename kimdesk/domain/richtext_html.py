"""RichText as simple HTML (OParl export): paragraphs, headings, nested lists, tables with a header row."""

from __future__ import annotations

from html import escape

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span


def _spans(spans: list[Span]) -> str:
    out = []
    for span in spans:
        text = escape(span.text).replace("\n", "<br>")
        if span.italic:
            text = f"<em>{text}</em>"
        if span.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _list(block: Block) -> str:
    """Nested ``<ol>``/``<ul>``: a deeper item opens a list inside the item above it."""
    tag = "ol" if block.kind is BlockKind.NUMBERED_LIST else "ul"
    out: list[str] = []
    depth = 0
    for index, item in enumerate(block.items):
        level = block.item_level(index) + 1
        if level > depth:
            out.extend(f"<{tag}>" for _ in range(level - depth))
        else:
            out.append("</li>")
            for _ in range(depth - level):
                out.append(f"</{tag}></li>")
        depth = level
        out.append(f"<li>{_spans(item)}")
    for _ in range(depth):
        out.append(f"</li></{tag}>")
    return "".join(out)


def _table(block: Block) -> str:
    rows = []
    for index, row in enumerate(block.rows):
        cell = "th" if index < block.header_rows else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{_spans(c)}</{cell}>" for c in row) + "</tr>")
    head = "".join(rows[: block.header_rows])
    body = "".join(rows[block.header_rows :])
    return "<table>" + (f"<thead>{head}</thead>" if head else "") + f"<tbody>{body}</tbody></table>"


def block_html(block: Block) -> str:
    if block.is_list:
        return _list(block) if block.items else ""
    if block.is_table:
        return _table(block) if block.rows else ""
    if not any(s.text for s in block.spans):
        return ""
    if block.kind is BlockKind.HEADING:
        level = min(max(block.level, 1), 3) + 1  # h1 is the title of the Vorlage
        return f"<h{level}>{_spans(block.spans)}</h{level}>"
    return f"<p>{_spans(block.spans)}</p>"


def richtext_html(rich: RichText) -> str:
    """The text as an HTML fragment; empty for an empty text."""
    return "".join(block_html(block) for block in rich.blocks)
