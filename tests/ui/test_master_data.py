"""Master data in the GUI: Ämter, Gremien and Personen are added (Einfg), edited (double-click) and
deactivated (Entf) in the settings; a deactivated one leaves the pickers and old Vorlagen keep it; changes
reach an open editor at once; a new person gets a key right away; the numbering reads as an example;
an unknown Amt typed into the editor is created after a confirmation or the save is refused – never lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.demo_data import demo_id
from tests.ui.conftest import type_text

SEED = demo_id("paper:20/0270")
DEPARTMENT = "Amt für Integration und Sport"


def _settings(window: Any, qtbot: Any) -> Any:
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row_of(table: Any, name: str) -> int:
    model = table.rows_model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def _type_into_cell(qtbot: Any, table: Any, text: str) -> None:
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    editors[0].selectAll()
    type_text(editors[0], text)
    QTest.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()])


def when_shown(kind: type, act: Any) -> None:
    """Run ``act(dialog)`` once a dialog of ``kind`` is shown (it is opened modally right after this)."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            try:
                act(modal)
            except BaseException:
                modal.reject()  # a failing step fails the test instead of leaving it waiting
                raise
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def _offered(picker: Any) -> list[str]:
    return [picker.itemText(i) for i in range(picker.count())]


def test_amter_are_added_edited_and_deactivated_with_keys(window: Any, qtbot: Any, demo_app: Any) -> None:
    from kimdesk.services.office import list_organizations

    dialog = _settings(window, qtbot)
    page = dialog.departments
    dialog.tabs.setCurrentWidget(page)
    table = page.table
    assert [page.add_button.text(), page.toggle_button.text()] == ["Amt &hinzufügen", "Dea&ktivieren"]
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Insert)  # Einfg: a new row, its name being edited
    _type_into_cell(qtbot, table, "Bürgeramt")
    row = _row_of(table, "Kämmerei")
    index = table.rows_model.index(row, 1)
    table.scrollTo(index)
    rect = table.visualRect(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # double-click edits
    _type_into_cell(qtbot, table, "Amt 20")
    table.setCurrentIndex(table.rows_model.index(_row_of(table, DEPARTMENT), 0))
    QTest.keyClick(table, Qt.Key.Key_Delete)  # Entf: deactivated (the seed Vorlage names it), not deleted
    assert table.rows_model.index(_row_of(table, DEPARTMENT), 3).data() == "deaktiviert"
    assert page.toggle_button.text() == "A&ktivieren"
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted

    stored = {o.name: o for o in list_organizations(demo_app.uow_factory)}
    assert stored["Bürgeramt"].active and stored["Kämmerei"].short_name == "Amt 20"
    assert not stored[DEPARTMENT].active
    window.reload_master_data()
    new = window.new_paper()
    assert DEPARTMENT not in _offered(new.editor.department) and "Bürgeramt" in _offered(
        new.editor.department
    )
    old = window.open_paper(SEED)  # an old Vorlage still shows its deactivated Amt
    assert old.editor.department.currentText() == DEPARTMENT
    assert old.editor.paper().lead_department.name == DEPARTMENT
    assert not any("Stammdaten" in text for text in old.editor.all_problem_texts())


def test_a_row_added_by_mistake_is_removed_again(window: Any, qtbot: Any) -> None:
    dialog = _settings(window, qtbot)
    table = dialog.committees.table
    before = table.rows_model.rowCount()
    dialog.committees.add_button.click()
    assert table.rows_model.rowCount() == before + 1
    QTest.keyClick(table, Qt.Key.Key_Escape)
    assert dialog.committees.toggle_button.text() == "Entfe&rnen"
    dialog.committees.toggle_button.click()
    assert table.rows_model.rowCount() == before


def test_settings_changes_reach_an_open_editor_at_once(window: Any, qtbot: Any) -> None:
    from kimdesk.ui.settings.dialog import SettingsDialog

    page = window.open_paper(SEED)
    assert "Jugendhilfeausschuss" not in [c.name for c in page.editor.consultations.master.committees]

    def fill_and_save(dialog: Any) -> None:
        committees = dialog.committees.table
        row = committees.add_row()
        committees.rows_model.setData(committees.rows_model.index(row, 0), "Jugendhilfeausschuss")
        departments = dialog.departments.table
        row = departments.add_row()
        departments.rows_model.setData(departments.rows_model.index(row, 0), "Jugendamt")
        dialog.save()

    when_shown(SettingsDialog, fill_and_save)
    window.menu.settings_action.trigger()  # Datei → Einstellungen …, saved by the timer above
    assert "Jugendamt" in _offered(page.editor.department)
    assert page.editor.department.currentText() == DEPARTMENT  # what the field shows stays
    assert "Jugendhilfeausschuss" in [c.name for c in page.editor.consultations.master.committees]
    assert not page.dirty


def test_numbering_is_shown_as_an_example(window: Any, qtbot: Any) -> None:
    from datetime import date

    dialog = _settings(window, qtbot)
    numbering = dialog.office_page.numbering
    yy = f"{date.today().year % 100:02d}"
    assert numbering.combo.currentText() == f"{yy}/0001"
    assert "{" not in numbering.combo.currentText() and "{" not in numbering.preview.text()
    numbering.combo.setCurrentIndex(numbering.combo.findText(f"SV-{yy}-0001"))
    assert f"SV-{yy}-0002" in numbering.preview.text()
    assert dialog.office_page.collect([]).numbering_format == "SV-{yy}-{n:04d}"


def test_a_new_person_gets_a_key_at_once(window: Any, qtbot: Any, demo_app: Any) -> None:
    from kimdesk.services import enrolment
    from kimdesk.services.office import list_persons
    from kimdesk.ui.settings.pin_dialog import PinDialog

    dialog = _settings(window, qtbot)
    persons = dialog.persons_page
    row = persons.table.add_row()
    persons.table.rows_model.setData(persons.table.rows_model.index(row, 0), "Petra Neu")
    persons.table.rows_model.setData(persons.table.rows_model.index(row, 1), "Amtsleiterin")
    persons.table.setCurrentIndex(persons.table.rows_model.index(row, 0))

    def answer_pin(pin: Any) -> None:
        assert pin.windowTitle() == "Signaturschlüssel einrichten – Petra Neu"
        pin.first.setText("246810")
        pin.second.setText("246810")
        pin.check()

    when_shown(PinDialog, answer_pin)
    persons.pin_button.click()  # no "save first": the person is saved now
    qtbot.waitUntil(lambda: "eingerichtet" in persons.pin_status.text(), timeout=15_000)
    assert [r.person_name for r in enrolment.pending(demo_app.uow_factory)] == ["Petra Neu"]
    dialog.save()
    stored = [p for p in list_persons(demo_app.uow_factory) if p.name == "Petra Neu"]
    assert len(stored) == 1 and stored[0].function == "Amtsleiterin"


def test_an_unknown_amt_is_created_after_a_confirmation_and_kept(
    window: Any, qtbot: Any, answers: dict[str, Any], demo_app: Any
) -> None:
    from kimdesk.services.office import list_organizations

    page = window.new_paper()
    department = page.editor.department
    department.setFocus()
    type_text(department.lineEdit(), "Ordnungsamt Nord")
    head = page.editor.sections["head"].problems.text()
    assert "„Ordnungsamt Nord“ ist nicht in den Stammdaten" in head
    assert "Federführendes Amt: fehlt" not in head  # one message, not two contradicting ones
    answers["confirm"] = True
    assert page.save_and_wait()
    kind, title, text = answers["shown"][0]
    assert (kind, title) == ("confirm", "‚Ordnungsamt Nord‘ neu anlegen")
    assert "als neues Amt neu anlegen" in text
    assert "Ordnungsamt Nord" in [o.name for o in list_organizations(demo_app.uow_factory)]
    reference = page.editor.base.reference
    paper_id = page.paper_id
    window.close_tab(window.tabs.indexOf(page))
    reopened = window.open_paper(paper_id)
    assert reopened.editor.base.reference == reference
    assert reopened.editor.department.currentText() == "Ordnungsamt Nord"
    assert "Ordnungsamt Nord" in _offered(window.new_paper().editor.department)  # every window offers it


def test_an_unknown_amt_declined_refuses_the_save_and_keeps_the_text(
    window: Any, qtbot: Any, answers: dict[str, Any]
) -> None:
    page = window.open_paper(SEED)
    department = page.editor.department
    department.setFocus()
    department.lineEdit().selectAll()
    type_text(department.lineEdit(), "Amt für Träume")
    answers["confirm"] = False
    assert not page.save_and_wait()
    kinds = [(kind, title) for kind, title, _text in answers["shown"]]
    assert kinds == [("confirm", "‚Amt für Träume‘ neu anlegen"), ("warn", "Nicht gespeichert")]
    assert answers["shown"][1][2].startswith(
        "Federführendes Amt: „Amt für Träume“ ist nicht in den Stammdaten"
    )
    assert department.currentText() == "Amt für Träume" and page.dirty


def test_an_unknown_gremium_in_the_beratungsfolge_is_created(
    window: Any, qtbot: Any, answers: dict[str, Any], demo_app: Any
) -> None:
    from kimdesk.services.office import list_organizations
    from kimdesk.services.papers import get_paper_by_id

    page = window.open_paper(SEED)
    table = page.editor.consultations
    table.add_button.click()
    table.table.cellWidget(table.model.rowCount() - 1, 0).setCurrentText("Seniorenbeirat")
    assert page.save_and_wait()
    assert answers["shown"][0][1] == "‚Seniorenbeirat‘ neu anlegen"
    created = [o for o in list_organizations(demo_app.uow_factory) if o.name == "Seniorenbeirat"]
    assert len(created) == 1 and created[0].kind.value == "committee"
    names = [
        c.committee.name for c in get_paper_by_id(demo_app.uow_factory, SEED).consultations if c.committee
    ]
    assert "Seniorenbeirat" in names


def test_a_person_added_in_the_settings_can_hold_a_role_at_once(
    window: Any, qtbot: Any, demo_app: Any
) -> None:
    from kimdesk.services.office import get_office

    dialog = _settings(window, qtbot)
    persons = dialog.persons_page.table
    row = persons.add_row()
    persons.rows_model.setData(persons.rows_model.index(row, 0), "Nora Neu")
    persons.rows_model.setData(persons.rows_model.index(row, 1), "Beigeordnete")
    dialog.tabs.setCurrentWidget(dialog.roles_page)
    holder = dialog.roles.picker(0, 1)
    assert holder is not None
    holder.setCurrentIndex(holder.findText("Nora Neu – Beigeordnete"))
    assert holder.currentIndex() > 0
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    role = get_office(demo_app.uow_factory).sign_off_roles[0]
    assert role.holder is not None and role.holder.name == "Nora Neu"


def test_renaming_a_gremium_says_which_signed_vorlagen_keep_the_old_name(
    window: Any, qtbot: Any, demo_app: Any, answers: dict[str, Any]
) -> None:
    """Einstellungen → Gremien: „Integrationsrat“ becomes „Ausländerbeirat“. The Vorlage in Mitzeichnung
    keeps the name it is being signed with (editor and message say so); a draft shows the new one."""
    from kimdesk.services import signoff
    from kimdesk.ui.settings.dialog import SettingsDialog

    signoff.start(demo_app.uow_factory, "20/0270", roles=["mayor"])

    def rename_and_save(dialog: Any) -> None:
        table = dialog.committees.table
        row = _row_of(table, "Integrationsrat")
        table.rows_model.setData(table.rows_model.index(row, 0), "Ausländerbeirat")
        dialog.save()

    when_shown(SettingsDialog, rename_and_save)
    window.menu.settings_action.trigger()
    [(kind, _title, text)] = [shown for shown in answers["shown"] if shown[1] == "Einstellungen gespeichert"]
    assert kind == "inform" and "20/0270" in text and "20/0311" not in text
    assert "behält die Namen, mit denen sie mitgezeichnet wurde" in text
    # The list follows at once: the draft under the new name, the Vorlage in Mitzeichnung under its kept one.
    model = window.list_page.model

    def listed(reference: str) -> str:
        row = model.row_of(reference)
        return "" if row is None else str(model.summary(row).committee)

    qtbot.waitUntil(lambda: listed("20/0311") == "Ausländerbeirat", timeout=5000)
    assert listed("20/0270") == "Integrationsrat"
    signed = window.open_paper(SEED)
    assert [row.committee for row in signed.editor.consultations.model.rows()] == ["Integrationsrat"]
    # Read back from the fields (preview, checks): the same body under the name it keeps, no problem.
    paper, widget_problems = signed.editor.collect()
    assert [c.committee.name for c in paper.consultations if c.committee] == ["Integrationsrat"]
    assert not any(widget_problems.values()) and not signed.editor.problems
    draft = window.open_paper(demo_id("paper:20/0311"))
    assert draft.editor.consultations.model.rows()[0].committee == "Ausländerbeirat"


def test_an_open_draft_shows_a_renamed_gremium_and_amt_at_once_an_open_signed_one_keeps_them(
    window: Any, qtbot: Any, demo_app: Any
) -> None:
    """Renamed in the settings while both are open: the draft (20/0311) follows on screen and in the
    preview without becoming „changed“; the Vorlage in Mitzeichnung (20/0270) keeps what it is signed with."""
    from kimdesk.services import signoff
    from kimdesk.ui.settings.dialog import SettingsDialog

    signoff.start(demo_app.uow_factory, "20/0270", roles=["mayor"])
    signed = window.open_paper(SEED)
    draft = window.open_paper(demo_id("paper:20/0311"))
    assert draft.editor.consultations.model.rows()[0].committee == "Integrationsrat"
    assert draft.editor.department.currentText() == DEPARTMENT

    def rename_and_save(dialog: Any) -> None:
        table = dialog.committees.table
        table.rows_model.setData(
            table.rows_model.index(_row_of(table, "Integrationsrat"), 0), "Ausländerbeirat"
        )
        table = dialog.departments.table
        table.rows_model.setData(table.rows_model.index(_row_of(table, DEPARTMENT), 0), "Amt für Integration")
        dialog.save()

    when_shown(SettingsDialog, rename_and_save)
    window.menu.settings_action.trigger()
    assert draft.editor.consultations.model.rows()[0].committee == "Ausländerbeirat"
    assert draft.editor.department.currentText() == "Amt für Integration"
    shown = draft.editor.paper()  # what the preview and a PDF export of the open tab print
    assert shown.consultations[0].committee is not None
    assert shown.consultations[0].committee.name == "Ausländerbeirat"
    assert shown.lead_department is not None and shown.lead_department.name == "Amt für Integration"
    assert not draft.dirty and not draft.editor.problems
    assert [row.committee for row in signed.editor.consultations.model.rows()] == ["Integrationsrat"]
    assert signed.editor.department.currentText() == DEPARTMENT
    assert signed.editor.paper().lead_department is not None
    assert signed.editor.paper().lead_department.name == DEPARTMENT


def _rename(window: Any, demo_app: Any, names: dict[str, str]) -> None:
    """What Einstellungen → Speichern does: save the master data, then every open editor gets it."""
    from dataclasses import replace

    from kimdesk.services import office as office_service

    stored = office_service.list_organizations(demo_app.uow_factory)
    changed = [replace(o, name=names[o.name]) for o in stored if o.name in names]
    assert len(changed) == len(names)
    office_service.save_master_data(demo_app.uow_factory, None, changed, [])
    window.reload_everything()


def _printed(page: Any) -> tuple[str, str]:
    paper = page.editor.paper()
    committee, department = paper.consultations[0].committee, paper.lead_department
    assert committee is not None and department is not None
    return committee.name, department.name


def test_undo_and_redo_in_a_draft_after_a_rename_keep_the_new_names(window: Any, demo_app: Any) -> None:
    """An edit made before the rename, undone after it: the form goes back, the names stay today's –
    also when another body has since taken the old name (it must not print the other body's name)."""
    page = window.open_paper(demo_id("paper:20/0311"))
    board = page.editor.paper().consultations[0].committee
    page.editor.title_edit.setText(page.editor.title_edit.text() + " (geändert)")
    page.editor.seal()
    _rename(window, demo_app, {"Integrationsrat": "Ausländerbeirat", DEPARTMENT: "Amt für Integration"})
    _rename(window, demo_app, {"Rat": "Integrationsrat"})  # the council takes the board's old name
    assert _printed(page) == ("Ausländerbeirat", "Amt für Integration")
    page.editor.undo_stack.undo()
    assert not page.editor.title_edit.text().endswith("(geändert)")
    assert _printed(page) == ("Ausländerbeirat", "Amt für Integration")
    assert page.editor.consultations.model.rows()[0].committee == "Ausländerbeirat"
    committee = page.editor.paper().consultations[0].committee
    assert board is not None and committee is not None and committee.id == board.id
    page.editor.undo_stack.redo()
    assert page.editor.title_edit.text().endswith("(geändert)")
    assert _printed(page) == ("Ausländerbeirat", "Amt für Integration")


def test_names_typed_into_a_draft_follow_a_rename_too(window: Any, demo_app: Any) -> None:
    """An Amt typed by its short name, a Gremium typed into a new row: both name the renamed body after
    the rename (no „nicht in den Stammdaten“, no offer to create the old name again)."""
    page = window.open_paper(demo_id("paper:20/0311"))
    page.editor.department.setCurrentText("Amt 51")  # the Amt's short name
    table = page.editor.consultations
    table.add_row()
    row = table.model.rowCount() - 1
    table.model.setData(table.model.index(row, 0), "Haupt- und Finanzausschuss")
    _rename(
        window, demo_app, {DEPARTMENT: "Amt für Integration", "Haupt- und Finanzausschuss": "Finanzausschuss"}
    )
    assert page.editor.department.currentText() == "Amt für Integration"
    assert table.model.rows()[row].committee == "Finanzausschuss"
    assert _printed(page)[1] == "Amt für Integration"
    assert page.editor.unknown_names() == [] and not page.editor.all_problem_texts()
