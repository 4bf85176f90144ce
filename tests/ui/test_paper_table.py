"""The Vorlagen list model: counts first, loads pages lazily, filters through the query."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt

from kimdesk.domain.model import PaperStatus
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.ui.paper_table import (
    COL_MEETING,
    COL_REFERENCE,
    COL_STATUS,
    COL_TITLE,
    PaperTableModel,
    run_now,
)

ROWS = [
    PaperSummary(
        id=uuid.uuid4(),
        reference=f"25/{n:04d}",
        title=f"Vorlage {n}" + (" Sprachcafé" if n % 100 == 0 else ""),
        lead_department="Amt 51",
        committee="Integrationsrat",
        meeting_date=date(2025, 9, 9) if n % 2 else None,
        status=PaperStatus.DRAFT if n % 3 else PaperStatus.RELEASED,
        modified_at=datetime(2025, 1, 1, 12, tzinfo=UTC),
    )
    for n in range(1500, 0, -1)
]


class FakeSource:
    """Stands in for the database: records every query so the test sees what was loaded when."""

    def __init__(self) -> None:
        self.loads: list[PaperQuery] = []

    def _matching(self, query: PaperQuery) -> list[PaperSummary]:
        return [r for r in ROWS if query.text.casefold() in r.title.casefold()]

    def load(self, query: PaperQuery) -> list[PaperSummary]:
        self.loads.append(query)
        rows = self._matching(query)
        end = None if query.limit is None else query.offset + query.limit
        return rows[query.offset : end]

    def count(self, query: PaperQuery) -> int:
        return len(self._matching(query))


def test_rows_load_page_by_page_as_the_view_scrolls(qtbot: Any) -> None:
    source = FakeSource()
    model = PaperTableModel(source.load, source.count, page_size=200, runner=run_now)
    model.set_query(PaperQuery())
    assert model.total == 1500
    assert model.rowCount() == 200  # only the first page, not 1.500 rows
    assert [(q.offset, q.limit) for q in source.loads] == [(0, 200)]
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    assert source.loads[-1] == replace(PaperQuery(), offset=200, limit=200)
    model.fetch_all()
    assert model.rowCount() == 1500 and not model.canFetchMore()


def test_cells_show_german_text(qtbot: Any) -> None:
    source = FakeSource()
    model = PaperTableModel(source.load, source.count, runner=run_now)
    model.set_query(PaperQuery())
    assert model.headerData(COL_REFERENCE, Qt.Orientation.Horizontal) == "Nr."
    assert model.data(model.index(0, COL_REFERENCE)) == "25/1500"
    assert model.data(model.index(0, COL_TITLE)) == "Vorlage 1500 Sprachcafé"
    assert model.data(model.index(0, COL_STATUS)) == "Freigegeben"
    assert model.data(model.index(1, COL_MEETING)) == "09.09.2025"


def test_search_text_goes_to_the_query(qtbot: Any) -> None:
    source = FakeSource()
    model = PaperTableModel(source.load, source.count, runner=run_now)
    model.set_query(PaperQuery(text="sprachcafé"))
    assert model.total == 15 and model.rowCount() == 15
    assert source.loads[-1].text == "sprachcafé"


def test_a_view_fetches_only_what_it_shows(qtbot: Any) -> None:
    from PySide6.QtWidgets import QTableView

    source = FakeSource()
    model = PaperTableModel(source.load, source.count, page_size=100)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.setModel(model)
    model.set_query(PaperQuery())
    qtbot.waitUntil(lambda: model.total == 1500)
    view.show()
    qtbot.waitExposed(view)
    assert model.loaded < 1500
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded > 100)
    assert model.loaded < 1500


def test_list_page_on_the_real_database(window: Any, qtbot: Any) -> None:
    page = window.list_page
    assert page.model.total == 3
    page.search.setText("Sprachcafés")
    page.apply_query()
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.model.summary(0).reference == "20/0311"
    assert page.count_label.text().startswith("1 ")  # the count follows the rows that arrived
    page.search.setText("")
    page.status.setCurrentIndex(page.status.findText("Entwurf"))
    qtbot.waitUntil(lambda: page.model.total == 3)


def test_every_read_runs_off_the_gui_thread_and_the_rows_follow(qtbot: Any) -> None:
    import threading

    source = FakeSource()
    threads: list[bool] = []
    model = PaperTableModel(
        lambda query: (
            threads.append(threading.current_thread() is threading.main_thread()) or source.load(query)
        ),
        source.count,
    )
    model.set_query(PaperQuery(text="Sprachcafé"))
    assert model.total == 0  # nothing read on the GUI thread: the rows arrive later
    qtbot.waitUntil(lambda: model.total == 15, timeout=5000)
    model.set_query(PaperQuery())
    qtbot.waitUntil(lambda: model.total == 1500, timeout=5000)
    model.fetchMore()
    assert model.loaded == 200 and not model.canFetchMore()  # one page on its way, not two
    qtbot.waitUntil(lambda: model.loaded == 400, timeout=5000)
    assert threads and not any(threads)  # every page was read on a worker thread
    model.set_query(PaperQuery(text="Sprachcafé"))
    qtbot.waitUntil(lambda: model.total == 15, timeout=5000)
    threads.clear()
    renamed = replace(ROWS[0], title="Sprachcafé umbenannt")
    ROWS[0] = renamed
    try:
        done: list[bool] = []
        model.reload(lambda: done.append(True))
        assert model.data(model.index(0, COL_TITLE)) == "Vorlage 1500 Sprachcafé"  # not yet re-read
        qtbot.waitUntil(lambda: bool(done), timeout=5000)
        assert model.data(model.index(0, COL_TITLE)) == "Sprachcafé umbenannt"
        assert threads == [False]  # read on a worker thread
    finally:
        ROWS[0] = replace(renamed, title="Vorlage 1500 Sprachcafé")


def test_a_result_for_a_replaced_query_is_dropped(qtbot: Any) -> None:
    """Typing fast: the answer to an older search must not overwrite the newer one."""
    pending: list[tuple[Any, Any]] = []

    def later(work: Any, done: Any, failed: Any) -> None:
        pending.append((work, done))

    source = FakeSource()
    model = PaperTableModel(source.load, source.count, runner=later)
    model.set_query(PaperQuery(text="Sprachcafé"))
    model.set_query(PaperQuery())
    newer_work, newer_done = pending.pop()
    older_work, older_done = pending.pop()
    newer_done(newer_work())
    older_done(older_work())  # arrives last
    assert model.total == 1500
    assert model.data(model.index(0, COL_TITLE)) == "Vorlage 1500 Sprachcafé"
    assert model.data(model.index(1, COL_TITLE)) == "Vorlage 1499"
