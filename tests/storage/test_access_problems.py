"""Read-only, locked by another program, disk full: detected, and said in German (not "Verbindung prüfen")."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimdesk.app import open_app
from kimdesk.cli import main
from kimdesk.domain.errors import DatabaseError
from kimdesk.domain.model import Paper
from kimdesk.services.ports import PaperQuery
from kimdesk.storage import sqlite_engine
from kimdesk.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "daten"
    folder.mkdir()
    path = folder / "kimdesk.sqlite"
    shutil.copyfile(demo_file, path)
    yield path
    folder.chmod(0o755)
    if path.exists():
        path.chmod(0o644)


def _refused_in_german(err: str, *expected: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for text in expected:
        assert text in lines[0]
    for foreign in ("Traceback", "Verbindung", "attempt to write", "database is locked", "disk is full"):
        assert foreign not in err


# --- read-only ----------------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_opens_for_reading_and_refuses_changes(what, demo_copy, capsys):
    url = f"sqlite:///{demo_copy}"
    before = demo_copy.read_bytes()
    (demo_copy if what == "file" else demo_copy.parent).chmod(0o444 if what == "file" else 0o555)

    db = Database.open(url)
    try:
        assert db.read_only
        with db.uow_factory() as uow:
            assert uow.papers.get_by_reference("20/0270").title == "Kommunales Integrationsmanagement"
    finally:
        db.close()

    assert main(["--db", url, "list"]) == 0
    assert "20/0270" in capsys.readouterr().out
    assert main(["--db", url, "new", "Neue Vorlage"]) == 1
    _refused_in_german(capsys.readouterr().err, "schreibgeschützt (nur lesen)", str(demo_copy))
    assert demo_copy.read_bytes() == before
    # no automatic backup, no new files (SQLite's -wal/-shm index aside, which a reader may need)
    left = {p.name for p in demo_copy.parent.iterdir()} - {"kimdesk.sqlite-wal", "kimdesk.sqlite-shm"}
    assert left == {"kimdesk.sqlite"}


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "archiv"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseError, match="schreibgeschützt"):
            Database.open(f"sqlite:///{folder / 'neu.sqlite'}")
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


@pytest.mark.postgres
def test_read_only_postgresql_database_is_detected_and_refuses_changes(pg_url, capsys):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    Database.open(pg_url).close()
    name = make_url(pg_url).database
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    engine.dispose()

    db = Database.open(pg_url)
    assert db.read_only
    db.close()
    assert main(["--db", pg_url, "new", "Neue Vorlage"]) == 1
    _refused_in_german(capsys.readouterr().err, "schreibgeschützt (nur lesen)")


# --- locked by another program ------------------------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM papers").fetchone()
    else:
        conn.execute("BEGIN IMMEDIATE")
    print("gesperrt", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_engine, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the one setting, read at connect


@pytest.mark.parametrize(("lock", "command"), [("exclusive", ["list"]), ("write", ["new", "Neue Vorlage"])])
def test_a_database_locked_by_another_program_says_so(lock, command, demo_copy, short_busy_timeout, capsys):
    open_app(f"sqlite:///{demo_copy}").close()  # today's automatic backup is taken before the lock
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(demo_copy), lock],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "gesperrt"
        assert main(["--db", f"sqlite:///{demo_copy}", *command]) == 1
    finally:
        holder.communicate("")
    _refused_in_german(capsys.readouterr().err, "gesperrt durch ein anderes Programm", str(demo_copy))


# --- disk full ------------------------------------------------------------------------------------


def test_a_full_disk_is_named_as_such_and_nothing_is_half_saved(demo_copy):
    from sqlalchemy import event

    db = Database.open(f"sqlite:///{demo_copy}")
    try:
        with db.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        db.engine.dispose()
        # The file may not grow any more: SQLite answers SQLITE_FULL, as on a full disk.
        event.listen(
            db.engine, "connect", lambda dbapi, _rec: dbapi.execute(f"PRAGMA max_page_count = {pages}")
        )
        with pytest.raises(DatabaseError) as info, db.uow_factory() as uow:
            created = datetime(2026, 1, 1, tzinfo=UTC)
            uow.papers.add(Paper(title="Groß " * 20_000, reference="26/0001", created_at=created))
            uow.commit()
        assert "Datenträger" in info.value.message and "voll" in info.value.message
        assert str(demo_copy) in info.value.message
        assert "Verbindung" not in info.value.message
        with db.uow_factory() as uow:
            assert "26/0001" not in {s.reference for s in uow.papers.query(PaperQuery())}
    finally:
        db.close()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A folder on a 64 KiB file system (tmpfs, as root); else a folder where this process may not
    write more than 64 KiB per file (RLIMIT_FSIZE, set in the child). The flag says which."""
    folder = tmp_path / "stick"
    folder.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    try:
        yield folder, mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


def test_backup_onto_a_full_disk_is_a_german_message_and_leaves_no_partial_file(demo_copy, full_disk):
    url = f"sqlite:///{demo_copy}"
    open_app(url).close()  # today's automatic backup exists: the command below only writes the copy
    folder, real_disk = full_disk
    target = folder / "sicherung.sqlite"
    limit = 64 * 1024  # the database has ~300 KiB

    def small_files() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "--db", url, "backup", str(target)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=None if real_disk else small_files,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    if real_disk:
        # a drive without room for the copy: refused before a byte is written, naming the sizes
        _refused_in_german(result.stderr, "Sicherung", "MB frei", str(folder), "anderes Laufwerk")
    else:
        # room by the drive's count, but the write fails midway: named, and the partial copy removed
        _refused_in_german(result.stderr, "Datenträger", str(target))
    assert list(folder.iterdir()) == []
    assert stat.S_ISREG(demo_copy.stat().st_mode)
