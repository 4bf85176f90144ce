"""The engine for a SQLite file kimdesk may only read: ``mode=ro``, no journal-mode change, no writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool

from kimdesk.storage.failures import busy_timeout_seconds
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
