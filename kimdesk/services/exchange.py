"""JSON exchange of Vorlagen with their master data: export, and all-or-nothing import."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from decimal import InvalidOperation
from functools import lru_cache
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
from kimdesk.domain.masterdata import Office, Organization, Person, format_reference
from kimdesk.domain.model import FundingModule, Paper, PaperStatus, SignOff
from kimdesk.domain.office_codec import office_from_data, office_to_data
from kimdesk.l10n.formatting import format_datetime
from kimdesk.resources import resource_path
from kimdesk.services import exchange_files
from kimdesk.services.exchange_guard import (
    json_path,
    read_document,
    semantic_problems,
    short,
    structure_problems,
)
from kimdesk.services.exchange_report import ImportReport, keep_known, recorded_kinds, unknown_fields
from kimdesk.services.exchange_versions import export_versions, import_versions, version_problems
from kimdesk.services.files import write_atomically
from kimdesk.services.form_profiles import profile_problems
from kimdesk.services.papers import current_user, keep_workflow_fields
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signoff import record_event

FORMAT = "kimdesk-exchange"
#: Written by the export; version 1 files (no Aktenzeichen, Bezugsvorlagen …, nothing unknown) still import.
VERSION = 2
SCHEMA_FILES = {1: "kimdesk-exchange-1.schema.json", 2: "kimdesk-exchange-2.schema.json"}


def _validator(document: Any) -> Any:
    """The validator of the document's version (an unknown version: the current one names the problem)."""
    version = document.get("version") if isinstance(document, dict) else None
    return _schema_validator(version if version in SCHEMA_FILES else VERSION)


@lru_cache(maxsize=2)
def _schema_validator(version: int) -> Any:
    from jsonschema import Draft202012Validator, validators
    from jsonschema import ValidationError as SchemaError

    def whole_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
        # JSON Schema means ECMA-262 "$" (the very end); Python's "$" also matches before a final "\n".
        if isinstance(instance, str) and not re.search(pattern.removesuffix("$") + r"\Z", instance):
            yield SchemaError(f"{instance!r} does not match {pattern!r}")

    schema = json.loads(resource_path("schema", SCHEMA_FILES[version]).read_text(encoding="utf-8"))
    strict = validators.extend(Draft202012Validator, {"pattern": whole_pattern})
    return strict(schema)


def build_document(
    papers: list[Paper],
    organizations: list[Organization],
    persons: list[Person],
    office: Office | None = None,
) -> dict[str, Any]:
    """The exchange document; sorted so that the same data always gives the same file."""
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
    """All Vorlagen and all master data, or the named Vorlagen with the master data they use."""
    with uow_factory() as uow:
        if references:
            papers = [uow.papers.get_by_reference(ref) for ref in references]
            organizations: dict[uuid.UUID, Organization] = {}
            persons: dict[uuid.UUID, Person] = {}
            for paper in papers:
                if paper.lead_department:
                    organizations[paper.lead_department.id] = paper.lead_department
                for c in paper.consultations:
                    if c.committee:
                        organizations[c.committee.id] = c.committee
                    if c.rapporteur:
                        persons[c.rapporteur.id] = c.rapporteur
            office = uow.office.get()
            return build_document(papers, list(organizations.values()), list(persons.values()), office)
        papers = [uow.papers.get(pid) for pid in uow.papers.all_ids()]
        return build_document(papers, uow.organizations.list(), uow.persons.list(), uow.office.get())


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_file(uow_factory: UnitOfWorkFactory, path: Path, references: list[str] | None = None) -> int:
    """Write the exchange file, its Anlagen as files beside it (see ``exchange_files``); returns the
    number of Vorlagen written."""
    document = export_document(uow_factory, references)
    paper_ids = [uuid.UUID(p["id"]) for p in document["papers"]]
    attachments = exchange_files.export_attachments(uow_factory, paper_ids, path)
    if attachments:
        document["attachments"] = attachments
    with uow_factory() as uow:
        versions = export_versions(uow, paper_ids)
    if versions:
        document["versions"] = versions
    write_atomically(path, dumps(document).encode("utf-8"), what="Exportdatei")
    return len(document["papers"])


def _german(error: Any) -> str:
    v = error.validator
    if v == "required":
        missing = [m for m in error.validator_value if m not in error.instance]
        return f"Pflichtfeld fehlt: {', '.join(missing)}"
    if v == "type":
        return f"falscher Typ (erwartet: {error.validator_value})"
    if v in ("enum", "const"):
        allowed = error.validator_value if v == "enum" else [error.validator_value]
        return f"ungültiger Wert {short(error.instance)} (erlaubt: {', '.join(map(str, allowed))})"
    if v == "pattern":
        hint = error.schema.get("description")
        return f"ungültiges Format: {short(error.instance)}" + (f" – {hint}" if hint else "")
    if v == "maxLength":
        return f"ist zu lang: {len(error.instance)} Zeichen, höchstens {error.validator_value}"
    if v == "maxItems":
        return f"zu viele Einträge: {len(error.instance)}, höchstens {error.validator_value}"
    if v == "additionalProperties":
        return f"unbekanntes Feld: {error.message.split(chr(39))[1] if chr(39) in error.message else ''}"
    if v == "propertyNames":
        return f"unbekannter Schlüssel {short(error.instance)}"
    if v == "minLength":
        return "darf nicht leer sein"
    if v in ("minimum", "maximum"):
        return f"Wert {short(error.instance)} außerhalb des erlaubten Bereichs ({error.validator_value})"
    return f"ungültiger Wert {short(error.instance)}"


