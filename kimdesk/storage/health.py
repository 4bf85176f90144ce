"""A SQLite file looked at before kimdesk writes to it: is it SQLite, is it kimdesk's, is it whole, writable.

Only the ``sqlite3`` driver is used here, and the database file itself is never opened with a plain
``open()``: on Linux that would drop the POSIX locks SQLite holds in this process (see docs/STORAGE.md).
Every answer that stops kimdesk is a :class:`~kimdesk.domain.errors.DatabaseError` with a German
message that names the file; the file is left exactly as it was.

Zero-length files are refused: kimdesk itself never leaves one behind, because a new database is
first written as a complete (empty) SQLite file beside and then linked into place
(:func:`create_new_file`). A zero-length file is therefore someone else's (``touch``, a failed copy,
a full disk) and may well be a damaged copy of the real database.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePath

from kimdesk.domain.errors import BackupCancelledError, DatabaseDamagedError, DatabaseError
from kimdesk.storage.failures import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    busy_timeout_seconds,
    sqlite_error,
)

#: Written into the header (``PRAGMA application_id``) of every database kimdesk creates: "KIMD".
KIMDESK_APPLICATION_ID = 0x4B494D44
#: Tables every kimdesk database has had since the first revision: a file with one of them is ours.
KIMDESK_TABLES = frozenset({"papers", "organizations", "persons"})
VERSION_TABLE = "alembic_version"


class FileKind(Enum):
    NEW = "new"  # no file yet: kimdesk creates it
    EMPTY = "empty"  # a SQLite file without tables (kimdesk's own fresh file): kimdesk initialises it
    KIMDESK = "kimdesk"


@dataclass(frozen=True, slots=True)
class SqliteFile:
    """What :func:`inspect_file` found."""

    path: Path
    kind: FileKind
    revisions: tuple[str, ...] = ()
    read_only: bool = False


def wal_file(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def file_uri(path: PurePath) -> str:
    """``file:`` URI of a SQLite file for ``sqlite3.connect(uri=True)``, Windows shares included.

    ``Path.as_uri()`` writes a UNC path (a Windows share) as ``file://server/share/…``, which SQLite
    refuses ("invalid uri authority"); SQLite wants the server inside the path: ``file:////server/…``.
    """
    uri = path.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://") :]
    return uri


def connect_read_only(path: Path, *, locked: bool = False) -> sqlite3.Connection:
    """A connection that cannot write.

    Immutable (no locks, no ``-wal``/``-shm`` created) when no ``-wal`` or ``-journal`` is beside the
    file and ``locked`` is false, else ``mode=ro`` with SQLite's ordinary locking. Autocommit mode
    (``isolation_level=None``), so that the caller can hold one read transaction.
    """
    journals = wal_file(path).exists() or path.with_name(path.name + "-journal").exists()
    uri = read_only_uri(path) if locked or journals else f"{file_uri(path)}?mode=ro&immutable=1"
    return sqlite3.connect(
        uri,
        uri=True,
        check_same_thread=False,
        isolation_level=None,
        timeout=busy_timeout_seconds(),
    )


def read_only_uri(path: Path) -> str:
    """The ``file:`` URI kimdesk's engine uses for a database it may only read.

    In a folder nobody may write to, SQLite cannot create the ``-shm`` a WAL file needs even to be
    read; nobody can change the file there either, so it is read as immutable (without a ``-wal``).
    """
    if not _folder_writable(path) and not wal_file(path).exists():
        return f"{file_uri(path)}?mode=ro&immutable=1"
    return f"{file_uri(path)}?mode=ro"


def writable(path: Path) -> bool:
    """Whether kimdesk may write ``path`` (and its journal beside it).

    Write permission bits count even for an administrator (root ignores them): a file or folder
    without any ``w`` bit was made read-only on purpose, e.g. an archived year.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK) and _folder_writable(path)


def _folder_writable(path: Path) -> bool:
    folder = path.parent
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(folder, os.W_OK)


