"""The structured Begründung (domain RichText) as Platypus flowables: paragraphs, headings, lists."""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.fonts import REGULAR
from kimdesk.pdf.styles import Styles, styles
from kimdesk.pdf.text import span_markup

#: Paragraphs longer than this many characters are cut at their line breaks into several
#: flowables, so that a pasted 200-page text without blank lines still splits cheaply.
LONG_PARAGRAPH = 4000


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


def list_flowable(block: Block, st: Styles) -> Flowable:
    items = [ListItem(cached_paragraph(_markup(item), st.list_item)) for item in block.items]
    if block.kind is BlockKind.NUMBERED_LIST:
        return ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=REGULAR,
            bulletFontSize=st.body.fontSize,
            leftIndent=18,
            bulletDedent=18,
            spaceAfter=6,
        )
    return ListFlowable(
        items,
        bulletType="bullet",
        start="•",
        bulletFontName=REGULAR,
        bulletFontSize=st.body.fontSize,
        leftIndent=14,
        bulletDedent=12,
        spaceAfter=6,
    )


def block_flowables(block: Block, st: Styles | None = None) -> list[Flowable]:
    st = st or styles()
    if block.is_list:
        return [list_flowable(block, st)] if block.items else []
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
    """Flowables for every block, in order; empty blocks give nothing."""
    st = st or styles()
    out: list[Flowable] = []
    for block in text.blocks:
        out.extend(block_flowables(block, st))
    return out
