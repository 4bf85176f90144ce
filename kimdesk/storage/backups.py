"""Copies of a SQLite database: written, rotated, found, checked, and put back in place of a damaged one.

Automatic backups go to the folder ``Sicherungen`` beside the database, one per day (the first open of
the day), named ``<database file>.<YYYY-MM-DD>.sqlite`` so that they sort by date; the newest
:data:`KEEP_DAILY` stay. Each copy is taken with SQLite's backup API (a consistent snapshot while the
database is in use) and checked with ``integrity_check`` before it counts; a copy that fails the
check is deleted and the database reported as damaged, so that a damaged file never rotates a good
backup out.

A restore checks the chosen copy first, keeps the current file beside as
``<database file>.damaged-<stamp>`` (``.replaced-<stamp>`` if it was whole) together with its ``-wal``,
and swaps the copy in with one atomic rename.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from kimdesk.domain.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    KimdeskError,
)
from kimdesk.storage.backup_space import DiskUsage, disk_usage, make_room_for_daily
from kimdesk.storage.failures import sqlite_error
from kimdesk.storage.health import (
    KIMDESK_TABLES,
    VERSION_TABLE,
    connect_read_only,
    integrity_problems,
    wal_file,
)
from kimdesk.storage.location import MIGRATIONS_DIR
from kimdesk.storage.presence import others_present
from kimdesk.storage.revisions import read_revisions
from kimdesk.storage.sqlite_copy import Cancelled, sqlite_backup

log = logging.getLogger(__name__)

AUTO_FOLDER = "Sicherungen"
#: How many daily backups are kept.
KEEP_DAILY = 7
SQLITE_MAGIC = b"SQLite format 3\x00"

KIND_DAILY = "automatisch"
KIND_MIGRATION = "vor Migration"
KIND_MANUAL = "Sicherung"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One copy a database can be restored from."""

    path: Path
    kind: str
    created: datetime
    size: int
    revision: str | None


def auto_folder(database: Path) -> Path:
    return database.parent / AUTO_FOLDER


def _daily_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(re.escape(database.name) + r"\.(\d{4}-\d{2}-\d{2})\.sqlite")


# --- writing ----------------------------------------------------------------------------------------


def daily_backup(
    database: Path,
    today: date | None = None,
    keep: int = KEEP_DAILY,
    *,
    usage: DiskUsage = disk_usage,
    cancelled: Cancelled | None = None,
) -> Path | None:
    """Today's automatic backup of ``database`` if there is none yet (then the old ones rotate).

    Returns the new copy, or None if today's exists. Before copying, the oldest copies make room if
    the drive would be too full (:mod:`kimdesk.storage.backup_space`); NoRoomForBackupError if even
    that is not enough. DatabaseDamagedError if the copy fails the integrity check (the database
    itself is damaged; the copy is deleted, older ones stay); BackupCancelledError if ``cancelled``
    turned True meanwhile (nothing is left behind).
    """
    today = today or date.today()
    folder = auto_folder(database)
    target = folder / f"{database.name}.{today.isoformat()}.sqlite"
    if target.exists():
        return None
    created = not folder.exists()
    folder.mkdir(exist_ok=True)
    _remove_abandoned(database)
    partial = folder / f".{target.name}.{os.getpid()}"
    try:
        make_room_for_daily(database, folder, _daily_copies(database), usage)
        sqlite_backup(database, partial, cancelled)
        problems = integrity_problems(partial, cancelled=cancelled)
        if problems:
            raise DatabaseDamagedError(
                f"Die Datenbankdatei {database} ist beschädigt: die tägliche Prüfung fand {len(problems)} "
                f"Fehler ({problems[0]}). Bitte eine Sicherung zurückholen (Datei → Sicherung "
                "wiederherstellen … oder „kimdesk db restore“); „kimdesk db check“ zeigt die Einzelheiten.",
                database,
            )
        try:
            os.link(partial, target)  # one per day, also with two programs starting at once
        except FileExistsError:
            return None
        except OSError:
            os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if nothing else is in it
        raise
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    _rotate(database, keep)
    return target


