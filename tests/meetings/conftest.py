"""Fixtures of the meetings tests: the demo office with its Sitzungen, built in memory."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Paper
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


@pytest.fixture(scope="module")
def packet_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Any]]:
    """A SQLite demo office with its meetings and two Anlagen on 20/0270 (one landscape), read-only use."""
    from kimdesk.domain.attachment import new_attachment
    from kimdesk.services.demo import load_demo
    from kimdesk.services.demo_meetings import apply_demo_meetings
    from kimdesk.storage.database import Database
    from tests.meetings.pdfs import tiny_pdf

    path = tmp_path_factory.mktemp("packet") / "kimdesk.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_demo(db.uow_factory)
    apply_demo_meetings(db.uow_factory)
    with db.uow_factory() as uow:
        seed = uow.papers.get_by_reference("20/0270")
        uow.attachments.add(new_attachment(seed.id, "Statistik.pdf", tiny_pdf("ANLAGE STATISTIK", 2), 0))
        uow.attachments.add(
            new_attachment(seed.id, "Karte quer.pdf", tiny_pdf("ANLAGE KARTE", 1, landscape=True), 1)
        )
        uow.commit()
    yield db.uow_factory
    db.close()


@pytest.fixture(scope="session")
def demo_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo office and its meetings, built once per session."""
    from kimdesk.services.demo import load_demo
    from kimdesk.services.demo_meetings import apply_demo_meetings
    from kimdesk.storage.database import Database

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_demo(db.uow_factory)
    apply_demo_meetings(db.uow_factory)
    db.close()
    return path


@pytest.fixture
def demo_sqlite_url(demo_sqlite_template: Path, tmp_path: Path) -> str:
    """A private copy of the demo database for one test."""
    target = tmp_path / "kimdesk.sqlite"
    shutil.copyfile(demo_sqlite_template, target)
    return f"sqlite:///{target.as_posix()}"


@pytest.fixture
def demo_uow(demo_sqlite_url: str) -> Iterator[Callable[[], Any]]:
    from kimdesk.storage.database import Database

    db = Database.open(demo_sqlite_url)
    yield db.uow_factory
    db.close()
