"""Aktenzeichen, Bezugsvorlagen, the new roles, an unknown "öffentlich", funding by months, Eigenanteil
sources and an amount the catalogue lacks in the PDF, read back."""

from __future__ import annotations

import re
from decimal import Decimal

from kimdesk.domain.model import ConsultationRole, OwnContribution, RelatedPaper
from tests.demo_data import B3_REFERENCE, funding_papers
from tests.pdf.readback import find_in_order, flat, page_texts


def whole_text(data: bytes) -> str:
    return flat(" ".join(page_texts(data)))


def test_aktenzeichen_stands_in_the_head_and_bezugsvorlagen_below_betrifft(seed, render):
    seed.file_number = "51.2-0815/2020"
    seed.related_papers = [RelatedPaper("19/0112"), RelatedPaper("20/0003")]
    first = flat(page_texts(render(seed))[0])
    find_in_order(
        first,
        [
            "Vorlage Nr. 20/0270",
            seed.paper_type.label,
            "Federf. Stadtamt",
            "Aktenzeichen: 51.2-0815/2020",  # the head fields in the profile's order
            "Betrifft:",
            seed.title.split()[0],
            "Bezugsvorlagen: 19/0112, 20/0003",
            "Begründung:",
        ],
    )


def test_one_bezugsvorlage_is_named_in_the_singular_and_none_prints_nothing(seed, render):
    seed.related_papers = [RelatedPaper("19/0112")]
    assert "Bezugsvorlage: 19/0112" in flat(page_texts(render(seed))[0])
    seed.related_papers = []
    text = flat(" ".join(page_texts(render(seed))))
    assert "Bezugsvorlage" not in text and "Aktenzeichen" not in text


def test_lead_role_is_printed_and_an_unknown_public_claims_nothing(seed, render):
    seed.consultations[0].role = ConsultationRole.LEAD
    seed.consultations[0].public = None
    first = flat(page_texts(render(seed))[0])
    assert "federführend" in first
    assert "öffentliche Sitzung" not in first and "nicht-öffentliche Sitzung" not in first
    seed.consultations[0].role = ConsultationRole.RECOMMENDATION
    seed.consultations[0].public = False
    first = flat(page_texts(render(seed))[0])
    assert "Empfehlung" in first and "nicht-öffentliche Sitzung" in first


def _b3_paper(orgs, persons):
    return next(p for p in funding_papers(orgs, persons) if p.reference == B3_REFERENCE)


def test_a_period_by_months_prints_pro_rata_years_and_the_period(render, orgs, persons):
    paper = _b3_paper(orgs, persons)
    (module,) = paper.funding_modules
    module.start_year, module.start_month, module.end_year, module.end_month = 2020, 7, 2023, 6
    text = whole_text(render(paper))
    for year, grant in ((2020, "25.000,00"), (2021, "50.000,00"), (2022, "50.000,00"), (2023, "25.000,00")):
        assert re.search(rf"{year} KIM NRW – Baustein 3: Stellen in 1 {grant} €", text), year
    assert text.count("(6 Monate)") == 2
    assert "Summe 150.000,00 €" in text
    assert "Förderzeitraum 01.07.2020–30.06.2023; Beträge angebrochener Jahre anteilig je Monat." in text


def test_eigenanteil_sources_and_an_amount_the_catalogue_lacks_are_printed_and_counted(render, orgs, persons):
    paper = _b3_paper(orgs, persons)
    (module,) = paper.funding_modules
    module.own_sources = [
        OwnContribution(Decimal("12000.00"), "Integrationspauschale § 14c TIntG"),
        OwnContribution(Decimal("500.00"), "Haushaltsmittel"),
    ]
    module.extra_amount = Decimal("-1250.00")
    module.extra_reason = "laut Bescheid vom 15.12.2020"
    text = whole_text(render(paper))
    # 3 years of 50.000 − 1.250 = 48.750 each; Eigenanteil 12.500 a year.
    assert re.search(r"2020 KIM NRW – Baustein 3: Stellen in 1 48\.750,00 € 12\.500,00 €", text)
    assert "Summe 146.250,00 € 37.500,00 €" in text
    assert (
        "Eigenanteil je Jahr: 12.000,00 € Integrationspauschale § 14c TIntG, 500,00 € Haushaltsmittel" in text
    )
    assert (
        "im Zuschuss enthalten je Jahr -1.250,00 € ohne Pauschale des Förderkatalogs – laut Bescheid" in text
    )
