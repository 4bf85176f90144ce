"""Datei › Austauschdatei importieren: Vorlagen of another system without times or state arrive as Entwurf,
the list and the editor show „unbekannt“ where a time would be; a broken file is named and changes nothing."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kimdesk.services.papers import get_paper_by_id
from kimdesk.ui import file_dialogs
from kimdesk.ui.editor.consultation_model import COL_PUBLIC
from kimdesk.ui.paper_table import COL_MODIFIED, COL_STATUS
from tests.exchange.test_unknown import foreign_document
from tests.ui.conftest import type_text


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "ris-export.kimdesk.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _row(window: Any, reference: str) -> int:
    model = window.list_page.model
    return next(i for i in range(model.rowCount()) if model.summary(i).reference == reference)


def test_import_from_the_file_menu_shows_unknown_times_in_list_and_editor(
    window: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    path = _write(tmp_path, foreign_document())
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a: str(path))
    before = window.list_page.model.total
    action = window.menu.import_action
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()

    kind, title, text = answers["shown"][-1]
    assert (kind, title) == ("inform", "Austauschdatei importieren")
    assert "Importiert: 4 neue, 0 aktualisierte Vorlage(n)" in text
    assert "Als Entwurf übernommen (die Datei nennt keinen Status): " in text and "23/0197" in text
    qtbot.waitUntil(lambda: window.list_page.model.total == before + 4, timeout=10000)

    model = window.list_page.model
    row = _row(window, "23/0197")
    assert model.data(model.index(row, COL_MODIFIED)) == "unbekannt"
    assert model.data(model.index(row, COL_STATUS)) == "Entwurf"
    assert model.data(model.index(_row(window, "22/0015"), COL_MODIFIED)) == "02.03.2022, 10:00 Uhr"

    # Sorting by „Zuletzt geändert“ copes with the unknown ones: first going up, last going down.
    header, proxy = window.list_page.view.horizontalHeader(), window.list_page.proxy
    header.sectionClicked.emit(COL_MODIFIED)
    qtbot.waitUntil(lambda: header.isSortIndicatorShown(), timeout=10000)

    def shown() -> list[str]:
        return [proxy.index(r, COL_MODIFIED).data() for r in range(proxy.rowCount())]

    assert shown()[:3] == ["unbekannt"] * 3 and "unbekannt" not in shown()[3:]
    header.sectionClicked.emit(COL_MODIFIED)
    qtbot.waitUntil(lambda: shown()[-3:] == ["unbekannt"] * 3, timeout=10000)

    page = window.open_paper(uuid.UUID(int=2))
    assert page is not None
    editor = page.editor
    assert editor.heading.text() == "Vorlage Nr. 23/0197 – Entwurf"
    assert editor.dates.text() == "Angelegt: unbekannt · Zuletzt geändert: unbekannt"
    assert editor.title_edit.text() == "Vorlage 23/0197 aus dem Ratsinformationssystem"
    assert not editor.title_edit.isReadOnly()
    public = editor.consultations.table.cellWidget(0, COL_PUBLIC)
    assert public.checkState() == Qt.CheckState.PartiallyChecked  # "öffentlich" not known, not "nein"

    type_text(editor.title_edit, " (ergänzt)")
    assert page.save_and_wait()
    saved = get_paper_by_id(window.context.uow_factory, uuid.UUID(int=2))
    assert saved.created_at is None and saved.modified_at is not None  # the save is a real time
    assert saved.consultations[0].public is None  # saving invents no "nichtöffentlich"
    assert editor.dates.text().startswith("Angelegt: unbekannt · Zuletzt geändert: ")
    assert "unbekannt" not in editor.dates.text().split("·")[1]

    public.click()  # the clerk decides
    assert public.checkState() == Qt.CheckState.Checked
    assert editor.paper().consultations[0].public is True


def test_a_broken_file_is_named_field_by_field_and_nothing_is_imported(
    window: Any, answers: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    document = foreign_document()
    document["papers"][1]["created"] = "gestern"
    path = _write(tmp_path, document)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a: str(path))
    before = window.list_page.model.total
    window.menu.import_action.trigger()
    kind, _title, text = answers["shown"][-1]
    assert kind == "warn"
    assert text.startswith("Import abgebrochen, nichts wurde geändert")
    assert "$.papers[1].created: " in text
    assert window.list_page.model.total == before


def test_cancelling_the_file_choice_does_nothing(
    window: Any, answers: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a: "")
    window.menu.import_action.trigger()
    assert answers["shown"] == []
