"""``kimdesk db check``, ``kimdesk db restore`` and the automatic daily backups, as IT would use them."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from kimdesk.cli import main
from kimdesk.storage import backups
from tests.damage import damage_table_page, stale_index


@pytest.fixture
def office(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kimdesk.sqlite"
    shutil.copyfile(demo_file, path)
    return path


def test_first_open_of_the_day_writes_one_checked_backup(office, capsys):
    url = f"sqlite:///{office}"
    assert main(["--db", url, "list"]) == 0
    assert main(["--db", url, "list"]) == 0
    daily = sorted((office.parent / "Sicherungen").iterdir())
    assert [p.name for p in daily] == [f"kimdesk.sqlite.{date.today().isoformat()}.sqlite"]
    with sqlite3.connect(daily[0]) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert ("20/0270",) in copy.execute("SELECT reference FROM papers").fetchall()


def test_daily_backups_rotate_keeping_the_last_seven(office):
    start = date(2026, 11, 1)
    for day in range(10):
        backups.daily_backup(office, start + timedelta(days=day))
    names = sorted(p.name for p in (office.parent / "Sicherungen").iterdir())
    assert names == [f"kimdesk.sqlite.{start + timedelta(days=d)}.sqlite" for d in range(3, 10)]


def test_db_check_passes_a_whole_database_and_fails_a_damaged_one(office, capsys):
    url = f"sqlite:///{office}"
    assert main(["--db", url, "db", "check"]) == 0
    out = capsys.readouterr().out
    assert "Integrität: in Ordnung" in out and "Prüfung bestanden" in out

    damage_table_page(office)
    before = office.read_bytes()
    assert main(["--db", url, "db", "check"]) == 1
    captured = capsys.readouterr()
    assert "Befund" in captured.out
    assert "Prüfung nicht bestanden" in captured.err
    assert "Traceback" not in captured.err
    assert office.read_bytes() == before


def test_db_restore_lists_checks_restores_and_keeps_the_damaged_file(office, tmp_path, capsys):
    url = f"sqlite:///{office}"
    assert main(["--db", url, "list"]) == 0  # today's automatic backup
    manual = tmp_path / "kimdesk-sicherung-2026-12-01.sqlite"
    assert main(["--db", url, "backup", str(manual)]) == 0
    premigration = tmp_path / "kimdesk.sqlite.bak-0004-20261130-101500"
    shutil.copyfile(manual, premigration)
    capsys.readouterr()

    damage_table_page(office)
    damaged = office.read_bytes()
    assert main(["--db", url, "list"]) == 1
    assert "beschädigt" in capsys.readouterr().err

    assert main(["--db", url, "db", "restore"]) == 0
    listing = capsys.readouterr().out
    for kind, path in (
        ("automatisch", "Sicherungen/"),
        ("Sicherung", manual.name),
        ("vor Migration", premigration.name),
    ):
        assert kind in listing and path in listing

    assert main(["--db", url, "db", "restore", str(manual)]) == 0
    out = capsys.readouterr().out
    assert "geprüft und zurückgeholt" in out
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith("-wal")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert str(kept[0]) in out

    assert main(["--db", url, "show", "20/0270"]) == 0
    assert "Kommunales Integrationsmanagement" in capsys.readouterr().out


def test_db_restore_refuses_a_damaged_backup_and_changes_nothing(office, tmp_path, capsys):
    url = f"sqlite:///{office}"
    bad = tmp_path / "kimdesk-sicherung-kaputt.sqlite"
    shutil.copyfile(office, bad)
    damage_table_page(bad)
    before = office.read_bytes()
    assert main(["--db", url, "db", "restore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "kimdesk: Sicherung" in err and str(bad) in err and "beschädigt" in err
    assert "Traceback" not in err
    assert office.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name or ".replaced-" in p.name]


def test_an_index_that_no_longer_matches_its_table_is_found_by_db_check_and_the_daily_check(office, capsys):
    from kimdesk.app import open_app
    from kimdesk.domain.errors import DatabaseDamagedError

    stale_index(office, "ix_papers_year_sort_key", "UPDATE papers SET sort_key = sort_key || '-x'")
    url = f"sqlite:///{office}"
    assert main(["--db", url, "db", "check"]) == 1
    out = capsys.readouterr().out
    assert "Index ix_papers_year_sort_key passt nicht zu seiner Tabelle" in out

    with pytest.raises(DatabaseDamagedError, match="tägliche Prüfung"):
        open_app(url)  # the first open of the day checks its copy
    assert not (office.parent / "Sicherungen").exists()  # the bad copy is not kept


def test_db_restore_waits_until_no_other_program_uses_the_database(office, tmp_path, capsys):
    import subprocess
    import sys

    url = f"sqlite:///{office}"
    manual = tmp_path / "kimdesk-sicherung-2026-12-01.sqlite"
    assert main(["--db", url, "backup", str(manual)]) == 0
    before = office.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            # another kimdesk with the database open, between two of its transactions: SQLite holds
            # no lock then (rollback journal), only kimdesk's own users file says it is in use
            "import sys\n"
            "from kimdesk.storage.database import Database\n"
            "db = Database.open('sqlite:///' + sys.argv[1])\n"
            "with db.uow_factory() as uow:\n"
            "    uow.papers.all_ids()\n"
            "print('offen', flush=True)\n"
            "sys.stdin.read()\n"
            "db.close()\n",
            str(office),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "offen"
        assert main(["--db", url, "db", "restore", str(manual)]) == 1
    finally:
        holder.communicate("")
    assert "von einem anderen Programm benutzt" in capsys.readouterr().err
    assert office.read_bytes() == before
    assert main(["--db", url, "db", "restore", str(manual)]) == 0  # once it is closed
