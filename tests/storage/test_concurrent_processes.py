"""Several programs on one SQLite file at once (rollback journal, busy timeout): new numbers stay
unique, no save silently overwrites another, and a writer killed at any moment loses no commit
that it had confirmed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from kimdesk.services.demo import load_demo
from kimdesk.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]
CLERK = Path(__file__).with_name("clerk_process.py")


def _clerk(url: str, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen(
        [sys.executable, str(CLERK), url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(proc: subprocess.Popen[str]) -> list[str]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return out.split()


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_processes_creating_vorlagen_at_once_get_unique_numbers(sqlite_url: str) -> None:
    Database.open(sqlite_url).close()
    clerks = [_clerk(sqlite_url, "new", "25") for _ in range(4)]
    references = [ref for proc in clerks for ref in _finish(proc)]
    assert sorted(references) == [f"26/{n:04d}" for n in range(1, 101)]
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert _query(path, "SELECT count(*) FROM papers") == [(100,)]


def test_processes_saving_one_vorlage_at_once_overwrite_nothing_silently(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    with db.uow_factory() as uow:
        start = uow.papers.get_by_reference("20/0270").version
    db.close()
    clerks = [_clerk(sqlite_url, "save", "20/0270", "30") for _ in range(4)]
    results = [_finish(proc) for proc in clerks]
    saved = sum(int(words[1]) for words in results)
    assert saved == 120
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    # every confirmed save was based on the version before it: one version step per save
    assert _query(path, "SELECT version FROM papers WHERE reference = '20/0270'") == [(start + saved,)]


def test_a_writer_killed_at_any_moment_loses_no_confirmed_commit(sqlite_url: str) -> None:
    Database.open(sqlite_url).close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    confirmed: list[str] = []
    rng = random.Random(11)
    for _round in range(8):
        proc = _clerk(sqlite_url, "new", "100000")
        assert proc.stdout is not None
        for _ in range(rng.randint(1, 40)):
            confirmed.append(proc.stdout.readline().strip())
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        stored = {r[0] for r in _query(path, "SELECT reference FROM papers")}
        assert set(confirmed) <= stored
    db = Database.open(sqlite_url)  # the next start works after every kill
    db.close()