def _daily_copies(database: Path) -> list[Path]:
    """The daily copies of ``database``, oldest first."""
    pattern = _daily_pattern(database)
    return sorted(p for p in auto_folder(database).iterdir() if pattern.fullmatch(p.name))


_PARTIAL = re.compile(r"\.(\d+)(\.tmp)?(-journal)?$")


def _remove_abandoned(database: Path) -> None:
    """Delete half-written daily copies of programs that ended while copying (a gigabyte each)."""
    prefix = f".{database.name}."
    for path in auto_folder(database).iterdir():
        match = _PARTIAL.search(path.name)
        if path.name.startswith(prefix) and match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    # On Windows os.kill(pid, 0) would send CTRL_C_EVENT: there a leftover stays (it is only disk).
    if pid == os.getpid() or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but someone else's (or Windows: cannot tell) — leave it
        return True
    return True


def _rotate(database: Path, keep: int) -> None:
    daily = _daily_copies(database)
    for old in daily[:-keep] if keep > 0 else daily:
        with contextlib.suppress(OSError):
            old.unlink()


# --- finding and checking ---------------------------------------------------------------------------


def list_backups(database: Path) -> list[BackupInfo]:
    """Every copy of ``database`` kimdesk can recognise, newest first.

    The automatic ones, the copies taken before a migration (``<file>.bak-*``) and copies written with
    ``kimdesk backup`` or Datei → Sicherung that lie beside the database, in ``Sicherungen`` or in the
    home folder under the name the program proposes (``kimdesk-sicherung-*.sqlite``).
    """
    found: dict[Path, BackupInfo] = {}
    daily = _daily_pattern(database)
    candidates: list[tuple[Path, str]] = []
    for folder in (database.parent, auto_folder(database)):
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                name = path.name
                if path == database or name.startswith(".") or _is_side_file(name):
                    continue
                if daily.fullmatch(name):
                    candidates.append((path, KIND_DAILY))
                elif name.startswith(database.name + ".bak-"):
                    candidates.append((path, KIND_MIGRATION))
                elif ".damaged-" not in name and ".replaced-" not in name:
                    candidates.append((path, KIND_MANUAL))
    with contextlib.suppress(OSError):
        candidates.extend((p, KIND_MANUAL) for p in Path.home().glob("kimdesk-sicherung-*.sqlite"))
    for path, kind in candidates:
        info = _describe(path, kind)
        if info is not None:
            found[path.resolve()] = info
    return sorted(found.values(), key=lambda b: b.created, reverse=True)


def _is_side_file(name: str) -> bool:
    return name.endswith(("-wal", "-shm", "-journal", ".tmp", ".kimdesk-users"))


