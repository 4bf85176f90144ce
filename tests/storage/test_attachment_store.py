"""Anlagen in chunks (migration 0010_attachments): moved from the old column and back, and carried by a
SQLite backup; on SQLite a Vorlage's Anlagen list comes from one index (migration 0014)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import event

from kimdesk.domain.attachment import CHUNK_BYTES, chunked, new_attachment
from kimdesk.services.demo import load_demo
from kimdesk.storage.database import Database, sqlite_backup
from tests.meetings.pdfs import tiny_pdf
from tests.storage.downgrade import downgrade


def _big_pdf() -> bytes:
    """A PDF of more than two chunks (padding after %%EOF is ignored by readers)."""
    data = tiny_pdf("GROSSE ANLAGE", 2)
    return data + b"\n%" + b"x" * (2 * CHUNK_BYTES + 12345) + b"\n"


def _attach(db: Database, data: bytes) -> None:
    with db.uow_factory() as uow:
        paper = uow.papers.get_by_reference("20/0270")
        uow.attachments.add(new_attachment(paper.id, "Haushalt.pdf", data), chunked(data))
        uow.commit()


def _stored(db: Database) -> tuple[str, bytes]:
    with db.uow_factory() as uow:
        [anlage] = uow.attachments.list(uow.papers.get_by_reference("20/0270").id)
        return anlage.filename, b"".join(uow.attachments.chunks(anlage.id))


def test_existing_anlagen_survive_the_migration_down_and_up_again(db_url: str) -> None:
    db = Database.open(db_url)
    load_demo(db.uow_factory)
    data = _big_pdf()
    _attach(db, data)
    config = db._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")  # back to one "data" column per Anlage
    with db.engine.connect() as conn:
        [(stored,)] = conn.exec_driver_sql("SELECT data FROM attachments").fetchall()
        assert bytes(stored) == data
    db.close()
    again = Database.open(db_url)  # an existing database of 0005 with an Anlage: migrated up
    try:
        assert again.migration is not None and again.migration.from_revision == "0005"
        assert _stored(again) == ("Haushalt.pdf", data)
        with again.engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM attachment_chunks").scalar_one()
        assert count == 3
    finally:
        again.close()


def test_a_sqlite_backup_carries_the_anlagen(sqlite_url: str, tmp_path: Path) -> None:
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    data = _big_pdf()
    _attach(db, data)
    db.close()
    target = tmp_path / "sicherung.sqlite"
    sqlite_backup(Path(sqlite_url.removeprefix("sqlite:///")), target)
    copy = Database.open(f"sqlite:///{target}")
    try:
        assert _stored(copy) == ("Haushalt.pdf", data)
    finally:
        copy.close()


def test_sqlite_lists_a_vorlages_anlagen_from_one_index_also_after_an_upgrade(sqlite_url: str) -> None:
    """Opening a Vorlage reads its Anlagen list from the covering index alone (migration 0014): its rows
    lie between the Anlagen bytes in the file, so each table page more is a disk read from a cold cache."""
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    with db.uow_factory() as uow:
        paper_id = uow.papers.get_by_reference("20/0270").id
        for order, name in enumerate(("Plan.pdf", "Vertrag.pdf")):
            data = tiny_pdf(name, 1)
            uow.attachments.add(new_attachment(paper_id, name, data, order=order), chunked(data))
        uow.commit()
    downgrade(db, "0013_unknown_roles")  # as the previous kimdesk left it: no such index
    assert "SEARCH attachments USING INDEX ix_attachments_paper_id" in _plan_of_listing(db, paper_id)
    db.close()
    again = Database.open(sqlite_url)
    try:
        assert again.migration is not None and again.migration.from_revision == "0013_unknown_roles"
        plan = _plan_of_listing(again, paper_id)
        assert "USING COVERING INDEX ix_attachments_paper_list" in plan, plan
        with again.uow_factory() as uow:
            assert [a.filename for a in uow.attachments.list(paper_id)] == ["Plan.pdf", "Vertrag.pdf"]
    finally:
        again.close()


def _plan_of_listing(db: Database, paper_id: uuid.UUID) -> str:
    """SQLite's plan for the very statement ``attachments.list`` sends."""
    sent: list[tuple[str, Any]] = []

    def remember(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "FROM attachments" in statement:
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        with db.uow_factory() as uow:
            uow.attachments.list(paper_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    [(statement, parameters)] = sent
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    return " / ".join(str(row[-1]) for row in rows)
