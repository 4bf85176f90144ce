"""A small main window (784 × 552, what a 800 × 600 screen leaves) and one of 1024 × 700: the editor's
Mitzeichnung panel.

There the Umlauf table and the editor's form resized each other without end (the table's own scroll
bar came and went, re-wrapping its rows) until the stack overflowed: kimdesk crashed with SIGSEGV
when the clerk opened a Vorlage in Mitzeichnung after closing the Einstellungen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kimdesk.services.signoff_view import COL_DECISION, COL_HOLDER
from tests.demo_data import demo_id
from tests.ui.test_signing_admin import loaded, settings
from tests.ui.test_signoff_panel import cell

TIMEOUT = 20000


@pytest.fixture
def office_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The demo office with its Mitzeichnungen (20/0311 waits for the Bürgermeister); empty key folders."""
    from kimdesk.app import open_app
    from kimdesk.services.demo import apply_demo_signoffs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "profile"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "machine"))
    app = open_app(f"sqlite:///{(tmp_path / 'office.sqlite').as_posix()}")
    apply_demo_signoffs(app.uow_factory)
    try:
        yield app
    finally:
        app.close()


def rows_fully_shown(table: Any) -> bool:
    """Every row and column of ``table`` is in sight: no scroll bar of its own, the viewport as tall as
    the rows and as wide as the columns (Frist and Bemerkung not pushed past the right edge)."""
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    columns = table.horizontalHeader().length()
    return (
        not table.verticalScrollBar().isVisible()
        and not table.horizontalScrollBar().isVisible()
        and table.viewport().height() >= rows
        and table.viewport().width() >= columns
    )


def titles_shown_whole(table: Any) -> bool:
    """Every column title of ``table`` is drawn whole: its lines fit the column's width and the header's
    height, and together they are the title's words."""
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        shown = str(header.model().headerData(column, Qt.Orientation.Horizontal))
        if shown.replace("\n", " ") != table.horizontalHeaderItem(column).text():
            return False
        if header.sectionSizeHint(column) > header.sectionSize(column):
            return False
    return header.height() >= header.sizeHint().height()


def test_the_umlauf_titles_are_shown_whole_in_a_1024_by_700_window(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    window = make_window(office_app)
    window.resize(1024, 700)
    page = window.open_paper(demo_id("paper:20/0311"))
    panel = page.editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    page.editor.ensureWidgetVisible(panel.table)
    table = panel.table
    qtbot.waitUntil(lambda: rows_fully_shown(table), timeout=TIMEOUT)
    # The column is narrower than „Inhaber / Vertretung“ in one line: the title takes two, none is cut.
    assert table.horizontalHeader().sectionSize(COL_HOLDER) < table.fontMetrics().horizontalAdvance(
        "Inhaber / Vertretung"
    )
    assert table.horizontalHeader().model().headerData(COL_HOLDER, Qt.Orientation.Horizontal) == (
        "Inhaber /\nVertretung"
    )
    assert titles_shown_whole(table)
    window.resize(1280, 820)  # wider: the titles in one line again
    qtbot.waitUntil(lambda: "\n" not in table.table_model.headerData(COL_HOLDER, Qt.Orientation.Horizontal))
    assert titles_shown_whole(table) and rows_fully_shown(table)


def test_a_vorlage_in_mitzeichnung_opens_in_a_small_window(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    window = make_window(office_app)
    window.resize(784, 552)
    # The clerk looks at Einstellungen → Signaturen and closes them, then opens 20/0311.
    dialog = settings(window, qtbot)
    loaded(qtbot, dialog.signing_page)
    dialog.reject()
    page = window.open_paper(demo_id("paper:20/0311"))
    editor = page.editor
    panel = editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    assert "In Mitzeichnung" in panel.state_label.text()
    assert cell(panel, "Bürgermeister", COL_DECISION) == "jetzt an der Reihe"
    # The form scrolls; the Umlauf inside it shows every row at full height.
    editor.ensureWidgetVisible(panel.table)
    qtbot.waitUntil(lambda: rows_fully_shown(panel.table), timeout=TIMEOUT)
    assert editor.verticalScrollBar().isVisible()
    panel.history_button.click()
    editor.ensureWidgetVisible(panel.history)
    qtbot.waitUntil(lambda: rows_fully_shown(panel.history), timeout=TIMEOUT)
    assert panel.history.rowCount() == 3

    # Narrower and wider windows (the wrapping column changes its lines at many widths) stay usable too.
    for width in range(640, 1025, 24):
        window.resize(width, 552)
        qtbot.wait(10)
        assert rows_fully_shown(panel.table) and rows_fully_shown(panel.history), width
        assert titles_shown_whole(panel.table) and titles_shown_whole(panel.history), width
