"""The demo office's KIM Vorlagen: Baustein 3 (two half posts 2020–2022) and Baustein 2 (case management).

Their finance tables are derived from the funding modules with the shipped catalogue, as the editor does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    Paper,
    PaperType,
    SignatureBlock,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.demo import demo_id
from kimdesk.services.funding import default_catalogue, refresh_funding

B3_REFERENCE = "20/0340"
B2_REFERENCE = "21/0012"


def _p(*spans: Span | str) -> Block:
    return Block(BlockKind.PARAGRAPH, [s if isinstance(s, Span) else Span(s) for s in spans])


def _signature() -> SignatureBlock:
    return SignatureBlock("Der Bürgermeister", True, "Rainer Weichelt", "Erster Beigeordneter")


def baustein3_paper(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    """Two half posts in the Ausländer- and Einbürgerungsbehörde, 2020–2022: 50.000 € a year."""
    created = datetime(2020, 10, 19, 8, 0, tzinfo=UTC)
    return Paper(
        id=demo_id(f"paper:{B3_REFERENCE}"),
        reference=B3_REFERENCE,
        paper_type=PaperType.RESOLUTION,
        lead_department=orgs["foreigners_dept"],
        title="Kommunales Integrationsmanagement, Baustein 3: zusätzliche Stellen in der Ausländer- "
        "und Einbürgerungsbehörde",
        rationale=RichText(
            [
                _p(
                    "Mit Baustein 3 des Kommunalen Integrationsmanagements fördert das Land "
                    "Nordrhein-Westfalen zusätzliche Personalstellen in den Ausländer- und "
                    "Einbürgerungsbehörden zur rechtlichen Verstetigung der Integration ausländischer "
                    "Menschen mit besonderen Integrationsleistungen."
                ),
                _p(
                    "Die Stadt hat eine eigene Ausländerbehörde und eine eigene Einbürgerungsbehörde. "
                    "Sie erhält für die Schaffung von ",
                    Span("zwei halben Personalstellen", bold=True),
                    " eine Förderung von je 25.000,00 € jährlich, zusammen 50.000,00 € im Jahr und "
                    "150.000,00 € für die drei Förderjahre 2020 bis 2022.",
                ),
                Block(
                    BlockKind.BULLET_LIST,
                    items=[
                        [Span("Ausländerbehörde: Bleiberechte nach §§ 25a und 25b AufenthG")],
                        [Span("Einbürgerungsbehörde: Einbürgerung gut integrierter Menschen")],
                    ],
                ),
            ]
        ),
        consultations=[
            Consultation(
                orgs["integration_council"],
                ConsultationRole.PRELIMINARY,
                date(2020, 11, 4),
                "7",
                True,
                persons["weichelt"],
            ),
            Consultation(orgs["hfa"], ConsultationRole.PRELIMINARY, date(2020, 11, 23), "", True),
            Consultation(orgs["council"], ConsultationRole.DECISION, date(2020, 12, 14), "", True),
        ],
        funding_modules=[
            FundingModule(
                programme="kim-nrw",
                component="b3-immigration-offices",
                posts=Decimal("1.0"),
                start_year=2020,
                end_year=2022,
                notes="zwei halbe Stellen: je 0,5 in der Ausländerbehörde und in der Einbürgerungsbehörde",
                id=demo_id(f"funding:{B3_REFERENCE}:1"),
            )
        ],
        financial_impact=FinancialImpact(budget_available=True),
        climate_impact=ImpactChoice.NONE,
        draft_resolution=(
            "Der Rat beschließt, Fördermittel aus Baustein 3 des Kommunalen Integrationsmanagements "
            "für zwei halbe Stellen in der Ausländer- und Einbürgerungsbehörde für die Jahre 2020 bis "
            "2022 zu beantragen, und stimmt der Einrichtung der Stellen zu."
        ),
        signature=_signature(),
        minutes_extracts=2,
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )


def baustein2_paper(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    """Three case-management posts 2021–2023 with an own contribution for the costs above the rate."""
    created = datetime(2021, 1, 11, 8, 0, tzinfo=UTC)
    return Paper(
        id=demo_id(f"paper:{B2_REFERENCE}"),
        reference=B2_REFERENCE,
        paper_type=PaperType.RESOLUTION,
        lead_department=orgs["integration_dept"],
        title="Kommunales Integrationsmanagement, Baustein 2: rechtskreisübergreifendes Case-Management",
        rationale=RichText(
            [
                _p(
                    "Baustein 2 des Kommunalen Integrationsmanagements fördert Personalstellen für ein "
                    "rechtskreisübergreifendes individuelles Case-Management mit einer fachbezogenen "
                    "Pauschale von 57.000,00 € je Vollzeitstelle und Jahr."
                ),
                _p(
                    "Die Verwaltung schlägt vor, ",
                    Span("drei Vollzeitstellen", bold=True),
                    " für die Jahre 2021 bis 2023 einzurichten. Die Personalkosten übersteigen die "
                    "Pauschale; den Unterschied von 15.000,00 € je Stelle und Jahr trägt die Stadt als "
                    "Eigenanteil.",
                ),
            ]
        ),
        consultations=[
            Consultation(
                orgs["social_committee"],
                ConsultationRole.PRELIMINARY,
                date(2021, 2, 2),
                "5",
                True,
                persons["kraemer"],
            ),
            Consultation(orgs["hfa"], ConsultationRole.PRELIMINARY, date(2021, 2, 22), "", True),
            Consultation(orgs["council"], ConsultationRole.DECISION, date(2021, 3, 8), "", True),
        ],
        funding_modules=[
            FundingModule(
                programme="kim-nrw",
                component="b2-case-management",
                posts=Decimal("3"),
                start_year=2021,
                end_year=2023,
                own_contribution=Decimal("45000.00"),
                notes="Eigenanteil 15.000,00 € je Stelle und Jahr (Personalkosten über der Pauschale)",
                id=demo_id(f"funding:{B2_REFERENCE}:1"),
            )
        ],
        financial_impact=FinancialImpact(budget_available=True),
        climate_impact=ImpactChoice.NONE,
        draft_resolution=(
            "Der Rat beschließt, für die Jahre 2021 bis 2023 drei Vollzeitstellen für das "
            "rechtskreisübergreifende Case-Management einzurichten und die Förderung aus Baustein 2 "
            "des Kommunalen Integrationsmanagements zu beantragen."
        ),
        signature=_signature(),
        minutes_extracts=3,
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )


def funding_papers(orgs: dict[str, Organization], persons: dict[str, Person]) -> list[Paper]:
    """The demo's KIM Vorlagen with rates attached and their finance tables derived."""
    catalogue = default_catalogue()
    return [
        refresh_funding(baustein3_paper(orgs, persons), catalogue),
        refresh_funding(baustein2_paper(orgs, persons), catalogue),
    ]
