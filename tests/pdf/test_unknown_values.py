"""A Vorlage whose Vorlagenart and Zuständigkeiten are not known (imported from a system that did not
record them) prints with every shipped profile: no Vorlagenart, no role word, the profile's default
sections, the Beschlussvermerk as with known roles (read back from the PDF)."""

from __future__ import annotations

import copy

import pytest

from kimdesk.domain.model import CONSULTATION_ROLE_LABELS, PAPER_TYPE_LABELS, Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.form_profiles import shipped_profile, shipped_profiles
from tests.demo_data import demo_organizations, demo_persons
from tests.pdf.readback import flat, page_texts
from tests.pdf.showcase import showcase_office, showcase_paper

SHIPPED = [s.key for s in shipped_profiles()]
ROLE_WORDS = list(CONSULTATION_ROLE_LABELS.values())


def _unknown(paper: Paper) -> Paper:
    unknown = copy.deepcopy(paper)
    unknown.paper_type = None
    for consultation in unknown.consultations:
        consultation.role = None
    return unknown


def _text(data: bytes) -> str:
    return flat(" ".join(page_texts(data)))


def _record(text: str) -> str:
    """The Beschlussvermerk: from its heading to the end of its box's closing sentence."""
    start = text.rindex("Beschlussvermerk")
    return text[start : text.index("beschlossen", start)]


@pytest.mark.parametrize("key", SHIPPED)
def test_unknown_type_and_roles_print_nothing_for_them_with_each_shipped_profile(key: str) -> None:
    orgs, persons = demo_organizations(), demo_persons()
    office = showcase_office(persons, orgs, shipped_profile(key))
    known = showcase_paper(orgs, persons, office)
    renderer = PaperPdfRenderer()
    known_text = _text(renderer.render_paper(known, office))
    assert "Beschlussvorlage" in known_text  # the form names a known Vorlagenart …
    assert any(word in known_text for word in ROLE_WORDS)  # … and the Zuständigkeit

    text = _text(renderer.render_paper(_unknown(known), office))
    profile = office.form_profile
    for label in {*PAPER_TYPE_LABELS.values(), *(kind.label for kind in profile.kinds)}:
        assert label not in text, f"{key}: {label} gedruckt"
    # (Words of the profile's own headings do not count: gemeinde's „Beschlussvorschlag/Empfehlung:“.)
    headings = {flat(s.shown_heading) for kind in profile.kinds for s in kind.sections if s.shown_heading}
    body = text
    for heading in headings:
        body = body.replace(heading, "")
    for word in ROLE_WORDS:
        assert word not in body, f"{key}: {word} gedruckt"
    # The profile's default sections (those of a Vorlagenart it does not list), under their headings.
    default = profile.kind_for("", "")
    assert default.sections == profile.kinds[0].sections
    for section in default.sections:
        heading = section.shown_heading
        if section.visible and heading and section.key not in ("related_papers", "attachments"):
            assert flat(heading) in text, f"{key}: {heading} fehlt"
    lead = known.consultations[0].committee
    assert known.title in text and lead is not None and lead.name in text
    # The Beschlussvermerk names no role: it reads as with the roles known.
    if default.shown("resolution_record"):
        assert _record(text) == _record(known_text)


def test_an_unknown_vorlagenart_without_beratungsfolge_prints_the_beschlussvermerk_of_the_profile() -> None:
    orgs, persons = demo_organizations(), demo_persons()
    office = showcase_office(persons, orgs, shipped_profile(SHIPPED[0]))
    paper = _unknown(showcase_paper(orgs, persons, office))
    paper.consultations = []
    text = _text(PaperPdfRenderer().render_paper(paper, office))
    record = _record(text)
    for body in office.form_profile.bodies.record_bodies:
        assert f"– {body}" in record
