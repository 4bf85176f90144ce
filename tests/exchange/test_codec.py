"""The exchange codec keeps every field of any Vorlage exactly."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimdesk.domain.codec import (
    organization_from_data,
    organization_to_data,
    paper_from_data,
    paper_to_data,
)
from kimdesk.services.exchange import build_document, check_document
from tests.demo_data import demo_organizations, demo_persons, more_papers, seed_paper
from tests.strategies import organizations, papers, persons


def _round_trip(paper, orgs, people):
    text = json.dumps(paper_to_data(paper), ensure_ascii=False)
    return paper_from_data(json.loads(text), {o.id: o for o in orgs}, {p.id: p for p in people})


def test_seed_paper_round_trips_and_passes_the_schema():
    orgs, people = demo_organizations(), demo_persons()
    for paper in [seed_paper(orgs, people), *more_papers(orgs, people)]:
        assert _round_trip(paper, orgs.values(), people.values()) == paper
    document = build_document(
        [seed_paper(orgs, people), *more_papers(orgs, people)], list(orgs.values()), list(people.values())
    )
    assert check_document(json.loads(json.dumps(document))) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_paper_round_trips_exactly(data):
    orgs = data.draw(st.lists(organizations, min_size=1, max_size=3))
    people = data.draw(st.lists(persons, min_size=1, max_size=3))
    paper = data.draw(papers(orgs, people))
    assert _round_trip(paper, orgs, people) == paper
    document = json.loads(json.dumps(build_document([paper], orgs, people)))
    assert check_document(document) == []


@given(organizations)
def test_organizations_round_trip(org):
    assert organization_from_data(organization_to_data(org)) == org
