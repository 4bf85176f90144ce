"""Comparing two states of a Vorlage: which fields, blocks, cells and entries changed, word by word."""

from kimdesk.domain.diff.blocks import BlockDiff, diff_rich_text
from kimdesk.domain.diff.change import Change, FieldDiff, ItemDiff
from kimdesk.domain.diff.finance import CellDiff, CellSide
from kimdesk.domain.diff.paper import PaperDiff, diff_papers
from kimdesk.domain.diff.report import format_diff_text
from kimdesk.domain.diff.text import Segment, SegmentKind, TextDiff, diff_text

__all__ = [
    "BlockDiff",
    "CellDiff",
    "CellSide",
    "Change",
    "FieldDiff",
    "ItemDiff",
    "PaperDiff",
    "Segment",
    "SegmentKind",
    "TextDiff",
    "diff_papers",
    "diff_rich_text",
    "diff_text",
    "format_diff_text",
]