def check_document(document: Any) -> list[Problem]:
    """Every problem of an exchange document, each with its JSON path; empty when it can be imported."""
    problems = structure_problems(document)
    if problems:
        return problems
    errors = sorted(_validator(document).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    problems = [Problem(json_path(e.absolute_path), _german(e)) for e in errors[:100]]
    if problems:
        return problems
    problems = semantic_problems(document) + office_problems(document.get("office"))
    problems += version_problems(document)
    org_ids = {o["id"] for o in document["organizations"]}
    person_ids = {p["id"] for p in document["persons"]}
    seen_refs: dict[str, int] = {}
    seen_ids: set[str] = set()
    for i, paper in enumerate(document["papers"]):
        where = f"$.papers[{i}]"
        if paper["reference"] in seen_refs:
            problems.append(
                Problem(
                    f"{where}.reference",
                    f"Vorlage Nr. {paper['reference']} kommt doppelt vor "
                    f"(auch $.papers[{seen_refs[paper['reference']]}])",
                )
            )
        seen_refs.setdefault(paper["reference"], i)
        if paper["id"] in seen_ids:
            problems.append(Problem(f"{where}.id", "Kennung kommt doppelt vor"))
        seen_ids.add(paper["id"])
        if paper.get("leadDepartment") and paper["leadDepartment"] not in org_ids:
            problems.append(Problem(f"{where}.leadDepartment", "unbekanntes Amt (nicht in organizations)"))
        for j, c in enumerate(paper.get("consultations", [])):
            if c.get("committee") and c["committee"] not in org_ids:
                problems.append(Problem(f"{where}.consultations[{j}].committee", "unbekanntes Gremium"))
            if c.get("rapporteur") and c["rapporteur"] not in person_ids:
                problems.append(Problem(f"{where}.consultations[{j}].rapporteur", "unbekannte Person"))
        for j, module in enumerate(paper.get("fundingModules", [])):
            if (module["endYear"], module.get("endMonth", 12)) < (
                module["startYear"],
                module.get("startMonth", 1),
            ):
                problems.append(Problem(f"{where}.fundingModules[{j}].endYear", "Ende liegt vor dem Beginn"))
        try:
            paper_from_data(
                paper,
                {uuid.UUID(o["id"]): organization_from_data(o) for o in document["organizations"]},
                {uuid.UUID(p["id"]): person_from_data(p) for p in document["persons"]},
            )
        except (ValueError, KeyError, InvalidOperation, OverflowError):
            problems.append(Problem(where, "nicht lesbar – ein Wert liegt außerhalb des Gültigen"))
    return problems


def office_problems(office: Any) -> list[Problem]:
    """The office part (optional): a usable numbering format and a valid form profile."""
    if office is None:
        return []
    problems = [
        Problem(f"$.office.formProfile{p.field.removeprefix('$')}", p.message)
        for p in profile_problems(office["formProfile"])
    ]
    try:
        format_reference(office["numberingFormat"], 2026, 1)
    except (KeyError, ValueError, IndexError):
        problems.append(
            Problem("$.office.numberingFormat", "Nummernformat ungültig (erlaubt: {yy}, {yyyy}, {n})")
        )
    return problems


def import_document(uow_factory: UnitOfWorkFactory, document: Any, base: Path | None = None) -> ImportReport:
    """Check everything first, then write everything in one transaction — or nothing. ``base``: the
    folder of the exchange file, where its Anlagen are (see ``exchange_files``)."""
    problems = check_document(document)
    if not problems:
        problems = exchange_files.check_attachments(document, base)
    if problems:
        raise ValidationError(
            f"Import abgebrochen, nichts wurde geändert – {len(problems)} Problem(e):", problems
        )
    organizations = {uuid.UUID(o["id"]): organization_from_data(o) for o in document["organizations"]}
    persons = {uuid.UUID(p["id"]): person_from_data(p) for p in document["persons"]}
    papers = [paper_from_data(p, organizations, persons) for p in document["papers"]]
    no_status = {p["reference"] for p in document["papers"] if p.get("status") is None}
    added: list[str] = []
    updated: list[str] = []
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
        recorded_kinds(organizations.values(), papers)  # else as the file uses it
        for org in organizations.values():
            org.active = org.id not in inactive
            uow.organizations.save(org)
        for person in persons.values():
            person.active = person.id not in inactive
            uow.persons.save(person)  # a PIN stays as it is: credentials never travel in files
        if "office" in document:  # older files have no office part: the settings stay as they are
            uow.office.save(office_from_data(document["office"], uow.office.get()))
        existing_ids = set(uow.papers.all_ids())
        _renew_foreign_child_ids(uow, papers)
        arrived: list[tuple[Paper, PaperStatus]] = []
        for index, paper in enumerate(papers):
            where = f"$.papers[{index}]"
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
                updated.append(paper.reference)
            else:
                claimed = _demote_unsigned(paper)
                uow.papers.add(paper)
                added.append(paper.reference)
                if claimed is not None:
                    arrived.append((paper, claimed))
        now = utcnow()
        for paper, claimed in arrived:
            details = {"import": "kimdesk-exchange", "claimedStatus": claimed.value}
            record_event(uow, paper, AuditAction.OTHER, now=now, details=details)
        exchange_files.import_attachments(uow, document, base)
        import_versions(uow, document, papers, who=current_user())
        uow.commit()
    demoted = [paper.reference for paper, _claimed in arrived]
    unknown = [reference for reference in added if reference in no_status]
    fields = {p.reference: unknown_fields(p) for p in papers if unknown_fields(p)}
    kinds = sorted(o.name for o in organizations.values() if o.kind is None)
    return ImportReport(added, updated, len(organizations), len(persons), demoted, unknown, fields, kinds)


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


def import_file(uow_factory: UnitOfWorkFactory, path: Path) -> ImportReport:
    return import_document(uow_factory, read_document(path), path.parent)
