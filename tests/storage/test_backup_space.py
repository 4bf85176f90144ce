"""Backups of a large database (issue 18): they never fill the drive, a save is not held up for the
whole copy, and a copy stopped midway leaves nothing behind."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from kimdesk.domain.errors import BackupCancelledError, NoRoomForBackupError
from kimdesk.storage import backups
from kimdesk.storage.backup_space import Usage, check_room_for_copy
from kimdesk.storage.database import Database
from kimdesk.storage.sqlite_copy import sqlite_backup

GB = 1024**3


@pytest.fixture
def office(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kimdesk.sqlite"
    shutil.copyfile(demo_file, path)
    return path


class Drive:
    """A drive of ``total`` bytes whose free room is what ``free`` says minus the copies written."""

    def __init__(self, folder: Path, total: int, free: int) -> None:
        self.folder, self.total, self.free = folder, total, free

    def __call__(self, _folder: Path) -> Usage:
        used = sum(p.stat().st_size for p in self.folder.glob("*.sqlite"))
        return Usage(self.total, self.free - used)


def _daily(office: Path) -> list[str]:
    return sorted(p.name for p in (office.parent / "Sicherungen").iterdir())


def _week_of_copies(office: Path) -> date:
    start = date(2026, 11, 1)
    roomy = Drive(office.parent / "Sicherungen", total=100 * GB, free=90 * GB)  # whatever this disk has
    for day in range(5):
        backups.daily_backup(office, start + timedelta(days=day), usage=roomy)
    return start


def test_a_full_drive_drops_the_oldest_daily_copies_but_never_the_newest(office):
    start = _week_of_copies(office)
    copy = office.stat().st_size
    # Room for today's copy and a tenth of the drive only once three of the five old copies are gone.
    drive = Drive(office.parent / "Sicherungen", total=100 * GB, free=10 * GB + 3 * copy + 1)
    today = start + timedelta(days=5)
    assert backups.daily_backup(office, today, usage=drive) is not None
    assert _daily(office) == [f"kimdesk.sqlite.{start + timedelta(days=d)}.sqlite" for d in (3, 4, 5)]


def test_no_room_even_without_old_copies_refuses_in_german_and_keeps_the_newest(office, tmp_path):
    start = _week_of_copies(office)
    before = _daily(office)
    drive = Drive(office.parent / "Sicherungen", total=100 * GB, free=10 * GB)
    with pytest.raises(NoRoomForBackupError) as refused:
        backups.daily_backup(office, start + timedelta(days=5), usage=drive)
    message = refused.value.message
    assert message.startswith("Die tägliche Sicherung wurde nicht angelegt")
    assert (
        "10,0 GB (10 % des Laufwerks) sollen frei bleiben" in message and " MB, auf dem Laufwerk" in message
    )
    assert before[-1] in message  # the newest copy is named as kept
    assert _daily(office) == [before[-1]]  # the older ones made way, the newest stayed
    assert not [p for p in (office.parent / "Sicherungen").iterdir() if p.name.startswith(".")]


def test_the_program_goes_on_and_returns_the_reason_when_there_is_no_room(office, tmp_path):
    tiny = Drive(office.parent, total=GB, free=0)
    db = Database.open(f"sqlite:///{office}")
    try:
        note = db.daily_backup(usage=tiny)
    finally:
        db.close()
    assert note is not None and note.startswith("Die tägliche Sicherung wurde nicht angelegt")


def test_a_copy_the_user_asks_for_is_refused_before_writing_when_it_does_not_fit(office, tmp_path):
    target = tmp_path / "usb" / "sicherung.sqlite"
    target.parent.mkdir()
    with pytest.raises(NoRoomForBackupError) as refused:
        check_room_for_copy(office, target, lambda _f: Usage(64 * GB, office.stat().st_size))
    assert refused.value.message.startswith("Sicherung: die Kopie braucht")
    assert str(target.parent) in refused.value.message
    check_room_for_copy(office, target, lambda _f: Usage(64 * GB, GB))  # fits: no error


def test_a_copy_stopped_midway_leaves_no_file(office, tmp_path):
    target = tmp_path / "kopie.sqlite"
    steps: list[int] = []

    def cancelled() -> bool:
        steps.append(1)
        return len(steps) > 2

    with pytest.raises(BackupCancelledError):
        sqlite_backup(office, target, cancelled, step_pages=4)
    assert len(steps) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kimdesk.sqlite"]


def test_saves_between_the_steps_of_a_copy_go_through_and_the_copy_holds_them(office, tmp_path):
    target = tmp_path / "kopie.sqlite"
    writer = sqlite3.connect(office, timeout=0.5)
    written: list[int] = []

    def cancelled() -> bool:
        # Between two steps the copy holds no lock: a save needs no busy wait.
        if len(written) < 2:
            with writer:
                writer.execute(
                    "UPDATE papers SET title = ? WHERE reference = '20/0270'", (f"Neu {len(written)}",)
                )
            written.append(1)
        return False

    try:
        sqlite_backup(office, target, cancelled, step_pages=2)
    finally:
        writer.close()
    assert len(written) == 2
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        title = copy.execute("SELECT title FROM papers WHERE reference = '20/0270'").fetchone()[0]
    assert title == "Neu 1"  # the copy started over after each save: it is today's state


def test_a_half_written_copy_of_a_program_that_ended_is_removed_at_the_next_start(office):
    folder = office.parent / "Sicherungen"
    folder.mkdir()
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(ended.stdout)
    leftover = folder / f".kimdesk.sqlite.2026-11-30.sqlite.{dead_pid}.tmp"
    leftover.write_bytes(b"\0" * 4096)
    running = folder / f".kimdesk.sqlite.2026-11-30.sqlite.{os.getppid()}"  # a live program's copy
    running.write_bytes(b"\0" * 4096)
    backups.daily_backup(office, date(2026, 12, 1))
    assert not leftover.exists()
    assert running.exists()
    assert _daily(office) == [running.name, "kimdesk.sqlite.2026-12-01.sqlite"]


def test_an_upgrade_without_room_for_its_safety_copy_is_refused_and_changes_nothing(office):
    from kimdesk.storage.migrate import pre_migration_backup

    before = office.read_bytes()
    full = Drive(office.parent, total=100 * GB, free=office.stat().st_size)
    with pytest.raises(NoRoomForBackupError) as refused:
        pre_migration_backup(office, ("0011",), str(office), full)
    message = refused.value.message
    assert message.startswith(f"Die Datenbank {office} wurde nicht auf den neuen Stand gebracht")
    assert "fehlt Platz (die Kopie braucht" in message and "Die Datenbank ist unverändert" in message
    assert office.read_bytes() == before
    assert sorted(p.name for p in office.parent.iterdir()) == ["kimdesk.sqlite"]