def _describe(path: Path, kind: str) -> BackupInfo | None:
    """A BackupInfo if ``path`` is a regular file that looks like a kimdesk database, else None."""
    try:
        stat = path.stat()
        if not path.is_file() or stat.st_size < 100:
            return None
        with open(path, "rb") as handle:  # a copy, never the open database itself
            if handle.read(16) != SQLITE_MAGIC:
                return None
        with contextlib.closing(connect_read_only(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables & KIMDESK_TABLES:
                return None
            revision = None
            if VERSION_TABLE in tables:
                rows = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
                revision = ", ".join(sorted(str(r[0]) for r in rows)) or None
    except (OSError, sqlite3.Error, UnicodeDecodeError):
        return None
    return BackupInfo(path, kind, datetime.fromtimestamp(stat.st_mtime, UTC), stat.st_size, revision)


def check_backup(path: Path) -> BackupInfo:
    """``path`` as a BackupInfo if it can be restored: a whole kimdesk database this program knows.

    DatabaseError (German, naming the copy and what is wrong) otherwise.
    """
    if not path.is_file():
        raise DatabaseError(f"Sicherung {path}: die Datei gibt es nicht.")
    info = _describe(path, KIND_MANUAL)
    if info is None:
        raise DatabaseError(
            f"Sicherung {path}: das ist keine kimdesk-Datenbank; sie kann nicht zurückgeholt werden."
        )
    problems = integrity_problems(path)
    if problems:
        raise DatabaseError(
            f"Sicherung {path} ist selbst beschädigt ({len(problems)} Fehler, z. B. {problems[0]}); "
            "bitte eine andere wählen."
        )
    revisions = read_revisions(MIGRATIONS_DIR)
    known = revisions.known if revisions is not None else frozenset()
    stored = [r.strip() for r in (info.revision or "").split(",") if r.strip()]
    unknown = [r for r in stored if known and r not in known]
    if unknown:
        raise DatabaseTooNewError(
            f"Sicherung {path} stammt von einer neueren kimdesk-Version (Stand „{', '.join(unknown)}“); "
            "bitte kimdesk aktualisieren oder eine andere Sicherung wählen."
        )
    return info


# --- restoring --------------------------------------------------------------------------------------


def restore(database: Path, backup: Path) -> Path | None:
    """Put a checked copy of ``backup`` in place of ``database``; returns where the old file was kept.

    Every program using the database must be closed (checked where the platform allows).
    """
    check_backup(backup)
    if database.exists():
        _refuse_if_in_use(database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    incoming = database.with_name(f".{database.name}.restore-{stamp}.tmp")
    sqlite_backup(backup, incoming)
    try:
        if integrity_problems(incoming):
            raise DatabaseError(f"Sicherung {backup}: die Kopie ließ sich nicht fehlerfrei schreiben.")
        kept = _keep_current(database, stamp) if database.exists() else None
        os.replace(incoming, database)
        _sync_folder(database.parent)
    except PermissionError as exc:
        if os.name != "nt":
            raise sqlite_error(exc, str(database), database) from exc
        raise _in_use(database) from exc  # Windows refuses to replace a file another program has open
    except OSError as exc:
        raise sqlite_error(exc, str(database), database) from exc
    finally:
        with contextlib.suppress(OSError):
            incoming.unlink()
    return kept


def _keep_current(database: Path, stamp: str) -> Path:
    """Keep the current file (and its -wal/-journal, which belong to it) beside under a new name."""
    try:
        whole = not integrity_problems(database)
    except KimdeskError:
        whole = False
    kept = database.with_name(f"{database.name}.{'replaced' if whole else 'damaged'}-{stamp}")
    try:
        os.link(database, kept)
    except OSError:
        os.replace(database, kept)
    for suffix in ("-wal", "-journal"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    with contextlib.suppress(FileNotFoundError):
        database.with_name(database.name + "-shm").unlink()
    return kept


def _refuse_if_in_use(database: Path) -> None:
    """DatabaseError if another kimdesk has ``database`` open, or any process holds SQLite locks on it
    (POSIX only).

    Must run while this process has no SQLite connection to the file: the probe opens it.
    """
    try:
        import fcntl
    except ImportError:  # Windows: the rename below fails by itself while the file is open
        return
    in_use = others_present(database)  # another kimdesk, even between its transactions
    # (on Windows the final rename fails instead: see restore)
    targets = [(database, 0x40000000, 512)]  # SQLite's lock bytes (PENDING, RESERVED, SHARED range)
    if wal_file(database).exists():
        targets.append((database.with_name(database.name + "-shm"), 120, 9))  # WAL locks and DMS byte
    for path, start, length in targets:
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            probe = fcntl.fcntl(fd, fcntl.F_GETLK, _flock(fcntl.F_WRLCK, start, length))
            in_use = in_use or _flock_type(probe) != fcntl.F_UNLCK
        finally:
            os.close(fd)
    if in_use:
        raise _in_use(database)


def _in_use(database: Path) -> DatabaseError:
    return DatabaseError(
        f"Die Datenbank {database} wird noch von einem anderen Programm benutzt (z. B. einem zweiten "
        "kimdesk-Fenster). Bitte dieses schließen und die Wiederherstellung erneut starten."
    )


def _flock(kind: int, start: int, length: int) -> bytes:
    import struct

    return struct.pack("hhqqi4x", kind, os.SEEK_SET, start, length, 0)


def _flock_type(raw: bytes) -> int:
    import struct

    return int(struct.unpack("hhqqi4x", raw)[0])


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
