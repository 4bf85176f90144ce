"""A fixed choice whose value may be unknown (imported from a system that did not record it).

The unknown value shows as one more entry, „(unbekannt)“, after the real ones, and only while the value
shown is unknown: a clerk can pick a real value, never newly pick "unknown", and saving unchanged keeps it
unknown. The real choices keep their positions (0 … n-1), so the entry's index is n.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

from kimdesk.l10n.i18n import N_, _

T = TypeVar("T")

UNKNOWN = N_("(unbekannt)")


def unknown_label() -> str:
    return _(UNKNOWN)


def show_choice(box: QComboBox, choices: Sequence[T], value: T | None) -> None:
    """Select ``value`` among ``choices`` (the box's first entries); None: the „(unbekannt)“ entry."""
    known = len(choices)
    if value is None:
        if box.count() == known:
            box.addItem(unknown_label())
        box.setCurrentIndex(known)
        return
    if box.count() > known:
        box.removeItem(known)
    box.setCurrentIndex(list(choices).index(value))


def chosen(box: QComboBox, choices: Sequence[T]) -> T | None:
    """The value selected; None while „(unbekannt)“ is."""
    index = box.currentIndex()
    return None if index >= len(choices) else choices[max(index, 0)]
