"""The Vorlagen list as a lazily paged table model (rows come from the database a page at a time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kimdesk.l10n.i18n import _
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.ui.tasks import Task, run_task

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


class PaperTableModel(QAbstractTableModel):
    """Counts first, then loads ``page_size`` rows whenever the view scrolls near the end."""

    PAGE_SIZE = 200

    def __init__(
        self,
        load: Callable[[PaperQuery], list[PaperSummary]],
        count: Callable[[PaperQuery], int],
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__()
        self._load = load
        self._count = count
        self.page_size = page_size
        self.query = PaperQuery()
        self.total = 0
        self._rows: list[PaperSummary] = []
        self._titles = column_titles()

    # --- loading -------------------------------------------------------------------------------
    def set_query(self, query: PaperQuery, first: tuple[int, list[PaperSummary]] | None = None) -> None:
        """Show the rows matching ``query`` (its offset/limit are ignored); loads the first page.

        ``first`` is the count and first page, if already read (off the GUI thread).
        """
        self.beginResetModel()
        self.query = replace(query, offset=0, limit=None)
        if first is not None:
            self.total, self._rows = first[0], list(first[1])
        else:
            self.total = self._count(self.query)
            self._rows = []
        self.endResetModel()
        if self.total and not self._rows:
            self.fetchMore(QModelIndex())

    def reload(self) -> None:
        """Re-read the current query, keeping as many rows loaded as before."""
        self._show(*self._read(self.query, max(len(self._rows), self.page_size)))

    def reload_in_background(self, on_done: Callable[[], None] | None = None) -> Task:
        """Like ``reload``, but read off the GUI thread; the rows change when the result arrives."""
        query, loaded = self.query, max(len(self._rows), self.page_size)

        def done(result: tuple[int, list[PaperSummary]]) -> None:
            if query == self.query:  # else the query changed meanwhile and was read anew
                self._show(*result)
            if on_done is not None:
                on_done()

        return run_task(
            lambda: self._read(query, loaded),
            done,
            lambda exc: log.warning("Liste nicht neu gelesen: %s", exc),
        )

    def _read(self, query: PaperQuery, loaded: int) -> tuple[int, list[PaperSummary]]:
        total = self._count(query)
        return total, self._load(replace(query, offset=0, limit=min(loaded, total))) if total else []

    def _show(self, total: int, rows: list[PaperSummary]) -> None:
        self.beginResetModel()
        self.total, self._rows = total, list(rows)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        start = len(self._rows)
        page = self._load(replace(self.query, offset=start, limit=self.page_size))
        if not page:
            self.total = start  # the database shrank meanwhile
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

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
                return summary.modified_at.isoformat()
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

            return format_datetime(summary.modified_at)
        return ""


def _reference_key(reference: str) -> str:
    """ "20/0270" sorts by year, then number, whatever the padding."""
    parts = reference.replace("-", "/").split("/")
    return "/".join(p.zfill(8) if p.isdigit() else p for p in parts)
