"""Datei › Austauschdatei exportieren: every Vorlage with its master data, written while the window stays
usable, and the file imports into an empty database; a folder that cannot be written is named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kimdesk.app import open_app
from kimdesk.services.exchange import import_file
from kimdesk.services.papers import list_papers
from kimdesk.services.ports import PaperQuery
from kimdesk.ui import file_dialogs


def _references(uow_factory: Any) -> list[str]:
    return sorted(s.reference for s in list_papers(uow_factory, PaperQuery()))


def test_export_from_the_file_menu_writes_a_file_the_import_takes(
    window: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    chosen = tmp_path / "an das Kreisarchiv"  # typed without a suffix: the file gets .kimdesk.json
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: str(chosen))
    action = window.menu.exchange_export_action
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=30000)

    path = tmp_path / "an das Kreisarchiv.kimdesk.json"
    references = _references(window.context.uow_factory)
    kind, title, text = answers["shown"][-1]
    assert (kind, title) == ("inform", "Austauschdatei exportieren")
    assert text.startswith(f"{len(references)} Vorlage(n) mit Ämtern, Gremien und Personen exportiert")
    assert str(path) in text
    assert window.statusBar().currentMessage() == f"Austauschdatei gespeichert: {path}"

    target = open_app(f"sqlite:///{(tmp_path / 'Kreisarchiv.sqlite').as_posix()}")
    try:
        assert sorted(import_file(target.uow_factory, path).added) == references
    finally:
        target.close()


def test_export_into_a_missing_folder_says_so_and_writes_nothing(
    window: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    missing = tmp_path / "gibt es nicht" / "export.kimdesk.json"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: str(missing))
    window.menu.exchange_export_action.trigger()
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=30000)

    kind, title, text = answers["shown"][-1]
    assert (kind, title) == ("warn", "Austauschdatei exportieren")
    assert "existiert nicht" in text and "gibt es nicht" in text
    assert not (tmp_path / "gibt es nicht").exists()
    assert window.statusBar().currentMessage() == ""


def test_a_filtered_list_asks_whether_to_export_only_the_vorlagen_it_shows(
    window: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    listing = window.list_page
    listing.search.setText("Sprachcafés")
    listing.apply_query()
    qtbot.waitUntil(lambda: listing.count_label.text() == "1 Vorlage", timeout=10000)
    everything = _references(window.context.uow_factory)
    chosen = tmp_path / "Sprachcafés.kimdesk.json"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: str(chosen))

    def export(choice: int | None) -> list[str]:
        answers["choose"], answers["shown"] = choice, []
        chosen.unlink(missing_ok=True)
        window.menu.exchange_export_action.trigger()
        if choice is not None:  # the export runs off the GUI thread; its end is a message
            qtbot.waitUntil(
                lambda: bool(answers["shown"]) and answers["shown"][-1][0] != "choose", timeout=30000
            )
            assert answers["shown"][-1][0] == "inform"
        if not chosen.exists():
            return []
        return [p["reference"] for p in json.loads(chosen.read_text(encoding="utf-8"))["papers"]]

    assert export(0) == ["20/0311"]  # „Nur die gezeigten“
    kind, title, text, choices = answers["shown"][0]
    assert (kind, title) == ("choose", "Austauschdatei exportieren")
    assert "gefiltert (Suche „Sprachcafés“) und zeigt 1 Vorlage" in text
    assert choices == ["Nur die gezeigten", "Alle Vorlagen"]
    assert answers["shown"][1][2].startswith("1 Vorlage(n) mit Ämtern, Gremien und Personen exportiert")

    assert sorted(export(1)) == everything and len(everything) > 1  # „Alle Vorlagen“
    assert export(None) == [] and [k for k, *_ in answers["shown"]] == ["choose"]  # Abbrechen: nothing

    listing.search.clear()
    listing.apply_query()
    qtbot.waitUntil(lambda: listing.count_label.text() == f"{len(everything)} Vorlagen", timeout=10000)
    assert sorted(export(0)) == everything  # an unfiltered list: all, without asking
    assert [k for k, *_ in answers["shown"]] == ["inform"]
