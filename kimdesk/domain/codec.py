"""Vorlagen and master data to and from JSON-compatible data (exchange format, content hashes).

Decimals travel as strings ("25000.00"), dates as ISO dates, timestamps as ISO 8601 with offset.
The shape is documented by ``resources/schema/kimdesk-exchange-2.schema.json`` (version 1: the same
without Aktenzeichen and Bezugsvorlagen, the roles federführend and Empfehlung, and with "public",
"status", "created", "modified", the Vorlagenart, the Zuständigkeit and an organization's kind required;
a value left out in version 2 stays unknown: None in the domain, and left out again on export).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
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
from kimdesk.domain.supplements import supplement_from_data, supplement_to_data

Data = dict[str, Any]


def _d(value: Decimal | None) -> str | None:
    """Plain notation, never exponent form ("100.00", not "1E+2")."""
    return None if value is None else format(value, "f")


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _timestamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _compact(data: Data) -> Data:
    """Drop empty optional values so that files stay readable and diffs small."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != [] and v != {}}


def organization_to_data(org: Organization) -> Data:
    return _compact(
        {
            "id": str(org.id),
            "name": org.name,
            "kind": org.kind.value if org.kind else None,
            "shortName": org.short_name,
            "nameGenitive": org.name_genitive,
        }
    )


def organization_from_data(data: Data) -> Organization:
    return Organization(
        id=uuid.UUID(data["id"]),
        name=data["name"],
        # Left out or null (version 2): not known; the import may find it (exchange_report.recorded_kinds).
        kind=None if data.get("kind") is None else OrganizationKind(data["kind"]),
        short_name=data.get("shortName", ""),
        name_genitive=data.get("nameGenitive", ""),
    )


def person_to_data(person: Person) -> Data:
    # The PIN hash stays in the database: an exchange file must not carry credentials.
    return _compact({"id": str(person.id), "name": person.name, "function": person.function})


def person_from_data(data: Data) -> Person:
    return Person(id=uuid.UUID(data["id"]), name=data["name"], function=data.get("function", ""))


def financial_impact_to_data(impact: FinancialImpact) -> Data:
    amounts: dict[str, dict[str, str]] = {}
    for row in FinanceRow:
        for period in Period:
            value = impact.amounts.get((row, period))
            if value is not None:
                amounts.setdefault(row.value, {})[period.value] = format(value, "f")
    overridden = sorted(f"{row.value}.{period.value}" for row, period in impact.overridden)
    return _compact(
        {
            "choice": impact.choice.value if impact.choice else None,
            "amounts": amounts,
            "overridden": overridden,
            "budgetAvailable": impact.budget_available,
        }
    )


def financial_impact_from_data(data: Data) -> FinancialImpact:
    amounts = {
        (FinanceRow(row), Period(period)): Decimal(value)
        for row, periods in data.get("amounts", {}).items()
        for period, value in periods.items()
    }
    overridden = set()
    for key in data.get("overridden", []):
        row, period = key.split(".")
        overridden.add((FinanceRow(row), Period(period)))
    choice = data.get("choice")
    return FinancialImpact(
        choice=ImpactChoice(choice) if choice else None,
        amounts=amounts,
        overridden=overridden,
        budget_available=data.get("budgetAvailable"),
    )


def _rate_to_data(rate: RateSnapshot | None) -> Data | None:
    if rate is None:
        return None
    return _compact(
        {
            "rateId": rate.rate_id,
            "label": rate.label,
            "annualPerPost": _d(rate.annual_per_post),
            "oneOffPerPost": _d(rate.one_off_per_post),
            "validFrom": _date(rate.valid_from),
            "guideline": rate.guideline,
        }
    )


def _rate_from_data(data: Data | None) -> RateSnapshot | None:
    if not data:
        return None
    return RateSnapshot(
        rate_id=data["rateId"],
        label=data.get("label", ""),
        annual_per_post=Decimal(data["annualPerPost"]),
        one_off_per_post=Decimal(data.get("oneOffPerPost", "0.00")),
        valid_from=date.fromisoformat(data["validFrom"]) if data.get("validFrom") else None,
        guideline=data.get("guideline", ""),
    )


def funding_module_to_data(module: FundingModule) -> Data:
    """Version 2 writes the Eigenanteil's sources and, for a period by months, its months.

    ``ownContribution`` (the total) stays as in version 1 (content hashes of signed Vorlagen stay
    the same); ``ownSources`` is written only when that total does not say it all.
    """
    return _compact(
        {
            "id": str(module.id),
            "programme": module.programme,
            "component": module.component,
            "posts": _d(module.posts),
            "startYear": module.start_year,
            "startMonth": None if module.start_month == 1 else module.start_month,
            "endYear": module.end_year,
            "endMonth": None if module.end_month == 12 else module.end_month,
            "ownContribution": _d(module.own_contribution),
            "ownSources": [_compact({"amount": _d(s.amount), "source": s.source}) for s in module.own_sources]
            if _sources_need_listing(module)
            else None,
            "extraAmount": _d(module.extra_amount) if module.extra_amount else None,
            "extraReason": module.extra_reason,
            "notes": module.notes,
            "rate": _rate_to_data(module.rate),
        }
    )


