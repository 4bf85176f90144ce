"""The demo office's master data and Vorlagen as objects, read from the shipped exchange file.

Tests and benchmarks that need the demo Vorlagen in memory (without a database) take them from here; the
data itself lives only in ``resources/demo/``. Ids are fixed (uuid5), so ``demo_id("paper:20/0270")``
names the seed Vorlage in the file and in every database the demo was loaded into.
"""

from __future__ import annotations

import uuid

from kimdesk.domain.codec import organization_from_data, paper_from_data, person_from_data
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import RichText
from kimdesk.services.demo_files import demo_document
from kimdesk.services.demo_files import demo_office as _office

_NS = uuid.UUID("6f1c2d4e-9b1a-4c55-8e0a-6b2f8d1f0270")

B3_REFERENCE = "20/0340"
#: A unique phrase of the non-public demo Vorlage 20/0281; the public packet must never contain it.
NON_PUBLIC_MARKER = "Bewerbungslage vertraulich"

_ORGANIZATIONS = (
    "integration_dept",
    "foreigners_dept",
    "finance_dept",
    "integration_council",
    "council",
    "hfa",
    "social_committee",
)
_PERSONS = ("mayor", "weichelt", "treasurer", "deputy", "architect", "legal", "kraemer")


def demo_id(name: str) -> uuid.UUID:
    """The fixed id of a demo object, e.g. ``org:hfa``, ``person:weichelt``, ``paper:20/0270``."""
    return uuid.uuid5(_NS, name)


def demo_organizations() -> dict[str, Organization]:
    found = {o.id: o for o in map(organization_from_data, demo_document()["organizations"])}
    return {key: found[demo_id(f"org:{key}")] for key in _ORGANIZATIONS}


def demo_persons() -> dict[str, Person]:
    found = {p.id: p for p in map(person_from_data, demo_document()["persons"])}
    return {key: found[demo_id(f"person:{key}")] for key in _PERSONS}


def demo_office(persons: dict[str, Person]) -> Office:
    return _office(persons.values())


def demo_papers(orgs: dict[str, Organization], persons: dict[str, Person], *references: str) -> list[Paper]:
    """The named demo Vorlagen as in the file (Entwurf), linked to these organizations and persons."""
    by_org = {o.id: o for o in orgs.values()}
    by_person = {p.id: p for p in persons.values()}
    data = {p["reference"]: p for p in demo_document()["papers"]}
    return [paper_from_data(data[ref], by_org, by_person) for ref in references]


def seed_paper(orgs: dict[str, Organization], persons: dict[str, Person]) -> Paper:
    """Vorlage 20/0270 exactly as on the municipality's form (seed 004)."""
    return demo_papers(orgs, persons, "20/0270")[0]


def more_papers(orgs: dict[str, Organization], persons: dict[str, Person]) -> list[Paper]:
    return demo_papers(orgs, persons, "20/0311", "20/0325")


def funding_papers(orgs: dict[str, Organization], persons: dict[str, Person]) -> list[Paper]:
    """The KIM applications (Baustein 3 and 2) with their rates and derived finance tables."""
    return demo_papers(orgs, persons, B3_REFERENCE, "21/0012")


#: The Begründung of 20/0270: paragraphs, a numbered list and running text as on the form.
SEED_RATIONALE: RichText = seed_paper(demo_organizations(), demo_persons()).rationale
