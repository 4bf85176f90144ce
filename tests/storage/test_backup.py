"""``Database.backup``: a consistent copy while the database is in use; PostgreSQL points to pg_dump."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.model import Paper
from kimdesk.services.demo import load_demo
from kimdesk.storage.database import Database


def test_backup_while_another_connection_holds_a_write_transaction(sqlite_url, tmp_path):
    db = Database.open(sqlite_url)
    try:
        load_demo(db.uow_factory)
        with db.uow_factory() as writer:
            writer.papers.add(
                Paper(
                    title="Noch nicht gespeichert",
                    reference="26/0001",
                    created_at=datetime(2026, 1, 1, tzinfo=UTC),
                )
            )
            writer.session.flush()  # the write transaction is open and holds the lock
            target = tmp_path / "sicherung.sqlite"
            db.backup(target)
            writer.commit()
        copy = sqlite3.connect(target)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            refs = sorted(r[0] for r in copy.execute("SELECT reference FROM papers"))
        finally:
            copy.close()
        # committed data is in the copy (WAL included), the open transaction is not
        assert refs == ["20/0270", "20/0311", "20/0325"]
        assert not (tmp_path / "sicherung.sqlite-wal").exists()
        restored = Database.open(f"sqlite:///{target}")
        with restored.uow_factory() as uow:
            assert uow.papers.get_by_reference("20/0270").title == "Kommunales Integrationsmanagement"
        restored.close()
    finally:
        db.close()


def test_backup_does_not_overwrite_an_existing_file(sqlite_url, tmp_path):
    database = Database.open(sqlite_url)
    target = tmp_path / "da.sqlite"
    target.write_bytes(b"wichtig")
    try:
        with pytest.raises(KimdeskError, match="gibt es schon"):
            database.backup(target)
    finally:
        database.close()
    assert target.read_bytes() == b"wichtig"


@pytest.mark.postgres
def test_postgresql_backup_recommends_pg_dump(pg_url, tmp_path):
    db = Database.open(pg_url)
    try:
        with pytest.raises(KimdeskError, match="pg_dump"):
            db.backup(tmp_path / "x.sqlite")
    finally:
        db.close()