def inspect_file(path: Path, known_tables: Iterable[str] = ()) -> SqliteFile:
    """Look at ``path`` without changing it; DatabaseError (German, naming the file) if kimdesk must not.

    ``known_tables`` are the tables of the program's models: a file holding only those (and
    ``alembic_version``) is a kimdesk database even before its first Vorlage.
    """
    if not path.parent.is_dir():
        raise DatabaseError(f"Datenbank {path}: den Ordner {path.parent} gibt es nicht.")
    try:
        info = path.stat()
    except FileNotFoundError:
        if not _folder_writable(path):
            raise DatabaseError(
                f"Datenbank {path}: im Ordner {path.parent} darf kimdesk nicht schreiben (schreibgeschützt); "
                "eine neue Datenbank kann dort nicht angelegt werden."
            ) from None
        return SqliteFile(path, FileKind.NEW)
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseError(f"Datenbank {path}: das ist keine Datei (sondern z. B. ein Ordner).")
    if info.st_size == 0:
        raise DatabaseError(
            f"Die Datei {path} ist leer (0 Byte) und keine kimdesk-Datenbank. Sie wurde nicht verändert. "
            "Wenn sie eine Kopie der Datenbank sein sollte, ist die Kopie misslungen: bitte eine Sicherung "
            "zurückholen („kimdesk db restore“). Für eine neue Datenbank die leere Datei löschen oder einen "
            "anderen Namen wählen."
        )
    before = _file_state(path)
    try:
        names, marks, revisions = _read_catalogue(path, locked=False)
    except _Suspect as suspect:
        if _file_state(path) == before:  # nobody wrote meanwhile: the damage is real
            raise suspect.error from suspect.__cause__
        # Read without locks while a writer was busy: read again with SQLite's locking.
        try:
            names, marks, revisions = _read_catalogue(path, locked=True)
        except _Suspect as exc:
            raise exc.error from exc.__cause__
    read_only = not writable(path)
    ours = names & KIMDESK_TABLES
    others = {n for n in names if not n.startswith("sqlite_")} - set(known_tables) - {VERSION_TABLE}
    foreign_marks = marks[0] not in (0, KIMDESK_APPLICATION_ID) or marks[1] != 0
    if not ours and (others or foreign_marks or (revisions and not names & set(known_tables))):
        raise foreign_database_error(str(path), others or names)
    if not names:
        return SqliteFile(path, FileKind.EMPTY, read_only=read_only)
    return SqliteFile(path, FileKind.KIMDESK, revisions, read_only)


def _file_state(path: Path) -> tuple[int, int, bool, bool]:
    info = path.stat()
    journal = path.with_name(path.name + "-journal")
    return info.st_mtime_ns, info.st_size, wal_file(path).exists(), journal.exists()


def foreign_database_error(display: str, tables: Iterable[str]) -> DatabaseError:
    shown = sorted(tables)
    listed = ", ".join(shown[:5]) + (f" und {len(shown) - 5} weitere" if len(shown) > 5 else "")
    what = f" (Tabellen: {listed})" if listed else ""
    return DatabaseError(
        f"{display} ist keine kimdesk-Datenbank, sondern die Datenbank eines anderen Programms{what}. "
        "kimdesk hat sie nicht verändert. Bitte den Pfad prüfen (--db, KIMDESK_DB oder "
        "Datei → Einstellungen)."
    )


class _Suspect(Exception):
    def __init__(self, error: DatabaseError) -> None:
        super().__init__(error.message)
        self.error = error


def _read_catalogue(path: Path, *, locked: bool) -> tuple[set[str], tuple[int, int], tuple[str, ...]]:
    """Table names, (application_id, user_version) and stored revisions; _Suspect if damaged."""
    try:
        with contextlib.closing(connect_read_only(path, locked=locked)) as conn:
            conn.text_factory = bytes  # damaged text must not become a UnicodeDecodeError
            conn.execute("BEGIN")
            raw = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            marks = (
                int(conn.execute("PRAGMA application_id").fetchone()[0]),
                int(conn.execute("PRAGMA user_version").fetchone()[0]),
            )
            names = {bytes(n).decode("utf-8") for n in raw}
            revisions: tuple[str, ...] = ()
            if VERSION_TABLE in names:
                rows = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
                revisions = tuple(sorted(bytes(r[0]).decode("utf-8") for r in rows))
            conn.execute("COMMIT")
    except UnicodeDecodeError as exc:
        raise _Suspect(damaged_error(path, "ihr Inhaltsverzeichnis enthält unlesbare Zeichen")) from exc
    except sqlite3.Error as exc:
        error = sqlite_error(exc, str(path), path)
        if isinstance(error, DatabaseDamagedError):
            raise _Suspect(damaged_error(path, _code_text(exc))) from exc
        raise error from exc
    return names, marks, revisions


