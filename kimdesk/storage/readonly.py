"""A ``sqlite3`` connection to a SQLite file that cannot write (to check a file before touching it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePath


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


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: immutable without a ``-wal`` file, else ``mode=ro``.

    Autocommit mode (``isolation_level=None``), so that the caller can hold one read transaction.
    """
    options = "mode=ro" if wal_file(path).exists() else "mode=ro&immutable=1"
    return sqlite3.connect(
        f"{file_uri(path)}?{options}", uri=True, check_same_thread=False, isolation_level=None
    )
