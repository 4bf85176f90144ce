"""The unit of work: one session and one transaction per user action."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any, Self

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kimdesk.domain.errors import DatabaseError
from kimdesk.services.ports import (
    AttachmentRepository,
    AuditLog,
    ChildIdRepository,
    MeetingRepository,
    OfficeRepository,
    OrganizationRepository,
    PaperRepository,
    PaperVersionRepository,
    PersonRepository,
    ReleasedDocumentRepository,
    SettingsRepository,
    SignatureRepository,
)
from kimdesk.storage.audit_repository import SqlAuditLog
from kimdesk.storage.child_ids import SqlChildIds
from kimdesk.storage.document_repository import SqlReleasedDocuments
from kimdesk.storage.failures import driver_error, first_line
from kimdesk.storage.master_repositories import (
    SqlOfficeRepository,
    SqlOrganizationRepository,
    SqlPersonRepository,
    SqlSettingsRepository,
)
from kimdesk.storage.meeting_repository import SqlAttachmentRepository, SqlMeetingRepository
from kimdesk.storage.paper_repository import SqlPaperRepository
from kimdesk.storage.signature_repository import SqlSignatures
from kimdesk.storage.version_repository import SqlPaperVersions

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """Implements :class:`kimdesk.services.ports.UnitOfWork`.

    Leaving the ``with`` block without :meth:`commit` rolls everything back. Every repository of the
    protocol is built here, on the one session of this unit of work.
    """

    papers: PaperRepository
    organizations: OrganizationRepository
    persons: PersonRepository
    office: OfficeRepository
    settings: SettingsRepository
    audit: AuditLog
    meetings: MeetingRepository
    attachments: AttachmentRepository
    child_ids: ChildIdRepository
    signatures: SignatureRepository
    released_documents: ReleasedDocumentRepository
    versions: PaperVersionRepository
    session: Session

    def __init__(self, session_factory: sessionmaker[Session], display_url: str = "") -> None:
        self._session_factory = session_factory
        self._display_url = display_url
        self._read_only = False

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.papers = SqlPaperRepository(self.session)
        self.organizations = SqlOrganizationRepository(self.session)
        self.persons = SqlPersonRepository(self.session)
        self.office = SqlOfficeRepository(self.session)
        self.settings = SqlSettingsRepository(self.session)
        self.audit = SqlAuditLog(self.session)
        self.meetings = SqlMeetingRepository(self.session)
        self.attachments = SqlAttachmentRepository(self.session)
        self.child_ids = SqlChildIds(self.session)
        self.signatures = SqlSignatures(self.session)
        self.released_documents = SqlReleasedDocuments(self.session)
        self.versions = SqlPaperVersions(self.session)
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
        if self._read_only:
            raise RuntimeError("Eine nur lesende Arbeitseinheit kann nichts speichern.")
        self.session.commit()

    def read_only(self) -> None:
        """One read transaction for the rest of the unit of work (SQLite; see the port).

        Python's sqlite3 runs a SELECT outside a transaction, so each statement takes and drops the
        read lock again — a search's five statements met a writer's commit up to five times, each
        time waiting in SQLite's busy steps (1, 2, 5, 10 ms …): p95 78 ms beside two programs
        saving, 46 ms in one transaction (docs/STORAGE.md). PostgreSQL already runs the unit of work
        in one transaction (each statement sees the latest commits, READ COMMITTED).
        """
        self._read_only = True
        connection = self.session.connection()
        driver: Any = connection.connection.driver_connection
        if connection.dialect.name == "sqlite" and not driver.in_transaction:
            connection.exec_driver_sql("BEGIN")

    def rollback(self) -> None:
        self.session.rollback()
