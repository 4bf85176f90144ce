"""Migration 0012_richdecision on an existing database (SQLite and PostgreSQL): the Beschlussentwurf of older
Vorlagen reads exactly as before (signatures stay valid), numbered items are stored after the upgrade, and a
downgrade leaves their plain text for the older program."""

from __future__ import annotations

from sqlalchemy import inspect, text

from kimdesk.services import verification
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.storage.database import Database
from tests.rich_samples import numbered_decision


def _downgrade(db: Database, target: str) -> None:
    from alembic import command

    config = Database._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)


def _columns(db: Database) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("papers")}


def test_an_existing_database_keeps_its_beschlussentwurf_and_stores_numbered_items(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        load_demo(db.uow_factory)
        apply_demo_signoffs(db.uow_factory)
        before = {
            p: get_paper(db.uow_factory, p).draft_resolution.plain_text() for p in ("20/0270", "20/0340")
        }
        entries = verification.verify(db.uow_factory).entries
        _downgrade(db, "0011_meetings")
        assert "draft_resolution_rich" not in _columns(db)
        with db.engine.begin() as conn:  # text written by the older program, blank lines and all
            conn.execute(
                text("UPDATE papers SET draft_resolution = :t WHERE reference = '20/0340'"),
                {"t": "Der Rat beschließt:\n1. erstens\n\n\n2. zweitens"},
            )
        before["20/0340"] = "Der Rat beschließt:\n1. erstens\n\n\n2. zweitens"
    finally:
        db.close()

    db = Database.open(db_url)  # opening migrates, as every PC does after an update
    try:
        assert db.migration is not None and db.migration.from_revision == "0011_meetings"
        assert db.current_revision() == db.head_revision
        assert "draft_resolution_rich" in _columns(db)
        for reference, plain in before.items():
            assert get_paper(db.uow_factory, reference).draft_resolution.plain_text() == plain
        report = verification.verify(db.uow_factory)
        assert report.ok and report.entries == entries

        paper = get_paper(db.uow_factory, "20/0340")
        paper.draft_resolution = numbered_decision()
        save_paper(db.uow_factory, paper)
        assert get_paper(db.uow_factory, "20/0340").draft_resolution == numbered_decision()
        _downgrade(db, "0011_meetings")
        assert "draft_resolution_rich" not in _columns(db)
        with db.engine.connect() as conn:
            stored = conn.execute(
                text("SELECT draft_resolution FROM papers WHERE reference = '20/0340'")
            ).scalar()
        assert stored == numbered_decision().plain_text()
    finally:
        db.close()
