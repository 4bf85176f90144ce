"""Structured rich text for the Begründung and the Beschlussentwurf: blocks of styled spans, never markup.

Blocks are paragraphs, headings, lists (items with a nesting level, like Word's indented list items) and
tables (rows of cells, the first ``header_rows`` rows repeated on every page of the PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style. The text is stored exactly as typed."""

    text: str
    bold: bool = False
    italic: bool = False


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    BULLET_LIST = "bullet_list"
    NUMBERED_LIST = "numbered_list"
    TABLE = "table"


#: Deepest list level (0 = top): Word's Tab in a list item indents by one level.
MAX_LIST_LEVEL = 3

Cell = list[Span]


@dataclass(slots=True)
class Block:
    """A paragraph, a heading (level 1–3), a list or a table.

    Paragraphs and headings use ``spans``; lists use ``items`` (one list of spans per item) with
    ``levels`` (the nesting level of each item, 0 = top; empty means every item is on top);
    tables use ``rows`` (each row a list of cells, each cell a list of spans) and ``header_rows``.
    """

    kind: BlockKind = BlockKind.PARAGRAPH
    spans: list[Span] = field(default_factory=list)
    items: list[list[Span]] = field(default_factory=list)
    level: int = 1
    levels: list[int] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0

    @property
    def is_list(self) -> bool:
        return self.kind in (BlockKind.BULLET_LIST, BlockKind.NUMBERED_LIST)

    @property
    def is_table(self) -> bool:
        return self.kind is BlockKind.TABLE

    def item_level(self, index: int) -> int:
        """The nesting level of item ``index`` (0 = top)."""
        return self.levels[index] if index < len(self.levels) else 0

    def markers(self) -> list[str]:
        """The marker printed before each item: "1.", "a)", "i." for numbered lists, "•", "–", "▪" else."""
        counters = [0] * (MAX_LIST_LEVEL + 1)
        out = []
        for index in range(len(self.items)):
            level = min(max(self.item_level(index), 0), MAX_LIST_LEVEL)
            counters[level] += 1
            counters[level + 1 :] = [0] * (MAX_LIST_LEVEL - level)
            out.append(list_marker(self.kind, level, counters[level]))
        return out

    def cell_texts(self) -> list[list[str]]:
        return [["".join(s.text for s in cell) for cell in row] for row in self.rows]

    def plain_text(self) -> str:
        if self.is_list:
            lines = []
            for index, (marker, item) in enumerate(zip(self.markers(), self.items, strict=True)):
                indent = "    " * self.item_level(index)
                lines.append(f"{indent}{marker} {''.join(s.text for s in item)}")
            return "\n".join(lines)
        if self.is_table:
            return "\n".join("\t".join(row) for row in self.cell_texts())
        return "".join(s.text for s in self.spans)


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def list_marker(kind: BlockKind, level: int, number: int) -> str:
    """Word's default markers: 1. / a) / i. for numbered lists, • / – / ▪ for bullets."""
    if kind is BlockKind.NUMBERED_LIST:
        if level == 0:
            return f"{number}."
        if level == 1:
            return f"{_alpha(number)})"
        return f"{_ROMAN[number - 1] if number <= len(_ROMAN) else number}."
    return ("•", "–", "▪", "–")[min(level, 3)]


def _alpha(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


@dataclass(slots=True)
class RichText:
    """An ordered list of blocks."""

    blocks: list[Block] = field(default_factory=list)

    @classmethod
    def from_plain(cls, text: str) -> RichText:
        """Paragraphs separated by blank lines; single line breaks stay inside a paragraph."""
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return cls([Block(BlockKind.PARAGRAPH, [Span(p.strip("\n"))]) for p in paragraphs])

    @classmethod
    def from_plain_exact(cls, text: str) -> RichText:
        """Paragraphs at every blank line, nothing stripped: ``plain_text()`` gives ``text`` back exactly.

        How a text that was stored as plain text (the Beschlussentwurf of older versions) is read, so
        that its signed content stays byte for byte the same.
        """
        if not text:
            return cls()
        return cls([Block(BlockKind.PARAGRAPH, [Span(p)] if p else []) for p in text.split("\n\n")])

    @classmethod
    def from_plain_and_data(cls, plain: str, data: list[dict[str, Any]] | None) -> RichText:
        """The rich form stored beside a plain text; the plain text wins when the two disagree.

        A program that only knows the plain text (an older version, a script) may have changed it.
        """
        if data:
            rich = cls.from_data(data)
            if rich.plain_text() == plain:
                return rich
        return cls.from_plain_exact(plain)

    def rich_data_beside_plain(self) -> list[dict[str, Any]] | None:
        """What the plain text alone cannot say (lists, tables, emphasis), or None if it says all."""
        return None if RichText.from_plain_exact(self.plain_text()) == self else self.to_data()

    def plain_text(self) -> str:
        return "\n\n".join(b.plain_text() for b in self.blocks)

    def is_empty(self) -> bool:
        return not self.plain_text().strip()

    # JSON-compatible form, shared by storage and the exchange format.
    def to_data(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for block in self.blocks:
            item: dict[str, Any] = {"kind": block.kind.value}
            if block.kind is BlockKind.HEADING:
                item["level"] = block.level
            if block.is_list:
                item["items"] = [[_span_data(s) for s in it] for it in block.items]
                if any(block.levels):
                    item["levels"] = list(block.levels)
            elif block.is_table:
                item["rows"] = [[[_span_data(s) for s in cell] for cell in row] for row in block.rows]
                if block.header_rows:
                    item["headerRows"] = block.header_rows
            else:
                item["spans"] = [_span_data(s) for s in block.spans]
            out.append(item)
        return out

    @classmethod
    def from_data(cls, data: list[dict[str, Any]]) -> RichText:
        blocks = []
        for item in data:
            kind = BlockKind(item["kind"])
            blocks.append(
                Block(
                    kind=kind,
                    spans=[_span_from(s) for s in item.get("spans", [])],
                    items=[[_span_from(s) for s in it] for it in item.get("items", [])],
                    level=int(item.get("level", 1)),
                    levels=[int(v) for v in item.get("levels", [])],
                    rows=[[[_span_from(s) for s in cell] for cell in row] for row in item.get("rows", [])],
                    header_rows=int(item.get("headerRows", 0)),
                )
            )
        return cls(blocks)


def _span_data(span: Span) -> dict[str, Any]:
    data: dict[str, Any] = {"text": span.text}
    if span.bold:
        data["bold"] = True
    if span.italic:
        data["italic"] = True
    return data


def _span_from(data: dict[str, Any]) -> Span:
    return Span(str(data["text"]), bool(data.get("bold", False)), bool(data.get("italic", False)))
