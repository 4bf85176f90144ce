"""Ways a SQLite file gets damaged, for the tests of what kimdesk does with such files."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path


def damage_table_page(path: Path, table: str = "papers", seed: int = 3) -> None:
    """Overwrite the root page of ``table`` with noise (a damaged table page)."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    noise = random.Random(seed)
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes(noise.randrange(256) for _ in range(page_size))
    path.write_bytes(bytes(data))


def stale_index(path: Path, index: str, change: str) -> None:
    """Run ``change`` (SQL) on ``path`` and then put the old page of ``index`` back: the index no
    longer matches its table ("wrong # of entries in index"), while every row still reads fine."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    start = (root - 1) * page_size
    old_page = path.read_bytes()[start : start + page_size]
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(change)
    data = bytearray(path.read_bytes())
    data[start : start + page_size] = old_page
    path.write_bytes(bytes(data))
