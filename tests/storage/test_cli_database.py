"""``kimdesk db upgrade`` and ``kimdesk backup`` as a clerk or IT uses them."""

from __future__ import annotations

import sqlite3

from kimdesk.cli import main


def test_db_upgrade_reports_what_it_did(sqlite_url, capsys):
    assert main(["--db", sqlite_url, "db", "upgrade"]) == 0
    first = capsys.readouterr().out
    assert "Datenbank von Stand leer auf Stand" in first
    assert main(["--db", sqlite_url, "db", "upgrade"]) == 0
    assert "Datenbank ist auf dem Stand" in capsys.readouterr().out


def test_backup_command_writes_a_copy(sqlite_url, tmp_path, capsys):
    assert main(["--db", sqlite_url, "demo"]) == 0
    target = tmp_path / "sicherung.sqlite"
    assert main(["--db", sqlite_url, "backup", str(target)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == f"Sicherung geschrieben: {target}"
    copy = sqlite3.connect(target)
    source = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    try:
        expected = source.execute("SELECT reference FROM papers ORDER BY reference").fetchall()
        assert ("20/0270",) in expected
        assert copy.execute("SELECT reference FROM papers ORDER BY reference").fetchall() == expected
    finally:
        copy.close()
        source.close()


def test_errors_are_one_german_line(tmp_path, capsys):
    assert main(["--db", "postgresql+psycopg://kim:geheim@127.0.0.1:1/kimdesk", "db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "kimdesk: Datenbank postgresql+psycopg://kim:***@127.0.0.1:1/kimdesk ist nicht erreichbar"
    )
    assert "geheim" not in err
    assert "Traceback" not in err