def damaged_error(path: Path, what: str) -> DatabaseDamagedError:
    return DatabaseDamagedError(
        f"Die Datenbankdatei {path} ist beschädigt: {what}. Sie wurde nicht verändert. Bitte eine Sicherung "
        "zurückholen (Datei → Sicherung wiederherstellen … oder „kimdesk db restore“); „kimdesk db check“ "
        "zeigt die Einzelheiten.",
        path,
    )


def create_new_file(path: Path) -> None:
    """Put an empty, complete SQLite file (kimdesk's application id) at ``path``, never a partial one.

    The file is written beside and hard-linked into place, so that ``path`` either does not exist or
    is a valid SQLite file; if someone else created ``path`` meanwhile, theirs is kept.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.new")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.execute(f"PRAGMA application_id = {KIMDESK_APPLICATION_ID}")
        finally:
            conn.close()
        with open(partial, "rb+") as handle:  # our own new file, not the database: no locks to lose
            os.fsync(handle.fileno())
        try:
            os.link(partial, path)
        except FileExistsError:
            pass
        except OSError:  # no hard links (some network shares): exclusive create and copy
            with contextlib.suppress(FileExistsError), open(path, "xb") as target:
                target.write(partial.read_bytes())
                target.flush()
                os.fsync(target.fileno())
    except (OSError, sqlite3.Error) as exc:
        raise sqlite_error(exc, str(path), path) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


# --- integrity ------------------------------------------------------------------------------------

_INDEX = re.compile(r"index (\w+)")
_TREE = re.compile(r"Tree (\d+) page (\d+)")


def integrity_problems(
    path: Path, *, limit: int = 100, cancelled: Callable[[], bool] | None = None
) -> list[str]:
    """German findings of SQLite's ``integrity_check`` and ``foreign_key_check`` (empty: whole).

    Raises DatabaseError (German) if the file cannot be read at all; BackupCancelledError if
    ``cancelled`` turns True meanwhile (a check of gigabytes of Anlagen takes minutes).
    """
    try:
        with contextlib.closing(connect_read_only(path, locked=True)) as conn:
            conn.text_factory = lambda b: b.decode("utf-8", "replace")
            if cancelled is not None:
                conn.set_progress_handler(cancelled, 100_000)
            found = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
            fk = conn.execute("PRAGMA foreign_key_check").fetchmany(limit)
    except sqlite3.Error as exc:
        if cancelled is not None and cancelled():
            raise BackupCancelledError("Die Prüfung der Sicherung wurde abgebrochen.") from exc
        error = sqlite_error(exc, str(path), path)
        if isinstance(error, DatabaseDamagedError):
            return [f"Die Datei lässt sich nicht lesen: {_code_text(exc)}."]
        raise error from exc
    problems = [] if found == ["ok"] else [_integrity_finding(line) for line in found]
    for table, rowid, parent, _fk in fk:
        problems.append(f"Tabelle {table}, Zeile {rowid}: verweist auf einen fehlenden Eintrag in {parent}.")
    return problems


def _integrity_finding(line: str) -> str:
    index = _INDEX.search(line)
    if index:
        return f"Index {index.group(1)} passt nicht zu seiner Tabelle (mit REINDEX neu aufzubauen)."
    tree = _TREE.search(line)
    if tree:
        return f"Seite {tree.group(2)} (Baum {tree.group(1)}) ist beschädigt."
    return "Eine Datenseite ist beschädigt."


def _code_text(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_NOTADB:
        return "sie ist keine lesbare SQLite-Datenbank (ihr Dateikopf fehlt oder ist zerstört)"
    if code == SQLITE_CORRUPT:
        return "SQLite kann ihr Inhaltsverzeichnis nicht lesen"
    return "Lesefehler"
