"""The composition root: opens the database, wires storage and pdf into the services."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory
from kimdesk.storage.location import default_database_url

if TYPE_CHECKING:
    from kimdesk.services.meetings import PacketRenderer
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

    @cached_property
    def renderer(self) -> PdfRenderer:
        return self._renderer or paper_pdf_renderer()

    @cached_property
    def packet_renderer(self) -> PacketRenderer:
        from kimdesk.pdf.packet import PacketPdfRenderer

        return PacketPdfRenderer(self.renderer)  # type: ignore[arg-type]

    def close(self) -> None:
        self.database.close()


def open_app(db_url: str | None = None, *, migrate: bool = True) -> App:
    """Open (and, if needed, migrate) the database; DatabaseError with a German message if it fails."""
    from kimdesk.storage.database import Database

    return App(Database.open(database_url(db_url), migrate=migrate))


def paper_pdf_renderer() -> PdfRenderer:
    """The Vorlage PDF renderer (what :attr:`App.renderer` gives), without opening a database."""
    from kimdesk.pdf.renderer import PaperPdfRenderer

    return PaperPdfRenderer()
