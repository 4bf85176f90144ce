"""Engines and connection settings; SQLite in rollback-journal mode, durable on power loss.

Why not WAL: on Linux (and macOS) SQLite's locks are POSIX advisory locks, which belong to the
*process*. Any ``open()``/``close()`` of the database file (or its ``-wal``/``-shm``) by other code in
the same process — a file dialog sniffing MIME types, a hash, a copy — silently drops every lock
the process holds on it. In WAL mode every open connection holds a lock on ``-shm`` for as long as
it lives; once that is gone, another program that opens and closes the database believes it is
the last user and deletes ``-wal``/``-shm`` under the running program, whose later commits then go
to a deleted file (lost, or a corrupt database when it checkpoints). See docs/STORAGE.md.

In rollback-journal mode (``journal_mode=DELETE``) a connection holds no lock between
transactions, so there is nothing to lose there; ``synchronous=FULL`` makes each commit reach the
disk before it returns (a power cut loses no confirmed save). An existing WAL database is
converted when it is opened; if another program has it open at that moment, the conversion is
left for the next start (the open never fails or waits for it).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import NullPool, StaticPool

from kimdesk.domain.errors import DatabaseError

__all__ = [
    "JOURNAL_MODE",
    "SQLITE_BUSY_TIMEOUT_MS",
    "SYNCHRONOUS",
    "create_database_engine",
    "create_migration_engine",
    "on_network_share",
    "roll_back_hot_journal",
]

log = logging.getLogger(__name__)

#: How long a SQLite connection waits for another writer before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Rollback journal: no lock is held between transactions (see the module's docstring).
JOURNAL_MODE = "DELETE"
#: Every commit is on the disk when it returns (docs/STORAGE.md has the measured cost).
SYNCHRONOUS = "FULL"


def create_database_engine(url: URL, sqlite_path: Path | None) -> Engine:
    """The engine of an opened database (``sqlite_path``: its SQLite file; None in memory or on PG)."""
    options: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        if sqlite_path is None:
            options["poolclass"] = StaticPool
            options["connect_args"] = {"check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
        options["connect_args"] = {"connect_timeout": 10, "application_name": "kimdesk"}
    engine = _create(url, options)
    if engine.dialect.name == "sqlite":
        if sqlite_path is not None and on_network_share(sqlite_path):
            log.warning(
                "SQLite-Datei %s liegt auf einer Netzwerkfreigabe. Für mehrere Arbeitsplätze "
                "PostgreSQL verwenden (docs/INSTALL.md).",
                sqlite_path,
            )
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def create_migration_engine(url: URL) -> Engine:
    """An engine whose transactions include DDL, for upgrading a SQLite file in one transaction.

    Python's ``sqlite3`` (3.11) opens no transaction before ``CREATE``/``ALTER``/``DROP``, so each
    would commit by itself. Here the driver's own transaction handling is switched off and every
    transaction starts with ``BEGIN IMMEDIATE`` (SQLAlchemy's "pysqlite serializable" recipe): the
    write lock is taken at once (waiting for other writers within the busy timeout), so a second
    program starting at the same time waits and then finds the database already upgraded.
    """
    engine = _create(url, {"poolclass": NullPool})
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _migration_on_connect)
        event.listen(engine, "begin", _begin_immediate)
    return engine


def roll_back_hot_journal(path: Path) -> None:
    """Restore the last committed state if a writer died mid-transaction (a ``-journal`` is left).

    Any SQLite reader does this on its first read; done here before the file is inspected (the
    file check reads without locks), and a no-op when another program is still writing.
    """
    if not Path(f"{path}-journal").exists():
        return
    try:
        conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:  # not a database, damaged, read-only: the file check reports it
        log.debug("Journal von %s nicht zurückgerollt: %s", path, exc)
    finally:
        conn.close()


def on_network_share(path: PurePath) -> bool:
    """A Windows share (``\\\\server\\share\\…``) or a mapped network drive."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # a mapped network drive such as Z:
        import ctypes

        drive = os.path.splitdrive(text)[0]
        drive_remote = 4
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return False


def _create(url: URL, options: dict[str, Any]) -> Engine:
    try:
        return create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"Datenbank {url.render_as_string(hide_password=True)}: Treiber fehlt oder Adresse ungültig "
            f"({exc})."
        ) from exc


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    """Foreign keys, a busy timeout, rollback journal and full sync on every connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_rollback_journal(cursor)
        cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _use_rollback_journal(cursor: sqlite3.Cursor) -> None:
    """Leave WAL mode if nobody else has the database open right now; otherwise try next time."""
    try:
        mode = str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    except sqlite3.Error:
        return  # a file that is no database: the first real statement reports it
    if mode == JOURNAL_MODE.lower() or mode == "memory":
        return
    cursor.execute("PRAGMA busy_timeout = 0")  # converting needs the file to itself: never wait
    try:
        cursor.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}").fetchone()
    except sqlite3.Error as exc:
        log.info("Datenbank bleibt vorerst im Modus %s (in Benutzung: %s).", mode, exc)


def _migration_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    _sqlite_on_connect(dbapi_connection, connection_record)
    if isinstance(dbapi_connection, sqlite3.Connection):
        # The driver emits no BEGIN (nor a COMMIT before DDL) any more: _begin_immediate does.
        dbapi_connection.isolation_level = None


def _begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
