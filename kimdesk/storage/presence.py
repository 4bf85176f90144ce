"""Who has a SQLite database open: each kimdesk process holds a shared lock on a file beside it.

SQLite runs with a rollback journal (``docs/STORAGE.md``), so a process that has the database open but
is not inside a transaction holds no lock on it, and SQLite's own locks cannot tell a restore whether
another kimdesk still uses the file. Every kimdesk process therefore holds a shared ``flock`` on
``<database>.kimdesk-users`` while its database is open; a restore asks for the exclusive lock and is
refused while anyone holds a shared one. ``flock`` locks belong to the open file, not the process: an
open and close of the same file elsewhere in the process (a file dialog) does not release them.
On Windows there is no ``fcntl``; there the final rename of a restore fails while the file is open.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".kimdesk-users"


def users_file(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


class Presence:
    """This process's shared lock on a database's users file; :meth:`release` when the database closes."""

    def __init__(self, fd: int | None, path: Path | None = None) -> None:
        self._fd = fd
        self._path = path

    def release(self) -> None:
        """Give up the lock; the last user removes the file: nothing stays beside a closed database."""
        if self._fd is None:
            return
        try:
            if self._path is not None:
                import fcntl

                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    self._path.unlink()
                except OSError:
                    pass  # another kimdesk still has the database open
            os.close(self._fd)  # closing the open file releases its flock
        except OSError:
            pass
        self._fd = None


def announce(database: Path) -> Presence:
    """Take the shared lock (never waits; without it, a restore is only guarded by SQLite's locks)."""
    try:
        import fcntl
    except ImportError:
        return Presence(None)
    path = users_file(database)
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:  # a read-only folder: nobody can restore there either
            log.info("Anwesenheitsdatei für %s nicht anlegbar: %s", database, exc)
            return Presence(None)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # a restore holds it right now: open anyway, SQLite's locks still guard the file
            os.close(fd)
            return Presence(None)
        try:
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except OSError:
            same = False
        if same:
            return Presence(fd, path)
        os.close(fd)  # the last user removed the file meanwhile: take the new one
    return Presence(None)


def others_present(database: Path) -> bool:
    """Whether another kimdesk (another process, or an open Database here) has ``database`` open."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(users_file(database), os.O_RDWR)
    except OSError:  # no users file: no kimdesk has the database open
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # releases the exclusive lock, if it was granted
    return False
