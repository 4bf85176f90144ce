"""A head of department gets a signing PIN in the settings; only its hash is stored."""

from __future__ import annotations

from typing import Any


def test_pin_is_set_from_the_settings_and_then_required_for_signing(window: Any, qtbot: Any) -> None:
    from kimdesk.services.office import list_persons
    from kimdesk.services.signoff import person_needs_pin
    from kimdesk.ui.settings.dialog import SettingsDialog
    from kimdesk.ui.settings.pin_dialog import PinDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    persons = dialog.persons_page
    table = persons.table
    row = next(
        r
        for r in range(table.rows_model.rowCount())
        if table.rows_model.index(r, 0).data() == "Dr. Sabine Möller"
    )
    table.setCurrentIndex(table.rows_model.index(row, 0))
    person = persons.selected_person()
    assert person is not None and person.name == "Dr. Sabine Möller"

    pin_dialog = PinDialog(person.name, dialog)
    qtbot.addWidget(pin_dialog)
    pin_dialog.first.setText("4711")
    pin_dialog.second.setText("4712")
    pin_dialog.check()
    assert "stimmen nicht überein" in pin_dialog.problem.text()
    pin_dialog.second.setText("4711")
    pin_dialog.first.setText("12")
    pin_dialog.second.setText("12")
    pin_dialog.check()
    assert "PIN:" in pin_dialog.problem.text()

    uow = window.context.uow_factory
    assert not person_needs_pin(uow, person.name)
    persons.set_pin(person, "4711")
    qtbot.waitUntil(lambda: "gespeichert." in persons.pin_status.text(), timeout=10_000)
    assert person_needs_pin(uow, person.name)
    stored = next(p for p in list_persons(uow) if p.name == person.name)
    assert stored.pin_hash and "4711" not in stored.pin_hash


def test_saving_the_settings_keeps_a_pin_set_meanwhile(window: Any, qtbot: Any) -> None:
    from kimdesk.services.signoff import person_needs_pin
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    persons = dialog.persons_page
    table = persons.table
    row = next(
        r
        for r in range(table.rows_model.rowCount())
        if table.rows_model.index(r, 0).data() == "Dr. Sabine Möller"
    )
    table.setCurrentIndex(table.rows_model.index(row, 0))
    person = persons.selected_person()
    persons.set_pin(person, "4711")
    qtbot.waitUntil(lambda: "gespeichert." in persons.pin_status.text(), timeout=10_000)
    function = table.rows_model.index(row, 1)
    table.rows_model.setData(function, "Stadtkämmerin und Beigeordnete")  # then edit her function
    dialog.save()
    uow = window.context.uow_factory
    assert person_needs_pin(uow, "Dr. Sabine Möller")
