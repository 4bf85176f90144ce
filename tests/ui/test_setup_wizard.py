"""A new office on an empty database: the set-up assistant opens by itself and is driven with keys and
clicks; a new Vorlage then offers what was entered. Cancelling writes nothing; a database with data never
sees the assistant unasked; an exchange file and the demo office are taken over through it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Any]:
    from kimdesk.app import open_app

    app = open_app(f"sqlite:///{(tmp_path / 'neu.sqlite').as_posix()}")
    try:
        yield app
    finally:
        app.close()


def _wizard(qtbot: Any) -> Any:
    from kimdesk.ui.setup_wizard import SetupWizard

    found: list[Any] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    wizard = found[0]
    wizard.activateWindow()  # the buttons' Alt keys work in the active window
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    return wizard


def _next(qtbot: Any, wizard: Any) -> None:
    before = wizard.currentId()
    QTest.keyClick(wizard, Qt.Key.Key_W, ALT)  # „&Weiter >“ (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: wizard.currentId() != before, timeout=5_000)


def _finish(qtbot: Any, wizard: Any, timeout: int = 20_000) -> None:
    QTest.keyClick(wizard, Qt.Key.Key_F, ALT)  # „&Fertigstellen“
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=timeout)


def _editors(table: Any) -> list[Any]:
    from PySide6.QtWidgets import QLineEdit

    return [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]


def _cell_editor(table: Any) -> Any:
    editors = _editors(table)
    assert len(editors) == 1
    return editors[0]


def _add_rows(qtbot: Any, table: Any, rows: list[list[str]]) -> None:
    """Einfg for a new row, type the name, Enter; F2 on the next cells."""
    for cells in rows:
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Insert)
        row = table.rows_model.rowCount() - 1
        for column, text in enumerate(cells):
            if not text:
                continue
            if column:
                table.setCurrentIndex(table.rows_model.index(row, column))
                QTest.keyClick(table, Qt.Key.Key_F2)
            editor = _cell_editor(table)
            type_text(editor, text)
            QTest.keyClick(editor, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not _editors(table), timeout=2_000)
        assert table.rows_model.row(row).cells[: len(cells)] == cells


def add_persons_and_mayor(qtbot: Any, wizard: Any) -> Any:
    """The Personen page (Anna Berg, Jonas Kraft, Lea Sommer), then Anna Berg as Bürgermeisterin."""
    _add_rows(
        qtbot,
        wizard.persons.page.table,
        [["Anna Berg", "Bürgermeisterin"], ["Jonas Kraft", "Kämmerer"], ["Lea Sommer", "Sachbearbeiterin"]],
    )
    _next(qtbot, wizard)
    roles = wizard.roles.table
    assert roles.roles_model.rows()[0].key == "mayor"
    holder = roles.picker(0, 1)
    holder.setCurrentIndex(holder.findText("Anna Berg – Bürgermeisterin"))
    return roles


def test_new_office_is_set_up_with_keys_and_the_new_vorlage_offers_it(
    make_window: Any, empty_app: Any, qtbot: Any
) -> None:
    from kimdesk.services.office import get_office, list_organizations, list_persons

    window = make_window(empty_app)
    assert window.list_page.empty_hint.isVisible()
    assert "Einrichtungsassistent" in window.list_page.empty_hint.text()
    wizard = _wizard(qtbot)
    assert wizard.start.new.isChecked()
    _next(qtbot, wizard)

    office = wizard.office
    assert office.kind_buttons[office.kind()].text().replace("&", "") == "Stadt"
    assert office.profile_label.text() == "Stadt (Standardformular)"
    type_text(office.municipality, "Stadt Beispielhausen")
    office.letterhead.setFocus()
    type_text(office.letterhead, "Der Bürgermeister")
    _next(qtbot, wizard)

    _add_rows(qtbot, wizard.departments.page.table, [["Hauptamt", "10"], ["Kämmerei", "20"], ["Bauamt"]])
    _next(qtbot, wizard)
    _add_rows(
        qtbot, wizard.committees.page.table, [["Rat", "", "Rates"], ["Bauausschuss", "BA", "Bauausschusses"]]
    )
    _next(qtbot, wizard)
    roles = add_persons_and_mayor(qtbot, wizard)
    deputy = roles.picker(0, 2)
    deputy.setCurrentIndex(deputy.findText("Jonas Kraft – Kämmerer"))
    _next(qtbot, wizard)

    year = date.today().year
    combo = wizard.numbering.picker.combo
    assert [combo.itemText(i) for i in range(3)] == [
        f"{year % 100:02d}/0001",
        f"{year}/0001",
        f"SV-{year % 100:02d}-0001",
    ]
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the second example: four-digit year
    assert f"{year}/0001, {year}/0002" in wizard.numbering.picker.preview.text()
    _next(qtbot, wizard)
    assert "Hauptamt, Kämmerei, Bauamt" in wizard.summary.summary.text()
    _finish(qtbot, wizard)

    uow = empty_app.uow_factory
    stored = get_office(uow)
    assert (stored.municipality, stored.numbering_format) == ("Stadt Beispielhausen", "{yyyy}/{n:04d}")
    assert stored.form_profile.letterhead == ["Der Bürgermeister"]
    assert stored.sign_off_roles[0].holder.name == "Anna Berg"
    assert stored.sign_off_roles[0].deputy.name == "Jonas Kraft"
    assert len(list_organizations(uow)) == 5 and len(list_persons(uow)) == 3

    qtbot.waitUntil(lambda: len(window.master.departments) == 3, timeout=10_000)
    page = window.new_paper()
    assert page is not None
    department = page.editor.department
    assert [department.itemText(i) for i in range(department.count())] == [
        "",
        "Bauamt",
        "Hauptamt",
        "Kämmerei",
    ]
    assert page.editor.base.reference == f"{year}/0001"
    assert sorted(c.name for c in page.editor.consultations.master.committees) == ["Bauausschuss", "Rat"]


def test_cancelling_the_assistant_writes_nothing(make_window: Any, empty_app: Any, qtbot: Any) -> None:
    from kimdesk.services.office import list_organizations

    make_window(empty_app)
    wizard = _wizard(qtbot)
    _next(qtbot, wizard)
    type_text(wizard.office.municipality, "Stadt Halbfertig")
    _next(qtbot, wizard)
    _add_rows(qtbot, wizard.departments.page.table, [["Hauptamt"]])
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert list_organizations(empty_app.uow_factory) == []
    from kimdesk.services.office import get_office

    assert get_office(empty_app.uow_factory).municipality != "Stadt Halbfertig"


def test_a_database_with_data_does_not_see_the_assistant_but_the_menu_opens_it(
    window: Any, qtbot: Any
) -> None:
    from kimdesk.ui.setup_wizard import SetupWizard

    qtbot.wait(100)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible()]
    assert not window.list_page.empty_hint.isVisible()
    action = window.menu.setup_action
    assert action.text().replace("&", "") == "Einrichtungsassistent …" and action.isEnabled()
    action.trigger()
    wizard = _wizard(qtbot)
    assert wizard.start.title() == "Einrichtungsassistent"
    wizard.reject()


def test_an_exchange_file_is_taken_over(
    make_window: Any, empty_app: Any, demo_app: Any, qtbot: Any, tmp_path: Path
) -> None:
    from kimdesk.services.exchange import export_file

    path = tmp_path / "amt.kimdesk.json"
    export_file(demo_app.uow_factory, path)
    window = make_window(empty_app)
    wizard = _wizard(qtbot)
    QTest.keyClick(wizard.start, Qt.Key.Key_D, ALT)  # „Aus &Datei übernehmen“
    qtbot.waitUntil(wizard.start.from_file.isChecked, timeout=5_000)
    assert not wizard.start.isComplete()
    type_text(wizard.start.path, str(path))
    assert wizard.start.isComplete()
    _finish(qtbot, wizard)
    qtbot.waitUntil(lambda: window.list_page.model.total >= 3, timeout=10_000)
    assert "20/0270" in [
        window.list_page.model.summary(r).reference for r in range(window.list_page.model.rowCount())
    ]
    assert window.master.committees and not window.list_page.empty_hint.isVisible()


def test_the_import_report_says_what_the_file_left_unknown(
    make_window: Any, empty_app: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    """A file from a system without Vorlagenarten and Zuständigkeiten: after „Fertigstellen“ the clerk
    reads which Vorlagen miss what, as after Datei › Austauschdatei importieren."""
    import json

    from tests.exchange.test_unknown import roleless_document

    path = tmp_path / "ris-export.kimdesk.json"
    path.write_text(json.dumps(roleless_document(), ensure_ascii=False), encoding="utf-8")
    window = make_window(empty_app)
    wizard = _wizard(qtbot)
    QTest.keyClick(wizard.start, Qt.Key.Key_D, ALT)  # „Aus &Datei übernehmen“
    qtbot.waitUntil(wizard.start.from_file.isChecked, timeout=5_000)
    type_text(wizard.start.path, str(path))
    _finish(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=10_000)
    assert len(answers["shown"]) == 1
    kind, title, text = answers["shown"][0]
    assert (kind, title) == ("inform", "Aus Datei übernehmen")
    assert text.startswith("Importiert: 4 neue, 0 aktualisierte Vorlage(n), 3 Ämter/Gremien")
    assert (
        "Nicht bekannt, weil die Datei sie nicht nennt (vor dem Umlauf bitte auswählen): "
        "21/0362 (Vorlageart, Zuständigkeit in der Beratungsfolge, Zeile 1); "
        "23/0197 (Vorlageart, Zuständigkeit in der Beratungsfolge, Zeile 1)"
    ) in text
    assert "Art nicht bekannt (Amt oder Gremium, unter Einstellungen festzulegen): Beirat" in text
    assert "Als Entwurf übernommen (die Datei nennt keinen Status): " in text
    status = window.statusBar().currentMessage()
    assert status.startswith("Übernommen aus ris-export.kimdesk.json: 4 Vorlagen")
    qtbot.waitUntil(lambda: window.list_page.model.total == 4, timeout=10_000)


def test_a_file_that_breaks_the_format_is_named_field_by_field(
    make_window: Any, empty_app: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    import json

    from tests.exchange.test_unknown import foreign_document

    document = foreign_document()
    document["papers"][1]["created"] = "gestern"
    path = tmp_path / "ris-export.kimdesk.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    make_window(empty_app)
    wizard = _wizard(qtbot)
    wizard.start.from_file.setChecked(True)
    wizard.start.path.setText(str(path))
    QTest.keyClick(wizard, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=10_000)
    kind, title, text = answers["shown"][0]
    assert (kind, title) == ("warn", "Einrichtungsassistent")
    assert text.startswith("Import abgebrochen, nichts wurde geändert")
    assert "$.papers[1].created: " in text  # as Datei › Austauschdatei importieren names it
    assert wizard.isVisible()
    wizard.reject()


def test_a_broken_file_is_refused_in_german_and_the_assistant_stays(
    make_window: Any, empty_app: Any, qtbot: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.kimdesk.json"
    broken.write_text("{ kein json", encoding="utf-8")
    make_window(empty_app)
    wizard = _wizard(qtbot)
    wizard.start.from_file.setChecked(True)
    wizard.start.path.setText(str(broken))
    QTest.keyClick(wizard, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=10_000)
    kind, title, _text = answers["shown"][0]
    assert (kind, title) == ("warn", "Einrichtungsassistent")
    assert wizard.isVisible()
    wizard.reject()


def test_the_demo_office_is_loaded(make_window: Any, empty_app: Any, qtbot: Any) -> None:
    window = make_window(empty_app)
    wizard = _wizard(qtbot)
    QTest.keyClick(wizard.start, Qt.Key.Key_E, ALT)  # „D&emo-Amt ansehen“
    qtbot.waitUntil(wizard.start.demo.isChecked, timeout=5_000)
    _finish(qtbot, wizard, timeout=120_000)
    # the whole demo office, as `kimdesk demo` loads it: Vorlagen in every state, Sitzungen, signed PDFs
    qtbot.waitUntil(lambda: window.list_page.model.total == 7, timeout=30_000)
    assert "Integrationsrat" in [c.name for c in window.master.committees]
    from kimdesk.domain.model import PaperStatus
    from kimdesk.services.meetings import list_meetings
    from kimdesk.services.papers import get_paper
    from kimdesk.services.released import stored_pdf_for

    decided = get_paper(empty_app.uow_factory, "20/0270")
    assert decided.status is PaperStatus.DECIDED
    with empty_app.uow_factory() as uow:
        assert stored_pdf_for(uow, decided) is not None  # its signed PDF, as a real office has it
    assert len(list_meetings(empty_app.uow_factory)) == 2


def test_the_name_field_has_the_cursor_when_das_amt_is_shown(
    make_window: Any, empty_app: Any, qtbot: Any
) -> None:
    """A keyboard user types the name right away („Weiter“ is disabled until there is one)."""
    from PySide6.QtWidgets import QWizard

    make_window(empty_app)
    wizard = _wizard(qtbot)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)  # the real „Weiter“ on the start page
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.office, timeout=5_000)
    assert not next_button.isEnabled()  # no name yet
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.office.municipality, timeout=5_000)

    qtbot.keyClicks(QApplication.focusWidget(), "Stadt Musterstadt")
    assert wizard.office.municipality.text() == "Stadt Musterstadt"
    assert next_button.isEnabled()

    # back to the start and forward again with Alt+W: the cursor is in the name again, the name kept
    QTest.keyClick(wizard, Qt.Key.Key_Z, ALT)  # „< &Zurück“
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.start, timeout=5_000)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.office.municipality, timeout=5_000)
    assert wizard.office.municipality.text() == "Stadt Musterstadt" and next_button.isEnabled()
