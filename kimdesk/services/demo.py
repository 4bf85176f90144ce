"""The demo office: the seed Vorlage 20/0270 and its Integrationsrat, and a few more realistic Vorlagen.

Ids are fixed (uuid5) so that a demo loaded twice, or on two PCs, is the same data.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from kimdesk.domain.masterdata import Office, Organization, OrganizationKind, Person, SignOffRole
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinanceRow,
    FinancialImpact,
    ImpactChoice,
    Paper,
    PaperType,
    Period,
    SignatureBlock,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.ports import UnitOfWorkFactory

_NS = uuid.UUID("6f1c2d4e-9b1a-4c55-8e0a-6b2f8d1f0270")


def demo_id(name: str) -> uuid.UUID:
    return uuid.uuid5(_NS, name)


def demo_organizations() -> dict[str, Organization]:
    def org(key: str, name: str, kind: OrganizationKind, short: str = "", gen: str = "") -> Organization:
        return Organization(name, kind, short, gen, id=demo_id(f"org:{key}"))

    dep, com = OrganizationKind.DEPARTMENT, OrganizationKind.COMMITTEE
    return {
        "integration_dept": org("integration_dept", "Amt für Integration und Sport", dep, "Amt 51"),
        "foreigners_dept": org(
            "foreigners_dept", "Ordnungsamt – Ausländer- und Einbürgerungsbehörde", dep, "Amt 32"
        ),
        "finance_dept": org("finance_dept", "Kämmerei", dep, "Amt 20"),
        "integration_council": org("integration_council", "Integrationsrat", com, "IR", "Integrationsrates"),
        "council": org("council", "Rat", com, "Rat", "Rates"),
        "hfa": org("hfa", "Haupt- und Finanzausschuss", com, "HFA", "Haupt- und Finanzausschusses"),
        "social_committee": org(
            "social_committee",
            "Ausschuss für Soziales und Gesundheit",
            com,
            "ASG",
            "Ausschusses für Soziales und Gesundheit",
        ),
    }


def demo_persons() -> dict[str, Person]:
    def person(key: str, name: str, function: str) -> Person:
        return Person(name, function, id=demo_id(f"person:{key}"))

    return {
        "mayor": person("mayor", "Christoph Tesche", "Bürgermeister"),
        "weichelt": person("weichelt", "Rainer Weichelt", "Erster Beigeordneter"),
        "treasurer": person("treasurer", "Dr. Sabine Möller", "Stadtkämmerin"),
        "deputy": person("deputy", "Andrea Krause", "Beigeordnete"),
        "architect": person("architect", "Holger Brandt", "Stadtbaurat"),
        "legal": person("legal", "Yasemin Aydın", "Leiterin des Rechtsamts"),
        "kraemer": person("kraemer", "Wolfgang Krämer", "Leiter des Kommunalen Integrationszentrums"),
    }


def demo_office(persons: dict[str, Person]) -> Office:
    roles = [
        ("mayor", "Bürgermeister", "mayor", "weichelt"),
        ("first_deputy", "Erster Beigeordneter", "weichelt", "deputy"),
        ("treasurer", "Stadtkämmerer", "treasurer", "weichelt"),
        ("deputies", "Beigeordnete", "deputy", "weichelt"),
        ("city_architect", "Stadtbaurat", "architect", "weichelt"),
        ("legal", "Rechtsamt", "legal", "weichelt"),
    ]
    return Office(
        municipality="Stadt Recklinghausen",
        default_signatory=persons["weichelt"],
        sign_off_roles=[
            SignOffRole(key, label, order, persons[holder], persons[deputy])
            for order, (key, label, holder, deputy) in enumerate(roles)
        ],
    )


def _p(*spans: Span | str) -> Block:
    return Block(BlockKind.PARAGRAPH, [s if isinstance(s, Span) else Span(s) for s in spans])


SEED_RATIONALE = RichText(
    [
        _p(
            "Das Ministerium für Kinder, Familien, Flüchtlinge und Integration des Landes "
            "Nordrhein-Westfalen fördert für die Dauer von drei Jahren die Einrichtung eines "
            "kommunalen Integrationsmanagements."
        ),
        _p("Das Kommunale Integrationsmanagement besteht dabei aus drei verschiedenen Modulen:"),
        Block(
            BlockKind.NUMBERED_LIST,
            items=[
                [
                    Span(
                        "Förderrichtlinie zur Implementierung eines strategischen Kommunalen "
                        "Integrationsmanagements (strategischer Overhead) in den KI-Kommunen "
                        "(Kommunales Integrationsmanagement NRW),"
                    )
                ],
                [
                    Span(
                        "Fachbezogene Pauschale für Personalstellen, um ein rechtskreisübergreifendes "
                        "individuelles Case-Management/Fallmanagement für die operative Basis des "
                        "Kommunalen Integrationsmanagements einzurichten,"
                    )
                ],
                [
                    Span(
                        "Fachbezogene Pauschale für zusätzliche Personalstellen in den Ausländer- und "
                        "Einbürgerungsbehörden zur rechtlichen Verstetigung der Integration ausländischer "
                        "Menschen mit besonderen Integrationsleistungen."
                    )
                ],
            ],
        ),
        _p(
            "Damit fördert die Landesregierung die flächendeckende Einführung eines Kommunalen "
            "Integrationsmanagements in allen Kreisen und kreisfreien Städten in Nordrhein-Westfalen. "
            "In den nächsten drei Jahren sollen dabei unter der Leitung des Kommunalen "
            "Integrationszentrums in der Ausländer- und Einbürgerungsbehörde zusätzliche Personalstellen "
            "(zwei halbe bzw. eine ganze Stelle) zur rechtlichen Verstetigung der Integration "
            "ausländischer Menschen mit besonderen Integrationsleistungen geschaffen werden. Dabei "
            "erhält jede Kommune mit einer eigenen Ausländerbehörde und einer eigenen "
            "Einbürgerungsbehörde für die Schaffung von zwei halben Personalstellen eine Förderung von "
            "je 25.000,-- Euro."
        ),
        _p(
            "Die Stellen des Bausteins 3 sollen die Ausländerbehörden bei der Umsetzung der "
            "Bleiberechte für gut integrierte Ausländer nach den §§ 25 a (Aufenthaltsgewährung bei gut "
            "integrierten Jugendlichen und Heranwachsenden) und 25 b AufenthG (Aufenthaltsgewährung bei "
            "nachhaltiger Integration) und die Einbürgerungsbehörden bei der Förderung von "
            "Einbürgerungen gut integrierter Menschen, welche die Einbürgerungsvoraussetzungen "
            "erfüllen, unterstützen. Mit den zusätzlichen Personalstellen sollen "
            "Einbürgerungsverfahren mit der Zielsetzung der weiteren Erhöhung der Einbürgerungszahlen "
            "für NRW weiter optimiert werden."
        ),
        _p(
            "In der Sitzung wird Herr Wolfgang Krämer, Leiter des Kommunalen Integrationszentrums des "
            "Kreises Recklinghausen, zu den Bausteinen 1 und 2 ergänzend berichten."
        ),
    ]
)


def seed_paper(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    """Vorlage 20/0270 exactly as on the municipality's form (seed 004)."""
    created = datetime(2020, 8, 24, 9, 30, tzinfo=UTC)
    return Paper(
        id=demo_id("paper:20/0270"),
        reference="20/0270",
        paper_type=PaperType.INFORMATION,
        lead_department=orgs["integration_dept"],
        title="Kommunales Integrationsmanagement",
        rationale=SEED_RATIONALE,
        consultations=[
            Consultation(
                committee=orgs["integration_council"],
                role=ConsultationRole.NOTING,
                meeting_date=date(2020, 9, 9),
                agenda_item="4",
                public=True,
                rapporteur=persons["weichelt"],
            )
        ],
        financial_impact=FinancialImpact(choice=ImpactChoice.NONE),
        climate_impact=ImpactChoice.NONE,
        draft_resolution="Der Integrationsrat nimmt den Bericht der Verwaltung zur Kenntnis.",
        signature=SignatureBlock(
            heading="Der Bürgermeister",
            on_behalf=True,
            name="Rainer Weichelt",
            function="Erster Beigeordneter",
        ),
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )


