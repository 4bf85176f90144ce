"""How the backups of a database are listed in "Sicherung wiederherstellen" (no Qt)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from kimdesk.l10n.formatting import format_datetime
from kimdesk.l10n.i18n import _
from kimdesk.services.cells import Row, plain_row


class Backup(Protocol):
    """What the list shows of one backup (the composition root's ``find_backups`` gives these)."""

    @property
    def path(self) -> Path: ...
    @property
    def kind(self) -> str: ...
    @property
    def created(self) -> datetime: ...
    @property
    def size(self) -> int: ...
    @property
    def revision(self) -> str | None: ...


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=f"{size / 1024 / 1024:.1f}".replace(".", ","))
    return _("{size} KB").format(size=f"{max(size, 1024) // 1024}")


def kind_label(kind: str) -> str:
    """The storage layer names the kinds in German; shown translated."""
    labels = {
        "automatisch": _("automatisch"),
        "vor Migration": _("vor Migration"),
        "Sicherung": _("Sicherung"),
    }
    return labels.get(kind, kind)


def backup_row(backup: Backup) -> Row:
    """Datum, Größe, Stand (the schema revision, "?" when unknown), Art, Datei."""
    return plain_row(
        format_datetime(backup.created),
        format_size(backup.size),
        backup.revision or "?",
        kind_label(backup.kind),
        str(backup.path),
    )
