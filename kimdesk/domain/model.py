"""The Vorlage (Paper) and its parts: Beratungsfolge, NKF table, funding modules, Mitzeichnungen.

The master data they refer to (Organization, Person, Office) is in :mod:`kimdesk.domain.masterdata`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from kimdesk.domain.entity import new_id, utcnow
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.richtext import RichText
from kimdesk.domain.supplements import RelatedPaper as RelatedPaper  # the links between Vorlagen live there
from kimdesk.domain.supplements import SupplementLink
from kimdesk.domain.timezone import BERLIN


class PaperType(StrEnum):
    RESOLUTION = "resolution"
    INFORMATION = "information"
    REPORT = "report"
    MOTION = "motion"
    INQUIRY = "inquiry"

    @property
    def label(self) -> str:
        return PAPER_TYPE_LABELS[self]


PAPER_TYPE_LABELS = {
    PaperType.RESOLUTION: "Beschlussvorlage",
    PaperType.INFORMATION: "Mitteilungsvorlage",
    PaperType.REPORT: "Berichtsvorlage",
    PaperType.MOTION: "Antrag",
    PaperType.INQUIRY: "Anfrage",
}


class PaperStatus(StrEnum):
    DRAFT = "draft"
    IN_SIGN_OFF = "in_sign_off"
    RELEASED = "released"
    WITHDRAWN = "withdrawn"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return PAPER_STATUS_LABELS[self]


PAPER_STATUS_LABELS = {
    PaperStatus.DRAFT: "Entwurf",
    PaperStatus.IN_SIGN_OFF: "In Mitzeichnung",
    PaperStatus.RELEASED: "Freigegeben",
    PaperStatus.WITHDRAWN: "Zurückgezogen",
    PaperStatus.DECIDED: "Beschlossen",
}


class ConsultationRole(StrEnum):
    """A body's part in the Beratungsfolge (in the order the choice offers them)."""

    LEAD = "lead"
    PRELIMINARY = "preliminary"
    RECOMMENDATION = "recommendation"
    DECISION = "decision"
    NOTING = "noting"

    @property
    def label(self) -> str:
        return CONSULTATION_ROLE_LABELS[self]


CONSULTATION_ROLE_LABELS = {
    ConsultationRole.LEAD: "federführend",
    ConsultationRole.PRELIMINARY: "Vorberatung",
    ConsultationRole.RECOMMENDATION: "Empfehlung",
    ConsultationRole.DECISION: "Entscheidung",
    ConsultationRole.NOTING: "Kenntnisnahme",
}


class ImpactChoice(StrEnum):
    """The two check boxes on the form: ☐ keine ☐ folgende."""

    NONE = "none"
    FOLLOWING = "following"

    @property
    def label(self) -> str:
        return "keine" if self is ImpactChoice.NONE else "folgende"


@dataclass(slots=True)
class Consultation:
    """One step of the Beratungsfolge: a body, its role, and when and where it deals with the Vorlage."""

    committee: Organization | None = None
    #: None: not known (an import from a system without roles, exchange format 2); never invented,
    #: nothing is printed for it, and the Umlauf waits until the clerk chooses one.
    role: ConsultationRole | None = ConsultationRole.NOTING
    meeting_date: date | None = None
    agenda_item: str = ""
    #: None: not known (an import from a system that did not record it); nothing is printed then.
    public: bool | None = True
    rapporteur: Person | None = None
    #: The Sitzung, once the Sitzungsdienst has put the Vorlage on an agenda.
    meeting_id: uuid.UUID | None = None

    @property
    def authoritative(self) -> bool:
        return self.role is ConsultationRole.DECISION


class FinanceRow(StrEnum):
    """The rows of the NKF table; ``*_GRANTS`` etc. are the *darin enthalten* parts."""

    INCOME = "income"
    INCOME_GRANTS = "income_grants"
    EXPENSE = "expense"
    EXPENSE_PERSONNEL = "expense_personnel"
    EXPENSE_MATERIAL = "expense_material"
    EXPENSE_TRANSFER = "expense_transfer"
    INVESTMENT_RECEIPTS = "investment_receipts"
    INVESTMENT_GRANTS = "investment_grants"
    INVESTMENT_THIRD_PARTY = "investment_third_party"
    INVESTMENT_PAYMENTS = "investment_payments"

    @property
    def label(self) -> str:
        return FINANCE_ROW_LABELS[self]

    @property
    def parent(self) -> FinanceRow | None:
        return FINANCE_ROW_PARENTS.get(self)