def more_papers(orgs: dict[str, Organization], persons: dict[str, Person]) -> list[Paper]:
    """Further realistic Vorlagen of the demo office."""
    created = datetime(2020, 10, 5, 8, 0, tzinfo=UTC)
    sprachkurse = Paper(
        id=demo_id("paper:20/0311"),
        reference="20/0311",
        paper_type=PaperType.RESOLUTION,
        lead_department=orgs["integration_dept"],
        title="Zuschuss an den Verein „Brücken bauen e. V.“ für Sprachcafés 2021",
        rationale=RichText(
            [
                _p(
                    "Der Verein „Brücken bauen e. V.“ bietet seit 2016 wöchentliche Sprachcafés für "
                    "Neuzugewanderte an. Für 2021 beantragt er einen Zuschuss von ",
                    Span("12.000,00 €", bold=True),
                    " für Honorare und Material.",
                ),
                Block(BlockKind.HEADING, [Span("Bewertung der Verwaltung")], level=2),
                _p(
                    "Das Angebot ergänzt die Integrationskurse des Bundes und erreicht vor allem "
                    "Frauen mit kleinen Kindern. Die Verwaltung empfiehlt die Förderung."
                ),
                Block(
                    BlockKind.BULLET_LIST,
                    items=[
                        [Span("rund 40 Teilnehmende je Woche")],
                        [Span("drei Standorte: Innenstadt, Süd, Hochlarmark")],
                        [Span("Kinderbetreuung "), Span("während", italic=True), Span(" der Treffen")],
                    ],
                ),
            ]
        ),
        consultations=[
            Consultation(
                orgs["integration_council"],
                ConsultationRole.PRELIMINARY,
                date(2020, 11, 4),
                "6",
                True,
                persons["weichelt"],
            ),
            Consultation(orgs["hfa"], ConsultationRole.PRELIMINARY, date(2020, 11, 23), "", True),
            Consultation(orgs["council"], ConsultationRole.DECISION, date(2020, 12, 14), "", True),
        ],
        financial_impact=FinancialImpact(
            choice=ImpactChoice.FOLLOWING,
            amounts={
                (FinanceRow.EXPENSE, Period.ANNUAL): Decimal("12000.00"),
                (FinanceRow.EXPENSE_TRANSFER, Period.ANNUAL): Decimal("12000.00"),
            },
            budget_available=True,
        ),
        climate_impact=ImpactChoice.NONE,
        draft_resolution=(
            "Der Rat beschließt, dem Verein „Brücken bauen e. V.“ für das Jahr 2021 einen Zuschuss "
            "von 12.000,00 € für die Durchführung von Sprachcafés zu gewähren."
        ),
        signature=SignatureBlock("Der Bürgermeister", True, "Rainer Weichelt", "Erster Beigeordneter"),
        minutes_extracts=3,
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )
    created = datetime(2020, 10, 12, 8, 0, tzinfo=UTC)
    bericht = Paper(
        id=demo_id("paper:20/0325"),
        reference="20/0325",
        paper_type=PaperType.REPORT,
        lead_department=orgs["integration_dept"],
        title="Bericht über die Arbeit des Kommunalen Integrationszentrums 2019/2020",
        rationale=RichText(
            [
                _p(
                    "Das Kommunale Integrationszentrum berichtet über seine Schwerpunkte Bildung, "
                    "Integration als Querschnittsaufgabe und die Zusammenarbeit mit den "
                    "Migrantenselbstorganisationen."
                ),
            ]
        ),
        consultations=[
            Consultation(
                orgs["integration_council"], ConsultationRole.NOTING, None, "", True, persons["kraemer"]
            ),
        ],
        financial_impact=FinancialImpact(choice=ImpactChoice.NONE),
        climate_impact=ImpactChoice.NONE,
        signature=SignatureBlock("Der Bürgermeister", True, "Rainer Weichelt", "Erster Beigeordneter"),
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )
    return [sprachkurse, bericht]


