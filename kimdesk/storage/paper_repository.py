"""The Vorlagen repository: save/load with optimistic locking and yearly numbering (list: paper_listing)."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, case, delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kimdesk.domain.errors import ConflictError, NotFoundError
from kimdesk.domain.masterdata import Office, format_reference
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.numbering import list_sort_key, parse_reference, reference_year
from kimdesk.domain.signature import named_by
from kimdesk.domain.timezone import BERLIN
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.storage import mapping, office_mapping
from kimdesk.storage.models import (
    ConsultationRow,
    FinanceCellRow,
    FundingModuleRow,
    OfficeRow,
    OrganizationRow,
    PaperRow,
    PersonRow,
    ReferenceCounterRow,
    RelatedPaperRow,
    ResolutionEntryRow,
    SeriesCounterRow,
    SignOffRow,
)
from kimdesk.storage.paper_listing import PaperListing
from kimdesk.storage.sql import dialect_insert, insert_missing

_CHILD_TABLES = (
    RelatedPaperRow,
    ConsultationRow,
    FinanceCellRow,
    FundingModuleRow,
    SignOffRow,
    ResolutionEntryRow,
)


class SqlPaperRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._listing = PaperListing(session)

    # --- load ----------------------------------------------------------------------------------

    def get(self, paper_id: uuid.UUID) -> Paper:
        row = self._load(PaperRow.id == paper_id)
        if row is None:
            raise NotFoundError(f"Die Vorlage mit der Kennung {paper_id} gibt es nicht (mehr).")
        return mapping.paper_from_row(row)

    def get_by_reference(self, reference: str) -> Paper:
        row = self._load(PaperRow.reference == reference.strip())
        if row is None:
            raise NotFoundError(f"Vorlage Nr. {reference}: gibt es nicht.")
        return mapping.paper_from_row(row)

    def _load(self, condition: ColumnElement[bool]) -> PaperRow | None:
        stmt = select(PaperRow).where(condition).execution_options(populate_existing=True)
        return self.session.scalars(stmt).first()

    def all_ids(self) -> list[uuid.UUID]:
        return list(self.session.scalars(select(PaperRow.id).order_by(PaperRow.reference)))

    def numbers(self) -> list[tuple[str, uuid.UUID]]:
        return [
            (reference, paper_id)
            for reference, paper_id in self.session.execute(select(PaperRow.reference, PaperRow.id))
        ]

    # --- save ----------------------------------------------------------------------------------

    def add(self, paper: Paper) -> None:
        if self._reference_taken(paper.reference):
            raise ConflictError(f"Vorlage Nr. {paper.reference}: diese Nummer ist bereits vergeben.")
        self._ensure_master_data(paper)
        values = self._row_values(paper)
        values["version"] = 1
        try:
            self.session.execute(insert(PaperRow), [values])
        except IntegrityError as exc:
            raise ConflictError(f"Vorlage Nr. {paper.reference}: diese Nummer ist bereits vergeben.") from exc
        self._insert_children(paper)
        # Vorlagen that named this number as a Bezugsvorlage before it existed are linked now.
        self.session.execute(
            update(RelatedPaperRow)
            .where(RelatedPaperRow.reference == paper.reference, RelatedPaperRow.related_id.is_(None))
            .values(related_id=paper.id)
            .execution_options(synchronize_session=False)
        )
        self._advance_counter_to(paper)
        self.session.flush()
        self.session.expire_all()
        paper.version = 1

    def update(self, paper: Paper) -> None:
        self._ensure_master_data(paper)
        values = self._row_values(paper)
        del values["id"]
        try:
            result = self.session.execute(
                update(PaperRow)
                .where(PaperRow.id == paper.id, PaperRow.version == paper.version)
                .values(**values, version=PaperRow.version + 1)
                .execution_options(synchronize_session=False)
            )
        except IntegrityError as exc:
            raise ConflictError(f"Vorlage Nr. {paper.reference}: diese Nummer ist bereits vergeben.") from exc
        if result.rowcount != 1:  # type: ignore[attr-defined]
            self._raise_stale(paper)
        for table in _CHILD_TABLES:
            self.session.execute(
                delete(table).where(table.paper_id == paper.id).execution_options(synchronize_session=False)
            )
        self._insert_children(paper)
        self.session.flush()
        self.session.expire_all()
        paper.version += 1

    def _row_values(self, paper: Paper) -> dict[str, object]:
        link = paper.supplement_to
        if link is not None:  # linked to the original while the database has it
            link.paper_id = self.session.scalar(
                select(PaperRow.id).where(PaperRow.reference == link.reference)
            )
        values = mapping.paper_values(paper)
        numbering = self._numbering_format(paper)
        # Created at a time not known (an import): the year its number names, if it names one.
        year = paper.year if paper.year is not None else reference_year(numbering, paper.reference)
        values["year"] = year
        values["sort_key"] = list_sort_key(numbering, paper.reference, year)
        return values

    def _office_numbering(self) -> tuple[str | None, object]:
        """The office's numbering format and its stored form profile (either may be missing)."""
        stored = self.session.execute(
            select(OfficeRow.numbering_format, OfficeRow.form_profile).where(OfficeRow.id == 1)
        ).first()
        return (stored[0], stored[1]) if stored is not None else (None, None)

    def _numbering_format(self, paper: Paper) -> str:
        """The format ``paper``'s number was made with: its Vorlagenart's own series if the office's
        profile gives it one, else the office's."""
        fmt, profile = self._office_numbering()
        own = office_mapping.numbering_of(profile, paper.paper_type.value if paper.paper_type else None)
        return own.numbering_format() if own is not None else fmt or Office().numbering_format

    def locked_naming(self, org_ids: set[uuid.UUID], person_ids: set[uuid.UUID]) -> list[str]:
        steps = select(ConsultationRow.paper_id).where(
            ConsultationRow.committee_id.in_(org_ids) | ConsultationRow.rapporteur_id.in_(person_ids)
        )
        stmt = (
            select(PaperRow.reference)
            .where(PaperRow.status != PaperStatus.DRAFT.value)
            .where(PaperRow.lead_department_id.in_(org_ids) | PaperRow.id.in_(steps))
            .order_by(PaperRow.sort_key.desc())
        )
        return list(self.session.scalars(stmt))

    def supplements(self, paper_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        """Id and number of each Ergänzungs-/Änderungsvorlage of the Vorlage, by number."""
        rows = self.session.execute(
            select(PaperRow.id, PaperRow.reference)
            .where(PaperRow.supplement_of_id == paper_id)
            .order_by(PaperRow.sort_key)
        )
        return [(row.id, row.reference) for row in rows]

    def _link_related(self, paper: Paper) -> None:
        """Each Bezugsvorlage is linked to the Vorlage of its number, if the database has one."""
        references = {r.reference for r in paper.related_papers}
        if not references:
            return
        rows = self.session.execute(
            select(PaperRow.reference, PaperRow.id).where(PaperRow.reference.in_(references))
        )
        found = {reference: paper_id for reference, paper_id in rows}
        for related in paper.related_papers:
            related.paper_id = found.get(related.reference)

    def _raise_stale(self, paper: Paper) -> None:
        current = self.session.execute(
            select(PaperRow.reference, PaperRow.modified_by, PaperRow.modified_at, PaperRow.version).where(
                PaperRow.id == paper.id
            )
        ).first()
        if current is None:
            raise NotFoundError(
                f"Vorlage {paper.reference} wurde inzwischen gelöscht; die Änderungen können nicht "
                "gespeichert werden."
            )
        who = current.modified_by or "einem anderen Benutzer"
        when = ""
        if current.modified_at is not None:  # None: changed by an import that did not know the time
            local = current.modified_at.astimezone(BERLIN)
            when = f" am {local:%d.%m.%Y} um {local:%H:%M} Uhr"
        raise ConflictError(
            f"Vorlage {current.reference} wurde inzwischen von {who}{when} geändert. Ihre Änderungen "
            "wurden nicht gespeichert, damit nichts "
            "überschrieben wird – bitte die Vorlage neu laden und die Änderungen erneut eintragen.",
            changed_by=current.modified_by,
            changed_at=current.modified_at,
        )

    def _insert_children(self, paper: Paper) -> None:
        pid = paper.id
        self._link_related(paper)
        batches = [
            (
                RelatedPaperRow,
                [mapping.related_paper_values(pid, i, r) for i, r in enumerate(paper.related_papers)],
            ),
            (
                ConsultationRow,
                [mapping.consultation_values(pid, i, c) for i, c in enumerate(paper.consultations)],
            ),
            (FinanceCellRow, mapping.finance_cell_values(pid, paper.financial_impact)),
            (
                FundingModuleRow,
                [mapping.funding_module_values(pid, i, m) for i, m in enumerate(paper.funding_modules)],
            ),
            (SignOffRow, [mapping.sign_off_values(pid, i, s) for i, s in enumerate(paper.sign_offs)]),
            (
                ResolutionEntryRow,
                [mapping.resolution_entry_values(pid, i, r) for i, r in enumerate(paper.resolution_record)],
            ),
        ]
        for table, rows in batches:
            if rows:
                self.session.execute(insert(table), rows)

    def _ensure_master_data(self, paper: Paper) -> None:
        """Departments, committees and persons the Vorlage refers to are inserted if missing."""
        orgs, persons = named_by(paper)
        if orgs:
            known = set(self.session.scalars(select(OrganizationRow.id).where(OrganizationRow.id.in_(orgs))))
            for org_id in orgs.keys() - known:
                values = mapping.organization_values(orgs[org_id])
                insert_missing(self.session, OrganizationRow.__table__, values, ["id"])
        if persons:
            known = set(self.session.scalars(select(PersonRow.id).where(PersonRow.id.in_(persons))))
            for person_id in persons.keys() - known:
                values = mapping.person_values(persons[person_id])
                insert_missing(self.session, PersonRow.__table__, values, ["id"])

    def _reference_taken(self, reference: str, except_id: uuid.UUID | None = None) -> bool:
        condition = PaperRow.reference == reference
        if except_id is not None:
            condition = and_(condition, PaperRow.id != except_id)
        return bool(self.session.scalar(select(exists().where(condition))))

    def delete(self, paper_id: uuid.UUID) -> None:
        result = self.session.execute(
            delete(PaperRow).where(PaperRow.id == paper_id).execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise NotFoundError(f"Die Vorlage mit der Kennung {paper_id} gibt es nicht (mehr).")
        self.session.flush()
        self.session.expire_all()

    # --- numbering -----------------------------------------------------------------------------

    def next_reference(
        self, year: int, numbering_format: str, *, series: str | None = None, per_year: bool = True
    ) -> str:
        """Advance the year's (or the series') counter row; it stays locked until this transaction ends."""
        while True:
            if series is None:
                number = self._bump_counter(year)
            else:
                number = self._bump_series(series, year if per_year else 0)
            reference = format_reference(numbering_format, year, number)
            if not self._reference_taken(reference):
                return reference

    def _bump_series(self, series: str, year: int, floor: int | None = None) -> int:
        table = SeriesCounterRow.__table__
        stmt = dialect_insert(self.session, table).values(series=series, year=year, last_number=floor or 1)
        if floor is None:
            new_value = table.c.last_number + 1
        else:
            new_value = case(
                (stmt.excluded.last_number > table.c.last_number, stmt.excluded.last_number),
                else_=table.c.last_number,
            )
        stmt = stmt.on_conflict_do_update(index_elements=["series", "year"], set_={"last_number": new_value})
        return int(self.session.execute(stmt.returning(table.c.last_number)).scalar_one())

    def _bump_counter(self, year: int, floor: int | None = None) -> int:
        table = ReferenceCounterRow.__table__
        stmt = dialect_insert(self.session, table).values(year=year, last_number=floor or 1)
        if floor is None:
            new_value = table.c.last_number + 1
        else:
            new_value = case(
                (stmt.excluded.last_number > table.c.last_number, stmt.excluded.last_number),
                else_=table.c.last_number,
            )
        stmt = stmt.on_conflict_do_update(index_elements=["year"], set_={"last_number": new_value})
        return int(self.session.execute(stmt.returning(table.c.last_number)).scalar_one())

    def _advance_counter_to(self, paper: Paper) -> None:
        """An explicit reference ("20/0270", "BV/2026/005") moves the counter it was taken from on:
        the Vorlagenart's own series if the office's profile gives it one, else the office's."""
        fmt, profile = self._office_numbering()
        kind_key = paper.paper_type.value if paper.paper_type else None
        own = office_mapping.numbering_of(profile, kind_key)
        if own is not None and kind_key is not None:
            # A series running on across years needs no year; one per year the reference's or the Vorlage's.
            fallback = paper.year if own.per_year else 0
            parsed = parse_reference(own.numbering_format(), paper.reference, fallback)
            if parsed is not None:
                year, number = parsed
                self._bump_series(kind_key, year if own.per_year else 0, floor=number)
            return
        parsed = parse_reference(fmt or Office().numbering_format, paper.reference, paper.year)
        if parsed is not None:
            self._bump_counter(*parsed)

    # --- list ----------------------------------------------------------------------------------

    def query(self, query: PaperQuery) -> list[PaperSummary]:
        return self._listing.query(query)

    def count(self, query: PaperQuery, at_most: int | None = None) -> int:
        return self._listing.count(query, at_most)
