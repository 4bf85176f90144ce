"""What happened to a part of a Vorlage between two states; fields and list entries compared."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kimdesk.domain.diff.text import TextDiff, diff_text


class Change(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self]


CHANGE_LABELS = {
    Change.UNCHANGED: "unverändert",
    Change.CHANGED: "geändert",
    Change.ADDED: "neu",
    Change.REMOVED: "entfernt",
    Change.MOVED: "verschoben",
}


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field as the form shows it (``label``), old and new value as text, compared word by word."""

    label: str
    text: TextDiff

    @property
    def old(self) -> str:
        return self.text.old

    @property
    def new(self) -> str:
        return self.text.new

    @property
    def changed(self) -> bool:
        return self.text.changed


def field_diff(label: str, old: str, new: str) -> FieldDiff:
    return FieldDiff(label, diff_text(old, new))


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """One entry of a list (Beratungsfolge, Anlagen, Fördermodule …), with all its fields.

    Positions count from 1; None on the side where the entry is missing. ``MOVED`` entries changed their
    place (and maybe fields as well).
    """

    label: str
    change: Change
    fields: tuple[FieldDiff, ...]
    old_position: int | None
    new_position: int | None

    @property
    def changed_fields(self) -> list[FieldDiff]:
        return [f for f in self.fields if f.changed]

    @property
    def changed(self) -> bool:
        return self.change is not Change.UNCHANGED
