"""Migration 0009_released on an existing database (SQLite and PostgreSQL): a demo office at 0005 is
upgraded, keeps its Vorlagen and audit log, and stores signed PDFs afterwards."""

from __future__ import annotations

from sqlalchemy import inspect

from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.signing import PadesPdfMaker
from kimdesk.services import verification
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.services.released import sign_and_store_release
from kimdesk.storage.database import Database
from tests.pdfsig.identities import office_ca


def _downgrade_to_0005(db: Database) -> None:
    from alembic import command

    config = Database._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")


def test_an_existing_0005_database_gets_released_documents(db_url: str) -> None:
    db = Database.open(db_url)
    load_demo(db.uow_factory)
    apply_demo_signoffs(db.uow_factory)
    entries = verification.verify(db.uow_factory).entries
    _downgrade_to_0005(db)
    assert db.current_revision() == "0005"
    assert "released_documents" not in inspect(db.engine).get_table_names()
    db.close()

    db = Database.open(db_url)  # opening migrates, as every PC does after an update
    try:
        assert db.migration is not None and db.migration.from_revision == "0005"
        assert db.current_revision() == db.head_revision
        report = verification.verify(db.uow_factory)
        assert report.ok and report.entries == entries and report.papers == 7
        identity = office_ca().issue("Christoph Tesche")
        doc = sign_and_store_release(
            db.uow_factory, "20/0270", identity, ReleaseEvent.RELEASED, PadesPdfMaker()
        )
        with db.uow_factory() as uow:
            stored = uow.released_documents.latest(doc.paper_id)
        assert stored is not None and stored.sha256 == doc.sha256 and stored.data.startswith(b"%PDF")
    finally:
        db.close()
