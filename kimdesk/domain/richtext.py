"""Structured rich text for the Begründung: blocks of styled spans, never a markup string."""

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


@dataclass(slots=True)
class Block:
    """A paragraph, a heading (level 1–3) or a list.

    Paragraphs and headings use ``spans``; lists use ``items`` (one list of spans per item).
    """

    kind: BlockKind = BlockKind.PARAGRAPH
    spans: list[Span] = field(default_factory=list)
    items: list[list[Span]] = field(default_factory=list)
    level: int = 1

    @property
    def is_list(self) -> bool:
        return self.kind in (BlockKind.BULLET_LIST, BlockKind.NUMBERED_LIST)

    def plain_text(self) -> str:
        if self.is_list:
            lines = []
            for number, item in enumerate(self.items, start=1):
                marker = f"{number}." if self.kind is BlockKind.NUMBERED_LIST else "•"
                lines.append(f"{marker} {''.join(s.text for s in item)}")
            return "\n".join(lines)
        return "".join(s.text for s in self.spans)


@dataclass(slots=True)
class RichText:
    """An ordered list of blocks."""

    blocks: list[Block] = field(default_factory=list)

    @classmethod
    def from_plain(cls, text: str) -> RichText:
        """Paragraphs separated by blank lines; single line breaks stay inside a paragraph."""
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return cls([Block(BlockKind.PARAGRAPH, [Span(p.strip("\n"))]) for p in paragraphs])

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
