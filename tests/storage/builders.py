"""A Vorlage with every optional field filled, and the demo data, for the storage tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

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
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from tests.demo_data import demo_organizations, demo_persons, seed_paper


def demo_seed() -> Paper:
    return seed_paper(demo_organizations(), demo_persons())


def full_paper(reference: str = "26/0042") -> Paper:
    """Every field set to a non-default value: sign-offs, funding modules with rate snapshots,
    overridden cells, resolution entries, a Person with a PIN hash."""
    hfa = Organization(
        "Haupt- und Finanzausschuss", OrganizationKind.COMMITTEE, "HFA", "Haupt- und Finanzausschusses"
    )
    council = Organization("Rat", OrganizationKind.COMMITTEE, "Rat", "Rates")
    dept = Organization("Ordnungsamt – Ausländerbehörde", OrganizationKind.DEPARTMENT, "Amt 32")
    mayor = Person("Christoph Tesche", "Bürgermeister", pin_hash="$argon2id$v=19$m=65536,t=3,p=4$abc$def")
    berlin_summer = timezone(timedelta(hours=2))
    created = datetime(2026, 3, 2, 7, 15, 30, 123456, tzinfo=UTC)
    return Paper(
        title="KIM Baustein 3: zwei halbe Stellen in der Ausländer- und Einbürgerungsbehörde 😀",
        reference=reference,
        file_number="32.1-4711/2026",
        related_papers=[RelatedPaper("25/0099")],
        paper_type=PaperType.MOTION,
        lead_department=dept,
        rationale=RichText(
            [
                Block(BlockKind.HEADING, [Span("Ausgangslage")], level=2),
                Block(
                    BlockKind.PARAGRAPH,
                    [Span("Nach "), Span("§ 25b", bold=True), Span(" AufenthG", italic=True)],
                ),
                Block(
                    BlockKind.NUMBERED_LIST, items=[[Span("eins")], [Span("zwei", bold=True, italic=True)]]
                ),
                Block(BlockKind.BULLET_LIST, items=[[Span("محمد رضایی ‮rtl a\u200bb")]]),
            ]
        ),
        consultations=[
            Consultation(
                hfa,
                ConsultationRole.PRELIMINARY,
                date(2026, 4, 20),
                "7.1",
                False,
                mayor,
                uuid.UUID("12345678-1234-5678-1234-567812345678"),
            ),
            Consultation(council, ConsultationRole.DECISION, date(2026, 5, 4), "12", True, None, None),
            Consultation(None, ConsultationRole.NOTING, None, "", True, None, None),
        ],
        financial_impact=FinancialImpact(
            choice=ImpactChoice.FOLLOWING,
            amounts={
                (FinanceRow.INCOME, Period.ANNUAL): Decimal("50000.00"),
                (FinanceRow.INCOME_GRANTS, Period.ANNUAL): Decimal("999999999.99"),
                (FinanceRow.EXPENSE, Period.ANNUAL): Decimal("0.01"),
                (FinanceRow.EXPENSE_PERSONNEL, Period.ONE_OFF): Decimal("0.00"),
                (FinanceRow.INVESTMENT_PAYMENTS, Period.ONE_OFF): Decimal("5700.00"),
            },
            overridden={(FinanceRow.EXPENSE, Period.ANNUAL), (FinanceRow.INVESTMENT_GRANTS, Period.ONE_OFF)},
            budget_available=False,
        ),
        funding_modules=[
            FundingModule(
                "kim-nrw",
                "b3-immigration-offices",
                Decimal("0.5"),
                2026,
                2028,
                [
                    OwnContribution(Decimal("1234.56"), "Integrationspauschale § 14c TIntG"),
                    OwnContribution(Decimal("100.00")),
                ],
                "zweite halbe Stelle folgt",
                RateSnapshot(
                    "b3-2024",
                    "Baustein 3 (Richtlinie 2024)",
                    Decimal("25000.00"),
                    Decimal("5700.00"),
                    date(2024, 12, 12),
                    "MBl. NRW 2024 S. 1229",
                ),
                start_month=7,
                end_month=6,
                extra_amount=Decimal("-250.50"),
                extra_reason="laut Bescheid vom 01.03.2026",
            ),
            FundingModule("eigenes-programm", "sprachcafe", Decimal("1.00"), 2026, 2026),
        ],
        climate_impact=ImpactChoice.FOLLOWING,
        climate_text="Mehr Dienstreisen mit dem ÖPNV.",
        draft_resolution=RichText.from_plain_exact(
            "Der Rat beschließt die Einrichtung von zwei halben Stellen."
        ),
        signature=SignatureBlock("Die Bürgermeisterin", True, "Rainer Weichelt", "Erster Beigeordneter"),
        sign_offs=[
            SignOff(
                "treasurer",
                "Stadtkämmerer",
                True,
                2,
                "Dr. Sabine Möller",
                False,
                SignOffDecision.APPROVED,
                datetime(2026, 3, 5, 14, 3, tzinfo=berlin_summer),
                "smoeller",
                "geprüft",
                "a" * 64,
                False,
                date(2026, 3, 10),
            ),
            SignOff(
                "legal",
                "Rechtsamt",
                False,
                5,
                "Andrea Krause",
                True,
                SignOffDecision.REJECTED,
                datetime(2026, 3, 6, 9, 0, tzinfo=UTC),
                "akrause",
                "bitte § prüfen",
                "b" * 64,
                True,
                None,
            ),
            SignOff("mayor", "Bürgermeister"),
        ],
        minutes_extracts=7,
        resolution_record=[
            ResolutionEntry(
                "Haupt- und Finanzausschusses", date(2026, 4, 20), True, "einstimmig", "empfohlen"
            ),
            ResolutionEntry("Rates"),
        ],
        status=PaperStatus.IN_SIGN_OFF,
        created_at=created,
        modified_at=created + timedelta(days=3, microseconds=1),
        modified_by="mmueller",
    )
