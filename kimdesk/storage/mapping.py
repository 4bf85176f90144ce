"""ORM rows (:mod:`kimdesk.storage.models`) <-> domain dataclasses. Plain functions; no session work here.

The ``*_from_row`` functions build domain objects from loaded rows (values already decoded by the
column types of :mod:`kimdesk.storage.types`, child rows in their ``position`` order); the
``*_values`` functions give the column values to write.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kimdesk.domain.masterdata import Organization, OrganizationKind, Person
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinanceRow,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    OwnContribution,
    Paper,
    PaperStatus,
    PaperType,
    Period,
    RateSnapshot,
    RelatedPaper,
    ResolutionEntry,
    SignatureBlock,
    SignOff,
    SignOffDecision,
)
from kimdesk.domain.richtext import RichText
from kimdesk.domain.signature import keep_printed_names, printed_names
from kimdesk.domain.supplements import SupplementKind, SupplementLink
from kimdesk.storage import models

Values = dict[str, Any]


# --- master data -------------------------------------------------------------------------------


def organization_from_row(row: models.OrganizationRow) -> Organization:
    return Organization(
        name=row.name,
        kind=OrganizationKind(row.kind) if row.kind else None,
        short_name=row.short_name,
        name_genitive=row.name_genitive,
        active=row.active,
        id=row.id,
    )


def organization_values(org: Organization) -> Values:
    return {
        "id": org.id,
        "name": org.name,
        "kind": org.kind.value if org.kind else None,
        "short_name": org.short_name,
        "name_genitive": org.name_genitive,
        "active": org.active,
    }


def person_from_row(row: models.PersonRow) -> Person:
    return Person(name=row.name, function=row.function, pin_hash=row.pin_hash, active=row.active, id=row.id)


def person_values(person: Person) -> Values:
    return {
        "id": person.id,
        "name": person.name,
        "function": person.function,
        "pin_hash": person.pin_hash,
        "active": person.active,
    }


# --- paper -------------------------------------------------------------------------------------


def paper_values(paper: Paper) -> Values:
    """The ``papers`` row of ``paper`` (without ``version``, which the repository manages)."""
    impact = paper.financial_impact
    return {
        "id": paper.id,
        "reference": paper.reference,
        "file_number": paper.file_number,
        **supplement_values(paper),
        "year": paper.year,
        "paper_type": paper.paper_type.value if paper.paper_type else None,
        "status": paper.status.value,
        "lead_department_id": paper.lead_department.id if paper.lead_department else None,
        "title": paper.title,
        "rationale": paper.rationale.to_data(),
        "rationale_text": paper.rationale.plain_text(),
        "finance_choice": impact.choice.value if impact.choice else None,
        "budget_available": impact.budget_available,
        "climate_impact": paper.climate_impact.value if paper.climate_impact else None,
        "climate_text": paper.climate_text,
        "draft_resolution": paper.draft_resolution.plain_text(),
        "draft_resolution_rich": paper.draft_resolution.rich_data_beside_plain(),
        "signature_heading": paper.signature.heading,
        "signature_on_behalf": paper.signature.on_behalf,
        "signature_name": paper.signature.name,
        "signature_function": paper.signature.function,
        "minutes_extracts": paper.minutes_extracts,
        "created_at": paper.created_at,
        "modified_at": paper.modified_at,
        "modified_by": paper.modified_by,
        "source_status": paper.source_status,
        # Taken when the Vorlage leaves Entwurf; a locked Vorlage was loaded with these names, so they stay.
        "printed_names": printed_names(paper) if paper.is_locked else None,
    }


def supplement_values(paper: Paper) -> Values:
    link = paper.supplement_to
    return {
        "supplement_kind": link.kind.value if link else None,
        "supplement_of": link.reference if link else "",
        "supplement_of_id": link.paper_id if link else None,
    }


def supplement_from_row(row: models.PaperRow) -> SupplementLink | None:
    if not row.supplement_kind:
        return None
    return SupplementLink(SupplementKind(row.supplement_kind), row.supplement_of, row.supplement_of_id)


def consultation_values(paper_id: uuid.UUID, position: int, c: Consultation) -> Values:
    return {
        "paper_id": paper_id,
        "position": position,
        "committee_id": c.committee.id if c.committee else None,
        "role": c.role.value if c.role else None,
        "meeting_date": c.meeting_date,
        "agenda_item": c.agenda_item,
        "public": c.public,
        "rapporteur_id": c.rapporteur.id if c.rapporteur else None,
        "meeting_id": c.meeting_id,
    }


def related_paper_values(paper_id: uuid.UUID, position: int, r: RelatedPaper) -> Values:
    return {"paper_id": paper_id, "position": position, "reference": r.reference, "related_id": r.paper_id}


def finance_cell_values(paper_id: uuid.UUID, impact: FinancialImpact) -> list[Values]:
    cells = set(impact.amounts) | set(impact.overridden)
    return [
        {
            "paper_id": paper_id,
            "row": row.value,
            "period": period.value,
            "amount": impact.amounts.get((row, period)),
            "overridden": (row, period) in impact.overridden,
        }
        for row, period in sorted(cells, key=lambda cell: (cell[0].value, cell[1].value))
    ]


def funding_module_values(paper_id: uuid.UUID, position: int, m: FundingModule) -> Values:
    rate = m.rate
    return {
        "id": m.id,
        "paper_id": paper_id,
        "position": position,
        "programme": m.programme,
        "component": m.component,
        "posts": m.posts,
        "start_year": m.start_year,
        "end_year": m.end_year,
        "start_month": m.start_month,
        "end_month": m.end_month,
        "own_sources": [{"amount": format(s.amount, "f"), "source": s.source} for s in m.own_sources],
        "extra_amount": m.extra_amount,
        "extra_reason": m.extra_reason,
        "notes": m.notes,
        "rate_id": rate.rate_id if rate else None,
        "rate_label": rate.label if rate else None,
        "rate_annual_per_post": rate.annual_per_post if rate else None,
        "rate_one_off_per_post": rate.one_off_per_post if rate else None,
        "rate_valid_from": rate.valid_from if rate else None,
        "rate_guideline": rate.guideline if rate else None,
    }


def sign_off_values(paper_id: uuid.UUID, position: int, s: SignOff) -> Values:
    return {
        "id": s.id,
        "paper_id": paper_id,
        "position": position,
        "role_key": s.role_key,
        "role_label": s.role_label,
        "required": s.required,
        "order": s.order,
        "person_name": s.person_name,
        "as_deputy": s.as_deputy,
        "decision": s.decision.value if s.decision else None,
        "signed_at": s.signed_at,
        "os_account": s.os_account,
        "remark": s.remark,
        "content_hash": s.content_hash,
        "voided": s.voided,
        "due_date": s.due_date,
    }


def resolution_entry_values(paper_id: uuid.UUID, position: int, r: ResolutionEntry) -> Values:
    return {
        "paper_id": paper_id,
        "position": position,
        "committee_name": r.committee_name,
        "meeting_date": r.meeting_date,
        "non_public": r.non_public,
        "result": r.result,
        "text": r.text,
    }


def paper_from_row(row: models.PaperRow) -> Paper:
    paper = _paper_from_row(row)
    if row.printed_names is not None and paper.is_locked:
        keep_printed_names(paper, row.printed_names)
    return paper


def _paper_from_row(row: models.PaperRow) -> Paper:
    return Paper(
        id=row.id,
        reference=row.reference,
        file_number=row.file_number,
        related_papers=[RelatedPaper(r.reference, r.related_id) for r in row.related_papers],
        paper_type=PaperType(row.paper_type) if row.paper_type else None,
        status=PaperStatus(row.status),
        lead_department=organization_from_row(row.lead_department) if row.lead_department else None,
        title=row.title,
        rationale=RichText.from_data(row.rationale),
        consultations=[_consultation_from_row(c) for c in row.consultations],
        financial_impact=_financial_impact_from_rows(row, row.finance_cells),
        funding_modules=[_funding_module_from_row(m) for m in row.funding_modules],
        climate_impact=ImpactChoice(row.climate_impact) if row.climate_impact else None,
        climate_text=row.climate_text,
        draft_resolution=RichText.from_plain_and_data(row.draft_resolution, row.draft_resolution_rich),
        signature=SignatureBlock(
            heading=row.signature_heading,
            on_behalf=row.signature_on_behalf,
            name=row.signature_name,
            function=row.signature_function,
        ),
        sign_offs=[_sign_off_from_row(s) for s in row.sign_offs],
        minutes_extracts=row.minutes_extracts,
        resolution_record=[_resolution_from_row(r) for r in row.resolution_entries],
        supplement_to=supplement_from_row(row),
        created_at=row.created_at,
        modified_at=row.modified_at,
        modified_by=row.modified_by,
        source_status=row.source_status,
        version=row.version,
    )


def _consultation_from_row(row: models.ConsultationRow) -> Consultation:
    return Consultation(
        committee=organization_from_row(row.committee) if row.committee else None,
        role=ConsultationRole(row.role) if row.role else None,
        meeting_date=row.meeting_date,
        agenda_item=row.agenda_item,
        public=row.public,
        rapporteur=person_from_row(row.rapporteur) if row.rapporteur else None,
        meeting_id=row.meeting_id,
    )


def _financial_impact_from_rows(
    paper: models.PaperRow, cells: Sequence[models.FinanceCellRow]
) -> FinancialImpact:
    impact = FinancialImpact(
        choice=ImpactChoice(paper.finance_choice) if paper.finance_choice else None,
        budget_available=paper.budget_available,
    )
    for cell in cells:
        key = (FinanceRow(cell.row), Period(cell.period))
        if cell.amount is not None:
            impact.amounts[key] = cell.amount
        if cell.overridden:
            impact.overridden.add(key)
    return impact


def _funding_module_from_row(row: models.FundingModuleRow) -> FundingModule:
    rate = None
    if row.rate_annual_per_post is not None:
        rate = RateSnapshot(
            rate_id=row.rate_id or "",
            label=row.rate_label or "",
            annual_per_post=row.rate_annual_per_post,
            one_off_per_post=row.rate_one_off_per_post
            if row.rate_one_off_per_post is not None
            else Decimal("0.00"),
            valid_from=row.rate_valid_from,
            guideline=row.rate_guideline or "",
        )
    return FundingModule(
        programme=row.programme,
        component=row.component,
        posts=row.posts,
        start_year=row.start_year,
        end_year=row.end_year,
        start_month=row.start_month,
        end_month=row.end_month,
        own_sources=[OwnContribution(Decimal(s["amount"]), s["source"]) for s in row.own_sources],
        extra_amount=row.extra_amount,
        extra_reason=row.extra_reason,
        notes=row.notes,
        rate=rate,
        id=row.id,
    )


def _sign_off_from_row(row: models.SignOffRow) -> SignOff:
    return SignOff(
        role_key=row.role_key,
        role_label=row.role_label,
        required=row.required,
        order=row.order,
        person_name=row.person_name,
        as_deputy=row.as_deputy,
        decision=SignOffDecision(row.decision) if row.decision else None,
        signed_at=row.signed_at,
        os_account=row.os_account,
        remark=row.remark,
        content_hash=row.content_hash,
        voided=row.voided,
        due_date=row.due_date,
        id=row.id,
    )


def _resolution_from_row(row: models.ResolutionEntryRow) -> ResolutionEntry:
    return ResolutionEntry(
        committee_name=row.committee_name,
        meeting_date=row.meeting_date,
        non_public=row.non_public,
        result=row.result,
        text=row.text,
    )
