"""An in-memory unit of work with an audit log, for service tests without a database."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.audit import AuditEntry, seal
from kimdesk.domain.errors import ConflictError, NotFoundError
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import Paper
from kimdesk.domain.signature import SignatureRecord
from kimdesk.domain.versions import PaperVersion, VersionInfo
from kimdesk.services.ports import PaperQuery, PaperSummary


class Store:
    """What the fake "database" holds; each unit of work works on a deep copy."""

    def __init__(self) -> None:
        self.papers: dict[uuid.UUID, Paper] = {}
        self.persons: dict[uuid.UUID, Person] = {}
        self.organizations: dict[uuid.UUID, Organization] = {}
        self.office = Office()
        self.audit: list[AuditEntry] = []
        self.head: tuple[int, str] | None = None
        self.settings: dict[str, Any] = {}
        self.signatures: list[SignatureRecord] = []
        self.versions: dict[tuple[uuid.UUID, int], PaperVersion] = {}


class FakePapers:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def get(self, paper_id: uuid.UUID) -> Paper:
        if paper_id not in self.uow.data.papers:
            raise NotFoundError(f"Vorlage {paper_id} gibt es nicht.")
        return self.uow.data.papers[paper_id]

    def get_by_reference(self, reference: str) -> Paper:
        for paper in self.uow.data.papers.values():
            if paper.reference == reference:
                return paper
        raise NotFoundError(f"Vorlage {reference} gibt es nicht.")

    def add(self, paper: Paper) -> None:
        paper.version = 1
        self.uow.data.papers[paper.id] = copy.deepcopy(paper)

    def update(self, paper: Paper) -> None:
        stored = self.uow.store.papers.get(paper.id)
        if stored is None or stored.version != paper.version:
            raise ConflictError("Vorlage wurde zwischenzeitlich geändert.")
        paper.version += 1
        self.uow.data.papers[paper.id] = copy.deepcopy(paper)

    def delete(self, paper_id: uuid.UUID) -> None:
        del self.uow.data.papers[paper_id]

    def all_ids(self) -> list[uuid.UUID]:
        return list(self.uow.data.papers)

    def numbers(self) -> list[tuple[str, uuid.UUID]]:
        return [(p.reference, p.id) for p in self.uow.data.papers.values()]

    def locked_naming(self, org_ids: set[uuid.UUID], person_ids: set[uuid.UUID]) -> list[str]:
        def names(p: Paper) -> bool:
            orgs = {c.committee.id for c in p.consultations if c.committee}
            if p.lead_department:
                orgs.add(p.lead_department.id)
            people = {c.rapporteur.id for c in p.consultations if c.rapporteur}
            return bool(orgs & org_ids or people & person_ids)

        found = [p.reference for p in self.uow.data.papers.values() if p.is_locked and names(p)]
        return sorted(found, reverse=True)

    def query(self, query: PaperQuery) -> list[PaperSummary]:
        return [
            PaperSummary(p.id, p.reference, p.title, "", "", None, p.status, p.modified_at)
            for p in sorted(self.uow.data.papers.values(), key=lambda p: p.reference, reverse=True)
        ]


class FakePersons:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def list(self) -> list[Person]:
        return list(self.uow.data.persons.values())

    def get(self, person_id: uuid.UUID) -> Person:
        return self.uow.data.persons[person_id]

    def find(self, name: str) -> Person | None:
        for person in self.uow.data.persons.values():
            if person.name.casefold() == name.casefold():
                return person
        return None

    def save(self, person: Person) -> None:
        stored = self.uow.data.persons.get(person.id)
        saved = copy.deepcopy(person)
        saved.pin_hash = stored.pin_hash if stored is not None else person.pin_hash
        self.uow.data.persons[person.id] = saved

    def set_pin_hash(self, person_id: uuid.UUID, pin_hash: str | None) -> None:
        self.uow.data.persons[person_id].pin_hash = pin_hash


class FakeOffice:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def get(self) -> Office:
        return self.uow.data.office

    def save(self, office: Office) -> None:
        self.uow.data.office = copy.deepcopy(office)


class FakeAudit:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def lock(self) -> None:
        self.uow.locked = True

    def append(self, entry: AuditEntry) -> AuditEntry:
        sealed = seal(entry, self.last())
        self.uow.data.audit.append(sealed)
        self.uow.data.head = (sealed.seq, sealed.entry_hash)
        return sealed

    def entries(self, paper_id: uuid.UUID | None = None) -> list[AuditEntry]:
        return [e for e in self.uow.data.audit if paper_id is None or e.paper_id == paper_id]

    def last(self) -> AuditEntry | None:
        return self.uow.data.audit[-1] if self.uow.data.audit else None

    def head(self) -> tuple[int, str] | None:
        return self.uow.data.head


class FakeSettings:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def get(self, key: str) -> Any:
        return copy.deepcopy(self.uow.data.settings.get(key))

    def put(self, key: str, value: Any) -> None:
        self.uow.data.settings[key] = copy.deepcopy(value)

    def delete(self, key: str) -> None:
        self.uow.data.settings.pop(key, None)

    def keys(self, prefix: str) -> list[str]:
        return sorted(k for k in self.uow.data.settings if k.startswith(prefix))


class FakeSignatures:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def add(self, record: SignatureRecord) -> None:
        self.uow.data.signatures.append(record)

    def list(self, paper_id: uuid.UUID | None = None) -> list[SignatureRecord]:
        found = [r for r in self.uow.data.signatures if paper_id is None or r.paper_id == paper_id]
        return sorted(found, key=lambda r: (r.checkpoint.seq, r.at))


class FakeAttachments:
    """The sign-off tests have no Anlagen."""

    def list(self, paper_id: uuid.UUID) -> list[Attachment]:
        return []


class FakeVersions:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def list(self, paper_id: uuid.UUID) -> list[VersionInfo]:
        kept = self.uow.data.versions
        return [kept[k].info for k in sorted(kept) if k[0] == paper_id]

    def last(self, paper_id: uuid.UUID) -> VersionInfo | None:
        found = self.list(paper_id)
        return found[-1] if found else None

    def get(self, paper_id: uuid.UUID, number: int) -> PaperVersion:
        try:
            return copy.deepcopy(self.uow.data.versions[(paper_id, number)])
        except KeyError:
            raise NotFoundError(f"Fassung {number}") from None

    def add(self, version: PaperVersion) -> None:
        self.uow.data.versions[(version.info.paper_id, version.info.number)] = copy.deepcopy(version)

    def replace(self, version: PaperVersion) -> None:
        self.add(version)


class FakeUnitOfWork:
    """Works on a deep copy of the store; only commit writes it back."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.data = store
        self.locked = False
        self.papers = FakePapers(self)
        self.persons = FakePersons(self)
        self.office = FakeOffice(self)
        self.audit = FakeAudit(self)
        self.settings = FakeSettings(self)
        self.signatures = FakeSignatures(self)
        self.attachments = FakeAttachments()
        self.versions = FakeVersions(self)

    def __enter__(self) -> Self:
        self.data = copy.deepcopy(self.store)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.data = self.store

    def commit(self) -> None:
        self.store.__dict__.update(copy.deepcopy(self.data.__dict__))

    def rollback(self) -> None:
        self.data = copy.deepcopy(self.store)

    def read_only(self) -> None:
        pass


def factory(store: Store) -> Callable[[], FakeUnitOfWork]:
    return lambda: FakeUnitOfWork(store)
