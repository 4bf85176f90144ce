"""``kimdesk office``: the office settings and its form profile on the command line (one process each)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.sqlite'}"


def test_a_fresh_database_shows_the_seed_form_and_set_changes_only_what_is_given(db: str) -> None:
    out = run(db, "office", "show").stdout
    assert "Kommune: Stadt Musterstadt" in out
    assert "Formularprofil: Stadt (Standardformular) (Stadt)" in out
    assert "mayor: Bürgermeister" in out

    out = run(
        db,
        "office",
        "set",
        "--municipality",
        "Kreis Musterkreis",
        "--numbering",
        "{n}/{yy}",
        "--signature-heading",
        "Der Landrat",
        "--role",
        "mayor=Landrat",
        "--role",
        "audit=Rechnungsprüfung",
        "--remove-role",
        "city_architect",
    ).stdout
    assert "Kommune: Kreis Musterkreis" in out
    again = run(db, "office", "show").stdout
    assert "Nummernformat: {n}/{yy}" in again and "Überschrift der Unterschrift: Der Landrat" in again
    assert "mayor: Landrat" in again and "audit: Rechnungsprüfung" in again
    assert "city_architect" not in again and "legal: Rechtsamt" in again


def test_bad_settings_are_german_messages_naming_the_option(db: str) -> None:
    result = run(db, "office", "set", "--numbering", "{jahr}/{n}", check=False)
    assert result.returncode == 1 and "Nummernformat" in result.stderr and "Traceback" not in result.stderr
    result = run(db, "office", "set", "--role", "ohne-gleichheitszeichen", check=False)
    assert result.returncode == 1 and "--role" in result.stderr
    result = run(db, "office", "set", "--municipality", " ", check=False)
    assert result.returncode == 1 and "Kommune" in result.stderr


def test_profile_list_use_export_edit_import(db: str, tmp_path: Path) -> None:
    listing = run(db, "office", "profile", "list").stdout
    for key in ("stadt-standard", "kreis", "stadt-beratungsfolge", "gemeinde"):
        assert f"  {key}: " in listing
    assert "stadt-standard: Stadt (Standardformular) (verwendet)" in listing

    assert "übernommen" in run(db, "office", "profile", "use", "kreis").stdout
    shown = run(db, "office", "show").stdout
    assert "Formularprofil: Kreis (Kreistag, Kreisausschuss) (Kreis)" in shown
    assert "Überschrift der Unterschrift: Der Landrat" in shown
    assert "district_administrator: Landrat" in shown
    assert "Sitzungsvorlage: Nummer SV-9-{n:04d}, fortlaufend" in shown
    assert (
        "kreis: Kreis (Kreistag, Kreisausschuss) (verwendet)" in run(db, "office", "profile", "list").stdout
    )

    target = tmp_path / "profil.json"
    run(db, "office", "profile", "export", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "kimdesk-form-profile" and data["version"] == 1
    data["name"] = "Kreis Musterkreis"
    data["bodies"]["record_bodies"] = ["Kreistages"]
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run(db, "office", "profile", "import", str(target))
    shown = run(db, "office", "show").stdout
    assert "Formularprofil: Kreis Musterkreis (Kreis)" in shown and "Beschlussvermerk: Kreistages" in shown


def test_a_bad_profile_file_names_the_field_in_german_and_changes_nothing(db: str, tmp_path: Path) -> None:
    target = tmp_path / "profil.json"
    run(db, "office", "profile", "export", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    data["kinds"][0]["numbering"] = {"prefix": "BV", "pattern": "{yy}", "digits": 12, "per_year": True}
    data["bodies"]["council"] = ""
    target.write_text(json.dumps(data), encoding="utf-8")
    result = run(db, "office", "profile", "import", str(target), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Nummerierung: Stellen" in result.stderr
    assert "Vertretung (Rat/Kreistag/Gemeinderat): darf nicht leer sein" in result.stderr
    assert "Formularprofil: Stadt (Standardformular)" in run(db, "office", "show").stdout
    result = run(db, "office", "profile", "use", "gibtsnicht", check=False)
    assert result.returncode == 1 and "gibtsnicht" in result.stderr and "kreis" in result.stderr
