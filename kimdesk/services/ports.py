"""The ports the services need: repositories and a unit of work (implemented in ``storage``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.audit import AuditEntry
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.released import ReleasedDocument
from kimdesk.domain.signature import SignatureRecord
from kimdesk.domain.versions import PaperVersion, VersionInfo


@dataclass(frozen=True, slots=True)
class PaperQuery:
    """What the Vorlagen list shows: filters, full-text search and a window of rows."""

    text: str = ""
    year: int | None = None
    status: PaperStatus | None = None
    committee_id: uuid.UUID | None = None
    offset: int = 0
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class PaperSummary:
    """One row of the Vorlagen list, cheap to load by the ten thousand."""

    id: uuid.UUID
    reference: str
    title: str
    lead_department: str
    committee: str
    meeting_date: date | None
    status: PaperStatus
    #: None: not known (imported without it, not saved in kimdesk since).
    modified_at: datetime | None


class PaperRepository(Protocol):
    def get(self, paper_id: uuid.UUID) -> Paper:
        """The Vorlage; NotFoundError if there is none."""
        ...

    def get_by_reference(self, reference: str) -> Paper:
        """The Vorlage with this Vorlage Nr.; NotFoundError naming it if there is none."""
        ...

    def add(self, paper: Paper) -> None:
        """Insert a new Vorlage (reference already set). Sets ``paper.version`` to 1."""
        ...

    def update(self, paper: Paper) -> None:
        """Save ``paper`` if the stored version is still ``paper.version``; then increment it.

        Otherwise raise ConflictError naming who changed it and when. Never overwrites silently.
        """
        ...

    def delete(self, paper_id: uuid.UUID) -> None: ...

    def next_reference(
        self, year: int, numbering_format: str, *, series: str | None = None, per_year: bool = True
    ) -> str:
        """Reserve the next number of ``year``; unique even under concurrent transactions.

        ``series`` (a Vorlagenart with its own numbering) counts apart from the office's shared
        counter; with ``per_year`` False its counter runs on across years.
        """
        ...

    def query(self, query: PaperQuery) -> list[PaperSummary]:
        """Summaries ordered by reference descending (newest first)."""
        ...

    def count(self, query: PaperQuery, at_most: int | None = None) -> int:
        """The number of Vorlagen matching ``query``; with ``at_most``, counted only up to that number
        (``at_most`` then means: at least that many)."""
        ...

    def all_ids(self) -> list[uuid.UUID]: ...

    def numbers(self) -> list[tuple[str, uuid.UUID]]:
        """Vorlage Nr. and id of every Vorlage, in no particular order (an export sorts them)."""
        ...

    def supplements(self, paper_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        """Id and number of each Ergänzungs-/Änderungsvorlage of the Vorlage, by number."""
        ...

    def locked_naming(self, org_ids: set[uuid.UUID], person_ids: set[uuid.UUID]) -> list[str]:
        """The numbers of the Vorlagen past Entwurf whose Amt, Gremien or Berichterstatter are among these
        (they keep the names they were signed with), in list order."""
        ...


class OrganizationRepository(Protocol):
    def list(self) -> list[Organization]: ...

    def get(self, org_id: uuid.UUID) -> Organization: ...

    def find(self, name: str) -> Organization | None:
        """By name or short name, case-insensitive."""
        ...

    def save(self, org: Organization) -> None:
        """Insert or update by id."""
        ...


class PersonRepository(Protocol):
    def list(self) -> list[Person]: ...

    def get(self, person_id: uuid.UUID) -> Person: ...

    def find(self, name: str) -> Person | None: ...

    def save(self, person: Person) -> None:
        """Insert, or update name and function; never changes a stored PIN hash."""
        ...

    def set_pin_hash(self, person_id: uuid.UUID, pin_hash: str | None) -> None:
        """Legacy Argon2 PIN hashes: signing no longer reads them; migration 0008_keys cleared them."""
        ...


class OfficeRepository(Protocol):
    def get(self) -> Office:
        """The office settings (defaults when none were saved)."""
        ...

    def save(self, office: Office) -> None: ...


class SettingsRepository(Protocol):
    """A small key → JSON store: office data such as the funding catalogue, autosaved drafts
    (``autosave:<account>@<computer>:<paper id>``) … Values are JSON-compatible dicts or lists."""

    def get(self, key: str) -> dict[str, Any] | list[Any] | None:
        """The stored value, or None if there is none."""
        ...

    def put(self, key: str, value: dict[str, Any] | list[Any]) -> None:
        """Store (insert or replace) ``value`` under ``key``."""
        ...

    def delete(self, key: str) -> None:
        """Remove ``key``; nothing happens if it is not there."""
        ...

    def keys(self, prefix: str) -> list[str]:
        """The stored keys starting with ``prefix``, sorted."""
        ...


class AuditLog(Protocol):
    """The append-only audit log of the Mitzeichnung (``uow.audit``). Entries are never updated or deleted."""

    def lock(self) -> None:
        """Hold the chain head until the transaction ends, so appends of parallel users queue up in order.

        Call it before reading what the entry will describe.
        """
        ...

    def append(self, entry: AuditEntry) -> AuditEntry:
        """Number, link and hash ``entry`` after the current last one; return the sealed entry."""
        ...

    def entries(self, paper_id: uuid.UUID | None = None) -> list[AuditEntry]:
        """All entries (of one Vorlage, if given) in chain order."""
        ...

    def last(self) -> AuditEntry | None: ...

    def head(self) -> tuple[int, str] | None:
        """The chain head as stored apart from the entries: (seq, entry_hash) of the last append."""
        ...


class MeetingRepository(Protocol):
    def list(self, committee_id: uuid.UUID | None = None) -> list[Meeting]:
        """Meetings ordered by start, oldest first."""
        ...

    def get(self, meeting_id: uuid.UUID) -> Meeting:
        """NotFoundError if there is none."""
        ...

    def add(self, meeting: Meeting) -> None:
        """Insert with its agenda; sets ``meeting.version`` to 1."""
        ...

    def update(self, meeting: Meeting) -> None:
        """Save meeting and agenda if the stored version is still ``meeting.version``.

        ConflictError otherwise.
        """
        ...

    def delete(self, meeting_id: uuid.UUID) -> None: ...


class AttachmentRepository(Protocol):
    def list(self, paper_id: uuid.UUID) -> list[Attachment]:
        """The Anlagen of a Vorlage in their order (what they are; the bytes via :meth:`chunks`)."""
        ...

    def add(self, attachment: Attachment, content: Iterable[bytes]) -> None:
        """Store the Anlage with its bytes, given as pieces (each stored as it comes)."""
        ...

    def update(self, attachment: Attachment) -> None:
        """Store its title, public flag and place in the list (NotFoundError if it is gone)."""
        ...

    def chunks(self, attachment_id: uuid.UUID) -> Iterator[bytes]:
        """The bytes of an Anlage, one stored chunk at a time (never the whole file in memory)."""
        ...

    def delete(self, attachment_id: uuid.UUID) -> None: ...


class ChildIdRepository(Protocol):
    def owners(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Funding module and Mitzeichnung id → id of the Vorlage that holds it, for the ids that exist."""
        ...


