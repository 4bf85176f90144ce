"""A head of department sets up a signing key in the settings ("Signaturschlüssel einrichten"): a guided
dialog, the key stays in the OS account, the database gets only the public key as a request."""

from __future__ import annotations

from typing import Any


def _select(persons: Any, name: str) -> Any:
    table = persons.table
    row = next(r for r in range(table.rows_model.rowCount()) if table.rows_model.index(r, 0).data() == name)
    table.setCurrentIndex(table.rows_model.index(row, 0))
    return row


def test_key_is_set_up_from_the_settings_and_waits_for_certification(window: Any, qtbot: Any) -> None:
    from kimdesk.services import enrolment
    from kimdesk.services.local_keys import LocalKeys
    from kimdesk.services.office import list_persons
    from kimdesk.ui.settings.dialog import SettingsDialog
    from kimdesk.ui.settings.pin_dialog import PinDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    persons = dialog.persons_page
    assert persons.pin_button.text().replace("&", "") == "Signaturschlüssel einrichten …"
    _select(persons, "Dr. Sabine Möller")
    person = persons.selected_person()
    assert person is not None and person.name == "Dr. Sabine Möller"

    setup = PinDialog(person.name, dialog)
    qtbot.addWidget(setup)
    assert setup.windowTitle() == "Signaturschlüssel einrichten – Dr. Sabine Möller"
    setup.first.setText("246810")
    setup.second.setText("246811")
    setup.check()
    assert "stimmen nicht überein" in setup.problem.text()
    setup.first.setText("4711")  # four digits are no longer enough
    setup.second.setText("4711")
    setup.check()
    assert "PIN:" in setup.problem.text() and "6 bis 12 Ziffern" in setup.problem.text()

    uow = window.context.uow_factory
    persons.set_up_key(person, "246810")
    qtbot.waitUntil(lambda: "eingerichtet" in persons.pin_status.text(), timeout=10_000)
    assert "Verwaltung" in persons.pin_status.text()
    assert [r.person_name for r in enrolment.pending(uow)] == ["Dr. Sabine Möller"]
    blob = LocalKeys().load_key(person.id)
    assert blob is not None and b"kimdesk-sealed-key-1" in blob and b"246810" not in blob
    stored = next(p for p in list_persons(uow) if p.name == person.name)
    assert stored.pin_hash is None  # nothing brute-forceable in the database


def test_saving_the_settings_keeps_a_key_request_made_meanwhile(window: Any, qtbot: Any) -> None:
    from kimdesk.services import enrolment
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    persons = dialog.persons_page
    row = _select(persons, "Dr. Sabine Möller")
    person = persons.selected_person()
    persons.set_up_key(person, "246810")
    qtbot.waitUntil(lambda: "eingerichtet" in persons.pin_status.text(), timeout=10_000)
    function = persons.table.rows_model.index(row, 1)
    persons.table.rows_model.setData(function, "Stadtkämmerin und Beigeordnete")  # then edit her function
    dialog.save()
    assert [r.person_name for r in enrolment.pending(window.context.uow_factory)] == ["Dr. Sabine Möller"]
