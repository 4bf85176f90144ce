"""An open()/close() of the database file inside the running program loses no commit.

On Linux such a close drops every POSIX lock the process holds on the file, SQLite's included.
With WAL, the next program that opened and closed the database deleted the running program's
``-wal``/``-shm``; its later commits were invisible to everyone and lost (issue 11, item 1). The
writer here is a separate, long-running process using kimdesk's storage layer, like the GUI.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.model import Paper
from kimdesk.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer_process.py")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        PYTHONPATH=str(ROOT),
        KIMDESK_CONFIG_DIR=str(tmp_path / "config"),
        KIMDESK_LOG_DIR=str(tmp_path / "logs"),
    )
    return env


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


class Writer:
    def __init__(self, url: str, tmp_path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_env(tmp_path),
        )
        assert self._answer() == "ready"

    def _answer(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def do(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        assert self._answer() == "ok", command

    def quit(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0


def another_program(url: str, tmp_path: Path, *args: str) -> None:
    """``kimdesk --db URL …`` as a separate process (opens, reads or writes, closes)."""
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(tmp_path),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def titles(path: Path) -> list[str]:
    """What a fresh reader sees, and that the file is intact."""
    conn = sqlite3.connect(path)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        return sorted(r[0] for r in conn.execute("SELECT title FROM papers"))
    finally:
        conn.close()


def test_an_open_and_close_of_its_file_inside_the_writer_loses_no_commit(
    sqlite_url: str, tmp_path: Path
) -> None:
    path = _path(sqlite_url)
    writer = Writer(sqlite_url, tmp_path)
    try:
        writer.do("new Vom Arbeitsplatz 1")
        writer.do("touch")  # e.g. a file dialog showing the folder sniffs the files' types
        another_program(sqlite_url, tmp_path, "list")
        writer.do("new Vom Arbeitsplatz 2")
        assert titles(path) == ["Vom Arbeitsplatz 1", "Vom Arbeitsplatz 2"]
        another_program(sqlite_url, tmp_path, "new", "Von der Kommandozeile")
        writer.do("touch")
        writer.do("new Vom Arbeitsplatz 3")
        expected = ["Vom Arbeitsplatz 1", "Vom Arbeitsplatz 2", "Vom Arbeitsplatz 3", "Von der Kommandozeile"]
        assert titles(path) == expected
    finally:
        writer.quit()
    assert titles(path) == expected


def _add(db: Database, title: str) -> None:
    with db.uow_factory() as uow:
        now = datetime.now(UTC)
        reference = uow.papers.next_reference(now.year, "{yy}/{n:04d}")
        uow.papers.add(Paper(title=title, reference=reference, created_at=now, modified_at=now))
        uow.commit()


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def _wal_database(url: str) -> Path:
    """A kimdesk database as the earlier versions left it: in WAL mode."""
    Database.open(url).close()
    path = _path(url)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    finally:
        conn.close()
    return path


def test_a_wal_database_is_switched_to_the_rollback_journal_when_opened(sqlite_url: str) -> None:
    path = _wal_database(sqlite_url)
    db = Database.open(sqlite_url)
    try:
        _add(db, "Nach dem Umstellen")
    finally:
        db.close()
    assert _journal_mode(path) == "delete"
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert titles(path) == ["Nach dem Umstellen"]


def test_a_wal_database_in_use_elsewhere_opens_normally_and_is_switched_next_time(
    sqlite_url: str, tmp_path: Path
) -> None:
    path = _wal_database(sqlite_url)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(path)!r})\n"
            "c.execute('SELECT count(*) FROM papers').fetchone()\n"
            "print('open', flush=True)\n"
            "sys.stdin.read()\n"
            "c.close()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "open"
    try:
        db = Database.open(sqlite_url)  # the other program keeps the file: no switch, no error
        try:
            _add(db, "Während ein anderes Programm liest")
        finally:
            db.close()
        assert _journal_mode(path) == "wal"
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    Database.open(sqlite_url).close()
    assert _journal_mode(path) == "delete"
    assert titles(path) == ["Während ein anderes Programm liest"]


@pytest.mark.gui
def test_a_file_dialog_showing_the_database_folder_loses_no_commit(
    sqlite_url: str, tmp_path: Path, qtbot: Any
) -> None:
    """Qt's own file dialog, with its default type sniffing, in the program's process."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel

    path = _path(sqlite_url)
    db = Database.open(sqlite_url)
    try:
        _add(db, "Vor dem Dialog")
        dialog = QFileDialog(None, "PDF exportieren", str(path.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        model = dialog.findChild(QFileSystemModel)
        assert model is not None

        def every_file_typed() -> bool:
            root = model.index(str(path.parent))
            shown = {
                model.index(row, 0, root).data(): model.index(row, 2, root).data()
                for row in range(model.rowCount(root))
            }
            files = {p.name for p in path.parent.iterdir() if p.is_file()}
            return files <= set(shown) and all(shown[name] for name in files)

        qtbot.waitUntil(every_file_typed, timeout=20_000)
        another_program(sqlite_url, tmp_path, "list")
        _add(db, "Nach dem Dialog")
        assert titles(path) == ["Nach dem Dialog", "Vor dem Dialog"]
        dialog.close()
    finally:
        db.close()
    assert titles(path) == ["Nach dem Dialog", "Vor dem Dialog"]
