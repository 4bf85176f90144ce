"""What one cell of a read-only table shows, without Qt: the GUI's table model renders these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    """Text, tooltip (the text when empty), bold when ``emphasis``, in the warning colour when ``alert``."""

    text: str
    tooltip: str = ""
    emphasis: bool = False
    alert: bool = False

    @property
    def shown_tooltip(self) -> str:
        return self.tooltip or self.text


Row = tuple[Cell, ...]


def plain_row(*values: str) -> Row:
    """A row of plain cells."""
    return tuple(Cell(value) for value in values)
