"""A sample Vorlage for the live preview of a form profile in the settings: the profile's own bodies,
a Beratungsfolge of two, each optional part filled, so every section the profile shows can be seen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kimdesk.domain.form_profile import FormProfile
from kimdesk.domain.masterdata import Organization, OrganizationKind, Person
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinanceRow,
    ImpactChoice,
    Paper,
    PaperType,
    Period,
    SignatureBlock,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span

SAMPLE_RATIONALE = (
    "Das Land fördert mit dem Kommunalen Integrationsmanagement zusätzliche Personalstellen.\n\n"
    "Die Verwaltung schlägt vor, die Förderung zu beantragen."
)
SAMPLE_RESOLUTION = (
    "Die Verwaltung wird beauftragt, die Förderung zu beantragen.",
    "Die Eigenanteile werden bereitgestellt.",
)


def preview_paper(profile: FormProfile, kind_key: str) -> Paper:
    """A Vorlage of the Vorlagenart ``kind_key`` (a paper type's value; else a Beschlussvorlage)."""
    try:
        paper_type = PaperType(kind_key)
    except ValueError:
        paper_type = PaperType.RESOLUTION
    committee = Organization(profile.bodies.main_committee or profile.bodies.council)
    council = Organization(profile.bodies.council)
    paper = Paper(
        title="Kommunales Integrationsmanagement: Antrag auf Förderung",
        reference="26/0001",
        paper_type=paper_type,
        lead_department=Organization("Kommunales Integrationszentrum", OrganizationKind.DEPARTMENT),
        rationale=RichText.from_plain(SAMPLE_RATIONALE),
        consultations=[
            Consultation(
                committee,
                ConsultationRole.PRELIMINARY,
                date(2026, 3, 5),
                "4",
                True,
                Person("Maria Beispiel", "Leiterin des Kommunalen Integrationszentrums"),
            ),
            Consultation(council, ConsultationRole.DECISION, date(2026, 3, 19), "7", True),
        ],
        climate_impact=ImpactChoice.NONE,
        draft_resolution=RichText(
            [Block(BlockKind.NUMBERED_LIST, items=[[Span(line)] for line in SAMPLE_RESOLUTION])]
        ),
        signature=SignatureBlock(profile.signature_heading, True, "Max Muster", profile.bodies.deputy_head),
        minutes_extracts=2,
    )
    paper.financial_impact.choice = ImpactChoice.FOLLOWING
    paper.financial_impact.amounts[(FinanceRow.INCOME, Period.ANNUAL)] = Decimal("50000.00")
    paper.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("65000.00")
    paper.financial_impact.budget_available = True
    return paper
