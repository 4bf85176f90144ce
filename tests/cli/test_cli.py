"""The command line as a clerk uses it: one process per command, German output, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(db: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIMDESK_DB": db}
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", *args], capture_output=True, text=True, env=env, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def test_show_prints_the_seed_vorlage_in_form_order(db: str):
    assert "Demo-Amt geladen" in run(db, "demo").stdout
    out = run(db, "show", "20/0270").stdout
    expected_in_order = [
        "Vorlage Nr. 20/0270",
        "Amt für Integration und Sport",
        "Integrationsrat",
        "Rainer Weichelt Erster Beigeordneter",
        "Kenntnisnahme",
        "09.09.2020",
        "Punkt 4",
        "öffentliche Sitzung",
        "Betrifft: Kommunales Integrationsmanagement",
        "Das Ministerium für Kinder, Familien, Flüchtlinge und Integration",
        "1. Förderrichtlinie zur Implementierung",
        "3. Fachbezogene Pauschale für zusätzliche Personalstellen",
        "je 25.000,-- Euro",
        "zu den Bausteinen 1 und 2 ergänzend berichten",
        "Zahl der erforderlichen Protokollauszüge",
        "Finanzielle Auswirkungen: ☒ keine  ☐ folgende",
        "Wesentliche klimarelevante Auswirkungen: ☒ keine",
        "Der Integrationsrat nimmt den Bericht der Verwaltung zur Kenntnis.",
        "Der Bürgermeister",
        "i. V.",
        "Erster Beigeordneter",
    ]
    position = 0
    for text in expected_in_order:
        found = out.find(text, position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found + len(text)


def test_demo_twice_adds_nothing(db: str):
    run(db, "demo")
    assert "bereits geladen" in run(db, "demo").stdout


def test_list_filters_and_searches(db: str):
    run(db, "demo")
    out = run(db, "list").stdout
    assert "20/0270" in out and "20/0311" in out
    assert run(db, "list", "Sprachcafés").stdout.split()[0] == "20/0311"
    assert "20/0270" not in run(db, "list", "--committee", "HFA").stdout
    assert "20/0311" in run(db, "list", "--committee", "HFA").stdout
    assert "Keine Vorlagen" in run(db, "list", "--year", "1999").stdout


def test_new_numbers_by_year(db: str):
    first = run(db, "new", "Erste Vorlage").stdout
    second = run(db, "new", "Zweite Vorlage").stdout
    assert first.startswith("Vorlage ") and "/0001 angelegt" in first
    assert "/0002 angelegt" in second


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "99/9999"], "99/9999"),
        (["list", "--status", "fertig"], "Status"),
        (["list", "--committee", "Gibtsnicht"], "Gremium"),
        (["import", "/nonexistent/file.json"], "nicht gefunden"),
    ],
)
def test_user_errors_are_one_line_without_traceback(db: str, args: list[str], message: str):
    result = run(db, *args, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("kimdesk: ")


def test_broken_import_lists_problems_and_changes_nothing(db: str, tmp_path: Path):
    run(db, "demo")
    export = tmp_path / "all.json"
    run(db, "export", str(export))
    document = json.loads(export.read_text(encoding="utf-8"))
    document["papers"][0]["title"] = "nicht übernehmen"
    document["papers"][1]["status"] = "fertig"
    export.write_text(json.dumps(document), encoding="utf-8")
    result = run(db, "import", str(export), check=False)
    assert result.returncode == 1
    assert "$.papers[1].status" in result.stderr
    assert "nicht übernehmen" not in run(db, "list").stdout


def test_unreachable_database_is_one_clear_line():
    result = run("postgresql+psycopg://kimdesk:geheim@127.0.0.1:1/kimdesk", "list", check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "geheim" not in result.stderr
