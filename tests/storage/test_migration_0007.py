"""Migration 0007_fields on a database with Vorlagen (SQLite and PostgreSQL): the list's sort keys are
filled from the references with the office's numbering format, the search keeps working and finds
the Aktenzeichen, "öffentlich" may be unknown; a module's Eigenanteil becomes one source without text,
its period January to December; content hashes (signatures) stay as they were."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from sqlalchemy import text

from kimdesk.domain.model import Consultation, OwnContribution
from kimdesk.domain.signoff import content_hash
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.services.ports import PaperQuery
from kimdesk.storage.database import Database
from kimdesk.storage.migrate import upgrade_on


def _migrate(db: Database, target: str, downgrade: bool = False) -> None:
    config = db._alembic_config()
    with db.engine.begin() as conn:
        if downgrade:
            config.attributes["connection"] = conn
            command.downgrade(config, target)
        else:
            assert target == "heads"
            upgrade_on(conn, config)  # with the data steps after head, as the program upgrades


def test_existing_vorlagen_get_sort_keys_and_stay_searchable(db_url):
    db = Database.open(db_url)
    try:
        load_demo(db.uow_factory)
        _migrate(db, "0005", downgrade=True)
        with db.engine.begin() as conn:
            columns = list(conn.execute(text("SELECT * FROM papers")).keys())
            assert "sort_key" not in columns and "file_number" not in columns
            # An office numbering "{n}/{yy}": 362/21 must end up below 197/23.
            conn.execute(text("UPDATE office SET numbering_format = '{n}/{yy}'"))
            conn.execute(
                text("UPDATE papers SET reference = '362/21', year = 2021 WHERE reference = '20/0270'")
            )
            conn.execute(
                text("UPDATE papers SET reference = '197/23', year = 2023 WHERE reference = '20/0311'")
            )
            conn.execute(
                text("UPDATE papers SET reference = '1000/21', year = 2021 WHERE reference = '20/0325'")
            )
        _migrate(db, "heads")
        with db.uow_factory() as uow:
            assert [s.reference for s in uow.papers.query(PaperQuery())] == ["197/23", "1000/21", "362/21"]
            assert [s.reference for s in uow.papers.query(PaperQuery(text="Integrationsmanagement"))] == [
                "362/21"
            ]
            paper = uow.papers.get_by_reference("362/21")
            assert paper.file_number == "" and paper.related_papers == []
            paper.file_number = "Kreisdirektor-4711"
            paper.consultations.append(Consultation(public=None))
            uow.papers.update(paper)
            uow.commit()
        with db.uow_factory() as uow:
            assert [s.reference for s in uow.papers.query(PaperQuery(text="Kreisdirektor"))] == ["362/21"]
            assert uow.papers.get_by_reference("362/21").consultations[-1].public is None
    finally:
        db.close()


def test_funding_modules_keep_their_figures_and_every_signature_stays_valid(db_url):
    db = Database.open(db_url)
    try:
        apply_demo_signoffs(db.uow_factory)  # every demo Vorlage, some signed
        with db.uow_factory() as uow:
            hashes = {pid: content_hash(uow.papers.get(pid)) for pid in uow.papers.all_ids()}
        _migrate(db, "0005", downgrade=True)
        _migrate(db, "heads")
        with db.uow_factory() as uow:
            papers = [uow.papers.get(pid) for pid in uow.papers.all_ids()]
        # What was signed stays signed: the content is the same as before the migration.
        assert {p.id: content_hash(p) for p in papers} == hashes
        signed = [(s.content_hash, p) for p in papers for s in p.active_sign_offs if s.decision]
        assert signed and all(hash_ == content_hash(p) for hash_, p in signed)
        own = sorted((m.own_sources for p in papers for m in p.funding_modules), key=len)
        assert own == [[], [OwnContribution(Decimal("45000.00"), "")]]
        assert all(m.whole_years and not m.extra_amount for p in papers for m in p.funding_modules)
    finally:
        db.close()
