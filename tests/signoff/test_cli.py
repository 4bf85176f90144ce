"""``kimdesk keys …``, ``kimdesk signoff …`` and ``kimdesk verify`` as IT, the heads and a clerk run them."""

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


PASSPHRASE = "Hauptamt Passphrase 2026"
PINS = {
    "Christoph Tesche": "471100",
    "Andrea Krause": "246810",
    "Rainer Weichelt": "135246",
    "Dr. Sabine Möller": "975310",
    "Yasemin Aydın": "Passphrase der Leiterin",
}


@pytest.fixture
def office_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own user profile and machine configuration (no demo anchor installed)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "profile"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "machine"))
    return tmp_path / "machine" / "kimdesk" / "office-ca.pem"


def set_up_keys(db: str, run: Callable[..., Result], anchor: Path) -> None:
    """IT makes the office key and installs its certificate; each head enrols; IT certifies."""
    anchor.parent.mkdir(parents=True)
    made = run(db, "keys", "init-office", "--passphrase", PASSPHRASE, "--anchor-out", str(anchor)).stdout
    assert "Fingerabdruck (SHA-256):" in made and anchor.is_file()
    for name, pin in PINS.items():
        assert "zertifizieren" in run(db, "keys", "enrol", name, "--pin", pin).stdout
    pending = run(db, "keys", "pending").stdout
    assert all(name in pending for name in PINS)
    certified = run(db, "keys", "certify", "--passphrase", PASSPHRASE).stdout
    assert all(name in certified for name in PINS)
    assert "Keine offenen Anträge" in run(db, "keys", "pending").stdout


def test_signoff_happy_path_end_to_end(db_file: Path, run: Callable[..., Result], office_pc: Path) -> None:
    db = f"sqlite:///{db_file}"
    wrong_admin = run(db, "keys", "certify", "--passphrase", "geraten", code=1)
    assert "Office-Schlüssel" in wrong_admin.stderr
    set_up_keys(db, run, office_pc)
    out = run(
        db, "signoff", "start", "20/0270", "--roles", "Bürgermeister,first_deputy", "--due", "04.09.2099"
    )
    assert "In Mitzeichnung" in out.stdout and "Bürgermeister, Erster Beigeordneter" in out.stdout
    status = run(db, "signoff", "status", "20/0270").stdout
    assert "Status: In Mitzeichnung" in status and "04.09.2099" in status and "Dran: Bürgermeister" in status

    # The database holds no PIN hash and no private key: only public keys and certificates.
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT count(*) FROM persons WHERE pin_hash IS NOT NULL").fetchone() == (0,)
        stored = "".join(str(v) for (v,) in conn.execute("SELECT value FROM settings"))
    assert "PRIVATE" not in stored and "BEGIN CERTIFICATE" in stored
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
        "111111",
        code=1,
    )
    assert (
        wrong.stderr.strip()
        == "kimdesk: PIN: die PIN von Christoph Tesche ist falsch; nichts wurde gezeichnet."
    )

    pin = PINS["Christoph Tesche"]
    run(db, "signoff", "sign", "20/0270", "--role", "mayor", "--person", "Christoph Tesche", "--pin", pin)
    signed = run(
        db,
        "signoff",
        "sign",
        "20/0270",
        "--role",
        "first_deputy",
        "--person",
        "Andrea Krause",
        "--pin",
        "246810",
    )
    assert "i. V. Andrea Krause" in signed.stdout and "„Freigegeben“" in signed.stdout
    status = run(db, "signoff", "status", "20/0270", "--history").stdout
    assert "Status: Freigegeben" in status
    assert re.search(r"Inhalt: [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}", status)
    assert "Umlauf gestartet" in status and "freigegeben" in status
    verified = run_process(db, "verify")  # once as its own process, as a cron job would run it
    # office key, 5 requests, 5 certificates, the wrong PIN, start, two signatures, release
    assert verified.stdout.strip() == "Prüfung bestanden: 16 Einträge, 3 Vorlagen"

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
        "--pin",
        PINS["Yasemin Aydın"],
        code=1,
    )
    assert "der Reihe nach" in out_of_turn.stderr
    run(
        db,
        "signoff",
        "sign",
        "20/0311",
        "--role",
        "first_deputy",
        "--person",
        "Rainer Weichelt",
        "--pin",
        "135246",
    )
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
        "--pin",
        "975310",
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
        "--pin",
        PINS["Yasemin Aydın"],
    )
    status = run(db, "signoff", "status", "20/0311").stdout
    assert "Status: Entwurf" in status and "„Zuwendungsbescheid beifügen“" in status
    run(db, "signoff", "withdraw", "20/0311")
    assert "Zurückgezogen" in run(db, "signoff", "status", "20/0311").stdout


def test_user_mistakes_get_one_german_line(
    db_file: Path, run: Callable[..., Result], office_pc: Path
) -> None:
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
    assert "PIN:" in run(db, "keys", "enrol", "Christoph Tesche", "--pin", "4711", code=1).stderr
    assert "--pin" not in run(db, "keys", "enrol", "Christoph Tesche", code=1).stderr.split("PIN", 1)[0]
    assert "ist nicht erfasst" in run(db, "keys", "enrol", "Niemand", "--pin", "123456", code=1).stderr
    no_key = run(db, "keys", "change-pin", "Christoph Tesche", "--old", "123456", "--new", "654321", code=1)
    assert "keinen Schlüssel" in no_key.stderr
    no_anchor = run(
        db, "signoff", "sign", "20/0270", "--role", "mayor", "--person", "Christoph Tesche", code=1
    )
    assert "PIN" in no_anchor.stderr