FINANCE_ROW_LABELS = {
    FinanceRow.INCOME: "Ertrag",
    FinanceRow.INCOME_GRANTS: "Ertrag, darin enthalten: Zuwendungen und Zuschüsse",
    FinanceRow.EXPENSE: "Aufwand",
    FinanceRow.EXPENSE_PERSONNEL: "Personalaufwand",
    FinanceRow.EXPENSE_MATERIAL: "Sach- und Dienstleistungen",
    FinanceRow.EXPENSE_TRANSFER: "Transferaufwand",
    FinanceRow.INVESTMENT_RECEIPTS: "Einzahlung",
    FinanceRow.INVESTMENT_GRANTS: "Zuschüsse",
    FinanceRow.INVESTMENT_THIRD_PARTY: "Beiträge Dritter",
    FinanceRow.INVESTMENT_PAYMENTS: "Auszahlung",
}

FINANCE_ROW_PARENTS = {
    FinanceRow.INCOME_GRANTS: FinanceRow.INCOME,
    FinanceRow.EXPENSE_PERSONNEL: FinanceRow.EXPENSE,
    FinanceRow.EXPENSE_MATERIAL: FinanceRow.EXPENSE,
    FinanceRow.EXPENSE_TRANSFER: FinanceRow.EXPENSE,
    FinanceRow.INVESTMENT_GRANTS: FinanceRow.INVESTMENT_RECEIPTS,
    FinanceRow.INVESTMENT_THIRD_PARTY: FinanceRow.INVESTMENT_RECEIPTS,
}


class Period(StrEnum):
    ONE_OFF = "one_off"
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        return "einmalig" if self is Period.ONE_OFF else "jährlich"


#: A cell of the NKF table.
Cell = tuple[FinanceRow, Period]


def cell_label(cell: Cell) -> str:
    """German name of a cell as validation messages use it ("Aufwand jährlich")."""
    row, period = cell
    parent = row.parent
    if parent is None:
        return f"{row.label} {period.label}"
    if row is FinanceRow.INCOME_GRANTS:
        return f"{parent.label} {period.label}, darin Zuwendungen und Zuschüsse"
    return f"{parent.label} {period.label}, darin {row.label}"


@dataclass(slots=True)
class FinancialImpact:
    """Finanzielle Auswirkungen: the check box, the NKF table, and the budget statement.

    ``amounts`` holds only the filled cells. ``overridden`` names the cells whose value the clerk
    typed over a figure proposed from the funding modules; they stay as typed.
    """

    choice: ImpactChoice | None = None
    amounts: dict[Cell, Decimal] = field(default_factory=dict)
    overridden: set[Cell] = field(default_factory=set)
    budget_available: bool | None = None

    def get(self, row: FinanceRow, period: Period) -> Decimal | None:
        return self.amounts.get((row, period))


@dataclass(slots=True)
class RateSnapshot:
    """The flat rate a funding module was computed with, frozen into the Vorlage.

    A later change of the catalogue never alters a Vorlage that holds a snapshot.
    """

    rate_id: str
    label: str
    annual_per_post: Decimal
    one_off_per_post: Decimal = Decimal("0.00")
    valid_from: date | None = None
    guideline: str = ""


@dataclass(slots=True)
class OwnContribution:
    """One source of the Eigenanteil: an amount per year and where it comes from
    (e.g. "Integrationspauschale § 14c TIntG"; empty: the municipality's own funds)."""

    amount: Decimal
    source: str = ""


@dataclass(slots=True)
class FundingModule:
    """A KIM Baustein (or another programme's item) that the Vorlage applies for.

    The period runs from the first day of ``start_month``/``start_year`` to the last of
    ``end_month``/``end_year``; a year only partly in it gets its amounts pro rata per month.
    ``extra_amount`` is a yearly amount the catalogue lacks (may be negative), with its reason, so that
    the figure of the Bescheid can be reproduced; it counts as grant.
    """

    programme: str
    component: str
    posts: Decimal
    start_year: int
    end_year: int
    own_sources: list[OwnContribution] = field(default_factory=list)
    notes: str = ""
    rate: RateSnapshot | None = None
    id: uuid.UUID = field(default_factory=new_id)
    start_month: int = 1
    end_month: int = 12
    extra_amount: Decimal = Decimal("0.00")
    extra_reason: str = ""

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def own_contribution(self) -> Decimal:
        """The Eigenanteil per (full) year: all sources together."""
        return sum((s.amount for s in self.own_sources), Decimal("0.00"))

    def months_in(self, year: int) -> int:
        """How many months of ``year`` the period covers (0 to 12)."""
        first = self.start_month if year == self.start_year else 1
        last = self.end_month if year == self.end_year else 12
        if not self.start_year <= year <= self.end_year:
            return 0
        return max(last - first + 1, 0)

    @property
    def whole_years(self) -> bool:
        return self.start_month == 1 and self.end_month == 12


