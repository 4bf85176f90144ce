"""Databases kimdesk may only read: the engine for such a SQLite file; PostgreSQL's read-only mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from kimdesk.domain.errors import DatabaseError
from kimdesk.storage.failures import busy_timeout_seconds, first_line
from kimdesk.storage.health import read_only_uri


def read_only_engine(path: Path) -> Engine:
    """An engine whose connections SQLite opens read-only (the file is never written, whoever runs kimdesk).

    The usual connection set-up (WAL, foreign keys) would try to write; here only ``query_only``
    is set, so that a write is refused by SQLite even before it reaches the file.
    """
    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_seconds(), check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        return conn

    return create_engine("sqlite://", creator=connect, poolclass=QueuePool)


def server_read_only(engine: Engine, display: str) -> bool:
    """PostgreSQL in read-only mode (``default_transaction_read_only``, a standby server)."""
    if engine.dialect.name != "postgresql":
        return False
    try:
        with engine.connect() as conn:
            return str(conn.exec_driver_sql("SHOW transaction_read_only").scalar()) == "on"
    except DBAPIError as exc:
        raise DatabaseError(f"Datenbank {display} ist nicht erreichbar: {first_line(exc)}") from exc
