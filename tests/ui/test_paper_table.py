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

    def __init__(self, rows: list[PaperSummary] | None = None) -> None:
        self.rows = ROWS if rows is None else rows
        self.loads: list[PaperQuery] = []
        self.counts: list[int | None] = []

    def _matching(self, query: PaperQuery) -> list[PaperSummary]:
        return [r for r in self.rows if query.text.casefold() in r.title.casefold()]

    def load(self, query: PaperQuery) -> list[PaperSummary]:
        self.loads.append(query)
        rows = self._matching(query)
        end = None if query.limit is None else query.offset + query.limit
        return rows[query.offset : end]

    def count(self, query: PaperQuery, at_most: int | None = None) -> int:
        self.counts.append(at_most)
        number = len(self._matching(query))
        return number if at_most is None else min(number, at_most)


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
    model.fetch_all(lambda: None, 20000)
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


def _many(number: int) -> list[PaperSummary]:
    return [
        replace(ROWS[0], id=uuid.uuid4(), reference=f"26/{n:05d}", title=f"Vorlage {n}")
        for n in range(number)
    ]


def _page(qtbot: Any, source: FakeSource) -> Any:
    from kimdesk.ui.paper_list import PaperListPage

    page = PaperListPage()
    qtbot.addWidget(page)
    page.set_model(PaperTableModel(source.load, source.count, runner=run_now))
    return page


def test_a_search_with_many_matches_says_more_than_2000_until_the_end_is_reached(qtbot: Any) -> None:
    """The list never counts all of 4.321 matches, never shows a wrong number, and scrolling reaches
    every match, after which it knows the number."""
    source = FakeSource(_many(4321))
    page = _page(qtbot, source)
    model = page.model
    assert page.count_label.text() == "mehr als 2.000 Vorlagen"
    assert model.rowCount() == 200 and model.canFetchMore()
    for _ in range(10):
        model.fetchMore()
    assert model.rowCount() == 2200
    assert page.count_label.text() == "mehr als 2.200 Vorlagen"  # one row more was read: it exists
    while model.canFetchMore():
        model.fetchMore()
    assert page.count_label.text() == "4.321 Vorlagen"
    assert [model.summary(n).reference for n in range(model.rowCount())] == [r.reference for r in source.rows]
    assert source.counts and set(source.counts) == {2001}  # only ever counted up to 2.001


def test_up_to_2000_matches_the_number_is_exact_at_once(qtbot: Any) -> None:
    source = FakeSource(_many(2000))
    page = _page(qtbot, source)
    assert page.count_label.text() == "2.000 Vorlagen" and page.model.exact
    page.search.setText("Vorlage 19")  # 19, 190–199, 1900–1999
    page.apply_query()
    assert page.count_label.text() == "111 Vorlagen"
    assert page.model.rowCount() == 111 and not page.model.canFetchMore()


def test_sorting_loads_every_match_or_says_why_not(qtbot: Any) -> None:
    source = FakeSource(_many(4321))
    page = _page(qtbot, source)
    page._sort_clicked(COL_TITLE)
    assert page.model.rowCount() == 4321 and page.model.exact  # all loaded, then sorted
    assert page.count_label.text() == "4.321 Vorlagen"
    assert page.proxy.index(0, COL_TITLE).data() == "Vorlage 0"
    too_many = FakeSource(_many(20001))
    page = _page(qtbot, too_many)
    loads = len(too_many.loads)
    page._sort_clicked(COL_TITLE)
    assert page.count_label.text().startswith("Sortieren geht bis 20.000 Treffer")
    assert len(too_many.loads) == loads and page.model.rowCount() == 200  # nothing loaded for it
    assert too_many.counts[-1] == 20001  # counted only up to the limit
