"""JSON exchange of Vorlagen with their master data: export, and all-or-nothing import — any number of
Vorlagen in bounded memory (the file is written and read part by part: ``exchange_writer``,
``exchange_reader``; checked entry by entry before anything is written: ``exchange_check``)."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.codec import (
    organization_from_data,
    organization_to_data,
    paper_from_data,
    paper_to_data,
    person_from_data,
    person_to_data,
)
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import NotFoundError, Problem, ValidationError
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import FundingModule, Paper, PaperStatus, SignOff
from kimdesk.domain.office_codec import office_from_data, office_to_data
from kimdesk.l10n.formatting import format_datetime
from kimdesk.services import exchange_files, exchange_writer
from kimdesk.services.exchange_check import VERSION as VERSION
from kimdesk.services.exchange_check import Checked, check_source
from kimdesk.services.exchange_reader import Source, document_source, file_source
from kimdesk.services.exchange_report import ImportReport, keep_known, recorded_kinds, unknown_fields
from kimdesk.services.exchange_versions import VersionImport
from kimdesk.services.office import locked_with_renamed
from kimdesk.services.papers import current_user, keep_workflow_fields
from kimdesk.services.ports import PaperQuery, UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signoff import record_event

FORMAT = exchange_writer.FORMAT


def build_document(
    papers: list[Paper],
    organizations: list[Organization],
    persons: list[Person],
    office: Office | None = None,
) -> dict[str, Any]:
    """The exchange document of objects in memory; sorted so that the same data always gives the same file."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "organizations": [
            organization_to_data(o) for o in sorted(organizations, key=lambda o: (o.name, str(o.id)))
        ],
        "persons": [person_to_data(p) for p in sorted(persons, key=lambda p: (p.name, str(p.id)))],
        "papers": [paper_to_data(p) for p in sorted(papers, key=lambda p: (p.reference, str(p.id)))],
    }
    if office is not None:
        document["office"] = office_to_data(office)
    return document


def export_document(uow_factory: UnitOfWorkFactory, references: list[str] | None = None) -> dict[str, Any]:
    """All Vorlagen and all master data, or the named Vorlagen with the master data they use, as the
    export writes them (without Anlagen and Fassungen) — for small exports held in memory."""
    out = io.StringIO()
    exchange_writer.write_document(
        out, exchange_writer.Plan(uow_factory, references, exchange_writer.BATCH), None
    )
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_file(
    uow_factory: UnitOfWorkFactory,
    path: Path,
    references: list[str] | None = None,
    *,
    batch: int = exchange_writer.BATCH,
    query: PaperQuery | None = None,
) -> int:
    """Write the exchange file, its Anlagen as files beside it (see ``exchange_files``), reading ``batch``
    Vorlagen at a time; returns the number of Vorlagen written. ``references``: only these Vorlagen and
    the master data they name; ``query``: the Vorlagen the list shows with that filter, all master data."""
    return exchange_writer.export_file(uow_factory, path, references, batch, query)


def check_document(document: Any) -> list[Problem]:
    """Every problem of an exchange document, each with its JSON path; empty when it can be imported."""
    return check_source(document_source(document), None)[0]


@dataclass(frozen=True, slots=True)
class CheckedImport:
    """An exchange file or document that has passed every check; :func:`import_checked` writes it."""

    source: Source
    checked: Checked
    base: Path | None


def check_import(source: Source, base: Path | None) -> CheckedImport:
    """Check everything first (without the database); refused with every problem and its path."""
    problems, checked = check_source(source, base)
    if problems:
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert – {len(problems)} Problem(e):", problems
        )
    return CheckedImport(source, checked, base)


def check_file(path: Path) -> CheckedImport:
    return check_import(file_source(path), path.parent)


def import_document(uow_factory: UnitOfWorkFactory, document: Any, base: Path | None = None) -> ImportReport:
    """Check everything first, then write everything in one transaction — or nothing. ``base``: the
    folder of the exchange file, where its Anlagen are (see ``exchange_files``)."""
    return import_checked(uow_factory, check_import(document_source(document), base))


def import_file(uow_factory: UnitOfWorkFactory, path: Path) -> ImportReport:
    return import_checked(uow_factory, check_file(path))


def import_checked(uow_factory: UnitOfWorkFactory, prepared: CheckedImport) -> ImportReport:
    """Write a checked document in one transaction, entry by entry as the source gives them."""
    head = prepared.checked.head
    organizations = {uuid.UUID(o["id"]): organization_from_data(o) for o in head["organizations"]}
    persons = {uuid.UUID(p["id"]): person_from_data(p) for p in head["persons"]}
    report = _Report()
    # Vorlagen that arrive signed or past Entwurf get an audit entry, so ``kimdesk verify`` knows them.
    with uow_factory() as uow:
        uow.audit.lock()  # imported signatures are recorded in the chain, in order with everything else
        # The file does not say what this office deactivated: a deactivated record stays so.
        stored_organizations = {o.id: o for o in uow.organizations.list()}
        inactive = {o.id for o in stored_organizations.values() if not o.active}
        inactive |= {p.id for p in uow.persons.list() if not p.active}
        for org in organizations.values():  # a kind the file leaves out: as the database knows it
            if org.kind is None and org.id in stored_organizations:
                org.kind = stored_organizations[org.id].kind
        recorded_kinds(organizations.values(), prepared.checked.used_as)  # else as the file uses it
        kept = locked_with_renamed(uow, list(organizations.values()), list(persons.values()))
        for org in organizations.values():
            org.active = org.id not in inactive
            uow.organizations.save(org)
        for person in persons.values():
            person.active = person.id not in inactive
            uow.persons.save(person)  # a PIN stays as it is: credentials never travel in files
        if "office" in head:  # older files have no office part: the settings stay as they are
            uow.office.save(office_from_data(head["office"], uow.office.get()))
        existing_ids = set(uow.papers.all_ids())
        versions = VersionImport(uow, who=current_user())
        now = utcnow()
        for part in prepared.source():  # the Vorlagen first: Anlagen and Fassungen belong to them
            if part.key == "papers" and part.index is not None:
                paper = paper_from_data(part.value, organizations, persons)
                added = _import_paper(uow, paper, f"$.papers[{part.index}]", existing_ids, now, report)
                report.note(paper, added=added, no_status=part.value.get("status") is None)
                may_have = paper.id in existing_ids or str(paper.id) in prepared.checked.versioned
                versions.imported(paper, may_have_versions=may_have)
        for part in prepared.source():
            if part.index is None:
                continue
            if part.key == "attachments":
                exchange_files.import_attachment(uow, part.value, prepared.base)
            elif part.key == "versions" and part.value["paper"] in prepared.checked.paper_ids:
                versions.take(part.value)
        versions.finish()
        uow.commit()
    kinds = sorted(o.name for o in organizations.values() if o.kind is None)
    return ImportReport(
        report.added,
        report.updated,
        len(organizations),
        len(persons),
        report.demoted,
        report.unknown_status,
        report.fields,
        kinds,
        [r for r in kept if r not in report.updated],  # an updated one has the file's names now
    )