class SignOffDecision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    NOTED = "noted"

    @property
    def label(self) -> str:
        return {
            SignOffDecision.APPROVED: "mitgezeichnet",
            SignOffDecision.REJECTED: "abgelehnt",
            SignOffDecision.NOTED: "zur Kenntnis genommen",
        }[self]


@dataclass(slots=True)
class SignOff:
    """One line of the Mitzeichnungen grid for one Umlauf.

    A role that has not signed yet has ``decision is None``. Taking a Vorlage back to Entwurf
    sets ``voided``; the row stays for the history.
    """

    role_key: str
    role_label: str
    required: bool = True
    order: int = 0
    person_name: str = ""
    as_deputy: bool = False
    decision: SignOffDecision | None = None
    signed_at: datetime | None = None
    os_account: str = ""
    remark: str = ""
    content_hash: str = ""
    voided: bool = False
    due_date: date | None = None
    id: uuid.UUID = field(default_factory=new_id)


@dataclass(slots=True)
class SignatureBlock:
    """Der Bürgermeister / i. V. / name / function."""

    heading: str = "Der Bürgermeister"
    on_behalf: bool = False
    name: str = ""
    function: str = ""


@dataclass(slots=True)
class ResolutionEntry:
    """One line of the Beschlussvermerk: what a body decided in its meeting."""

    committee_name: str
    meeting_date: date | None = None
    non_public: bool = False
    result: str = ""
    text: str = ""


@dataclass(slots=True)
class Paper:
    """A Vorlage with every field of the municipal form."""

    title: str = ""
    reference: str = ""
    #: None: not known (imported, exchange format 2); no Vorlagenart is printed, the Umlauf waits for one.
    paper_type: PaperType | None = PaperType.RESOLUTION
    #: Aktenzeichen (the office's file number), free text.
    file_number: str = ""
    related_papers: list[RelatedPaper] = field(default_factory=list)
    lead_department: Organization | None = None
    rationale: RichText = field(default_factory=RichText)
    consultations: list[Consultation] = field(default_factory=list)
    financial_impact: FinancialImpact = field(default_factory=FinancialImpact)
    funding_modules: list[FundingModule] = field(default_factory=list)
    climate_impact: ImpactChoice | None = None
    climate_text: str = ""
    #: The Beschlussentwurf: rich text with numbered items; ``plain_text()`` is what older data held.
    draft_resolution: RichText = field(default_factory=RichText)
    signature: SignatureBlock = field(default_factory=SignatureBlock)
    sign_offs: list[SignOff] = field(default_factory=list)
    minutes_extracts: int | None = None
    resolution_record: list[ResolutionEntry] = field(default_factory=list)
    #: Set for an Ergänzungs- or Änderungsvorlage: the original Vorlage.
    supplement_to: SupplementLink | None = None
    status: PaperStatus = PaperStatus.DRAFT
    #: The state the Vorlage had in the system it was imported from, as that system wrote it
    #: ("beschlossen"); for information only — kimdesk's own state is ``status``. Not printed.
    source_status: str = ""
    id: uuid.UUID = field(default_factory=new_id)
    #: None: not known — imported from a system that did not record it (exchange format 2); never invented.
    created_at: datetime | None = field(default_factory=utcnow)
    #: None: not known until the first save in kimdesk, which sets it.
    modified_at: datetime | None = field(default_factory=utcnow)
    modified_by: str = ""
    #: Optimistic-locking counter: the version this object was loaded at.
    version: int = 0

    @property
    def year(self) -> int | None:
        """The year the Vorlage belongs to (numbering, filters): the office's calendar year, not UTC's.

        None when the creation time is not known; the list then takes the year from the number.
        """
        return None if self.created_at is None else self.created_at.astimezone(BERLIN).year

    @property
    def lead_consultation(self) -> Consultation | None:
        return self.consultations[0] if self.consultations else None

    @property
    def active_sign_offs(self) -> list[SignOff]:
        return [s for s in self.sign_offs if not s.voided]

    @property
    def is_locked(self) -> bool:
        """Content is read-only from In Mitzeichnung on."""
        return self.status is not PaperStatus.DRAFT

    @property
    def unreleased(self) -> bool:
        """Not (yet) released or decided: printed with the ENTWURF mark."""
        return self.status not in (PaperStatus.RELEASED, PaperStatus.DECIDED)
