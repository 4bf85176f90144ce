"""An upgrade completes or leaves the database exactly as it was; one checked backup before it.

A process upgrading a SQLite file is killed (SIGKILL) after every single statement of every
upgrade path (from empty and from each older revision); the file is then either unchanged — same
schema, same rows — or at the new revision, and the next normal start works.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kimdesk.domain.errors import DatabaseError
from kimdesk.services.demo import load_full_demo
from kimdesk.storage.database import Database
from tests.storage.test_migrations import migrations_with_extra_revision

HELPER = Path(__file__).with_name("crash_upgrade.py")
ROOT = Path(__file__).resolve().parents[2]
OLDER = ["0001", "0002", "0003", "0004", "0005"]


def _url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def dump(path: Path) -> list[str]:
    """Schema and rows, as ``sqlite3``'s dump (a reader: rolls back a dead writer's journal)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def revision(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return None
        return ", ".join(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")))
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def downgrade(path: Path, target: str) -> None:
    from alembic import command

    db = Database.open(_url(path))
    try:
        config = Database._alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, target)
    finally:
        db.close()


@pytest.fixture(scope="module")
def demo_at_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("head") / "kimdesk.sqlite"
    db = Database.open(_url(path))
    try:
        load_full_demo(db.uow_factory)
    finally:
        db.close()
    return path


def at_revision(demo_at_head: Path, folder: Path, start: str) -> Path:
    """The demo office's database at an older revision (what newer revisions added is gone)."""
    folder.mkdir()
    path = folder / "kimdesk.sqlite"
    shutil.copy(demo_at_head, path)
    downgrade(path, start)
    assert revision(path) == start
    return path


class Crasher:
    """The helper process: one forked, killed child per request."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**_env(), "PYTHONPATH": str(ROOT)},
        )

    def open_killed_after(self, url: str, statement: int) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{url} {statement}\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def crasher() -> Iterator[Crasher]:
    helper = Crasher()
    yield helper
    helper.close()


def backups_of(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.bak-"))


@pytest.mark.parametrize("start", [None, *OLDER])
def test_an_upgrade_killed_after_any_statement_leaves_the_old_or_the_new_database(
    start: str | None, demo_at_head: Path, crasher: Crasher, tmp_path: Path
) -> None:
    if start is None:
        template = None
        before = dump(tmp_path / "empty.sqlite")  # a new, empty file
    else:
        template = at_revision(demo_at_head, tmp_path / "template", start)
        before = dump(template)
    # what a complete upgrade gives
    reference = tmp_path / "reference" / "kimdesk.sqlite"
    reference.parent.mkdir()
    if template is not None:
        shutil.copy(template, reference)
    Database.open(_url(reference)).close()
    after = dump(reference)
    head = revision(reference)

    statement, outcomes = 0, {"old": 0, "new": 0}
    while True:
        statement += 1
        path = tmp_path / f"kill-{statement}" / "kimdesk.sqlite"
        path.parent.mkdir()
        if template is not None:
            shutil.copy(template, path)
        answer = crasher.open_killed_after(_url(path), statement)
        if answer == "done":
            break
        assert answer == "killed", answer
        if path.exists() and dump(path) == before:
            outcomes["old"] += 1
            assert revision(path) == start
        else:
            outcomes["new"] += 1
            assert dump(path) == after, f"killed after statement {statement}: neither old nor new"
        # the next start works and ends at the new revision with every row
        Database.open(_url(path)).close()
        assert revision(path) == head
        assert dump(path) == after
        assert integrity(path) == ["ok"]
        # at most one backup, of the old content, whatever the number of starts
        backups = backups_of(path)
        if start is None:
            assert backups == []
        else:
            assert len(backups) == 1, backups
            assert dump(backups[0]) == before
    assert statement > 3  # every statement of the path was a kill point
    assert outcomes["old"] > 0


def test_a_failing_upgrade_changes_nothing_and_names_its_one_backup(
    demo_at_head: Path, tmp_path: Path
) -> None:
    path = tmp_path / "db" / "kimdesk.sqlite"
    path.parent.mkdir()
    shutil.copy(demo_at_head, path)
    head = revision(path)
    before = dump(path)

    class NewerProgram(Database):
        MIGRATIONS_DIR = migrations_with_extra_revision(
            tmp_path, str(head), then='op.execute("INSERT INTO no_such_table VALUES (1)")'
        )

    messages = []
    for _attempt in range(3):
        with pytest.raises(DatabaseError) as info:
            NewerProgram.open(_url(path))
        messages.append(info.value.message)
        assert dump(path) == before  # not even the first CREATE TABLE stayed
    backups = backups_of(path)
    assert len(backups) == 1  # taken once, not once per failed start
    assert all(str(backups[0]) in message for message in messages)
    assert "unverändert" in messages[0] and "no_such_table" in messages[0]
    assert dump(backups[0]) == before
    # the program that fits the file still opens it as before
    Database.open(_url(path)).close()
    assert dump(path) == before


def test_a_damaged_leftover_backup_is_replaced_by_a_checked_one(demo_at_head: Path, tmp_path: Path) -> None:
    path = at_revision(demo_at_head, tmp_path / "db", "0004")
    before = dump(path)
    leftover = path.with_name(f"{path.name}.bak-0004-vor-migration")
    leftover.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    db = Database.open(_url(path))
    try:
        assert db.migration is not None and db.migration.backup_path is not None
        backup = db.migration.backup_path
    finally:
        db.close()
    assert backups_of(path) == [backup]
    assert backup.name.startswith("kimdesk.sqlite.bak-0004-2")  # renamed with its time once done
    assert dump(backup) == before and integrity(backup) == ["ok"]


@pytest.mark.postgres
def test_a_postgresql_upgrade_killed_midway_leaves_the_old_database(pg_url: str, crasher: Crasher) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    db = Database.open(pg_url)
    db.close()
    engine = create_engine(pg_url)
    config = Database._alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")

    def tables() -> list[str]:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
            return sorted(r[0] for r in rows)

    old_tables = tables()
    for statement in (6, 12, 18):
        assert crasher.open_killed_after(pg_url, statement) == "killed"
        assert tables() == old_tables
    engine.dispose()
    Database.open(pg_url).close()
    assert "meetings" in tables()
