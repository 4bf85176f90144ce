"""Fixtures for the PDF tests: the demo office's Vorlagen, one renderer, and ways to read a PDF back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from tests.demo_data import demo_office, demo_organizations, demo_persons, more_papers, seed_paper

REFERENCE_DIR = Path(__file__).parent / "reference"


@pytest.fixture(scope="session")
def orgs() -> dict[str, Organization]:
    return demo_organizations()


@pytest.fixture(scope="session")
def persons() -> dict[str, Person]:
    return demo_persons()


@pytest.fixture(scope="session")
def office(persons: dict[str, Person]) -> Office:
    return demo_office(persons)


@pytest.fixture
def seed(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    return seed_paper(orgs, persons)


@pytest.fixture
def sprachcafe(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    return next(p for p in more_papers(orgs, persons) if p.reference == "20/0311")


@pytest.fixture(scope="session")
def renderer() -> PaperPdfRenderer:
    return PaperPdfRenderer()


@pytest.fixture
def render(renderer: PaperPdfRenderer, office: Office) -> Callable[[Paper], bytes]:
    def _render(paper: Paper) -> bytes:
        return renderer.render_paper(paper, office)

    return _render


@pytest.fixture(scope="session")
def seed_pdf(orgs: dict[str, Organization], persons: dict[str, Person], office: Office) -> bytes:
    return PaperPdfRenderer().render_paper(seed_paper(orgs, persons), office)
