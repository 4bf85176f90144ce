"""A short read (a list page, a search, opening a Vorlage) reads one state of a SQLite file.

Python's sqlite3 runs each SELECT in a transaction of its own, so between the count of a search
and its rows another program's save could land: the list then said „3 Vorlagen“ and showed 4, and
every statement waited for the writers' commits anew (the load benchmark's search p95: 77 ms beside
two programs saving; docs/STORAGE.md). A read-only unit of work is one read transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kimdesk.services.demo import load_demo
from kimdesk.services.papers import count_papers, list_papers
from kimdesk.services.ports import PaperQuery
from kimdesk.storage.database import Database


def _other_program(url: str) -> sqlite3.Connection:
    """Another program on the same file that does not wait for locks (it reports them at once)."""
    return sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)


def _retitle(conn: sqlite3.Connection, title: str) -> None:
    conn.execute("UPDATE papers SET title = ? WHERE reference = '20/0270'", (title,))


@pytest.fixture
def demo_db(sqlite_url: str):
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    yield db
    db.close()


def test_what_a_read_only_unit_of_work_reads_no_other_program_changes_until_it_ends(
    demo_db: Database, sqlite_url: str
) -> None:
    other = _other_program(sqlite_url)
    query = PaperQuery(text="Integrationsrat")
    with demo_db.uow_factory() as uow:
        uow.read_only()
        counted = uow.papers.count(query)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            _retitle(other, "Ein anderes Programm speichert dazwischen")
        rows = uow.papers.query(query)
        assert len(rows) == counted
    _retitle(other, "Ein anderes Programm speichert danach")  # the read is over: the save goes through
    other.close()
    assert [r.title for r in list_papers(demo_db.uow_factory, PaperQuery(text="danach"))] == [
        "Ein anderes Programm speichert danach"
    ]


def test_an_ordinary_unit_of_work_holds_no_lock_between_its_reads(demo_db: Database, sqlite_url: str) -> None:
    """What read_only changes: without it, a save lands between two reads of one unit of work."""
    other = _other_program(sqlite_url)
    with demo_db.uow_factory() as uow:
        uow.papers.count(PaperQuery())
        _retitle(other, "Zwischen zwei Lesevorgängen gespeichert")
    other.close()
    assert count_papers(demo_db.uow_factory, PaperQuery(text="Lesevorgängen")) == 1


def test_a_read_only_unit_of_work_cannot_save(demo_db: Database) -> None:
    with demo_db.uow_factory() as uow:
        uow.read_only()
        paper = uow.papers.get_by_reference("20/0270")
        paper.title = "Darf nicht gespeichert werden"
        with pytest.raises(RuntimeError):
            uow.papers.update(paper)
            uow.commit()
    with demo_db.uow_factory() as uow:
        assert uow.papers.get_by_reference("20/0270").title != "Darf nicht gespeichert werden"


def test_the_file_is_free_for_writers_once_the_list_has_read(demo_db: Database, sqlite_url: str) -> None:
    list_papers(demo_db.uow_factory, PaperQuery(text="Integrationsrat"))
    count_papers(demo_db.uow_factory, PaperQuery(text="Integrationsrat"), 2000)
    other = _other_program(sqlite_url)
    _retitle(other, "Nach der Liste gespeichert")
    other.close()
    assert Path(sqlite_url.removeprefix("sqlite:///") + "-journal").exists() is False
