"""The editor's Anlagen table without Qt: what each column of a row shows, when a typed title is a change,
and where a move (Strg+↑/↓, ▲/▼) or a dropped row puts an Anlage.

The GUI's model shows these rows; the panel stores a change through ``services.attachment_edits`` and shows
the list as stored again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kimdesk.domain.attachment import Attachment
from kimdesk.l10n.i18n import _
from kimdesk.services.attachments import format_bytes


@dataclass(slots=True)
class AnlageRow:
    """One Anlage as the table shows it; the clerk changes ``title`` (in its cell) and ``public``."""

    number: str
    title: str
    public: bool
    filename: str
    size: str

    @property
    def public_text(self) -> str:
        """What the check box means, for its tooltip and a screen reader."""
        return public_text(self.public)


def public_text(public: bool) -> str:
    return _("öffentlich") if public else _("nichtöffentlich")


def anlage_rows(anlagen: Sequence[Attachment]) -> list[AnlageRow]:
    """The rows in the Anlagen' order, numbered "1.", "2." … as the Vorlage's Anlagen list prints them."""
    return [
        AnlageRow(f"{number}.", anlage.shown_title, anlage.public, anlage.filename, format_bytes(anlage.size))
        for number, anlage in enumerate(anlagen, 1)
    ]


def title_changed(anlage: Attachment, typed: str) -> bool:
    """Whether ``typed`` names the Anlage differently; spaces around and between words do not count.

    An empty title is a change (storing it is refused with a message naming the file)."""
    return " ".join(typed.split()) != anlage.shown_title


def step_target(row: int, step: int, count: int) -> int | None:
    """Where Strg+↑/↓ (▲/▼) moves the Anlage in ``row`` of ``count``; None: no row chosen, or at an end."""
    target = row + step
    return target if 0 <= row < count and 0 <= target < count else None


def drop_target(row_at: int, count: int) -> int:
    """Where a row dropped over row ``row_at`` goes: that row's place; below the last row (-1): the end."""
    return row_at if 0 <= row_at < count else count - 1
