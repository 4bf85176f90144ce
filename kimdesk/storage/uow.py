"""The unit of work: one session and one transaction per user action."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any, ClassVar, Self

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kimdesk.domain.errors import DatabaseError
from kimdesk.services.ports import (
    OfficeRepository,
    OrganizationRepository,
    PaperRepository,
    PersonRepository,
    SettingsRepository,
)
from kimdesk.storage.failures import driver_error, first_line
from kimdesk.storage.master_repositories import (
    SqlOfficeRepository,
    SqlOrganizationRepository,
    SqlPersonRepository,
    SqlSettingsRepository,
)
from kimdesk.storage.paper_repository import SqlPaperRepository

RepositoryFactory = Callable[[Session], Any]
log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """Implements :class:`kimdesk.services.ports.UnitOfWork`.

    Leaving the ``with`` block without :meth:`commit` rolls everything back. Feature modules add
    their own repositories with :meth:`register_repository` (at import time; see
    :mod:`kimdesk.storage.extensions`), which then appear as attributes of every unit of work.
    """

    _extra_repositories: ClassVar[dict[str, RepositoryFactory]] = {}

    papers: PaperRepository
    organizations: OrganizationRepository
    persons: PersonRepository
    office: OfficeRepository
    settings: SettingsRepository
    session: Session

    def __init__(self, session_factory: sessionmaker[Session], display_url: str = "") -> None:
        self._session_factory = session_factory
        self._display_url = display_url

    @classmethod
    def register_repository(cls, name: str, factory: RepositoryFactory) -> None:
        """Make ``uow.<name>`` = ``factory(session)`` available in every unit of work."""
        if name in {"papers", "organizations", "persons", "office", "settings", "session"}:
            raise ValueError(f"repository name {name!r} is taken")
        cls._extra_repositories[name] = factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.papers = SqlPaperRepository(self.session)
        self.organizations = SqlOrganizationRepository(self.session)
        self.persons = SqlPersonRepository(self.session)
        self.office = SqlOfficeRepository(self.session)
        self.settings = SqlSettingsRepository(self.session)
        for name, factory in self._extra_repositories.items():
            setattr(self, name, factory(self.session))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, DBAPIError):
            # Damaged, read-only, locked by another program, disk full: each says so in German.
            translated = driver_error(exc, self._display_url)
            if translated is not None:
                raise translated from exc
        if isinstance(exc, OperationalError | InterfaceError):
            log.warning("Datenbankfehler (%s): %s", self._display_url, first_line(exc))
            raise DatabaseError(
                f"Datenbankfehler ({self._display_url}). Bitte erneut versuchen; "
                "wenn es wieder geschieht, die Verbindung zur Datenbank prüfen."
            ) from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
