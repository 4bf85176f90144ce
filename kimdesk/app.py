"""The composition root: opens the database, wires storage and pdf into the services."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory
from kimdesk.storage.location import default_database_url, sqlite_file_of_url

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from kimdesk.services.packets import PacketRenderer
    from kimdesk.services.pdf_signatures import SignedPdfMaker
    from kimdesk.storage.backups import BackupInfo
    from kimdesk.storage.database import Database

DB_ENV = "KIMDESK_DB"


def database_url(explicit: str | None = None) -> str:
    """``--db`` wins over ``KIMDESK_DB``, which wins over the SQLite file in the user's data folder."""
    return explicit or os.environ.get(DB_ENV) or default_database_url()


@dataclass
class App:
    """Everything a front end (CLI or GUI) needs, built once per process."""

    database: Database
    _renderer: PdfRenderer | None = field(default=None, repr=False)

    @property
    def uow_factory(self) -> UnitOfWorkFactory:
        return self.database.uow_factory

    @property
    def renderer(self) -> PdfRenderer:
        """Loaded on first use (importing ReportLab takes a moment)."""
        if self._renderer is None:
            self._renderer = paper_pdf_renderer()
        return self._renderer

    def renderer_ready(self) -> bool:
        return self._renderer is not None

    @cached_property
    def packet_renderer(self) -> PacketRenderer:
        from kimdesk.pdf.packet import PacketPdfRenderer

        return PacketPdfRenderer(self.renderer)  # type: ignore[arg-type]

    @cached_property
    def signed_pdf_maker(self) -> SignedPdfMaker:
        """Renders with :attr:`renderer`, signs and reads PAdES signatures (pyHanko)."""
        from kimdesk.pdf.signing import PadesPdfMaker

        return PadesPdfMaker(self.renderer)

    def daily_backup(self, cancelled: Callable[[], bool] | None = None) -> str | None:
        """The first open of a day: a checked copy in "Sicherungen" (DatabaseDamagedError if the check
        fails); nothing if today's exists. The German reason if it could not be made (e.g. no room on
        the drive); BackupCancelledError if ``cancelled`` turned True meanwhile."""
        return self.database.daily_backup(cancelled)

    def close(self) -> None:
        self.database.close()


def open_app(db_url: str | None = None, *, migrate: bool = True, backup: bool = True) -> App:
    """Open (and, if needed, migrate) the database; DatabaseError with a German message if it fails.

    ``backup`` False leaves today's automatic backup to the caller (:meth:`App.daily_backup`, before
    its first write): the GUI shows the list first.
    """
    from kimdesk.storage.database import Database

    app = App(Database.open(database_url(db_url), migrate=migrate))
    if backup:
        try:
            app.daily_backup()
        except BaseException:
            app.close()
            raise
    return app


def paper_pdf_renderer() -> PdfRenderer:
    """The Vorlage PDF renderer (what :attr:`App.renderer` gives), without opening a database."""
    from kimdesk.pdf.renderer import PaperPdfRenderer

    return PaperPdfRenderer()


# --- recovery: used by ``kimdesk db check|restore`` and the GUI's restore dialog ----------------------


def database_file(db_url: str | None = None) -> Path | None:
    """The SQLite file the program would open (None for PostgreSQL); imports no SQLAlchemy (the GUI asks
    for it right after showing its window)."""
    return sqlite_file_of_url(database_url(db_url))


def sqlite_integrity(path: Path) -> list[str]:
    """German findings of SQLite's integrity and foreign-key checks of ``path`` (empty: whole)."""
    from kimdesk.storage.health import integrity_problems

    return integrity_problems(path)


def find_backups(path: Path) -> list[BackupInfo]:
    """The copies ``path`` can be restored from, newest first (``kimdesk.storage.backups``)."""
    from kimdesk.storage.backups import list_backups

    return list_backups(path)


def check_backup(backup: Path) -> BackupInfo:
    """``backup`` checked for a restore (whole, kimdesk's, not too new); DatabaseError otherwise."""
    from kimdesk.storage.backups import check_backup as check

    return check(backup)


def restore_backup(path: Path, backup: Path) -> Path | None:
    """Put a checked copy of ``backup`` in place of ``path``; returns where the old file was kept."""
    from kimdesk.storage.backups import restore

    return restore(path, backup)
