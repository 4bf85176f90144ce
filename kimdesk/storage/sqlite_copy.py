"""Copying a SQLite database while it is in use: the SQLite backup API, a step at a time."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from kimdesk.domain.errors import BackupCancelledError, DatabaseDamagedError
from kimdesk.storage.failures import busy_timeout_seconds, sqlite_error

#: Pages copied per step of the SQLite backup API (64 MB at 4 KB pages): the source is locked only for
#: one step at a time, so a save meanwhile waits a fraction of a second, not for the whole copy.
STEP_PAGES = 16384
#: A save between two steps starts the copy over; after this many restarts the rest is copied in one
#: step (saves wait for it, as they would for any long reader).
MAX_RESTARTS = 3

Cancelled = Callable[[], bool]


class _TooBusy(Exception):
    """The step-wise copy was restarted too often."""


def sqlite_backup(
    source: Path, target: Path, cancelled: Cancelled | None = None, *, step_pages: int = STEP_PAGES
) -> None:
    """Copy ``source`` into the new file ``target`` with the SQLite backup API.

    Reads one consistent snapshot (committed WAL content included, open write transactions of other
    connections excluded), :data:`STEP_PAGES` at a time; the copy is written beside as ``*.tmp`` and
    renamed when complete. Any failure (a full disk, a damaged source) is a German DatabaseError and
    leaves no partial file; ``cancelled`` returning True stops it with BackupCancelledError.
    """
    try:
        src = sqlite3.connect(source, timeout=busy_timeout_seconds())
    except sqlite3.Error as exc:
        raise sqlite_error(exc, str(source), source) from exc
    try:
        backup_into(src, target, str(source), cancelled, step_pages=step_pages)
    finally:
        src.close()


def backup_into(
    src: sqlite3.Connection,
    target: Path,
    where: str,
    cancelled: Cancelled | None = None,
    *,
    step_pages: int = STEP_PAGES,
) -> None:
    partial = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        try:
            _copy(src, partial, step_pages, cancelled)
        except _TooBusy:
            _copy(src, partial, -1, cancelled)
        os.replace(partial, target)
    except (sqlite3.Error, OSError, BackupCancelledError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + "-journal").unlink()
        if isinstance(exc, BackupCancelledError):
            raise
        # Damaged or locked: the source is meant; full, read-only, I/O: the target.
        error = sqlite_error(exc, where)
        if isinstance(error, DatabaseDamagedError) or "gesperrt" in error.message:
            raise type(error)(f"Sicherung nicht möglich: {error.message}") from exc
        raise type(error)(f"Sicherung: {sqlite_error(exc, str(target)).message}") from exc


def _copy(src: sqlite3.Connection, partial: Path, pages: int, cancelled: Cancelled | None) -> None:
    left = [-1, 0]  # pages remaining after the last step, restarts so far

    def progress(status: int, remaining: int, _total: int) -> None:
        if cancelled is not None and cancelled():
            raise BackupCancelledError("Die Sicherung wurde abgebrochen.")
        # A step that copied pages but left no fewer to copy: another connection wrote, SQLite
        # started over.
        if status == 0 and left[0] >= 0 and remaining >= left[0]:
            left[1] += 1
            if left[1] > MAX_RESTARTS:
                raise _TooBusy
        left[0] = remaining

    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst, pages=pages, progress=progress, sleep=0.05)
        # A self-contained single file: no -wal beside the copy.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