class SignatureRepository(Protocol):
    """Personal signatures (``uow.signatures``): append-only; the program never updates or deletes one."""

    def add(self, record: SignatureRecord) -> None: ...

    def list(self, paper_id: uuid.UUID | None = None) -> list[SignatureRecord]:
        """All signatures (of one Vorlage, if given), oldest checkpoint first."""
        ...


class ReleasedDocumentRepository(Protocol):
    """The signed PDFs of released or decided Vorlagen (``uow.released_documents``); append-only."""

    def add(self, document: ReleasedDocument) -> None: ...

    def latest(self, paper_id: uuid.UUID) -> ReleasedDocument | None:
        """The newest signed PDF of the Vorlage, or None if it has none."""
        ...

    def find(self, sha256: str) -> ReleasedDocument | None:
        """The stored signed PDF with this SHA-256, or None."""
        ...


class PaperVersionRepository(Protocol):
    """The Fassungen of the Vorlagen (``uow.versions``): only added — except that the newest version, if
    it is a clerk's save, may be replaced by a later save of the same day (services.versions decides)."""

    def list(self, paper_id: uuid.UUID) -> list[VersionInfo]:
        """The versions of a Vorlage, oldest (number 1) first, without their states."""
        ...

    def last(self, paper_id: uuid.UUID) -> VersionInfo | None:
        """The newest version, or None if the Vorlage has none."""
        ...

    def get(self, paper_id: uuid.UUID, number: int) -> PaperVersion:
        """The version with its state; NotFoundError naming the number if there is none."""
        ...

    def add(self, version: PaperVersion) -> None:
        """Append ``version`` (its number must be the next one of its Vorlage)."""
        ...

    def replace(self, version: PaperVersion) -> None:
        """Overwrite the stored save-version of the same number (the same-day compaction)."""
        ...


class UnitOfWork(Protocol):
    """One action's transaction: commit makes all of it durable, leaving without commit none of it."""

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

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def read_only(self) -> None:
        """The rest of this unit of work only reads, all of it one state of the database.

        For short reads (a list page, a search, opening a Vorlage): on SQLite it holds the read lock
        until the unit of work ends, so other programs' commits wait for it; it must not commit.
        """
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class PdfRenderer(Protocol):
    """Renders a Vorlage to PDF bytes (implemented in ``pdf``)."""

    def render_paper(
        self, paper: Paper, office: Office, *, attachments: Sequence[str] = (), version_mark: str = ""
    ) -> bytes:
        """``attachments``: the names of the Vorlage's Anlagen, for the profile's Anlagen section;
        ``version_mark``: printed on every page of a Fassung from the history."""
        ...


__all__: Sequence[str] = [
    "AttachmentRepository",
    "AuditLog",
    "ChildIdRepository",
    "MeetingRepository",
    "OfficeRepository",
    "OrganizationRepository",
    "PaperQuery",
    "PaperRepository",
    "PaperSummary",
    "PaperVersionRepository",
    "PdfRenderer",
    "PersonRepository",
    "ReleasedDocumentRepository",
    "SettingsRepository",
    "SignatureRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
]
