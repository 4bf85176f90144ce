"""Room for copies of a SQLite database: a backup never fills the drive it is written to.

A copy is as large as the database (Anlagen included: 10.000 Vorlagen with three scans each are tens of
gigabytes), and the automatic backups keep up to seven days. Before a daily copy is written, the
drive of ``Sicherungen`` must keep :func:`reserve` free after it (a tenth of the drive, at least 1 GB):
if it would not, the oldest daily copies are deleted first — never the newest, which stays until
today's is written and checked — and if even that is not enough, no copy is made and the user is told
in German how much is needed (:class:`~kimdesk.domain.errors.NoRoomForBackupError`). A copy the user
asks for (Datei → Sicherung, ``kimdesk backup``) is refused at once, before any byte is written, if it
does not fit on its drive.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from kimdesk.domain.errors import NoRoomForBackupError

#: The share of the drive that stays free after a daily backup.
RESERVE_SHARE = 0.10
#: … but at least this much.
RESERVE_MIN = 1024**3
#: A copy the user asks for needs its size and this much on top (journal, file-system overhead).
MARGIN = 64 * 1024**2


class Usage(NamedTuple):
    total: int
    free: int


#: How full the drive of a folder is (``shutil.disk_usage``; tests pass their own).
DiskUsage = Callable[[Path], Usage]


def disk_usage(folder: Path) -> Usage:
    usage = shutil.disk_usage(folder)
    return Usage(usage.total, usage.free)


def copy_size(database: Path) -> int:
    """About the size of a copy: the file and what its journal or WAL still holds."""
    size = database.stat().st_size
    with contextlib.suppress(OSError):
        size += database.with_name(database.name + "-wal").stat().st_size
    return size


def reserve(total: int) -> int:
    return max(int(total * RESERVE_SHARE), RESERVE_MIN)


def gigabytes(size: int) -> str:
    """12,3 GB or 45,6 MB (German decimal comma)."""
    if abs(size) < 1024**3:
        return f"{size / 1024**2:.1f} MB".replace(".", ",")
    return f"{size / 1024**3:.1f} GB".replace(".", ",")


def make_room_for_daily(
    database: Path, folder: Path, older: Sequence[Path], usage: DiskUsage = disk_usage
) -> list[Path]:
    """Make room in ``folder`` for today's copy of ``database``; the daily copies deleted for it.

    ``older`` are the daily copies there, oldest first. NoRoomForBackupError (German) if the copy
    does not fit even with all but the newest of them gone.
    """
    need = copy_size(database)
    deleted: list[Path] = []
    candidates = list(older[:-1])  # the newest stays until today's is checked
    while True:
        total, free = usage(folder)
        if free - need >= reserve(total):
            return deleted
        if not candidates:
            break
        oldest = candidates.pop(0)
        with contextlib.suppress(OSError):
            oldest.unlink()
            deleted.append(oldest)
    total, free = usage(folder)
    kept = f" (die letzte tägliche Sicherung, {older[-1].name}, bleibt erhalten)" if older else ""
    raise NoRoomForBackupError(
        f"Die tägliche Sicherung wurde nicht angelegt: die Kopie der Datenbank braucht "
        f"{gigabytes(need)}, auf dem Laufwerk von {folder} sind {gigabytes(free)} frei, und "
        f"{gigabytes(reserve(total))} ({RESERVE_SHARE * 100:.0f} % des Laufwerks) sollen frei bleiben{kept}. "
        "Bitte Platz schaffen oder die Datenbank mit Datei → Sicherung … auf ein anderes Laufwerk "
        "sichern (die IT: „kimdesk backup ZIEL“)."
    )


def shortfall(database: Path, folder: Path, usage: DiskUsage = disk_usage) -> str | None:
    """None if a copy of ``database`` fits into ``folder``; else, in German, how much is missing."""
    need = copy_size(database)
    _total, free = usage(folder)
    if free >= need + MARGIN:
        return None
    return (
        f"die Kopie braucht {gigabytes(need + MARGIN)}, auf dem Laufwerk von {folder} sind nur "
        f"{gigabytes(free)} frei"
    )


def check_room_for_copy(database: Path, target: Path, usage: DiskUsage = disk_usage) -> None:
    """NoRoomForBackupError (German) if a copy of ``database`` does not fit into ``target``'s folder."""
    missing = shortfall(database, target.parent, usage)
    if missing is not None:
        raise NoRoomForBackupError(
            f"Sicherung: {missing}. Bitte ein anderes Laufwerk wählen oder Platz schaffen."
        )
