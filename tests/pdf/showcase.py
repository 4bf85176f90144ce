"""A Vorlage that uses every part of the form: a Beratungsfolge of four bodies, the NKF table, Fördermodule,
Klima text, a numbered Beschlussentwurf, every Mitzeichnung signed, long German words in narrow cells.

Tests of the form profiles and ``scripts/render_form_profiles.py`` print it in each shipped profile.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from kimdesk.domain.form_profile import FormProfile
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    ImpactChoice,
    Paper,
    PaperType,
    SignOff,
    SignOffDecision,
)
from kimdesk.domain.richtext import RichText
from kimdesk.services.form_profiles import apply_profile
from tests.demo_data import demo_office, funding_papers

DRAFT_RESOLUTION = (
    "Der Rat beschließt:\n"
    "1. Die Verwaltung wird beauftragt, die Fördermittel für das Kommunale Integrationsmanagement zu "
    "beantragen.\n"
    "2. Die Eigenanteile werden im Haushalt bereitgestellt.\n"
    "3. Über den Fortgang wird im Integrationsrat berichtet."
)
CLIMATE_TEXT = (
    "Geringfügig mehr Dienstreisen; Fahrten erfolgen vorrangig mit dem Öffentlichen Personennahverkehr."
)
#: Long words that a narrow column must neither overflow nor break.
LONG_NAMES = ("Oberbürgermeisterin Dr. Hannelore Mustermann-Schmidt", "Kreisverwaltungsdirektorin")


def showcase_paper(orgs: dict[str, Organization], persons: dict[str, Person], office: Office) -> Paper:
    paper = funding_papers(orgs, persons)[0]
    paper.paper_type = PaperType.RESOLUTION
    paper.consultations = [
        Consultation(
            orgs["integration_council"],
            ConsultationRole.PRELIMINARY,
            date(2020, 9, 3),
            "4",
            True,
            persons["kraemer"],
        ),
        Consultation(orgs["social_committee"], ConsultationRole.PRELIMINARY, date(2020, 9, 10), "6.1", True),
        Consultation(orgs["hfa"], ConsultationRole.PRELIMINARY, date(2020, 9, 17), "12", False),
        Consultation(orgs["council"], ConsultationRole.DECISION, date(2020, 9, 24), "9", True),
    ]
    paper.climate_impact = ImpactChoice.FOLLOWING
    paper.climate_text = CLIMATE_TEXT
    paper.draft_resolution = RichText.from_plain_exact(DRAFT_RESOLUTION)
    paper.minutes_extracts = 3
    signed = datetime(2020, 8, 28, 9, 0, tzinfo=UTC)
    paper.sign_offs = [
        SignOff(
            role.key,
            role.label,
            order=position,
            person_name=LONG_NAMES[0] if position == 0 else LONG_NAMES[1],
            decision=SignOffDecision.APPROVED,
            signed_at=signed,
        )
        for position, role in enumerate(office.sign_off_roles)
    ]
    return paper


#: The office's name in the pictures of each kind of office.
MUNICIPALITIES = {
    "stadt": "Stadt Musterstadt",
    "kreis": "Kreis Musterkreis",
    "gemeinde": "Gemeinde Musterdorf",
}


def showcase_office(
    persons: dict[str, Person], orgs: dict[str, Organization], profile: FormProfile
) -> Office:
    """The demo office with ``profile`` applied; its Rat and Haupt- und Finanzausschuss renamed as the
    profile names them (``orgs`` is changed in place)."""
    office = apply_profile(demo_office(persons), profile)
    office.municipality = MUNICIPALITIES.get(profile.kind.value, office.municipality)
    for key, name in (("council", profile.bodies.council), ("hfa", profile.bodies.main_committee)):
        if orgs[key].name != name:
            orgs[key] = replace(orgs[key], name=name, name_genitive="")
    return office
