"""Fixtures of the meetings tests: the demo office with its Sitzungen, built in memory."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Office, Organization, Paper, Person
from kimdesk.services.demo import demo_office, demo_organizations, demo_persons, more_papers, seed_paper
from kimdesk.services.demo_meetings import demo_meetings, extra_papers


@dataclass
class DemoData:
    orgs: dict[str, Organization]
    persons: dict[str, Person]
    office: Office
    papers: dict[str, Paper]
    meetings: list[Meeting]

    @property
    def held(self) -> Meeting:
        return self.meetings[0]

    @property
    def planned(self) -> Meeting:
        return self.meetings[1]


def build_demo() -> DemoData:
    orgs = demo_organizations()
    persons = demo_persons()
    papers = {
        p.reference: p
        for p in [seed_paper(orgs, persons), *more_papers(orgs, persons), *extra_papers(orgs, persons)]
    }
    meetings, _ = demo_meetings(orgs, papers)
    return DemoData(orgs, persons, demo_office(persons), papers, meetings)


@pytest.fixture
def demo() -> DemoData:
    return build_demo()
