"""The settings' tables as models, checked without a widget (QAbstractItemModelTester watches them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from kimdesk.domain.masterdata import Person
from kimdesk.services.settings_rows import RoleRow, TextRow
from kimdesk.ui.settings.models import RolesModel, TextRowsModel

ROLES = Qt.ItemDataRole
EDITABLE = Qt.ItemFlag.ItemIsEditable


def _watched(model: QAbstractItemModel) -> QAbstractItemModel:
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, model)
    return model


def _tester_found_nothing(qtlog: Any) -> bool:
    return not [record.message for record in qtlog.records if "FAIL!" in record.message]


def test_text_rows_are_shown_edited_and_added(qtlog: Any) -> None:
    model = TextRowsModel(["Name", "Funktion"], [TextRow(["Frank Meyer", "Bürgermeister"], "id-1")])
    _watched(model)
    assert (model.rowCount(), model.columnCount()) == (1, 3)  # name, function, state
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Funktion"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Status"
    assert model.data(model.index(0, 2)) == "aktiv" and not model.flags(model.index(0, 2)) & EDITABLE
    function = model.index(0, 1)
    assert model.data(function) == "Bürgermeister" and model.data(function, ROLES.EditRole) == "Bürgermeister"
    assert model.flags(function) & EDITABLE
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    assert model.setData(function, "Bürgermeister der Stadt")
    assert changed == [0] and model.data(function) == "Bürgermeister der Stadt"
    assert not model.setData(function, "x", ROLES.DisplayRole)  # only edits change a cell
    assert not model.setData(model.index(5, 0), "x")

    row = model.add_blank_row()
    assert row == 1 and model.rowCount() == 2 and model.data(model.index(1, 0)) == ""
    assert model.setData(model.index(1, 0), "Rainer Weichelt")
    assert model.rows() == [
        TextRow(["Frank Meyer", "Bürgermeister der Stadt"], "id-1"),
        TextRow(["Rainer Weichelt", ""], ""),  # new: no key until saved
    ]
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    assert _tester_found_nothing(qtlog)


def test_a_deactivated_row_stays_greyed_and_a_new_one_is_removed(qtlog: Any) -> None:
    model = TextRowsModel(["Name"], [TextRow(["Rat"], "id-1")])
    _watched(model)
    model.set_active(0, False)
    assert model.data(model.index(0, 1)) == "deaktiviert"
    assert model.data(model.index(0, 0), ROLES.ForegroundRole) is not None
    assert model.rows() == [TextRow(["Rat"], "id-1", active=False)]
    model.add_blank_row()
    model.remove_row(1)
    assert model.rowCount() == 1 and _tester_found_nothing(qtlog)


def test_rows_handed_out_are_copies() -> None:
    model = TextRowsModel(["Name"], [TextRow(["Rat"], "id")])
    model.rows()[0].cells[0] = "geändert"
    assert model.data(model.index(0, 0)) == "Rat"


def test_roles_show_persons_and_take_only_known_ones(qtlog: Any) -> None:
    meyer, weichelt = Person("Frank Meyer", "Bürgermeister"), Person("Rainer Weichelt")
    model = RolesModel(
        [RoleRow("mayor", "Bürgermeister", str(meyer.id)), RoleRow("treasurer", "Stadtkämmerer")],
        [meyer, weichelt],
    )
    _watched(model)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Rolle",
        "Inhaber/in",
        "Vertretung",
    ]
    label, holder, deputy = model.index(0, 0), model.index(0, 1), model.index(0, 2)
    assert model.data(label) == "Bürgermeister" and model.flags(label) & EDITABLE
    assert not model.setData(label, "  ")  # a role keeps a name
    assert model.setData(label, "Bürgermeisterin")
    assert model.data(holder) == "Frank Meyer – Bürgermeister"
    assert model.data(holder, ROLES.EditRole) == str(meyer.id)
    assert model.data(deputy) == "(niemand)" and model.flags(deputy) & EDITABLE
    assert model.data(deputy, ROLES.AccessibleTextRole) == "Vertretung Bürgermeisterin"

    assert model.setData(deputy, str(weichelt.id))
    assert model.data(deputy) == "Rainer Weichelt"
    assert not model.setData(model.index(1, 1), "someone unknown")
    assert model.setData(holder, "")  # nobody
    assert model.rows() == [
        RoleRow("mayor", "Bürgermeisterin", "", str(weichelt.id)),
        RoleRow("treasurer", "Stadtkämmerer"),
    ]
    assert model.data(model.index(3, 1)) is None and model.index(0, 3) == QModelIndex()
    assert _tester_found_nothing(qtlog)


def test_a_deputy_picked_in_the_roles_table_is_saved(window: Any, demo_app: Any, qtbot: Any) -> None:
    from kimdesk.services.office import get_office
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    roles = dialog.roles
    picker = roles.picker(0, RolesModel.DEPUTY)
    assert picker is not None and picker.currentText() == roles.roles_model.index(0, 2).data()
    picker.setCurrentIndex(picker.findText("Rainer Weichelt", Qt.MatchFlag.MatchStartsWith))
    dialog.save()
    role = get_office(demo_app.uow_factory).sign_off_roles[0]
    assert role.deputy is not None and role.deputy.name == "Rainer Weichelt"
    assert not dialog.database_page.test_button.isEnabled()  # no opener: nothing to test with


def test_a_role_renamed_in_the_table_is_saved(window: Any, demo_app: Any, qtbot: Any) -> None:
    from kimdesk.services.office import get_office
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    model = dialog.roles.roles_model
    assert model.setData(model.index(0, 0), " Bürgermeisterin ")
    dialog.save()
    assert get_office(demo_app.uow_factory).sign_off_roles[0].label == "Bürgermeisterin"