def _sources_need_listing(module: FundingModule) -> bool:
    """False when ``ownContribution`` alone says it all: no source, or one without text (version 1)."""
    sources = module.own_sources
    return not (not sources or (len(sources) == 1 and not sources[0].source and sources[0].amount))


def funding_module_from_data(data: Data) -> FundingModule:
    if "ownSources" in data:
        sources = [OwnContribution(Decimal(s["amount"]), s.get("source", "")) for s in data["ownSources"]]
    else:
        # Version 1 (or one source without text): the single amount is one source with no text.
        own = Decimal(data.get("ownContribution", "0.00"))
        sources = [OwnContribution(own)] if own else []
    return FundingModule(
        id=uuid.UUID(data["id"]),
        programme=data["programme"],
        component=data["component"],
        posts=Decimal(data["posts"]),
        start_year=int(data["startYear"]),
        end_year=int(data["endYear"]),
        start_month=int(data.get("startMonth", 1)),
        end_month=int(data.get("endMonth", 12)),
        own_sources=sources,
        extra_amount=Decimal(data.get("extraAmount", "0.00")),
        extra_reason=data.get("extraReason", ""),
        notes=data.get("notes", ""),
        rate=_rate_from_data(data.get("rate")),
    )


def sign_off_to_data(sign_off: SignOff) -> Data:
    return _compact(
        {
            "id": str(sign_off.id),
            "roleKey": sign_off.role_key,
            "roleLabel": sign_off.role_label,
            "required": sign_off.required,
            "order": sign_off.order,
            "personName": sign_off.person_name,
            "asDeputy": sign_off.as_deputy or None,
            "decision": sign_off.decision.value if sign_off.decision else None,
            "signedAt": _dt(sign_off.signed_at),
            "osAccount": sign_off.os_account,
            "remark": sign_off.remark,
            "contentHash": sign_off.content_hash,
            "voided": sign_off.voided or None,
            "dueDate": _date(sign_off.due_date),
        }
    )


def sign_off_from_data(data: Data) -> SignOff:
    return SignOff(
        id=uuid.UUID(data["id"]),
        role_key=data["roleKey"],
        role_label=data.get("roleLabel", ""),
        required=bool(data.get("required", True)),
        order=int(data.get("order", 0)),
        person_name=data.get("personName", ""),
        as_deputy=bool(data.get("asDeputy", False)),
        decision=SignOffDecision(data["decision"]) if data.get("decision") else None,
        signed_at=datetime.fromisoformat(data["signedAt"]) if data.get("signedAt") else None,
        os_account=data.get("osAccount", ""),
        remark=data.get("remark", ""),
        content_hash=data.get("contentHash", ""),
        voided=bool(data.get("voided", False)),
        due_date=date.fromisoformat(data["dueDate"]) if data.get("dueDate") else None,
    )


def paper_to_data(paper: Paper) -> Data:
    """The whole Vorlage; organizations and persons are referenced by id."""
    return _compact(
        {
            "id": str(paper.id),
            "reference": paper.reference,
            "fileNumber": paper.file_number,
            "relatedPapers": [r.reference for r in paper.related_papers],
            "supplementTo": supplement_to_data(paper.supplement_to),
            "paperType": paper.paper_type.value if paper.paper_type else None,
            "status": paper.status.value,
            "sourceStatus": paper.source_status,
            "leadDepartment": str(paper.lead_department.id) if paper.lead_department else None,
            "title": paper.title,
            "rationale": paper.rationale.to_data(),
            "consultations": [_consultation_to_data(c) for c in paper.consultations],
            "financialImpact": financial_impact_to_data(paper.financial_impact),
            "fundingModules": [funding_module_to_data(m) for m in paper.funding_modules],
            "climateImpact": paper.climate_impact.value if paper.climate_impact else None,
            "climateText": paper.climate_text,
            "draftResolution": paper.draft_resolution.plain_text(),
            "draftResolutionRich": paper.draft_resolution.rich_data_beside_plain(),
            "signature": _compact(
                {
                    "heading": paper.signature.heading,
                    "onBehalf": paper.signature.on_behalf or None,
                    "name": paper.signature.name,
                    "function": paper.signature.function,
                }
            ),
            "signOffs": [sign_off_to_data(s) for s in paper.sign_offs],
            "minutesExtracts": paper.minutes_extracts,
            "resolutionRecord": [_resolution_to_data(r) for r in paper.resolution_record],
            "created": _dt(paper.created_at),
            "modified": _dt(paper.modified_at),
            "modifiedBy": paper.modified_by,
        }
    )


