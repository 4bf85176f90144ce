"""Every command with hostile arguments: one German line naming the argument, exit ≠ 0, no traceback, and the
database unchanged — on SQLite and PostgreSQL (where a NUL byte or a 20-digit number used to reach the server
and come back as a psycopg traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kimdesk.cli import main
from kimdesk.services.exchange import export_document
from tests.hostile_db import demo_db_fixture  # noqa: F401 (the demo_db fixture)

HUGE = "99999999999999999999"
REF_HUGE = f"20/{HUGE}"
NUL_REF = "20/02\x0070"
SURROGATE = "\udce9"  # a Latin-1 byte in argv, as Python decodes it
COMPUTE = ["funding", "compute", "--component", "b1-coordination", "--years", "2020-2022"]
MEETING = "IR-2020-09-09"

# (id, arguments, words the one line must contain)
CASES: list[tuple[str, list[str], str]] = [
    ("show-nul", ["show", NUL_REF], "NR: enthält ein Nullzeichen"),
    ("show-huge-number", ["show", REF_HUGE], f"Vorlage Nr. {REF_HUGE}: gibt es nicht"),
    ("show-too-long", ["show", "9" * 20_000], "NR: ist zu lang"),
    ("show-surrogate", ["show", SURROGATE], "NR: enthält ein ungültiges Zeichen"),
    ("show-missing", ["show"], "Angabe fehlt: NR"),
    ("pdf-nul", ["pdf", NUL_REF], "NR: enthält ein Nullzeichen"),
    ("pdf-huge", ["pdf", REF_HUGE], "gibt es nicht"),
    ("pdf-version-huge", ["pdf", "20/0270", "--version", HUGE], "--version: ist keine ganze Zahl"),
    ("versions-nul", ["versions", NUL_REF], "NR: enthält ein Nullzeichen"),
    ("versions-huge", ["versions", REF_HUGE], "gibt es nicht"),
    ("diff-word", ["diff", "20/0270", "eins", "2"], "A: ist keine ganze Zahl"),
    ("diff-zero", ["diff", "20/0270", "1", "0"], "B: liegt nicht zwischen 1 und 1000000"),
    ("diff-missing", ["diff", "20/0270", "1", "9"], "keine Fassung 9"),
    ("list-year-huge", ["list", "--year", HUGE], "--year: ist keine ganze Zahl von 1900 bis 2200"),
    ("list-year-negative", ["list", "--year", "-99999999999"], "--year: liegt nicht zwischen 1900 und 2200"),
    ("list-year-word", ["list", "--year", "zwanzig"], "--year: ist keine ganze Zahl"),
    ("list-limit-huge", ["list", "--limit", HUGE], "--limit: ist keine ganze Zahl"),
    ("list-limit-negative", ["list", "--limit", "-1"], "--limit: liegt nicht zwischen 1 und 100000"),
    ("list-text-nul", ["list", "a\x00b"], "SUCHTEXT: enthält ein Nullzeichen"),
    ("list-status-nul", ["list", "--status", "\x00"], "--status: enthält ein Nullzeichen"),
    ("list-unknown-option", ["list", "--jahr", "2020"], "unbekannte Angabe(n): --jahr"),
    ("new-nul", ["new", "Betreff\x00"], "BETRIFFT: enthält ein Nullzeichen"),
    ("new-surrogate", ["new", "\ud800"], "BETRIFFT: enthält ein ungültiges Zeichen"),
    ("new-title-1001", ["new", "x" * 1001], "Betrifft: ist zu lang: 1.001 Zeichen, höchstens 1.000"),
    (
        "export-reference-nul",
        ["export", "out.json", "-r", NUL_REF],
        "--reference/-r: enthält ein Nullzeichen",
    ),
    ("export-reference-huge", ["export", "out.json", "-r", REF_HUGE], "gibt es nicht"),
    ("import-path-nul", ["import", "a\x00.json"], "DATEI: enthält ein Nullzeichen"),
    ("backup-path-nul", ["backup", "b\x00.sqlite"], "DATEI: enthält ein Nullzeichen"),
    ("verify-pdf-path-nul", ["verify-pdf", "v\x00.pdf"], "DATEI: enthält ein Nullzeichen"),
    ("verify-pdf-missing", ["verify-pdf", "fehlt.pdf"], "PDF: fehlt.pdf ist nicht lesbar"),
    ("verify-pdf-trust-nul", ["verify-pdf", "v.pdf", "--trust", "\x00"], "--trust: enthält ein Nullzeichen"),
    ("compute-posts-1e30", [*COMPUTE, "--posts", "1" + "0" * 30], "höchstens 1.000 Stellen"),
    ("compute-posts-nan", [*COMPUTE, "--posts", "NaN"], "ist keine Stellenzahl"),
    ("compute-posts-1e400", [*COMPUTE, "--posts", "1e400"], "ist keine Stellenzahl"),
    (
        "compute-own-billion",
        [*COMPUTE, "--posts", "1", "--own-contribution", "1.000.000.000,00"],
        "höchstens 999.999.999,99 €",
    ),
    (
        "compute-own-1e40",
        [*COMPUTE, "--posts", "1", "--own-contribution", "1" + "0" * 40],
        "höchstens 999.999.999,99 €",
    ),
    (
        "compute-own-30-decimals",
        [*COMPUTE, "--posts", "1", "--own-contribution", "1," + "3" * 30],
        "mehr als zwei Nachkommastellen",
    ),
    (
        "compute-years-huge",
        ["funding", "compute", "--component", "b1", "--posts", "1", "--years", f"{HUGE}-{HUGE}"],
        "ist kein Zeitraum",
    ),
    ("compute-component-nul", [*COMPUTE, "--posts", "1", "--component", "\x00"], "--component: enthält"),
    ("signoff-status-nul", ["signoff", "status", NUL_REF], "NR: enthält ein Nullzeichen"),
    ("signoff-start-huge", ["signoff", "start", REF_HUGE], "gibt es nicht"),
    (
        "signoff-due-year-99999",
        ["signoff", "start", "20/0325", "--due", "01.01.99999"],
        "Frist: „01.01.99999“",
    ),
    ("signoff-due-year-1", ["signoff", "start", "20/0325", "--due", "0001-01-01"], "Jahr 1 liegt nicht"),
    (
        "signoff-sign-pin-nul",
        ["signoff", "sign", "20/0311", "--role", "treasurer", "--person", "x", "--pin", "\x00"],
        "--pin: enthält ein Nullzeichen",
    ),
    ("signoff-unknown-action", ["signoff", "approve", "20/0311"], "AKTION: 'approve' gibt es nicht"),
    (
        "keys-enrol-pin-huge",
        ["keys", "enrol", "Rainer Weichelt", "--pin", "9" * 5000],
        "PIN: 6 bis 12 Ziffern",
    ),
    ("meeting-create-year-1", ["meeting", "create", "IR", "01.01.0001", "17:00"], "Jahr 1 liegt nicht"),
    ("meeting-create-year-9999", ["meeting", "create", "IR", "31.12.9999", "17:00"], "Jahr 9999 liegt nicht"),
    ("meeting-create-bad-date", ["meeting", "create", "IR", "99.99.99999", "17:00"], "ist kein Datum"),
    (
        "meeting-create-name-nul",
        ["meeting", "create", "IR", "01.01.2026", "17:00", "--name", "\x00"],
        "--name: enthält ein Nullzeichen",
    ),
    ("meeting-show-nul", ["meeting", "show", "\x00"], "SITZUNG: enthält ein Nullzeichen"),
    ("meeting-show-huge", ["meeting", "show", HUGE], "ist keine Sitzungskennung"),
    (
        "meeting-add-position-huge",
        ["meeting", "add", MEETING, "20/0270", "--position", HUGE],
        "--position: ist keine ganze Zahl von 1 bis 1000",
    ),
    ("meeting-move-huge", ["meeting", "move", MEETING, "4", HUGE], "STELLE: ist keine ganze Zahl"),
    ("meeting-remove-top-huge", ["meeting", "remove", MEETING, HUGE], f"hat keinen TOP {HUGE}"),
    ("extract-top-huge", ["extract", MEETING, HUGE], f"hat keinen TOP {HUGE}"),
    ("packet-huge", ["packet", HUGE], "ist keine Sitzungskennung"),
    ("attach-nul", ["attach", NUL_REF, "--list"], "NR: enthält ein Nullzeichen"),
    ("oparl-serve-huge", ["oparl", "out", "--serve", HUGE], "--serve: ist keine ganze Zahl von 1 bis 65535"),
    ("gui-quit-after-nan", ["gui", "--quit-after", "nan"], "--quit-after: liegt nicht zwischen"),
    ("spelling-nul", ["spelling", "Wort\x00"], "WORT: enthält ein Nullzeichen"),
    ("spelling-too-long", ["spelling", "x" * 20_000], "WORT: ist zu lang"),
    ("spelling-missing", ["spelling"], "Angabe fehlt: WORT"),
    ("unknown-command", ["vorlage"], "BEFEHL: 'vorlage' gibt es nicht"),
    (
        "office-municipality-nul",
        ["office", "set", "--municipality", "a\x00b"],
        "--municipality: enthält ein Nullzeichen",
    ),
    ("office-municipality-huge", ["office", "set", "--municipality", "x" * 5000], "Kommune: ist zu lang"),
    ("office-numbering-huge", ["office", "set", "--numbering", f"{{n:0{HUGE}d}}"], "Nummernformat:"),
    ("office-role-no-label", ["office", "set", "--role", "treasurer"], "--role: „treasurer“"),
    ("office-role-huge", ["office", "set", "--role", "x=" + "y" * 5000], "zu lang"),
    ("office-remove-unknown-role", ["office", "set", "--remove-role", HUGE], "--remove-role: die Rolle"),
    (
        "office-profile-import-nul",
        ["office", "profile", "import", "a\x00.json"],
        "DATEI: enthält ein Nullzeichen",
    ),
    ("office-profile-use-unknown", ["office", "profile", "use", "x" * 5000], "gibt es nicht"),
]


def _run(url: str, args: list[str]) -> int:
    try:
        return main(["--db", url, *args])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(("args", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_argument_gives_one_german_line(
    demo_db: tuple[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, args, words
):
    url, uow_factory = demo_db
    monkeypatch.chdir(tmp_path)
    before = export_document(uow_factory)

    code = _run(url, args)

    out, err = capsys.readouterr()
    assert code != 0, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:3000]
    assert words in lines[0], lines[0][:500]
    assert "Traceback" not in err and "usage:" not in err and "error:" not in err
    assert export_document(uow_factory) == before


def test_every_command_is_in_the_corpus():
    from kimdesk.cli import build_parser

    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    tried = {args[0] for _, args, _ in CASES}
    assert commands - {"demo", "verify", "db"} <= tried, commands - tried
