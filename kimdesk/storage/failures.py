"""Driver errors (sqlite3, psycopg, SQLAlchemy) turned into one German sentence that says what happened.

Damaged, read-only, locked by another program, disk full: each has its own message naming the
database, and none carries SQL, a traceback or the driver's English text. Anything not recognised
keeps the general advice to check the connection (a network or server problem).
"""

from __future__ import annotations

import errno
from pathlib import Path

from kimdesk.domain.errors import DatabaseDamagedError, DatabaseError, DatabaseReadOnlyError
from kimdesk.storage import sqlite_engine

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def busy_timeout_seconds() -> float:
    """How long a SQLite connection waits for another program's lock (the engine's one setting)."""
    return sqlite_engine.SQLITE_BUSY_TIMEOUT_MS / 1000


def first_line(exc: BaseException | None) -> str:
    """The driver's own first line (for the log, or where it names a server problem)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


def damaged_message(where: str) -> str:
    return (
        f"Die Datenbankdatei {where} ist beschädigt: SQLite kann Teile davon nicht lesen. Es wurde nichts "
        "gespeichert. Bitte eine Sicherung zurückholen (Datei → Sicherung wiederherstellen … oder "
        "„kimdesk db restore“); „kimdesk db check“ zeigt die Einzelheiten."
    )


def locked_message(where: str) -> str:
    return (
        f"Die Datenbank {where} ist gesperrt durch ein anderes Programm (nach "
        f"{busy_timeout_seconds():.0f} Sekunden Warten abgebrochen). Es wurde nichts geändert. Bitte das "
        "andere Programm (z. B. ein SQLite-Werkzeug oder eine Sicherungssoftware) schließen und erneut "
        "versuchen."
    )


def full_message(where: str) -> str:
    return (
        f"Der Datenträger von {where} ist voll: es wurde nichts gespeichert. Bitte Platz schaffen und "
        "erneut versuchen."
    )


def read_only_message(where: str) -> str:
    return (
        f"Die Datenbank {where} ist schreibgeschützt (nur lesen): Änderungen können nicht gespeichert "
        "werden. Bitte die Schreibrechte der Datei und ihres Ordners prüfen (oder die IT fragen)."
    )


def sqlite_error(exc: BaseException, where: str, path: Path | None = None) -> DatabaseError:
    """A German DatabaseError for a ``sqlite3`` error or an OSError about database ``where``."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DatabaseError(full_message(where))
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseReadOnlyError(read_only_message(where))
        return DatabaseError(f"Datenbank {where}: Dateifehler ({exc.strerror or type(exc).__name__}).")
    code = int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseDamagedError(damaged_message(where), path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseError(locked_message(where))
    if code == SQLITE_READONLY:
        return DatabaseReadOnlyError(read_only_message(where))
    if code == SQLITE_FULL:
        return DatabaseError(full_message(where))
    if code == SQLITE_IOERR:
        return DatabaseError(
            f"Datenbank {where}: Lese- oder Schreibfehler des Datenträgers. Es wurde nichts gespeichert; "
            "bitte den Datenträger prüfen und erneut versuchen."
        )
    if code in (SQLITE_CANTOPEN, SQLITE_PERM):
        return DatabaseError(
            f"Die Datenbank {where} kann nicht geöffnet werden: fehlt die Datei oder das Leserecht?"
        )
    return DatabaseError(
        f"Datenbankfehler ({where}). Bitte erneut versuchen; wenn es wieder geschieht, die Verbindung "
        "zur Datenbank prüfen."
    )


_SQLITE_RECOGNISED = frozenset(
    {SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR}
)

#: PostgreSQL SQLSTATEs with a message of their own.
_PG_FULL = ("53100", "53200", "53400")
_PG_READ_ONLY = ("25006",)
_PG_LOCKED = ("55P03", "55006")
_PG_DAMAGED = ("XX001", "XX002")


def driver_error(exc: BaseException, where: str, path: Path | None = None) -> DatabaseError | None:
    """The German DatabaseError for a SQLAlchemy DBAPIError (or a bare driver error) whose cause is
    recognised (damaged, read-only, locked, full); None for everything else."""
    orig = getattr(exc, "orig", None) or exc
    if hasattr(orig, "sqlite_errorcode"):
        code = int(orig.sqlite_errorcode or 0) & 0xFF
        return sqlite_error(orig, where, path) if code in _SQLITE_RECOGNISED else None
    state = str(getattr(orig, "sqlstate", "") or "")
    if state in _PG_FULL:
        return DatabaseError(
            f"Auf dem Datenbankserver von {where} ist der Speicher voll: es wurde nichts gespeichert. "
            "Bitte die IT benachrichtigen."
        )
    if state in _PG_READ_ONLY:
        return DatabaseReadOnlyError(read_only_message(where))
    if state in _PG_LOCKED:
        return DatabaseError(locked_message(where))
    if state in _PG_DAMAGED:
        return DatabaseError(
            f"Die Datenbank {where} meldet beschädigte Daten. Es wurde nichts gespeichert; bitte die IT "
            "benachrichtigen (Wiederherstellung mit pg_restore)."
        )
    return None
