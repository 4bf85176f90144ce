"""Domain RichText (Begründung, Beschlussentwurf) as Platypus flowables: paragraphs, lists, tables."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle

from kimdesk.domain.richtext import MAX_LIST_LEVEL, Block, BlockKind, RichText, Span
from kimdesk.pdf.flowables import LaidOutTable, cached_paragraph
from kimdesk.pdf.fonts import REGULAR
from kimdesk.pdf.styles import GRID_COLOR, LIGHT_FILL, Styles, styles
from kimdesk.pdf.text import span_markup

#: Paragraphs longer than this many characters are cut at their line breaks into several
#: flowables, so that a pasted 200-page text without blank lines still splits cheaply.
LONG_PARAGRAPH = 4000
#: Indent per list level (points): the marker hangs in it, the text starts one step further in.
LIST_STEP = 18


def _markup(spans: list[Span], *, bold: bool = False) -> str:
    return span_markup(((s.text, s.bold, s.italic) for s in spans), base_bold=bold)


def _split_lines(spans: list[Span]) -> list[list[Span]]:
    """Spans cut at line breaks into groups of at most about LONG_PARAGRAPH characters."""
    groups: list[list[Span]] = [[]]
    size = 0
    for span in spans:
        pieces = span.text.split("\n")
        for index, piece in enumerate(pieces):
            if index > 0:
                if size >= LONG_PARAGRAPH:
                    groups.append([])
                    size = 0
                else:
                    groups[-1].append(Span("\n", span.bold, span.italic))
            if piece:
                groups[-1].append(Span(piece, span.bold, span.italic))
                size += len(piece)
    return [g for g in groups if g]


def paragraph_flowables(spans: list[Span], st: Styles) -> list[Flowable]:
    if sum(len(s.text) for s in spans) <= LONG_PARAGRAPH:
        return [cached_paragraph(_markup(spans), st.body)]
    return [cached_paragraph(_markup(group), st.body) for group in _split_lines(spans)]


def list_item_style(base: ParagraphStyle, level: int, last: bool) -> ParagraphStyle:
    """Word's hanging indent: the marker at ``level`` steps, the text one step further in."""
    return _list_item_style(base, min(max(level, 0), MAX_LIST_LEVEL), last)


@lru_cache(maxsize=64)
def _list_item_style(base: ParagraphStyle, level: int, last: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"{base.name}-{level}{'-last' if last else ''}",
        base,
        leftIndent=LIST_STEP * (level + 1),
        bulletIndent=LIST_STEP * level,
        bulletFontName=REGULAR,
        bulletFontSize=base.fontSize,
        spaceAfter=6 if last else base.spaceAfter,
    )


def list_flowables(block: Block, st: Styles) -> list[Flowable]:
    """One paragraph per item, its marker ("1.", "a)", "•", "–") hanging in the indent of its level."""
    last = len(block.items) - 1
    return [
        cached_paragraph(_markup(item), list_item_style(st.list_item, block.item_level(i), i == last), marker)
        for i, (marker, item) in enumerate(zip(block.markers(), block.items, strict=True))
    ]


def table_flowable(block: Block, st: Styles) -> Flowable:
    """Thin rules, the header row bold on a light fill and repeated on every page the table spans."""
    columns = max(len(row) for row in block.rows)
    header = min(block.header_rows, len(block.rows))
    data = [
        [
            cached_paragraph(_markup(row[c]) if c < len(row) else "", st.cell_bold if r < header else st.cell)
            for c in range(columns)
        ]
        for r, row in enumerate(block.rows)
    ]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, header - 1), LIGHT_FILL))
    return LaidOutTable(
        data,
        colWidths=_column_widths(block, columns),
        repeatRows=header,
        splitInRow=1,  # a cell longer than a page goes on on the next page instead of failing
        style=TableStyle(commands),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )


def _column_widths(block: Block, columns: int) -> list[str]:
    """Shares of the width by the longest text of each column, so a "Jahr" column stays narrow."""
    longest = [4] * columns
    for row in block.cell_texts():
        for c, text in enumerate(row):
            longest[c] = max(longest[c], min(len(text), 40))
    total = sum(longest)
    return [f"{100 * w / total:.2f}%" for w in longest]


def block_flowables(block: Block, st: Styles | None = None) -> list[Flowable]:
    st = st or styles()
    if block.is_list:
        return list_flowables(block, st)
    if block.is_table:
        return [table_flowable(block, st)] if any(block.rows) else []
    if not any(s.text for s in block.spans):
        return []
    if block.kind is BlockKind.HEADING:
        style = st.heading(block.level)
        return [
            cached_paragraph(
                span_markup(((s.text, s.bold, s.italic) for s in block.spans), base_bold=True), style
            )
        ]
    return paragraph_flowables(block.spans, st)


def rich_text_flowables(text: RichText, st: Styles | None = None) -> list[Flowable]:
    """Flowables for every block, in order; empty blocks give nothing.

    A paragraph that introduces a list or table ("Der Rat beschließt:") stays on the page of its first item.
    """
    st = st or styles()
    out: list[Flowable] = []
    for index, block in enumerate(text.blocks):
        flowables = block_flowables(block, st)
        following = text.blocks[index + 1] if index + 1 < len(text.blocks) else None
        if flowables and _introduces(block, following):
            flowables[-1].keepWithNext = 1
        out.extend(flowables)
    return out


def _introduces(block: Block, following: Block | None) -> bool:
    return (
        following is not None
        and (following.is_list or following.is_table)
        and block.kind is BlockKind.PARAGRAPH
        and block.plain_text().rstrip().endswith(":")
    )


def decision_text(rich: RichText) -> RichText:
    """The Beschlussentwurf as printed: plain text (older data) exactly as before, else its rich form."""
    return RichText.from_plain(rich.plain_text()) if rich.rich_data_beside_plain() is None else rich
