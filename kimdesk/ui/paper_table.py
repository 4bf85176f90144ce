"""The Vorlagen list as a lazily paged table model (rows come from the database a page at a time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kimdesk.l10n.i18n import _
from kimdesk.services.list_head import Count, ListHead, Load, list_head
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.ui.tasks import run_task

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

COL_REFERENCE, COL_TITLE, COL_DEPARTMENT, COL_COMMITTEE, COL_MEETING, COL_STATUS, COL_MODIFIED = range(7)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def column_titles() -> list[str]:
    return [
        _("Nr."),
        _("Betrifft"),
        _("Federführendes Amt"),
        _("Gremium"),
        _("Sitzung"),
        _("Status"),
        _("Zuletzt geändert"),
    ]


#: Runs ``work`` somewhere and calls ``done(result)`` or ``failed(error)`` on the GUI thread later:
#: ``run_task`` (the thread pool) in the program, :func:`run_now` in tests of the model's logic.
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], object]


def run_now(
    work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
) -> None:
    """A runner that reads at once, on the calling thread (errors propagate)."""
    done(work())


class PaperTableModel(QAbstractTableModel):
    """Counts (up to :data:`COUNT_UP_TO`), then loads ``page_size`` rows whenever the view scrolls near
    the end.

    Every read runs through ``runner`` (off the GUI thread in the program): the view keeps responding
    while a slow database answers, and rows appear when they arrive. A result that belongs to a query
    the user has replaced meanwhile (``_generation``) is dropped.

    ``total`` is the number of matches if ``exact``; else the number known to exist („mehr als …“).
    Above :data:`COUNT_UP_TO` matches each page is read with one row more than shown: while it exists
    the list knows there are more, and the page that comes back short makes the number exact.
    """

    PAGE_SIZE = 200

    def __init__(
        self,
        load: Load,
        count: Count,
        page_size: int = PAGE_SIZE,
        runner: Runner = run_task,
    ) -> None:
        super().__init__()
        self._load = load
        self._count = count
        self._runner = runner
        self.page_size = page_size
        self.query = PaperQuery()
        self.total = 0
        self.exact = True
        self._rows: list[PaperSummary] = []
        self._titles = column_titles()
        self._generation = 0
        self._fetching = False
        #: Called after every change of ``total`` or of the rows that a read delivered.
        self.on_change: Callable[[], None] | None = None

    # --- loading -------------------------------------------------------------------------------
    def set_query(self, query: PaperQuery, first: ListHead | None = None) -> None:
        """Show the rows matching ``query`` (its offset/limit are ignored).

        ``first`` is its head (count and first page), if already read; else it is read through the runner.
        """
        self.query = replace(query, offset=0, limit=None)
        if first is not None:
            self._generation += 1
            self._show(first)
        else:
            self._read_then_show(self.page_size)

    def reload(self, on_done: Callable[[], None] | None = None) -> None:
        """Re-read the current query, keeping as many rows loaded as before."""
        self._read_then_show(max(len(self._rows), self.page_size), on_done)

    def fetch_all(
        self, on_done: Callable[[], None], at_most: int, too_many: Callable[[], None] | None = None
    ) -> None:
        """Load every row of the current query (for sorting in the view), then call ``on_done``;
        if there are more than ``at_most``, load nothing and call ``too_many``."""
        if self.exact and len(self._rows) >= self.total:
            on_done()
            return
        self._generation += 1
        generation, query, count, load = self._generation, self.query, self._count, self._load

        def read() -> ListHead | None:
            if count(query, at_most + 1) > at_most:
                return None
            rows = load(query)
            return ListHead(len(rows), True, rows)

        def done(head: ListHead | None) -> None:
            if generation != self._generation:
                return
            if head is not None:
                self._show(head)
                on_done()
                return
            if not self.exact:  # now known: more than ``at_most``
                self.total = max(self.total, at_most + 1)
                self._changed()
            if too_many is not None:
                too_many()

        self._runner(read, done, self._failed)

    def _read_then_show(self, loaded: int, on_done: Callable[[], None] | None = None) -> None:
        self._generation += 1
        generation, query, count, load = self._generation, self.query, self._count, self._load

        def done(head: ListHead) -> None:
            if generation == self._generation:  # else the query changed meanwhile and was read anew
                self._show(head)
                if on_done is not None:
                    on_done()

        self._runner(lambda: list_head(count, load, query, loaded), done, self._failed)

    def _show(self, head: ListHead) -> None:
        self.beginResetModel()
        self.total, self.exact, self._rows = head.total, head.exact, list(head.rows)
        self._fetching = False
        self.endResetModel()
        self._changed()

    def _failed(self, exc: BaseException) -> None:
        self._fetching = False
        log.warning("Liste nicht gelesen: %s", exc)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        generation, start, size = self._generation, len(self._rows), self.page_size
        # number not known: one row more tells whether more follow
        query = replace(self.query, offset=start, limit=size if self.exact else size + 1)

        def done(page: list[PaperSummary]) -> None:
            if generation != self._generation or start != len(self._rows):
                return
            self._fetching = False
            more = len(page) > size
            page = page[:size]
            if page:
                self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
            if self.exact:
                if not page:
                    self.total = start  # the database shrank meanwhile
            elif more:
                self.total = max(self.total, len(self._rows) + 1)
            else:  # the end of the list: now the number is known
                self.total, self.exact = len(self._rows), True
            self._changed()

        self._runner(lambda: self._load(query), done, self._failed)

    @property
    def loaded(self) -> int:
        return len(self._rows)

    # --- reading -------------------------------------------------------------------------------
    def summary(self, row: int) -> PaperSummary:
        return self._rows[row]

    def row_of(self, reference: str) -> int | None:
        for number, summary in enumerate(self._rows):
            if summary.reference == reference:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(summary, column)
        if role == SUMMARY_ROLE:
            return summary
        if role == SORT_ROLE:
            if column == COL_MEETING:
                return summary.meeting_date.isoformat() if summary.meeting_date else ""
            if column == COL_MODIFIED:
                return summary.modified_at.isoformat() if summary.modified_at else ""
            if column == COL_REFERENCE:
                return _reference_key(summary.reference)
            return self._text(summary, column).casefold()
        return None

    @staticmethod
    def _text(summary: PaperSummary, column: int) -> str:
        if column == COL_REFERENCE:
            return summary.reference
        if column == COL_TITLE:
            return summary.title
        if column == COL_DEPARTMENT:
            return summary.lead_department
        if column == COL_COMMITTEE:
            return summary.committee
        if column == COL_MEETING:
            from kimdesk.l10n.formatting import format_date  # Babel: loaded when rows show

            return format_date(summary.meeting_date)
        if column == COL_STATUS:
            return _(summary.status.label)
        if column == COL_MODIFIED:
            from kimdesk.l10n.formatting import format_datetime

            # Not known: imported without it and not saved in kimdesk since.
            return format_datetime(summary.modified_at) if summary.modified_at else _("unbekannt")
        return ""


def _reference_key(reference: str) -> str:
    """ "20/0270" sorts by year, then number, whatever the padding."""
    parts = reference.replace("-", "/").split("/")
    return "/".join(p.zfill(8) if p.isdigit() else p for p in parts)
