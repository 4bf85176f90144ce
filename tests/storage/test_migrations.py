"""Opening a database: migrations from empty, model/migration agreement, refusal of newer databases,
backup before migrating, German errors for bad or unreachable databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kimdesk.domain.errors import DatabaseError, DatabaseTooNewError
from kimdesk.services.demo import load_demo
from kimdesk.storage.base import Base, load_model_modules
from kimdesk.storage.database import Database, default_database_url, sqlite_backup
from kimdesk.storage.search import include_name, include_object


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_empty_database_is_migrated_to_head(db_url):
    db = Database.open(db_url)
    try:
        assert db.current_revision() == db.head_revision
        assert db.migration is not None
        assert db.migration.from_revision is None
        assert db.migration.backup_path is None  # nothing to lose in an empty database
        with db.uow_factory() as uow:
            assert uow.papers.all_ids() == []
    finally:
        db.close()


def test_models_and_migrations_agree(database):
    load_model_modules()
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": include_name,
                "include_object": include_object,
                "target_metadata": Base.metadata,
            },
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_reopening_a_current_database_neither_migrates_nor_backs_up(sqlite_url):
    Database.open(sqlite_url).close()
    folder = _sqlite_path(sqlite_url).parent
    before = sorted(p.name for p in folder.iterdir())
    db = Database.open(sqlite_url)
    db.close()
    assert db.migration is None
    assert not [p for p in folder.iterdir() if ".bak-" in p.name]
    assert sorted(p.name for p in folder.iterdir()) == before


def test_newer_database_is_refused_and_left_untouched(sqlite_url):
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.close()
    path = _sqlite_path(sqlite_url)
    before = path.read_bytes()
    files_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseTooNewError) as info:
        Database.open(sqlite_url)
    assert "neueren kimdesk-Version" in info.value.message
    assert "9999_from_the_future" in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == files_before  # no backup, no -wal


@pytest.mark.postgres
def test_newer_postgresql_database_is_refused(pg_url):
    Database.open(pg_url).close()
    from sqlalchemy import create_engine

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_new'")
    with pytest.raises(DatabaseTooNewError, match="9999_new"):
        Database.open(pg_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9999_new"
    engine.dispose()


def migrations_with_extra_revision(tmp_path: Path, head: str, then: str = "") -> Path:
    """A copy of the migrations plus one later test revision that adds a table (and runs ``then``)."""
    folder = tmp_path / "migrations"
    shutil.copytree(Database.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9000_test_extra.py").write_text(
        f'''"""test revision"""
import sqlalchemy as sa
from alembic import op

revision = "9000_test"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("test_extra", sa.Column("id", sa.Integer, primary_key=True))
    {then}


def downgrade():
    op.drop_table("test_extra")
''',
        encoding="utf-8",
    )
    return folder


def test_older_database_is_backed_up_before_migrating(sqlite_url, tmp_path):
    db = Database.open(sqlite_url)
    head = db.head_revision
    load_demo(db.uow_factory)
    db.close()

    class NewerProgram(Database):
        MIGRATIONS_DIR = migrations_with_extra_revision(tmp_path, head)

    newer = NewerProgram.open(sqlite_url)
    try:
        assert newer.current_revision() == "9000_test"
        assert newer.migration is not None
        backup = newer.migration.backup_path
        assert backup is not None and backup.exists()
        assert backup.name.startswith(f"kimdesk.sqlite.bak-{head}-")
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
            assert copy.execute("SELECT count(*) FROM papers").fetchone() == (3,)
            tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            assert "test_extra" not in tables
        finally:
            copy.close()
        with newer.uow_factory() as uow:
            assert len(uow.papers.all_ids()) == 3
    finally:
        newer.close()


def test_open_without_migrate_refuses_an_old_database(sqlite_url, tmp_path):
    db = Database.open(sqlite_url)
    head = db.head_revision
    db.close()

    class NewerProgram(Database):
        MIGRATIONS_DIR = migrations_with_extra_revision(tmp_path, head)

    with pytest.raises(DatabaseError, match="kimdesk db upgrade"):
        NewerProgram.open(sqlite_url, migrate=False)


def test_sqlite_backup_function_writes_a_readable_copy(sqlite_url, tmp_path):
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    db.close()
    target = tmp_path / "copy.sqlite"
    sqlite_backup(_sqlite_path(sqlite_url), target)
    copy = Database.open(f"sqlite:///{target}")
    try:
        assert copy.migration is None
        with copy.uow_factory() as uow:
            assert uow.papers.get_by_reference("20/0270").title == "Kommunales Integrationsmanagement"
    finally:
        copy.close()


def test_unreachable_postgresql_names_the_url_without_password():
    url = "postgresql+psycopg://kim:geheim123@127.0.0.1:1/kimdesk"
    with pytest.raises(DatabaseError) as info:
        Database.open(url)
    message = info.value.message
    assert "nicht erreichbar" in message
    assert "127.0.0.1:1/kimdesk" in message
    assert "geheim123" not in message


def test_bad_urls_and_folders_are_german_errors(tmp_path):
    with pytest.raises(DatabaseError, match="ungültig"):
        Database.open("kein url")
    with pytest.raises(DatabaseError, match="nur SQLite und PostgreSQL"):
        Database.open("mysql://host/db")
    with pytest.raises(DatabaseError, match="Ordner"):
        Database.open(f"sqlite:///{tmp_path}/fehlt/kimdesk.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="keine lesbare SQLite-Datenbank"):
        Database.open(f"sqlite:///{junk}")


def test_default_database_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_database_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'kimdesk' / 'kimdesk.sqlite'}"
    assert (tmp_path / "data" / "kimdesk").is_dir()


def test_sqlite_connections_enforce_foreign_keys_and_sync_every_commit(sqlite_url):
    database = Database.open(sqlite_url)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # rollback journal: no lock held between transactions (docs/STORAGE.md)
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        database.close()


def test_in_memory_database_works_and_can_be_backed_up(tmp_path):
    db = Database.open("sqlite://")
    try:
        load_demo(db.uow_factory)
        target = tmp_path / "aus-dem-speicher.sqlite"
        db.backup(target)
    finally:
        db.close()
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("SELECT count(*) FROM papers").fetchone() == (3,)
    finally:
        copy.close()
