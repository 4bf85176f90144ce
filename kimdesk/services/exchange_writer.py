"""Writing an exchange file as it is read from the database: Vorlagen in batches, never all at once.

The text is exactly ``json.dumps(document, ensure_ascii=False, indent=2)`` of the whole document (sorted:
master data by name, Vorlagen by number), written part by part: each entry is dumped alone and indented
to its place. An export that the import would refuse (more Vorlagen than ``MAX_PAPERS``, an entry larger
than ``MAX_ENTRY_BYTES``, a file larger than ``MAX_FILE_BYTES``) stops before the file is in place.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from kimdesk.domain import limits
from kimdesk.domain.codec import organization_to_data, paper_to_data, person_to_data
from kimdesk.domain.errors import NotFoundError, ValidationError
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.office_codec import office_to_data
from kimdesk.domain.signature import named_by
from kimdesk.l10n.i18n import _
from kimdesk.services import exchange_files
from kimdesk.services.exchange_check import VERSION
from kimdesk.services.exchange_versions import export_versions
from kimdesk.services.files import write_file_atomically
from kimdesk.services.ports import PaperQuery, UnitOfWork, UnitOfWorkFactory

FORMAT = "kimdesk-exchange"
_NONE = object()
#: Vorlagen read from the database per unit of work.
BATCH = 200


class Plan:
    """What one export writes: the Vorlagen's ids in file order, in batches, with the master data."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        references: list[str] | None,
        batch: int,
        query: PaperQuery | None = None,
    ) -> None:
        with uow_factory() as uow:
            if query is None and references:
                papers = [uow.papers.get_by_reference(ref) for ref in references]
                numbers = [(p.reference, p.id) for p in papers]
                # The master data as it is now (a Vorlage past Entwurf holds copies under the names it
                # keeps; the file's master data would rename them back in the office that imports it).
                known_orgs = {o.id: o for o in uow.organizations.list()}
                known_persons = {p.id: p for p in uow.persons.list()}
                organizations: dict[uuid.UUID, Organization] = {}
                persons: dict[uuid.UUID, Person] = {}
                for paper in papers:
                    named_orgs, named_persons = named_by(paper)
                    organizations.update((i, known_orgs.get(i, o)) for i, o in named_orgs.items())
                    persons.update((i, known_persons.get(i, p)) for i, p in named_persons.items())
                self.organizations = list(organizations.values())
                self.persons = list(persons.values())
            else:  # all Vorlagen, or those the list shows with its filter; all the master data
                if query is None:
                    numbers = uow.papers.numbers()
                else:
                    shown = uow.papers.query(replace(query, offset=0, limit=None))
                    numbers = [(summary.reference, summary.id) for summary in shown]
                self.organizations = uow.organizations.list()
                self.persons = uow.persons.list()
            self.office = uow.office.get()
        if len(numbers) > limits.MAX_PAPERS:
            raise ValidationError(
                _(
                    "Export abgebrochen, keine Datei geschrieben: {count} Vorlagen – eine Austauschdatei "
                    "fasst höchstens {limit}."
                ).format(count=limits.grouped(len(numbers)), limit=limits.grouped(limits.MAX_PAPERS))
            )
        ids = [paper_id for _reference, paper_id in sorted(set(numbers), key=lambda n: (n[0], str(n[1])))]
        self.batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
        self.uow_factory = uow_factory

    def each(self, read: Callable[[UnitOfWork, list[uuid.UUID]], Iterable[Any]]) -> Iterator[Any]:
        """What ``read`` gives for each batch, each batch in a unit of work of its own."""
        for batch in self.batches:
            with self.uow_factory() as uow:
                yield from list(read(uow, batch))

    def present_papers(self, uow: UnitOfWork, ids: list[uuid.UUID]) -> Iterator[dict[str, Any]]:
        """The Vorlagen of ``ids`` as data; one deleted since the export began is left out.

        The Ämter, Gremien and Personen were read when the export began; a Vorlage saved since with one
        made later would give a file its import refuses, so the export stops without a file instead.
        """
        known = {str(o.id) for o in self.organizations} | {str(p.id) for p in self.persons}
        for paper_id in ids:
            try:
                data = paper_to_data(uow.papers.get(paper_id))
            except NotFoundError:
                continue
            used = [data.get("leadDepartment")] + [
                c.get(key) for c in data.get("consultations", []) for key in ("committee", "rapporteur")
            ]
            if any(ref and ref not in known for ref in used):
                raise ValidationError(
                    _(
                        "Export abgebrochen, keine Datei geschrieben: Vorlage {reference} wurde während des "
                        "Exports mit einem neu angelegten Amt, Gremium oder einer neuen Person gespeichert. "
                        "Bitte den Export wiederholen."
                    ).format(reference=data["reference"])
                )
            yield data


