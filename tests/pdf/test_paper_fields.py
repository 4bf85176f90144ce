"""Aktenzeichen, Bezugsvorlagen, the new roles and an unknown "öffentlich" in the PDF, read back."""

from __future__ import annotations

from kimdesk.domain.model import ConsultationRole, RelatedPaper
from tests.pdf.readback import find_in_order, flat, page_texts


def test_aktenzeichen_stands_in_the_head_and_bezugsvorlagen_below_betrifft(seed, render):
    seed.file_number = "51.2-0815/2020"
    seed.related_papers = [RelatedPaper("19/0112"), RelatedPaper("20/0003")]
    first = flat(page_texts(render(seed))[0])
    find_in_order(
        first,
        [
            "Vorlage Nr. 20/0270",
            seed.paper_type.label,
            "Aktenzeichen: 51.2-0815/2020",
            "Federf. Stadtamt",
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