def load_demo(uow_factory: UnitOfWorkFactory) -> list[str]:
    """Load the demo office into the database; Vorlagen already there are left as they are.

    Returns the references of the Vorlagen that were added.
    """
    orgs = demo_organizations()
    persons = demo_persons()
    added: list[str] = []
    with uow_factory() as uow:
        for org in orgs.values():
            uow.organizations.save(org)
        for person in persons.values():
            uow.persons.save(person)
        uow.office.save(demo_office(persons))
        existing = set(uow.papers.all_ids())
        for paper in [seed_paper(orgs, persons), *more_papers(orgs, persons)]:
            if paper.id not in existing:
                uow.papers.add(paper)
                added.append(paper.reference)
        uow.commit()
    return added


def load_full_demo(uow_factory: UnitOfWorkFactory) -> tuple[list[str], list[str]]:
    """``kimdesk demo``: the office, its Vorlagen incl. the KIM applications, their Mitzeichnungen and the
    Integrationsrat's meetings. Idempotent. Returns the references and the meeting ids that were added.
    """
    from kimdesk.services.demo_funding import funding_papers
    from kimdesk.services.demo_meetings import apply_demo_meetings
    from kimdesk.services.demo_signoff import apply_demo_signoffs

    added = load_demo(uow_factory)
    with uow_factory() as uow:
        existing = set(uow.papers.all_ids())
        for paper in funding_papers(demo_organizations(), demo_persons()):
            if paper.id not in existing:
                uow.papers.add(paper)
                added.append(paper.reference)
        uow.commit()
    added += apply_demo_signoffs(uow_factory)
    meetings = apply_demo_meetings(uow_factory)
    return added, meetings
