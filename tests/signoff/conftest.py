"""Fixtures of the sign-off tests: the demo office in an in-memory store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from kimdesk.domain.model import Paper
from tests.demo_data import demo_office, demo_organizations, demo_persons, more_papers, seed_paper
from tests.signing import keys_for_role_holders
from tests.signoff.fakes import FakeUnitOfWork, Store, factory

NOW = datetime(2020, 9, 1, 8, 0, tzinfo=UTC)


def demo_store() -> Store:
    store = Store()
    orgs = demo_organizations()
    persons = demo_persons()
    store.organizations = {o.id: o for o in orgs.values()}
    store.persons = {p.id: p for p in persons.values()}
    store.office = demo_office(persons)
    papers: list[Paper] = [seed_paper(orgs, persons), *more_papers(orgs, persons)]
    for paper in papers:
        paper.version = 1
        store.papers[paper.id] = paper
    return store


@pytest.fixture
def store() -> Store:
    return demo_store()


@pytest.fixture
def fake_uow(store: Store) -> Callable[[], FakeUnitOfWork]:
    """The store with certified keys for every role holder and deputy (their audit entries come first)."""
    uow = factory(store)
    keys_for_role_holders(uow)
    return uow


@pytest.fixture
def before(store: Store, fake_uow: Callable[[], FakeUnitOfWork]) -> int:
    """How many audit entries the set-up (certifying the keys) wrote."""
    return len(store.audit)
