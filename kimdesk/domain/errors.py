"""User-facing error classes: each carries a German message fit to show as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


class KimdeskError(Exception):
    """An error caused by the user's input or the data, not by a bug.

    The message is German and complete; the CLI prints it as one line, the GUI in a dialog.
    """

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class NotFoundError(KimdeskError):
    """A Vorlage, committee, person … that the user named does not exist."""


class ValidationError(KimdeskError):
    """Input that cannot be accepted; ``problems`` lists every reason."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class ConflictError(KimdeskError):
    """A save based on a stale version: someone else changed the record in between."""

    def __init__(self, message: str, *, changed_by: str = "", changed_at: datetime | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseError(KimdeskError):
    """The database cannot be opened or used (too new, unreachable, damaged)."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer kimdesk; it is left untouched."""


class DatabaseDamagedError(DatabaseError):
    """The SQLite file is damaged (or not a database at all); ``path`` is the file, for a restore."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NoRoomForBackupError(DatabaseError):
    """A copy of the database was not written: the drive would have too little room left."""


class BackupCancelledError(KimdeskError):
    """A copy of the database was stopped before it was complete (kimdesk was closed meanwhile)."""


class DatabaseReadOnlyError(DatabaseError):
    """A change was asked of a database that kimdesk may only read."""


class LockedError(KimdeskError):
    """The Vorlage is in Mitzeichnung or released; its content is read-only."""


class WorkflowError(KimdeskError):
    """A sign-off or state change that the workflow does not allow now."""


class MoneyFormatError(KimdeskError):
    """An amount typed by the user that cannot be read unambiguously."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation finding: the German field name and what is wrong with it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"