class DocumentWriter:
    """Writes the document's fields one after the other into ``out``, each as ``json.dumps`` would."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.written = 0
        self.fields = 0
        self._put("{")

    def value(self, key: str, value: Any) -> None:
        self._key(key)
        self._put(_dumped(value, "  ", key))

    def entries(self, key: str, entries: Iterable[Any], *, omit_empty: bool = False) -> int:
        """A list field from ``entries`` as they come (left out if there are none and ``omit_empty``);
        returns their number."""
        pending = iter(entries)
        first = next(pending, _NONE)
        if first is _NONE and omit_empty:
            return 0
        self._key(key)
        count = 0
        for entry in pending if first is _NONE else itertools.chain((first,), pending):
            self._put(("[\n    " if not count else ",\n    ") + _dumped(entry, "    ", key))
            count += 1
        self._put("\n  ]" if count else "[]")
        return count

    def close(self) -> None:
        self._put("\n}\n" if self.fields else "}\n")

    def _key(self, key: str) -> None:
        self._put(("\n  " if not self.fields else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": ")
        self.fields += 1

    def _put(self, text: str) -> None:
        self.written += len(text)
        if self.written > limits.MAX_FILE_BYTES:  # characters: at most the bytes; checked again below
            raise _too_large(_("Die Exportdatei"), limits.MAX_FILE_BYTES)
        self.out.write(text)


def _dumped(value: Any, indent: str, key: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if len(text) > limits.MAX_ENTRY_BYTES // 4 and len(text.encode("utf-8")) > limits.MAX_ENTRY_BYTES:
        if key == "papers":
            what = _("Vorlage Nr. {number}").format(number=value["reference"])
        else:
            what = _("Ein Eintrag von „{part}“").format(part=key)
        raise _too_large(what, limits.MAX_ENTRY_BYTES)
    return text.replace("\n", "\n" + indent)


def _too_large(what: str, limit: int) -> ValidationError:
    size = f"{limit // 2**30} GB" if limit >= 2**30 else f"{limit // 2**20} MB"
    return ValidationError(
        _(
            "Export abgebrochen, keine Datei geschrieben: {what} wäre größer als {size}, mehr als eine "
            "Austauschdatei fassen darf."
        ).format(what=what, size=size)
    )


def write_document(out: IO[str], plan: Plan, path: Path | None) -> int:
    """The whole document into ``out``; with ``path`` (a file export) also the Anlagen's entries and the
    Fassungen. Returns the number of Vorlagen written."""
    writer = DocumentWriter(out)
    writer.value("format", FORMAT)
    writer.value("version", VERSION)
    organizations = sorted(plan.organizations, key=lambda o: (o.name, str(o.id)))
    writer.value("organizations", [organization_to_data(o) for o in organizations])
    writer.value(
        "persons", [person_to_data(p) for p in sorted(plan.persons, key=lambda p: (p.name, str(p.id)))]
    )
    count = writer.entries("papers", plan.each(plan.present_papers))
    writer.value("office", office_to_data(plan.office))
    if path is not None and exchange_files.export_attachments(plan.uow_factory, plan.batches, path):
        entries = plan.each(lambda uow, ids: exchange_files.attachment_entries(uow, ids, path))
        writer.entries("attachments", entries, omit_empty=True)
    if path is not None:
        writer.entries("versions", plan.each(export_versions), omit_empty=True)
    writer.close()
    return count


def export_file(
    uow_factory: UnitOfWorkFactory,
    path: Path,
    references: list[str] | None,
    batch: int,
    query: PaperQuery | None = None,
) -> int:
    plan = Plan(uow_factory, references, batch, query)
    count = 0

    def fill(temp: Path) -> None:
        nonlocal count
        with temp.open("w", encoding="utf-8", newline="\n") as out:
            count = write_document(out, plan, path)
            if out.tell() > limits.MAX_FILE_BYTES:
                raise _too_large(_("Die Exportdatei"), limits.MAX_FILE_BYTES)

    write_file_atomically(path, fill, what="Exportdatei")
    return count