def paper_from_data(
    data: Data, organizations: dict[uuid.UUID, Organization], persons: dict[uuid.UUID, Person]
) -> Paper:
    """Inverse of :func:`paper_to_data`; ids must resolve in ``organizations`` / ``persons``."""
    lead = data.get("leadDepartment")
    signature = data.get("signature", {})
    climate = data.get("climateImpact")
    return Paper(
        id=uuid.UUID(data["id"]),
        reference=data.get("reference", ""),
        file_number=data.get("fileNumber", ""),
        related_papers=[RelatedPaper(reference) for reference in data.get("relatedPapers", [])],
        supplement_to=supplement_from_data(data.get("supplementTo")),
        paper_type=None if data.get("paperType") is None else PaperType(data["paperType"]),
        # Not known (version 2): an Entwurf, kimdesk's own state before its Umlauf; the import says so.
        status=PaperStatus(data.get("status") or PaperStatus.DRAFT.value),
        source_status=data.get("sourceStatus", ""),
        lead_department=organizations[uuid.UUID(lead)] if lead else None,
        title=data.get("title", ""),
        rationale=RichText.from_data(data.get("rationale", [])),
        consultations=[
            _consultation_from_data(c, organizations, persons) for c in data.get("consultations", [])
        ],
        financial_impact=financial_impact_from_data(data.get("financialImpact", {})),
        funding_modules=[funding_module_from_data(m) for m in data.get("fundingModules", [])],
        climate_impact=ImpactChoice(climate) if climate else None,
        climate_text=data.get("climateText", ""),
        draft_resolution=RichText.from_plain_and_data(
            data.get("draftResolution", ""), data.get("draftResolutionRich")
        ),
        signature=SignatureBlock(
            heading=signature.get("heading", ""),
            on_behalf=bool(signature.get("onBehalf", False)),
            name=signature.get("name", ""),
            function=signature.get("function", ""),
        ),
        sign_offs=[sign_off_from_data(s) for s in data.get("signOffs", [])],
        minutes_extracts=data.get("minutesExtracts"),
        resolution_record=[_resolution_from_data(r) for r in data.get("resolutionRecord", [])],
        # Version 2 may leave them out (or null): not known, and nothing is invented for them.
        created_at=_timestamp(data.get("created")),
        modified_at=_timestamp(data.get("modified")),
        modified_by=data.get("modifiedBy", ""),
    )


def _consultation_to_data(c: Consultation) -> Data:
    return _compact(
        {
            "committee": str(c.committee.id) if c.committee else None,
            "role": c.role.value if c.role else None,
            "meetingDate": _date(c.meeting_date),
            "agendaItem": c.agenda_item,
            "public": c.public,
            "rapporteur": str(c.rapporteur.id) if c.rapporteur else None,
            "meeting": str(c.meeting_id) if c.meeting_id else None,
        }
    )


def _consultation_from_data(
    data: Data, organizations: dict[uuid.UUID, Organization], persons: dict[uuid.UUID, Person]
) -> Consultation:
    committee = data.get("committee")
    rapporteur = data.get("rapporteur")
    meeting = data.get("meeting")
    return Consultation(
        committee=organizations[uuid.UUID(committee)] if committee else None,
        # Left out or null (version 2): not known, nothing is invented.
        role=None if data.get("role") is None else ConsultationRole(data["role"]),
        meeting_date=date.fromisoformat(data["meetingDate"]) if data.get("meetingDate") else None,
        agenda_item=data.get("agendaItem", ""),
        # Version 1 always carries it; left out (version 2), it is not known.
        public=None if data.get("public") is None else bool(data["public"]),
        rapporteur=persons[uuid.UUID(rapporteur)] if rapporteur else None,
        meeting_id=uuid.UUID(meeting) if meeting else None,
    )


def _resolution_to_data(r: ResolutionEntry) -> Data:
    return _compact(
        {
            "committeeName": r.committee_name,
            "meetingDate": _date(r.meeting_date),
            "nonPublic": r.non_public or None,
            "result": r.result,
            "text": r.text,
        }
    )


def _resolution_from_data(data: Data) -> ResolutionEntry:
    return ResolutionEntry(
        committee_name=data.get("committeeName", ""),
        meeting_date=date.fromisoformat(data["meetingDate"]) if data.get("meetingDate") else None,
        non_public=bool(data.get("nonPublic", False)),
        result=data.get("result", ""),
        text=data.get("text", ""),
    )
