"""Checking an exchange document before anything is written, one entry at a time, each problem with its path.

First the small parts (format, version, organizations, persons, office) as one skeleton document whose long
arrays are empty, then every entry of ``papers``, ``attachments`` and ``versions`` against its part of the
schema and the rules beyond it. What the check keeps across entries is index data only (ids, numbers, the
kinds an organization is used as), so a file of a million Vorlagen is checked in bounded memory.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from kimdesk.domain import limits
from kimdesk.domain.codec import organization_from_data, paper_from_data, person_from_data
from kimdesk.domain.errors import Problem
from kimdesk.domain.masterdata import Organization, OrganizationKind, Person, format_reference
from kimdesk.l10n.i18n import _
from kimdesk.resources import resource_path
from kimdesk.services import exchange_files
from kimdesk.services.exchange_guard import json_path, paper_problems, short, structure_problems
from kimdesk.services.exchange_reader import LONG_ARRAYS, Source
from kimdesk.services.exchange_versions import version_problems
from kimdesk.services.form_profiles import profile_problems

#: Written by the export; version 1 files (no Aktenzeichen, Bezugsvorlagen …, nothing unknown) still import.
VERSION = 2
SCHEMA_FILES = {1: "kimdesk-exchange-1.schema.json", 2: "kimdesk-exchange-2.schema.json"}
#: More problems than this are not looked for: nothing is imported anyway.
MAX_PROBLEMS = 100
_COUNTED = {"$.papers", "$.attachments", "$.versions"}


def _maxima() -> dict[str, int]:
    return {
        "papers": limits.MAX_PAPERS,
        "attachments": limits.MAX_ATTACHMENTS,
        "versions": limits.MAX_VERSIONS,
    }


@dataclass
class Checked:
    """What the import needs from the check: the small parts and index data per entry."""

    head: dict[str, Any] = field(default_factory=dict)
    #: The document when it is no object (then ``head`` is empty).
    other: list[Any] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    paper_ids: set[str] = field(default_factory=set)
    #: Vorlagen the file carries Fassungen of.
    versioned: set[str] = field(default_factory=set)
    #: How the file's Vorlagen use each organization (federführendes Amt, Gremium of a Beratungsfolge).
    used_as: dict[uuid.UUID, set[OrganizationKind]] = field(default_factory=dict)


def check_source(source: Source, base: Path | None) -> tuple[list[Problem], Checked]:
    """Every problem of the document (at most ``MAX_PROBLEMS``); none means it can be imported."""
    checked = _head(source)
    if checked.other:
        return _skeleton_problems(checked.other[0]), checked
    problems = _skeleton_problems(checked.head)
    maxima = _maxima()
    for key, count in checked.counts.items():
        if count > maxima[key]:
            problems.append(Problem(f"$.{key}", f"zu viele Einträge: {count}, höchstens {maxima[key]}"))
    if any(p.field in ("$", "$.format", "$.version") or p.field in _COUNTED for p in problems):
        return problems, checked
    # The entries' schema problems are reported with those of the rest; the rules beyond the schema
    # (which need valid master data) only when the schema finds nothing.
    semantic = not problems
    if semantic:
        problems = _master_problems(checked.head) + office_problems(checked.head.get("office"))
    entries = _Entries(checked, base, semantic=semantic)
    for part in source():
        if part.index is None or len(problems) >= MAX_PROBLEMS:
            continue
        problems.extend(entries.problems(part.key or "", part.index, part.value))
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], Problem("$", _("weitere Probleme nicht aufgeführt"))]
    return problems, checked


def _head(source: Source) -> Checked:
    """The small parts, the number of entries of each long array, and the ids of the Vorlagen."""
    checked = Checked()
    for part in source():
        if part.key is None:
            checked.other.append(part.value)
            continue
        if part.index is None:
            checked.head[part.key] = part.value
            if part.key in LONG_ARRAYS and part.value == []:
                checked.counts[part.key] = 0
            continue
        checked.counts[part.key] = part.index + 1
        entry = part.value
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and part.key == "papers":
            checked.paper_ids.add(entry["id"])
        if isinstance(entry, dict) and isinstance(entry.get("paper"), str) and part.key == "versions":
            checked.versioned.add(entry["paper"])
    return checked


def _skeleton_problems(document: Any) -> list[Problem]:
    problems = structure_problems(document)
    if problems:
        return problems
    errors = sorted(_validator(document).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [Problem(json_path(e.absolute_path), german(e)) for e in errors[:MAX_PROBLEMS]]


def _master_problems(document: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for section in ("organizations", "persons"):
        seen: dict[str, int] = {}
        for index, item in enumerate(document[section]):
            if item["id"] in seen:
                where = f"$.{section}[{seen[item['id']]}]"
                problems.append(
                    Problem(f"$.{section}[{index}].id", f"Kennung kommt doppelt vor (auch {where})")
                )
            seen.setdefault(item["id"], index)
    return problems


class _Entries:
    """The checks of single entries, with what they must know of the entries before."""

    def __init__(self, checked: Checked, base: Path | None, *, semantic: bool) -> None:
        head = checked.head
        self.checked = checked
        self.base = base
        self.semantic = semantic
        self.validator = _validator(head)
        self.schema = self.validator.schema
        self.organizations: dict[uuid.UUID, Organization] = {}
        self.persons: dict[uuid.UUID, Person] = {}
        if semantic:
            self.organizations = {
                uuid.UUID(o["id"]): organization_from_data(o) for o in head["organizations"]
            }
            self.persons = {uuid.UUID(p["id"]): person_from_data(p) for p in head["persons"]}
        self.org_ids = {str(i) for i in self.organizations}
        self.person_ids = {str(i) for i in self.persons}
        self.references: dict[str, int] = {}
        self.ids: set[str] = set()
        self.child_ids: dict[str, str] = {}
        self.version_numbers: set[tuple[str, int]] = set()

    def problems(self, key: str, index: int, entry: Any) -> list[Problem]:
        problems = structure_problems(entry, (key, index))
        if problems:
            return problems
        items = self.schema["properties"][key]["items"]
        errors = sorted(
            self.validator.descend(entry, items, path=index), key=lambda e: list(map(str, e.absolute_path))
        )
        if errors or not self.semantic:
            return [Problem(json_path([key, *e.absolute_path]), german(e)) for e in errors[:MAX_PROBLEMS]]
        where = f"$.{key}[{index}]"
        if key == "papers":
            return self._paper(entry, where, index)
        if key == "attachments":
            return exchange_files.attachment_problems(entry, where, self.checked.paper_ids, self.base)
        return version_problems(entry, where, self.checked.paper_ids, self.version_numbers)

    def _paper(self, paper: dict[str, Any], where: str, index: int) -> list[Problem]:
        problems = paper_problems(paper, where, self.child_ids)
        reference = paper["reference"]
        if reference in self.references:
            problems.append(
                Problem(
                    f"{where}.reference",
                    f"Vorlage Nr. {reference} kommt doppelt vor "
                    f"(auch $.papers[{self.references[reference]}])",
                )
            )
        self.references.setdefault(reference, index)
        if paper["id"] in self.ids:
            problems.append(Problem(f"{where}.id", "Kennung kommt doppelt vor"))
        self.ids.add(paper["id"])
        if paper.get("leadDepartment") and paper["leadDepartment"] not in self.org_ids:
            problems.append(Problem(f"{where}.leadDepartment", "unbekanntes Amt (nicht in organizations)"))
        for j, c in enumerate(paper.get("consultations", [])):
            if c.get("committee") and c["committee"] not in self.org_ids:
                problems.append(Problem(f"{where}.consultations[{j}].committee", "unbekanntes Gremium"))
            if c.get("rapporteur") and c["rapporteur"] not in self.person_ids:
                problems.append(Problem(f"{where}.consultations[{j}].rapporteur", "unbekannte Person"))
        for j, module in enumerate(paper.get("fundingModules", [])):
            if (module["endYear"], module.get("endMonth", 12)) < (
                module["startYear"],
                module.get("startMonth", 1),
            ):
                problems.append(Problem(f"{where}.fundingModules[{j}].endYear", "Ende liegt vor dem Beginn"))
        if problems:
            return problems
        try:
            paper_from_data(paper, self.organizations, self.persons)
        except (ValueError, KeyError, InvalidOperation, OverflowError):
            return [Problem(where, "nicht lesbar – ein Wert liegt außerhalb des Gültigen")]
        self._note_use(paper)
        return []

    def _note_use(self, paper: dict[str, Any]) -> None:
        used = self.checked.used_as
        if paper.get("leadDepartment"):
            used.setdefault(uuid.UUID(paper["leadDepartment"]), set()).add(OrganizationKind.DEPARTMENT)
        for c in paper.get("consultations", []):
            if c.get("committee"):
                used.setdefault(uuid.UUID(c["committee"]), set()).add(OrganizationKind.COMMITTEE)


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


def german(error: Any) -> str:
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
