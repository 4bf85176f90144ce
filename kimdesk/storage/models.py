"""The tables of kimdesk's core: Vorlagen and their parts, master data, office, settings, numbering.

Rows only; the mapping to the domain dataclasses lives in :mod:`kimdesk.storage.mapping`.
Enums are stored as their string values (``String``), so new members need no migration.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, Uuid, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kimdesk.domain.numbering import SORT_KEY_LENGTH
from kimdesk.storage.base import Base
from kimdesk.storage.types import ExactDecimal, JsonText, LenientJsonText, Money, UtcDateTime

CASCADE = "CASCADE"


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    #: NULL: not known (exchange format 2, migration 0013_unknown_roles).
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    short_name: Mapped[str] = mapped_column(Text, default="")
    name_genitive: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class PersonRow(Base):
    __tablename__ = "persons"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    function: Mapped[str] = mapped_column(Text, default="")
    pin_hash: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class PaperRow(Base):
    __tablename__ = "papers"
    __table_args__ = (
        Index("ix_papers_sort_key", "sort_key", unique=True),
        Index("ix_papers_year_sort_key", "year", "sort_key"),
        Index("ix_papers_status_sort_key", "status", "sort_key"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    #: The list's order: year and number of the reference, then the reference
    #: (:func:`kimdesk.domain.numbering.list_sort_key`); written by the repository on every save.
    sort_key: Mapped[str] = mapped_column(String(SORT_KEY_LENGTH))
    #: Aktenzeichen.
    file_number: Mapped[str] = mapped_column(Text, server_default="")
    #: An Ergänzungs-/Änderungsvorlage: the kind, and the original's number and (while it exists) id.
    supplement_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    supplement_of: Mapped[str] = mapped_column(String(64), server_default="")
    supplement_of_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    #: The year of ``created_at`` (the Vorlage's year), for the list's year filter; if that time is not
    #: known (an import), the year the reference names, else NULL.
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: NULL: not known (exchange format 2, migration 0013_unknown_roles).
    paper_type: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    lead_department_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(Text)
    #: The Begründung as RichText data (JSON); ``rationale_text`` is its plain text for the search.
    rationale: Mapped[Any] = mapped_column(JsonText)
    rationale_text: Mapped[str] = mapped_column(Text)
    finance_choice: Mapped[str | None] = mapped_column(String(20), nullable=True)
    budget_available: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    climate_impact: Mapped[str | None] = mapped_column(String(20), nullable=True)
    climate_text: Mapped[str] = mapped_column(Text)
    #: The Beschlussentwurf's plain text (what older versions stored) and, beside it, its rich form
    #: when the plain text cannot say everything (numbered items, emphasis); see RichText.from_plain_and_data.
    draft_resolution: Mapped[str] = mapped_column(Text)
    draft_resolution_rich: Mapped[Any] = mapped_column(JsonText, nullable=True)
    signature_heading: Mapped[str] = mapped_column(Text)
    signature_on_behalf: Mapped[bool] = mapped_column(Boolean)
    signature_name: Mapped[str] = mapped_column(Text)
    signature_function: Mapped[str] = mapped_column(Text)
    minutes_extracts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: NULL: not known (imported from a system that did not record it, see migration 0012).
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    modified_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    modified_by: Mapped[str] = mapped_column(Text)
    #: The state in the system the Vorlage was imported from, as text (migration 0012).
    source_status: Mapped[str] = mapped_column(Text, server_default="")
    #: From Mitzeichnung on: the names of Amt, Gremien and Berichterstatter as the Vorlage prints them and its
    #: signatures cover them (domain.signature.printed_names), kept when the master data is renamed; NULL in
    #: Entwurf (migration 0015).
    printed_names: Mapped[Any] = mapped_column(LenientJsonText, nullable=True)
    #: Optimistic-locking counter; every update is ``… WHERE version = :loaded_version``.
    version: Mapped[int] = mapped_column(Integer)
    #: SQLite only: the rowid of the paper's row in the FTS5 table ``papers_fts`` (set by trigger).
    search_rowid: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)

    lead_department: Mapped[OrganizationRow | None] = relationship(lazy="joined")
    consultations: Mapped[list[ConsultationRow]] = relationship(
        order_by="ConsultationRow.position", lazy="selectin", passive_deletes=True
    )
    finance_cells: Mapped[list[FinanceCellRow]] = relationship(
        order_by=lambda: (FinanceCellRow.row, FinanceCellRow.period), lazy="selectin", passive_deletes=True
    )
    funding_modules: Mapped[list[FundingModuleRow]] = relationship(
        order_by="FundingModuleRow.position", lazy="selectin", passive_deletes=True
    )
    sign_offs: Mapped[list[SignOffRow]] = relationship(
        order_by="SignOffRow.position", lazy="selectin", passive_deletes=True
    )
    resolution_entries: Mapped[list[ResolutionEntryRow]] = relationship(
        order_by="ResolutionEntryRow.position", lazy="selectin", passive_deletes=True
    )
    related_papers: Mapped[list[RelatedPaperRow]] = relationship(
        order_by="RelatedPaperRow.position",
        lazy="selectin",
        passive_deletes=True,
        foreign_keys="RelatedPaperRow.paper_id",
    )


class ConsultationRow(Base):
    """One step of the Beratungsfolge; ``position`` 0 is the lead (federführend) body."""

    __tablename__ = "consultations"
    __table_args__ = (Index("ix_consultations_committee_paper", "committee_id", "paper_id"),)

    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    committee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), nullable=True
    )
    #: NULL: not known (exchange format 2, migration 0013_unknown_roles).
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    agenda_item: Mapped[str] = mapped_column(Text)
    #: NULL: not known (imported from a system that did not record it).
    public: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    rapporteur_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), nullable=True, index=True
    )
    #: The Sitzung; no foreign key yet (meetings are added by a later migration).
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)

    committee: Mapped[OrganizationRow | None] = relationship(lazy="joined")
    rapporteur: Mapped[PersonRow | None] = relationship(lazy="joined")


class RelatedPaperRow(Base):
    """A Bezugsvorlage: the number as given, and the Vorlage it names when that is in the database."""

    __tablename__ = "related_papers"

    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), index=True)
    related_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("papers.id", ondelete="SET NULL"), nullable=True, index=True
    )


class FinanceCellRow(Base):
    """A filled (or overridden) cell of the NKF table."""

    __tablename__ = "finance_cells"

    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), primary_key=True)
    row: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[str] = mapped_column(String(20), primary_key=True)
    amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    overridden: Mapped[bool] = mapped_column(Boolean)


class FundingModuleRow(Base):
    """A Baustein applied for, with the flat rate frozen in (``rate_*``; all NULL when no snapshot)."""

    __tablename__ = "funding_modules"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    programme: Mapped[str] = mapped_column(Text)
    component: Mapped[str] = mapped_column(Text)
    posts: Mapped[Decimal] = mapped_column(ExactDecimal)
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    #: First month of ``start_year`` and last of ``end_year`` in the period (migration 0007).
    start_month: Mapped[int] = mapped_column(Integer, server_default="1")
    end_month: Mapped[int] = mapped_column(Integer, server_default="12")
    #: The Eigenanteil's sources: [{"amount": "1000.00", "source": "…"}] (migration 0007: the old
    #: single amount became one source without text).
    own_sources: Mapped[Any] = mapped_column(JsonText)
    #: A yearly amount the catalogue lacks, and why (e.g. laut Bescheid).
    extra_amount: Mapped[Decimal] = mapped_column(Money, server_default="0")
    extra_reason: Mapped[str] = mapped_column(Text, server_default="")
    notes: Mapped[str] = mapped_column(Text)
    rate_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    rate_label: Mapped[str | None] = mapped_column(Text, nullable=True)
    rate_annual_per_post: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    rate_one_off_per_post: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    rate_valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    rate_guideline: Mapped[str | None] = mapped_column(Text, nullable=True)


class SignOffRow(Base):
    """One line of the Mitzeichnungen grid (all Umläufe; voided rows stay)."""

    __tablename__ = "sign_offs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role_key: Mapped[str] = mapped_column(Text)
    role_label: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean)
    order: Mapped[int] = mapped_column(Integer)
    person_name: Mapped[str] = mapped_column(Text)
    as_deputy: Mapped[bool] = mapped_column(Boolean)
    decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    os_account: Mapped[str] = mapped_column(Text)
    remark: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text)
    voided: Mapped[bool] = mapped_column(Boolean)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class ResolutionEntryRow(Base):
    """One line of the Beschlussvermerk."""

    __tablename__ = "resolution_entries"

    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete=CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    committee_name: Mapped[str] = mapped_column(Text)
    meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    non_public: Mapped[bool] = mapped_column(Boolean)
    result: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class OfficeRow(Base):
    """The office settings: exactly one row (id 1) once saved."""

    __tablename__ = "office"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    municipality: Mapped[str] = mapped_column(Text)
    numbering_format: Mapped[str] = mapped_column(Text)
    signature_heading: Mapped[str] = mapped_column(Text)
    default_signatory_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), nullable=True
    )
    #: list[str] as JSON (a copy of the profile's record bodies, for older versions of kimdesk).
    record_bodies: Mapped[Any] = mapped_column(JsonText)
    #: The form profile as its JSON document; NULL (a database from before 0006): the seed form.
    form_profile: Mapped[Any | None] = mapped_column(JsonText, nullable=True)


class SignOffRoleRow(Base):
    """A Mitzeichnung role of the office and who holds it."""

    __tablename__ = "sign_off_roles"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    order: Mapped[int] = mapped_column(Integer)
    #: Place in the office's list (``order`` is the role's own field and may differ).
    position: Mapped[int] = mapped_column(Integer)
    holder_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), nullable=True
    )
    deputy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), nullable=True
    )


class SettingRow(Base):
    """A generic JSON value under a key (funding catalogue, autosaved drafts ``autosave:<owner>:<id>`` …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[Any] = mapped_column(JsonText)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SeriesCounterRow(Base):
    """The last number handed out per numbering series of a Vorlagenart (year 0: running on)."""

    __tablename__ = "reference_series_counters"

    series: Mapped[str] = mapped_column(String(100), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class ReferenceCounterRow(Base):
    """The last Vorlage number handed out per year (locked by the UPDATE that advances it)."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)
