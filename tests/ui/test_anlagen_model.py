"""The Anlagen panel's model without a widget: what each column shows, what can be edited, and which edits it
announces (the panel stores them). QAbstractItemModelTester watches it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kimdesk.domain.attachment import Attachment
from kimdesk.services.attachment_rows import anlage_rows
from kimdesk.ui.editor.attachments_model import FILE, NUMBER, PUBLIC, SIZE, TITLE, AnlagenModel
from tests.ui.test_table_models import _edits, _tester_found_nothing, _watched

SHOW, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
CHECK, TIP = Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ToolTipRole
F = Qt.ItemFlag
PAPER = uuid.uuid4()


@pytest.fixture
def model() -> AnlagenModel:
    model = _watched(AnlagenModel())
    model.set_rows(
        anlage_rows(
            [
                Attachment(PAPER, "Lageplan.pdf", size=1_234_567, title="Lageplan Nord"),
                Attachment(PAPER, "Vertrag.pdf", size=2048, public=False),
            ]
        )
    )
    return model


def test_each_row_shows_number_title_file_and_size_and_a_check_box_for_public(model: Any, qtlog: Any) -> None:
    assert (model.rowCount(), model.columnCount()) == (2, 5)
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Nr.", "Titel", "öffentlich", "Datei", "Größe"]
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "1.",
        "Lageplan Nord",
        None,  # only the check box
        "Lageplan.pdf",
        "1.234.567 Bytes",
    ]
    assert model.data(model.index(1, TITLE)) == "Vertrag"  # no own title: the file name without .pdf
    assert model.data(model.index(1, TITLE), EDIT) == "Vertrag"
    assert model.data(model.index(0, PUBLIC), CHECK) == Qt.CheckState.Checked
    assert model.data(model.index(1, PUBLIC), CHECK) == Qt.CheckState.Unchecked
    assert [model.data(model.index(r, PUBLIC), TIP) for r in (0, 1)] == ["öffentlich", "nichtöffentlich"]
    assert model.data(model.index(1, PUBLIC), Qt.ItemDataRole.AccessibleTextRole) == "nichtöffentlich"
    assert model.data(model.index(0, FILE), EDIT) is None and model.data(model.index(0, TITLE), CHECK) is None
    assert model.data(QModelIndex()) is None
    assert _tester_found_nothing(qtlog)


def test_only_the_title_is_edited_and_only_public_is_checked(model: Any) -> None:
    assert model.flags(model.index(0, TITLE)) & F.ItemIsEditable
    public = model.flags(model.index(0, PUBLIC))
    assert public & F.ItemIsUserCheckable and not public & F.ItemIsEditable
    for column in (NUMBER, FILE, SIZE):
        flags = model.flags(model.index(0, column))
        assert flags & F.ItemIsSelectable and not flags & (F.ItemIsEditable | F.ItemIsUserCheckable)
    for column in range(5):  # every cell drags its row to another place
        assert model.flags(model.index(1, column)) & F.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & F.ItemIsDropEnabled  # dropped between or below the rows
    assert model.supportedDropActions() & Qt.DropAction.MoveAction


def test_edits_change_the_row_shown_and_are_announced_once(model: Any, qtlog: Any) -> None:
    edits = _edits(model)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), top.column())))
    assert model.setData(model.index(0, TITLE), "Lageplan Süd")
    assert model.setData(model.index(0, TITLE), "Lageplan Süd")  # the same again: nothing to store
    assert model.setData(model.index(1, PUBLIC), Qt.CheckState.Checked, CHECK)
    assert model.setData(model.index(0, PUBLIC), Qt.CheckState.Unchecked.value, CHECK)  # as the view sends it
    assert edits == [(0, TITLE), (1, PUBLIC), (0, PUBLIC)] and changed == edits
    assert model.data(model.index(0, TITLE)) == "Lageplan Süd"
    assert [row.public for row in model.rows()] == [False, True]
    assert model.data(model.index(1, PUBLIC), TIP) == "öffentlich"

    assert not model.setData(model.index(0, FILE), "anders.pdf")
    assert not model.setData(model.index(0, SIZE), "1 Byte")
    assert not model.setData(model.index(0, TITLE), "x", CHECK)
    assert not model.setData(model.index(0, PUBLIC), "x", EDIT)
    assert not model.setData(model.index(5, TITLE), "x")
    assert edits == [(0, TITLE), (1, PUBLIC), (0, PUBLIC)]
    assert [row.filename for row in model.rows()] == ["Lageplan.pdf", "Vertrag.pdf"]
    assert _tester_found_nothing(qtlog)


def test_a_read_only_model_takes_no_edit_and_no_drop(model: Any, qtlog: Any) -> None:
    edits = _edits(model)
    model.editable = False
    for column in range(5):
        flags = model.flags(model.index(0, column))
        assert flags & F.ItemIsSelectable
        assert not flags & (F.ItemIsEditable | F.ItemIsUserCheckable | F.ItemIsDragEnabled)
    assert not model.flags(QModelIndex()) & F.ItemIsDropEnabled
    assert not model.setData(model.index(0, TITLE), "Neu")
    assert not model.setData(model.index(0, PUBLIC), Qt.CheckState.Unchecked, CHECK)
    assert edits == [] and model.data(model.index(0, TITLE)) == "Lageplan Nord"
    assert model.data(model.index(0, PUBLIC), CHECK) == Qt.CheckState.Checked  # still shown
    assert _tester_found_nothing(qtlog)


def test_the_stored_list_replaces_the_rows(model: Any, qtlog: Any) -> None:
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.set_rows(anlage_rows([Attachment(PAPER, "Kosten.pdf", size=1)]))
    assert resets == [1] and [model.data(model.index(0, c)) for c in (NUMBER, TITLE)] == ["1.", "Kosten"]
    model.set_rows([])
    assert model.rowCount() == 0 and resets == [1, 0]
    assert _tester_found_nothing(qtlog)
