"""Damaged, foreign, empty and random files: a German message naming the file, and the file unchanged."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from kimdesk.cli import main
from kimdesk.domain.errors import DatabaseDamagedError, DatabaseError
from kimdesk.storage.database import Database
from tests.damage import damage_table_page


def _flipped(source: Path, target: Path) -> None:
    data = bytearray(source.read_bytes())
    for index in random.Random(11).sample(range(len(data)), 300):
        data[index] ^= 0xFF
    target.write_bytes(bytes(data))


def _damaged_table_page(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    damage_table_page(target)


def _foreign(_source: Path, target: Path) -> None:
    conn = sqlite3.connect(target)
    conn.executescript(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
        "CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, fk INTEGER);"
        "INSERT INTO moz_places (url) VALUES ('https://example.org');"
    )
    conn.close()


def _zero(_source: Path, target: Path) -> None:
    target.write_bytes(b"")


def _random_bytes(_source: Path, target: Path) -> None:
    noise = random.Random(5)
    target.write_bytes(bytes(noise.randrange(256) for _ in range(40_000)))


CASES = {
    "flipped": (_flipped, "beschädigt"),
    "table-page": (_damaged_table_page, "beschädigt"),
    "foreign": (_foreign, "keine kimdesk-Datenbank, sondern die Datenbank eines anderen Programms"),
    "zero-length": (_zero, "leer (0 Byte)"),
    "random": (_random_bytes, "keine lesbare SQLite-Datenbank"),
}


@pytest.mark.parametrize("command", [["list"], ["new", "Neue Vorlage"], ["verify"]])
@pytest.mark.parametrize("case", sorted(CASES))
def test_commands_refuse_a_bad_file_in_german_and_leave_it_unchanged(
    case, command, demo_file, tmp_path, capsys
):
    make, expected = CASES[case]
    path = tmp_path / "kimdesk.sqlite"
    make(demo_file, path)
    before = path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())

    assert main(["--db", f"sqlite:///{path}", *command]) == 1

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kimdesk: ")
    assert expected in err
    assert str(path) in err  # the file, not the URL
    for foreign_text in ("Traceback", "SELECT", "sqlalche", "malformed", "file is not a database", "Error"):
        assert foreign_text not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no backup, no -wal, nothing added


def test_a_foreign_database_gets_no_kimdesk_tables(demo_file, tmp_path):
    path = tmp_path / "places.sqlite"
    _foreign(demo_file, path)
    with pytest.raises(DatabaseError, match="moz_bookmarks, moz_places"):
        Database.open(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    assert tables == ["moz_bookmarks", "moz_places"]


def test_damaged_file_error_carries_the_file_for_a_restore(demo_file, tmp_path):
    path = tmp_path / "kimdesk.sqlite"
    _random_bytes(demo_file, path)
    with pytest.raises(DatabaseDamagedError) as info:
        Database.open(f"sqlite:///{path}")
    assert info.value.path == path


def test_a_new_database_file_is_never_left_empty(tmp_path):
    path = tmp_path / "neu.sqlite"
    db = Database.open(f"sqlite:///{path}")
    db.close()
    assert path.stat().st_size > 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x4B494D44
        assert "papers" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_an_empty_sqlite_file_without_tables_is_set_up(tmp_path):
    path = tmp_path / "leer.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    assert path.stat().st_size > 0
    Database.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert "papers" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


@pytest.mark.postgres
def test_a_foreign_postgresql_database_is_refused_and_left_alone(pg_url):
    from sqlalchemy import create_engine, inspect

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE kunden (id integer PRIMARY KEY, name text)")
    try:
        with pytest.raises(DatabaseError, match=r"anderen Programms.*kunden"):
            Database.open(pg_url)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["kunden"]
    finally:
        engine.dispose()
