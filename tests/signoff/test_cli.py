"""``kimdesk signoff …``, ``kimdesk verify`` and ``kimdesk person set-pin`` as a clerk runs them."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kimdesk.cli import main
from kimdesk.services.demo import load_demo
from kimdesk.storage.database import Database


class Result:
    def __init__(self, stdout: str, stderr: str) -> None:
        self.stdout, self.stderr = stdout, stderr


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``kimdesk …`` in this process (fast); the exit code and both streams as a clerk sees them."""

    def invoke(db: str, *args: str, code: int = 0) -> Result:
        capsys.readouterr()
        assert main(["--db", db, *args]) == code
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(captured.out, captured.err)

    return invoke


def run_process(db: str, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIMDESK_DB": db}
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "signoff.sqlite"
    database = Database.open(f"sqlite:///{path}")
    try:
        load_demo(database.uow_factory)  # the Vorlagen only, every one a draft
    finally:
        database.close()
    return path


def test_signoff_happy_path_end_to_end(db_file: Path, run: Callable[..., Result]) -> None:
    db = f"sqlite:///{db_file}"
    out = run(
        db, "signoff", "start", "20/0270", "--roles", "Bürgermeister,first_deputy", "--due", "04.09.2099"
    )
    assert "In Mitzeichnung" in out.stdout and "Bürgermeister, Erster Beigeordneter" in out.stdout
    status = run(db, "signoff", "status", "20/0270").stdout
    assert "Status: In Mitzeichnung" in status and "04.09.2099" in status and "Dran: Bürgermeister" in status

    run(db, "person", "set-pin", "Christoph Tesche", "--pin", "4711")
    assert (
        "4711"
        not in sqlite3.connect(db_file).execute("SELECT group_concat(pin_hash) FROM persons").fetchone()[0]
    )
    missing = run(db, "signoff", "sign", "20/0270", "--role", "mayor", "--person", "Christoph Tesche", code=1)
    assert "PIN" in missing.stderr and "--pin" in missing.stderr
    wrong = run(
        db,
        "signoff",
        "sign",
        "20/0270",
        "--role",
        "mayor",
        "--person",
        "Christoph Tesche",
        "--pin",
        "1111",
        code=1,
    )
    assert (
        wrong.stderr.strip()
        == "kimdesk: PIN: die PIN von Christoph Tesche ist falsch; nichts wurde gezeichnet."
    )

    run(db, "signoff", "sign", "20/0270", "--role", "mayor", "--person", "Christoph Tesche", "--pin", "4711")
    signed = run(db, "signoff", "sign", "20/0270", "--role", "first_deputy", "--person", "Andrea Krause")
    assert "i. V. Andrea Krause" in signed.stdout and "„Freigegeben“" in signed.stdout
    status = run(db, "signoff", "status", "20/0270", "--history").stdout
    assert "Status: Freigegeben" in status
    assert re.search(r"Inhalt: [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}", status)
    assert "Umlauf gestartet" in status and "freigegeben" in status
    verified = run_process(db, "verify")  # once as its own process, as a cron job would run it
    assert verified.stdout.strip() == "Prüfung bestanden: 5 Einträge, 3 Vorlagen"

    # Changed behind the program's back: verify names the Vorlage and fails.
    with sqlite3.connect(db_file) as conn:
        conn.execute(
            "UPDATE papers SET draft_resolution = 'Der Rat beschließt etwas anderes.' "
            "WHERE reference = '20/0270'"
        )
    result = run_process(db, "verify", code=1)
    assert "Vorlage 20/0270" in result.stdout and "geändert" in result.stdout

    # Taking it back voids the signatures; a rejection needs a reason and sends it back to Entwurf.
    run(db, "signoff", "back", "20/0270")
    run(db, "signoff", "start", "20/0311", "--roles", "first_deputy", "--legal", "--sequential")
    out_of_turn = run(
        db,
        "signoff",
        "reject",
        "20/0311",
        "--role",
        "legal",
        "--person",
        "Yasemin Aydın",
        "--remark",
        "x",
        code=1,
    )
    assert "der Reihe nach" in out_of_turn.stderr
    run(db, "signoff", "sign", "20/0311", "--role", "first_deputy", "--person", "Rainer Weichelt")
    run(
        db,
        "signoff",
        "sign",
        "20/0311",
        "--role",
        "Stadtkämmerer",
        "--person",
        "Dr. Sabine Möller",
        "--noted",
    )
    run(
        db,
        "signoff",
        "reject",
        "20/0311",
        "--role",
        "legal",
        "--person",
        "Yasemin Aydın",
        "--remark",
        "Zuwendungsbescheid beifügen",
    )
    status = run(db, "signoff", "status", "20/0311").stdout
    assert "Status: Entwurf" in status and "„Zuwendungsbescheid beifügen“" in status
    run(db, "signoff", "withdraw", "20/0311")
    assert "Zurückgezogen" in run(db, "signoff", "status", "20/0311").stdout


def test_user_mistakes_get_one_german_line(db_file: Path, run: Callable[..., Result]) -> None:
    db = f"sqlite:///{db_file}"
    created = run(db, "new", "Unfertiger Entwurf").stdout  # no boxes ticked, no Begründung
    reference = created.split()[1]
    blocked = run(db, "signoff", "start", reference, code=1)
    assert "kann nicht in die Mitzeichnung" in blocked.stderr
    assert "Wesentliche klimarelevante Auswirkungen" in blocked.stderr
    assert (
        "Rolle: „Kanzler“ gibt es nicht"
        in run(db, "signoff", "start", "20/0270", "--roles", "Kanzler", code=1).stderr
    )
    assert "Frist" in run(db, "signoff", "start", "20/0270", "--due", "morgen", code=1).stderr
    assert "20/9999" in run(db, "signoff", "status", "20/9999", code=1).stderr
    assert "PIN:" in run(db, "person", "set-pin", "Christoph Tesche", "--pin", "12", code=1).stderr
    assert "--pin" in run(db, "person", "set-pin", "Christoph Tesche", code=1).stderr
    assert "ist nicht erfasst" in run(db, "person", "set-pin", "Niemand", "--pin", "1234", code=1).stderr
