"""Migration 0012_unknown on an existing database (SQLite and PostgreSQL): every Vorlage keeps its times,
year, children and search entry; afterwards a Vorlage may be stored with its times not known; a downgrade
gives the older program values it can read."""

from __future__ import annotations

from typing import Any

from kimdesk.services.exchange import import_document
from kimdesk.services.papers import get_paper, list_papers
from kimdesk.services.ports import PaperQuery
from kimdesk.storage.database import Database
from tests.exchange.test_unknown import foreign_document
from tests.storage.downgrade import downgrade


def _state(uow_factory: Any) -> list[tuple[Any, ...]]:
    """What a user sees of every Vorlage: number, times, list year, Beratungsfolge, Fördermodule."""
    with uow_factory() as uow:
        papers = [uow.papers.get(paper_id) for paper_id in uow.papers.all_ids()]
    return sorted(
        (p.reference, p.created_at, p.modified_at, p.year, len(p.consultations), len(p.funding_modules))
        for p in papers
    )


def test_existing_vorlagen_survive_and_unknown_times_can_be_stored_after_it(db_url: str) -> None:
    from kimdesk.services.demo import load_full_demo

    db = Database.open(db_url)
    try:
        load_full_demo(db.uow_factory)
        before = _state(db.uow_factory)
        listed = [r.reference for r in list_papers(db.uow_factory, PaperQuery(year=2020))]
        search = PaperQuery(text="Integrationsmanagement")
        found = [r.reference for r in list_papers(db.uow_factory, search)]
        downgrade(db, "0011_meetings")
        assert db.current_revision() == "0011_meetings"
    finally:
        db.close()

    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0011_meetings"
        assert db.current_revision() == db.head_revision
        assert _state(db.uow_factory) == before
        assert [r.reference for r in list_papers(db.uow_factory, PaperQuery(year=2020))] == listed
        search = PaperQuery(text="Integrationsmanagement")
        assert [r.reference for r in list_papers(db.uow_factory, search)] == found and found

        assert {p[0] for p in before} <= {r.reference for r in list_papers(db.uow_factory, PaperQuery())}
        document = foreign_document()
        document["papers"][1]["sourceStatus"] = "beschlossen"
        import_document(db.uow_factory, document)
        unknown = get_paper(db.uow_factory, "23/0197")
        assert (unknown.created_at, unknown.modified_at, unknown.source_status) == (None, None, "beschlossen")
        assert get_paper(db.uow_factory, "20/0270").source_status == ""  # existing Vorlagen: none

        downgrade(db, "0011_meetings")  # the older program needs values: they are filled
    finally:
        db.close()

    db = Database.open(db_url)
    try:
        filled = get_paper(db.uow_factory, "23/0197")
        assert filled.created_at is not None and filled.modified_at == filled.created_at
        assert set(before) <= set(_state(db.uow_factory))  # the other Vorlagen as they were
    finally:
        db.close()