class _Report:
    """What the import did so far, by Vorlage Nr. (index data, not the Vorlagen)."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.updated: list[str] = []
        self.demoted: list[str] = []
        self.unknown_status: list[str] = []
        self.fields: dict[str, list[str]] = {}

    def note(self, paper: Paper, *, added: bool, no_status: bool) -> None:
        if added and no_status:
            self.unknown_status.append(paper.reference)
        fields = unknown_fields(paper)
        if fields:
            self.fields[paper.reference] = fields


def _import_paper(
    uow: UnitOfWork, paper: Paper, where: str, existing_ids: set[uuid.UUID], now: datetime, report: _Report
) -> bool:
    """Add or update one Vorlage of the file; True if it was added."""
    _renew_foreign_child_ids(uow, [paper])
    try:
        holder = uow.papers.get_by_reference(paper.reference)
    except NotFoundError:
        holder = None
    if holder is not None and holder.id != paper.id:
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert: {where}: Vorlage Nr. {paper.reference} ist "
            "in der Datenbank bereits eine andere Vorlage."
        )
    if paper.id in existing_ids:
        stored = uow.papers.get(paper.id)
        _refuse_overwrite(where, stored, paper)
        # An existing Vorlage takes only content from a file; its state and Mitzeichnungen change
        # through the workflow alone.
        keep_workflow_fields(paper, stored)
        keep_known(paper, stored)
        paper.version = stored.version
        uow.papers.update(paper)
        report.updated.append(paper.reference)
        return False
    claimed = _demote_unsigned(paper)
    uow.papers.add(paper)
    report.added.append(paper.reference)
    if claimed is not None:
        details = {"import": "kimdesk-exchange", "claimedStatus": claimed.value}
        record_event(uow, paper, AuditAction.OTHER, now=now, details=details)
        report.demoted.append(paper.reference)
    return True


def _demote_unsigned(paper: Paper) -> PaperStatus | None:
    """A new Vorlage past Entwurf (or with Mitzeichnungen/Beschlussvermerk) becomes an Entwurf.

    The exchange file carries no personal signatures, so none can be checked against the office key; the
    state it claims is not taken (docs/SECURITY.md). Returns the claimed state, None if it was a plain draft.
    """
    if paper.status is PaperStatus.DRAFT and not paper.sign_offs and not paper.resolution_record:
        return None
    claimed = paper.status
    paper.status = PaperStatus.DRAFT
    paper.sign_offs = []
    paper.resolution_record = []
    return claimed


def _renew_foreign_child_ids(uow: UnitOfWork, papers: list[Paper]) -> None:
    """A module or Mitzeichnung whose id another Vorlage of the database holds gets a new id.

    An office that copies an exchange file to start a new Vorlage keeps the copied rows' ids; they are
    internal and named nowhere else, so the copy simply gets its own.
    """
    ids = [c.id for p in papers for c in p.funding_modules] + [c.id for p in papers for c in p.sign_offs]
    owners = uow.child_ids.owners(ids)
    for paper in papers:
        mine: list[FundingModule | SignOff] = [*paper.funding_modules, *paper.sign_offs]
        for child in mine:
            if owners.get(child.id, paper.id) != paper.id:
                child.id = uuid.uuid4()


def _refuse_overwrite(where: str, stored: Paper, incoming: Paper) -> None:
    """An import never changes a Vorlage past Entwurf, nor newer work with an older file."""
    if stored.is_locked:
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert: {where}: Vorlage Nr. {stored.reference} ist "
            f"„{stored.status.label}“ und kann durch einen Import nicht geändert werden."
        )
    if stored.modified_at is None:  # not known in the database either: nothing says the file is older
        return
    if incoming.modified_at is None:
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert: {where}: Vorlage Nr. {stored.reference} wurde "
            f"in der Datenbank am {format_datetime(stored.modified_at)} geändert; die Datei nennt keinen "
            "Änderungszeitpunkt (modified), also kann sie eine ältere Fassung sein."
        )
    if stored.modified_at > incoming.modified_at:
        who = stored.modified_by or "unbekannt"
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert: {where}: Vorlage Nr. {stored.reference} wurde "
            f"in der Datenbank zuletzt am {format_datetime(stored.modified_at)} von {who} geändert – "
            "nach dem Stand der Datei. Eine ältere Fassung überschreibt keine neuere."
        )
