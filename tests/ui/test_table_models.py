"""The editor's tables as models, without a widget: Beratungsfolge, Fördermodule, backups, save conflict.

Every model is watched by Qt's QAbstractItemModelTester; the rows are plain Python the tests read back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import Consultation, ConsultationRole, FundingModule, OwnContribution, Paper
from kimdesk.services.backup_rows import backup_row
from kimdesk.services.cells import plain_row
from kimdesk.services.conflict_fields import differences
from kimdesk.services.funding import default_catalogue
from kimdesk.ui.editor.consultation_model import (
    COL_COMMITTEE,
    COL_DATE,
    COL_ITEM,
    COL_PUBLIC,
    COL_RAPPORTEUR,
    COL_ROLE,
    ROLES,
    ConsultationModel,
)
from kimdesk.ui.editor.funding_model import (
    COL_COMPONENT,
    COL_GRANT,
    COL_OWN,
    COL_POSTS,
    COL_YEARS,
    FundingModel,
)
from kimdesk.ui.editor.widgets import MasterData
from kimdesk.ui.read_only_table import ReadOnlyTableModel

EDIT, CHECK, SHOW = Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole
RAT = Organization("Rat")
INTEGRATIONSRAT = Organization("Integrationsrat", short_name="IR")
WEICHELT = Person("Rainer Weichelt")
PRELIMINARY = ConsultationRole.PRELIMINARY


def _watched(model: QAbstractItemModel) -> Any:
    """The model under Qt's own consistency checks (the tester lives as the model's child)."""
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, model)
    return model


def _tester_found_nothing(qtlog: Any) -> bool:
    return not [record.message for record in qtlog.records if "FAIL!" in record.message]


def _edits(model: Any) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.edited.connect(lambda row, column: seen.append((row, column)))
    return seen


@pytest.fixture
def consultations() -> ConsultationModel:
    model = _watched(ConsultationModel(MasterData(committees=[RAT, INTEGRATIONSRAT], persons=[WEICHELT])))
    model.set_rows(
        [
            model_row(Consultation(INTEGRATIONSRAT, PRELIMINARY, date(2020, 9, 9), "4", True, WEICHELT)),
            model_row(Consultation(RAT, ConsultationRole.DECISION, None, "", False)),
        ]
    )
    return model


def model_row(consultation: Consultation) -> Any:
    from kimdesk.services.consultation_rows import ConsultationRow

    return ConsultationRow.of(consultation)


def _read(model: ConsultationModel) -> tuple[list[Consultation], list[str]]:
    from kimdesk.services.consultation_rows import read_rows

    return read_rows(model.rows(), model.master.committees, model.master.persons)


def test_beratungsfolge_shows_each_row_and_only_the_flag_is_a_check_box(consultations: Any, qtlog: Any):
    model = consultations
    assert (model.rowCount(), model.columnCount()) == (2, 6)
    assert model.headerData(COL_RAPPORTEUR, Qt.Orientation.Horizontal) == "Berichterstatter"
    first = [model.data(model.index(0, column)) for column in range(6)]
    assert first == ["Integrationsrat", "Vorberatung", "09.09.2020", "4", None, "Rainer Weichelt"]
    assert model.data(model.index(0, COL_PUBLIC), CHECK) == Qt.CheckState.Checked
    assert model.data(model.index(1, COL_PUBLIC), CHECK) == Qt.CheckState.Unchecked
    assert model.data(model.index(1, COL_ROLE), EDIT) == ROLES.index(ConsultationRole.DECISION)
    flag = model.flags(model.index(0, COL_PUBLIC))
    assert flag & Qt.ItemFlag.ItemIsUserCheckable and not flag & Qt.ItemFlag.ItemIsEditable
    for column in (COL_COMMITTEE, COL_ROLE, COL_DATE, COL_ITEM, COL_RAPPORTEUR):
        assert model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    assert _tester_found_nothing(qtlog)


def test_beratungsfolge_edits_reach_the_consultations_and_name_their_cell(consultations: Any, qtlog: Any):
    model = consultations
    edits = _edits(model)
    assert model.setData(model.index(1, COL_DATE), "1.10.20")
    assert model.setData(model.index(1, COL_ITEM), " 7 ")
    assert model.setData(model.index(1, COL_PUBLIC), Qt.CheckState.Checked, CHECK)
    assert model.setData(model.index(0, COL_ROLE), ROLES.index(ConsultationRole.NOTING))
    assert model.setData(model.index(0, COL_COMMITTEE), "ir")  # the short name, any case
    assert model.setData(model.index(0, COL_ITEM), "4")  # unchanged: no edit to record
    assert not model.setData(model.index(0, COL_ROLE), 9)
    assert edits == [(1, COL_DATE), (1, COL_ITEM), (1, COL_PUBLIC), (0, COL_ROLE), (0, COL_COMMITTEE)]
    (first, second), problems = _read(model)
    assert problems == []
    assert first.role is ConsultationRole.NOTING and first.committee is INTEGRATIONSRAT
    assert second.meeting_date == date(2020, 10, 1) and second.agenda_item == "7" and second.public
    assert _tester_found_nothing(qtlog)


def test_beratungsfolge_keeps_what_cannot_be_read_and_names_the_row(consultations: Any) -> None:
    model = consultations
    model.setData(model.index(1, COL_DATE), "31.02.2020")
    model.setData(model.index(1, COL_COMMITTEE), "Bauausschuss")
    model.setData(model.index(0, COL_RAPPORTEUR), "Niemand")
    assert model.data(model.index(1, COL_COMMITTEE)) == "Bauausschuss"  # nothing typed is dropped
    (_first, second), problems = _read(model)
    assert problems == [
        "Beratungsfolge, Zeile 1: Person „Niemand“ ist nicht in den Stammdaten",
        "Beratungsfolge, Zeile 2: „31.02.2020“ ist kein gültiges Datum",
        "Beratungsfolge, Zeile 2: Gremium „Bauausschuss“ ist nicht in den Stammdaten",
    ]
    assert second.committee is None and second.meeting_date is None


def test_a_committee_no_longer_in_the_master_data_stays_with_its_row() -> None:
    dissolved = Organization("Ausschuss für Bürgerbeteiligung")
    model = ConsultationModel(MasterData(committees=[RAT]))
    model.set_rows([model_row(Consultation(dissolved)), model_row(Consultation())])
    assert [c.name for c in model.row(0).committees(model.master.committees)] == [RAT.name, dissolved.name]
    assert [c.name for c in model.row(1).committees(model.master.committees)] == [RAT.name]
    (kept, _empty), problems = _read(model)
    assert kept.committee is dissolved and problems == []


def test_a_drafts_row_follows_a_rename_of_its_own_body_and_person_only() -> None:
    """Einstellungen saved while a draft is open: each row follows the body and person it names (by id),
    also when two bodies swapped names or only a function changed; text that names nothing stays."""
    from dataclasses import replace

    from kimdesk.services.consultation_rows import ConsultationRow, follow_renames

    council, board = Organization("Rat"), Organization("Integrationsrat")
    person = Person("Rainer Weichelt", function="Erster Beigeordneter")
    row = ConsultationRow.of(Consultation(board, rapporteur=person))
    swapped = [replace(council, name="Integrationsrat"), replace(board, name="Ausländerbeirat")]
    promoted = [replace(person, function="Beigeordneter für Integration")]
    before = ([council, board], [person])
    followed = follow_renames(row, before, (swapped, promoted))
    assert (followed.committee, followed.rapporteur, followed.key) == (
        "Ausländerbeirat",
        person.name,
        row.key,
    )
    assert followed.original_committee == swapped[1]
    assert followed.original_rapporteur is not None
    assert followed.original_rapporteur.function == "Beigeordneter für Integration"
    assert follow_renames(row, before, before) is row  # nothing renamed: the same row
    # Typed into the row (a body the master data knew, no original): it follows too.
    typed = replace(row, committee="Rat", original_committee=None)
    assert follow_renames(typed, before, (swapped, [person])).committee == "Integrationsrat"
    assert follow_renames(replace(typed, committee="Ratt"), before, (swapped, [person])).committee == "Ratt"
    # Undo brought back a row from before the swap (master data unchanged since): it names its own body.
    assert follow_renames(row, (swapped, [person]), (swapped, [person])).committee == "Ausländerbeirat"


def test_rows_are_added_moved_and_removed_keeping_their_undo_keys(consultations: Any, qtlog: Any) -> None:
    model = consultations
    keys = [row.key for row in model.rows()]
    model.insert_row(2, model_row(Consultation()))
    assert model.rowCount() == 3
    model.move_row(0, 1)
    assert [row.committee for row in model.rows()] == ["Rat", "Integrationsrat", ""]
    assert [row.key for row in model.rows()][:2] == keys[::-1]
    model.move_row(2, 1)
    model.move_row(1, 2)
    model.remove_row(0)
    assert [row.committee for row in model.rows()] == ["Integrationsrat", ""]
    assert _read(model)[0][0].committee is INTEGRATIONSRAT
    assert _tester_found_nothing(qtlog)


def _module(programme: str = "kim-nrw", component: str = "b3-immigration-offices") -> FundingModule:
    return FundingModule(
        programme, component, Decimal(1), 2021, 2023, [OwnContribution(Decimal("1000.00"))], notes="Notiz"
    )


@pytest.fixture
def funding() -> FundingModel:
    model = _watched(FundingModel(default_catalogue()))
    model.set_modules([_module()])
    model.read()
    return model


def test_fordermodule_show_the_baustein_by_name_and_a_computed_grant(funding: Any, qtlog: Any) -> None:
    model = funding
    assert (model.rowCount(), model.columnCount()) == (1, 6)
    assert model.data(model.index(0, COL_COMPONENT)).startswith("KIM NRW – Baustein 3")
    assert model.data(model.index(0, COL_COMPONENT), EDIT) == 3
    assert [model.data(model.index(0, c)) for c in (COL_POSTS, COL_YEARS, COL_OWN, COL_GRANT)] == [
        "1",
        "2021–2023",
        "1.000,00",
        "50.000,00",
    ]
    assert not model.flags(model.index(0, COL_GRANT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COL_GRANT), "1")
    assert model.flags(model.index(0, COL_POSTS)) & Qt.ItemFlag.ItemIsEditable
    assert _tester_found_nothing(qtlog)


def test_fordermodule_edits_change_the_module_and_its_grant(funding: Any, qtlog: Any) -> None:
    model = funding
    edits = _edits(model)
    grants: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: grants.append(top.column()))
    assert model.setData(model.index(0, COL_POSTS), "2")
    assert model.setData(model.index(0, COL_COMPONENT), 2)
    reading = model.read()
    assert edits == [(0, COL_POSTS), (0, COL_COMPONENT)] and COL_GRANT in grants
    (module,) = reading.modules
    assert (module.component, module.posts, module.notes) == ("b2-case-management", Decimal(2), "Notiz")
    assert reading.problems == [] and model.data(model.index(0, COL_GRANT)) == reading.grants[0]
    assert model.data(model.index(0, COL_GRANT)) != "50.000,00"
    assert _tester_found_nothing(qtlog)


def test_fordermodule_keep_unreadable_text_and_name_the_module(funding: Any) -> None:
    model = funding
    model.setData(model.index(0, COL_POSTS), "zwei")
    model.setData(model.index(0, COL_OWN), "1,000.50")
    reading = model.read()
    assert model.data(model.index(0, COL_POSTS)) == "zwei"
    assert len(reading.problems) == 2 and all("Fördermodul 1" in p for p in reading.problems)
    assert reading.modules[0].posts == Decimal(1)  # the last readable value stays


def test_a_baustein_missing_from_the_catalogue_is_offered_in_its_row_only() -> None:
    model = FundingModel(default_catalogue())
    model.set_modules([_module("alt", "x9"), _module()])
    assert model.data(model.index(0, COL_COMPONENT)) == "alt – x9"
    assert len(model.row_choices(0)) == len(model.row_choices(1)) + 1
    reading = model.read()
    assert model.data(model.index(0, COL_GRANT)) == "–" and "alt" in reading.problems[0]
    assert (reading.modules[0].programme, reading.modules[0].component) == ("alt", "x9")


class _Backup:
    path = Path("/sicherungen/kimdesk-2020-09-09.sqlite")
    kind = "vor Migration"
    created = datetime(2020, 9, 9, 12, 30, tzinfo=UTC)
    size = 3 * 1024 * 1024 // 2
    revision = None


def test_backups_and_conflicts_read_through_the_read_only_model(qtlog: Any) -> None:
    backups = _watched(ReadOnlyTableModel(["Datum", "Größe", "Stand", "Art", "Datei"]))
    backups.set_rows([backup_row(_Backup())])
    shown = [backups.data(backups.index(0, column)) for column in range(5)]
    assert shown[1:] == ["1,5 MB", "?", "vor Migration", str(_Backup.path)]
    assert shown[0].startswith("09.09.2020") and "14:30" in shown[0]  # Berlin time
    mine, stored = Paper(title="Meine"), Paper(title="Gespeichert")
    stored.id = mine.id
    conflict = _watched(ReadOnlyTableModel(["Feld", "Meine Fassung", "Gespeicherte Fassung"]))
    conflict.set_rows([plain_row(*values) for values in differences(mine, stored)])
    shown = [conflict.data(conflict.index(0, column), SHOW) for column in range(3)]
    assert shown == ["Betrifft", "Meine", "Gespeichert"]
    assert conflict.rowCount() == 1
    assert _tester_found_nothing(qtlog)
