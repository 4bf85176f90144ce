"""``kimdesk funding …`` as a clerk runs it: German output, one-line errors, no database needed."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import kimdesk.cli as cli
from kimdesk.cli.common import Context
from tests.services.fakes import FakeUnitOfWork


def new_programme(rate: str = "30000.00") -> dict[str, Any]:
    return {
        "format": "kimdesk-funding-catalogue",
        "version": 1,
        "programmes": [
            {
                "id": "musterstadt-integration",
                "name": "Städtisches Integrationsprogramm",
                "components": [
                    {
                        "id": "lotsen",
                        "module": "Baustein A",
                        "name": "Integrationslotsen",
                        "rates": [
                            {
                                "id": "ms.lotsen.2024",
                                "validFrom": "2024-01-01",
                                "annualPerPost": rate,
                                "guideline": "Ratsbeschluss vom 12.12.2023",
                            }
                        ],
                    }
                ],
            }
        ],
    }


@pytest.fixture(autouse=True)
def only_funding(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The funding commands alone, and no database of the user's in reach.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["funding"])
    monkeypatch.delenv("KIMDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def fake_db(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    stored: dict[str, Any] = {}
    app = SimpleNamespace(uow_factory=lambda: FakeUnitOfWork(stored), close=lambda: None)
    monkeypatch.setattr(Context, "app", property(lambda self: app))
    return stored


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compute_prints_the_per_year_table_and_totals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        "funding",
        "compute",
        "--component",
        "b3-immigration-offices",
        "--posts",
        "1",
        "--years",
        "2020-2022",
    )
    assert code == 0
    assert "KIM NRW – Baustein 3" in out
    for year in ("2020", "2021", "2022"):
        assert f"{year}    50.000,00\xa0€" in out
    assert "Summe  150.000,00\xa0€" in out
    assert "Ertrag jährlich: 50.000,00\xa0€" in out
    assert "Aufwand jährlich, darin Personalaufwand: 50.000,00\xa0€" in out
    assert not list(tmp_path.rglob("*.sqlite"))  # no database was created for this


def test_compute_reads_german_posts_and_own_contribution(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "funding",
        "compute",
        "--component",
        "b2-case-management",
        "--posts",
        "0,5",
        "--years",
        "2023",
        "--own-contribution",
        "7.500,00 €",
    )
    assert code == 0
    assert "Stellen: 0,5" in out
    assert "Ertrag jährlich: 28.500,00\xa0€" in out
    assert "Aufwand jährlich: 36.000,00\xa0€" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--posts", "eins", "--years", "2020"], "kimdesk: --posts (Stellen): „eins“ ist keine Stellenzahl"),
        (["--posts", "1", "--years", "2019"], "für 2019 gilt keine Pauschale"),
        (["--posts", "1", "--years", "2022-2020"], "Ende 2020 liegt vor dem Beginn 2022"),
        (
            ["--posts", "1", "--years", "2020", "--own-contribution", "5,000.00"],
            "--own-contribution (Eigenanteil): „5,000.00“ ist mehrdeutig",
        ),
    ],
)
def test_mistakes_are_one_german_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "funding", "compute", "--component", "b3-immigration-offices", *args)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_component_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "funding", "compute", "--component", "b4", "--posts", "1", "--years", "2020")
    assert code == 1
    assert "Baustein „b4“ gibt es im Förderprogramm „KIM NRW“ nicht" in err
    assert "b3-immigration-offices" in err


def test_list_shows_programmes_rates_validity_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "funding", "list")
    assert code == 0
    assert "Kommunales Integrationsmanagement NRW (kim-nrw)" in out
    assert "Baustein 3: Stellen in Ausländer- und Einbürgerungsbehörden [b3-immigration-offices]" in out
    assert "25.11.2020 – 11.12.2024: 50.000,00\xa0€ je Vollzeitstelle und Jahr" in out
    assert "bis zu 57.000,00\xa0€" in out
    assert "Quelle: Richtlinie vom 12.12.2024 (MBl. NRW 2024 S. 1229)" in out
    assert "Hinweis: Betrag aus der Richtlinie vom 25.11.2020 übernommen" in out


def test_import_then_list_shows_the_office_programme(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_db: dict[str, Any]
) -> None:
    path = tmp_path / "programm.json"
    path.write_text(json.dumps(new_programme(), ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "--db", "sqlite:///egal.sqlite", "funding", "import", str(path))
    assert code == 0
    assert "Es gelten jetzt 2 Förderprogramm(e) mit 9 Pauschale(n)." in out
    code, out, _ = run(capsys, "--db", "sqlite:///egal.sqlite", "funding", "list")
    assert "Städtisches Integrationsprogramm (musterstadt-integration)" in out
    code, out, _ = run(capsys, "--db", "sqlite:///egal.sqlite", "funding", "list", "--standard")
    assert "Städtisches Integrationsprogramm" not in out


def test_a_broken_file_is_refused_and_nothing_stored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_db: dict[str, Any]
) -> None:
    data = new_programme()
    data["programmes"][0]["components"][0]["rates"][0]["validFrom"] = "01.01.2024"
    path = tmp_path / "kaputt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "--db", "sqlite:///egal.sqlite", "funding", "import", str(path))
    assert code == 1
    assert "programmes[0].components[0].rates[0].validFrom: „01.01.2024“ ist kein Datum" in err
    assert fake_db == {}


def test_export_writes_an_editable_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "katalog.json"
    code, _, _ = run(capsys, "funding", "export", str(path), "--standard")
    assert code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "kimdesk-funding-catalogue"
    assert [c["id"] for c in data["programmes"][0]["components"]] == [
        "b1-coordination",
        "b1-assistance",
        "b2-case-management",
        "b3-immigration-offices",
    ]
