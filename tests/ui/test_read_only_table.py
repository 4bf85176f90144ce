"""The one read-only table model (sign-off rows, history, Beschlussvermerk): checked as a model, no widget."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtTest import QAbstractItemModelTester

from kimdesk.domain.model import ResolutionEntry
from kimdesk.services.cells import Cell, plain_row
from kimdesk.ui.read_only_table import ALERT, LEAST_COLUMN, ReadOnlyTableModel, share_widths, wrap_words
from tests.demo_data import demo_id

ROLES = Qt.ItemDataRole


def _model() -> ReadOnlyTableModel:
    """A model watched by Qt's QAbstractItemModelTester (kept alive as the model's child)."""
    model = ReadOnlyTableModel(["Rolle", "Frist"])
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, model)
    return model


def _tester_found_nothing(qtlog: Any) -> bool:
    return not [record.message for record in qtlog.records if "FAIL!" in record.message]


def test_rows_headers_text_and_tooltips(qtlog: Any) -> None:
    model = _model()
    assert model.rowCount() == 0 and model.columnCount() == 2
    model.set_rows(
        [plain_row("Bürgermeister", "04.09.2020"), (Cell("Stadtkämmerer"), Cell("05.09.2020", "Tipp"))]
    )
    assert model.rowCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Frist"
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    first, tipped = model.index(0, 0), model.index(1, 1)
    assert model.data(first) == "Bürgermeister" and model.data(first, ROLES.ToolTipRole) == "Bürgermeister"
    assert model.data(tipped) == "05.09.2020" and model.data(tipped, ROLES.ToolTipRole) == "Tipp"
    assert model.data(model.index(1, 0)) == "Stadtkämmerer"
    assert not model.data(first, ROLES.FontRole) and not model.data(first, ROLES.ForegroundRole)
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert model.rowCount(first) == 0  # a flat table: no children
    model.set_rows([])
    assert model.rowCount() == 0 and model.data(first) is None
    assert _tester_found_nothing(qtlog)


def test_emphasis_is_bold_and_alert_is_red(qtlog: Any) -> None:
    model = _model()
    model.set_rows(
        [(Cell("jetzt an der Reihe", emphasis=True), Cell("überfällig", emphasis=True, alert=True))]
    )
    due, overdue = model.index(0, 0), model.index(0, 1)
    font = model.data(due, ROLES.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert not model.data(due, ROLES.ForegroundRole)
    brush = model.data(overdue, ROLES.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == ALERT
    assert model.index(0, 2) == QModelIndex()
    assert _tester_found_nothing(qtlog)


def test_editor_shows_the_beschlussvermerk(window: Any) -> None:
    page = window.open_paper(demo_id("paper:20/0270"))
    paper = page.editor.paper()
    paper.resolution_record = [
        ResolutionEntry("Rat", date(2020, 10, 1), non_public=True, result="einstimmig", text="Beschlossen")
    ]
    page.editor.reload(paper)
    table = page.editor.record_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(5)] == [
        "Rat",
        "01.10.2020",
        "nicht öffentlich",
        "einstimmig",
        "Beschlossen",
    ]
    assert table.horizontalHeaderItem(4).text() == "Beschluss"


def test_columns_share_a_narrow_width_instead_of_running_past_the_edge() -> None:
    # Wide enough: every column as wide as its text, the rest to the wrapping column.
    assert share_widths([80, 40, 200, 60], 500, stretch=2) == [80, 40, 320, 60]
    # Too narrow (the Umlauf in a 1024 px window): narrow columns keep their width, wide ones share.
    widths = share_widths([110, 40, 190, 180, 90, 120], 560, stretch=5)
    assert sum(widths) <= 560
    assert widths[1] == 40 and widths[4] == 90
    assert widths[2] == widths[3] == widths[5] < 180
    # Far too narrow: no column vanishes.
    assert min(share_widths([300, 300, 300], 60, stretch=0)) == LEAST_COLUMN


def test_a_column_keeps_the_widest_word_of_its_title_and_the_title_breaks_between_words() -> None:
    # A title whose longest word needs 130 px: its column gets them, the other wide ones share the rest.
    widths = share_widths([110, 40, 190, 180, 90, 120], 560, stretch=5, least=[60, 40, 80, 130, 60, 48])
    assert widths == [100, 40, 100, 130, 90, 100]
    # One needing a little more than the first share (104 of 101 px) still shares alike once the narrow
    # columns took less than the share („Entscheidung“ was held at 104 px, „mitgezeichnet“ cut).
    widths = share_widths([115, 51, 190, 180, 150, 90], 606, stretch=4, least=[60, 51, 80, 104, 90, 48])
    assert widths == [115, 51, 116, 116, 116, 90]

    def width(text: str) -> int:  # ten pixels a character
        return 10 * len(text)

    assert wrap_words("Inhaber / Vertretung", 200, width) == "Inhaber / Vertretung"
    assert wrap_words("Inhaber / Vertretung", 100, width) == "Inhaber /\nVertretung"
    assert wrap_words("Inhaber / Vertretung", 50, width) == "Inhaber\n/\nVertretung"  # words stay whole
