"""Fixtures of the meetings tests: the demo office with its Sitzungen, as ``kimdesk demo`` makes them."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Paper


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


@cache
def _full_demo_file() -> Path:
    """A SQLite file with the whole demo office (``load_full_demo``), made once per test process."""
    from kimdesk.services.demo import load_full_demo
    from kimdesk.storage.database import Database

    path = Path(tempfile.mkdtemp(prefix="kimdesk-demo-")) / "demo.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_full_demo(db.uow_factory)
    db.close()
    return path


def build_demo() -> DemoData:
    """The demo office read back into fresh objects (each call its own copies, free to change)."""
    from kimdesk.storage.database import Database
    from tests.demo_data import demo_organizations, demo_persons

    db = Database.open(f"sqlite:///{_full_demo_file().as_posix()}")
    try:
        with db.uow_factory() as uow:
            orgs = {key: uow.organizations.get(org.id) for key, org in demo_organizations().items()}
            persons = {key: uow.persons.get(person.id) for key, person in demo_persons().items()}
            papers = {p.reference: p for p in (uow.papers.get(pid) for pid in uow.papers.all_ids())}
            return DemoData(orgs, persons, uow.office.get(), papers, uow.meetings.list())
    finally:
        db.close()


@pytest.fixture
def demo() -> DemoData:
    return build_demo()


@pytest.fixture(scope="module")
def packet_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Any]]:
    """A SQLite demo office with its meetings and two Anlagen on 20/0270 (one landscape), read-only use."""
    from kimdesk.domain.attachment import new_attachment
    from kimdesk.services.demo import load_full_demo
    from kimdesk.storage.database import Database
    from tests.meetings.pdfs import tiny_pdf

    path = tmp_path_factory.mktemp("packet") / "kimdesk.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_full_demo(db.uow_factory)
    with db.uow_factory() as uow:
        seed = uow.papers.get_by_reference("20/0270")
        statistik = tiny_pdf("ANLAGE STATISTIK", 2)
        uow.attachments.add(new_attachment(seed.id, "Statistik.pdf", statistik, 0), [statistik])
        karte = tiny_pdf("ANLAGE KARTE", 1, landscape=True)
        uow.attachments.add(new_attachment(seed.id, "Karte quer.pdf", karte, 1), [karte])
        uow.commit()
    yield db.uow_factory
    db.close()


@pytest.fixture(scope="session")
def demo_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo office and its meetings, built once per session."""
    from kimdesk.services.demo import load_full_demo
    from kimdesk.storage.database import Database

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_full_demo(db.uow_factory)
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


@pytest.fixture
def in_main_window(view: Any) -> Iterator[Any]:
    """The test's Sitzungen view (its ``view`` fixture) inside a main window, as in the program: what it
    reports goes to that window's status bar. The view is handed back before its own fixture closes it."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.setCentralWidget(view)
    window.show()
    yield window
    window.takeCentralWidget()
    window.close()
    window.deleteLater()
