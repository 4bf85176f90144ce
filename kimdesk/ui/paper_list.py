"""The Vorlagen list page: search field, filters and the lazily loaded table."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.masterdata import Organization
from kimdesk.domain.model import PaperStatus
from kimdesk.l10n.i18n import _
from kimdesk.services.list_head import ListHead
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.ui.paper_table import (
    COL_COMMITTEE,
    COL_DEPARTMENT,
    COL_MEETING,
    COL_MODIFIED,
    COL_REFERENCE,
    COL_STATUS,
    COL_TITLE,
    SORT_ROLE,
    PaperTableModel,
)

SEARCH_DELAY_MS = 250
#: Sorting happens in the proxy, over loaded rows; above this many matches it would mean loading them all.
SORT_LIMIT = 20000


class PaperListPage(QWidget):
    open_requested = Signal(uuid.UUID)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: PaperTableModel | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Suchen nach Nr., Betrifft oder Text der Begründung …"))
        self.search.setAccessibleName(_("Suche"))
        self.search.setClearButtonEnabled(True)
        self.year = QComboBox()
        self.year.setAccessibleName(_("Jahr"))
        self.year.addItem(_("Alle Jahre"), None)
        for year in range(date.today().year + 1, 2009, -1):
            self.year.addItem(str(year), year)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Alle Status"), None)
        for status in PaperStatus:
            self.status.addItem(_(status.label), status.value)
        self.committee = QComboBox()
        self.committee.setAccessibleName(_("Gremium"))
        self.committee.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_committees([])
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Anzahl der Vorlagen"))
        self.empty_hint = QLabel(
            _(
                "Noch keine Vorlagen – Neue Vorlage mit Datei → Neu (Strg+N), oder das Amt zuerst "
                "einrichten: Datei → Einrichtungsassistent …"
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName(_("Hinweis"))
        self.empty_hint.setStyleSheet("background: #dcecff; color: #0b2e59; padding: 8px;")
        self.empty_hint.hide()

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DELAY_MS)
        self.debounce.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.search.returnPressed.connect(self.apply_query)
        # As in a council information system's search: ↓ goes from the search field into the results.
        to_results = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        to_results.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_results.activated.connect(self._to_results)
        for box in (self.year, self.status, self.committee):
            box.currentIndexChanged.connect(lambda _i: self.apply_query())

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(_("Vorlagen"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the next control, arrows move in the list
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().lineSpacing() + 8)
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSectionsClickable(True)
        self.view.horizontalHeader().sectionClicked.connect(self._sort_clicked)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.doubleClicked.connect(lambda _i: self._open_current())
        self.view.activated.connect(lambda _i: self._open_current())

        filters = QHBoxLayout()
        search_label = QLabel(_("&Suche:"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 3)
        for text, box in (
            (_("&Jahr:"), self.year),
            (_("S&tatus:"), self.status),
            (_("&Gremium:"), self.committee),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_committees(self, committees: list[Organization]) -> None:
        current = self.committee.currentData()
        blocker = self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItem(_("Alle Gremien"), None)
        for org in committees:
            self.committee.addItem(org.name, str(org.id))
        index = self.committee.findData(current)
        self.committee.setCurrentIndex(max(index, 0))
        self.committee.blockSignals(blocker)

    def set_model(
        self,
        model: PaperTableModel,
        *,
        first: ListHead | None = None,
    ) -> None:
        """Show ``model``; ``first`` is the unfiltered list's head (count and first page) if already read."""
        self.model = model
        model.on_change = self._update_count
        self.proxy.setSourceModel(model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.selection_changed.emit())
        if first is not None and self.query() == PaperQuery():
            self._reset_sort()
            model.set_query(PaperQuery(), first)
        else:
            self.apply_query()
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        header.resizeSection(COL_REFERENCE, metrics.horizontalAdvance("00/00000") + 24)
        samples = {
            COL_DEPARTMENT: "Amt für Integration",
            COL_COMMITTEE: "Integrationsrat",
            COL_MEETING: "00.00.00000",
            COL_STATUS: "In Mitzeichnung",
            COL_MODIFIED: "00.00.0000, 00:00 Uhr",
        }
        bold = self.view.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        for column, sample in samples.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(title)) + 24
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

    def query(self) -> PaperQuery:
        return PaperQuery(
            text=self.search.text().strip(),
            year=self.year.currentData(),
            status=PaperStatus(status) if (status := self.status.currentData()) else None,
            committee_id=uuid.UUID(committee) if (committee := self.committee.currentData()) else None,
        )

    def filter_text(self) -> str:
        """The filter in words, as the clerk set it: „Suche „Sprachcafé“, Jahr: 2020“."""
        text = self.search.text().strip()
        parts = [_("Suche „{text}“").format(text=text)] if text else []
        boxes = ((_("Jahr"), self.year), (_("Status"), self.status), (_("Gremium"), self.committee))
        for label, box in boxes:
            if box.currentData():
                parts.append(f"{label}: {box.currentText()}")
        return ", ".join(parts)

    def _reset_sort(self) -> None:
        self._sort_column = -1
        self.proxy.sort(-1)
        self.view.horizontalHeader().setSortIndicatorShown(False)

    def apply_query(self) -> None:
        self.debounce.stop()
        if self.model is None:
            return
        self._reset_sort()
        self.model.set_query(self.query())

    def reload(self) -> None:
        """Re-read the list off the GUI thread (after a change: the window keeps responding)."""
        if self.model is not None:
            self.model.reload()

    def _update_count(self) -> None:
        total = self.model.total if self.model else 0
        self.empty_hint.setVisible(self.model is not None and not total and self.query() == PaperQuery())
        if self.model is not None and not self.model.exact:
            # ``total`` Vorlagen are known to exist, so more than ``total - 1``; the exact number
            # is known once the list is scrolled to its end
            text = _("mehr als {n} Vorlagen").format(n=_german_number(total - 1))
        else:
            text = (_("{n} Vorlage") if total == 1 else _("{n} Vorlagen")).format(n=_german_number(total))
        self.count_label.setText(text)

    def _sort_clicked(self, column: int) -> None:
        if self.model is None:
            return
        if self.model.total > SORT_LIMIT:
            self._too_many_to_sort()
            return
        self.model.fetch_all(lambda: self._sort_by(column), SORT_LIMIT, self._too_many_to_sort)

    def _too_many_to_sort(self) -> None:
        self.count_label.setText(
            _(
                "Sortieren geht bis {limit} Treffer – bitte die Suche eingrenzen. (Die Liste zeigt die "
                "neuesten zuerst.)"
            ).format(limit=_german_number(SORT_LIMIT))
        )

    def _sort_by(self, column: int) -> None:
        if self._sort_column == column:
            self._sort_order = (
                Qt.SortOrder.DescendingOrder
                if self._sort_order is Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            self._sort_column = column
            self._sort_order = Qt.SortOrder.AscendingOrder
        self.proxy.sort(column, self._sort_order)
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, self._sort_order)

    def current_summary(self) -> PaperSummary | None:
        index = self.view.currentIndex()
        if not index.isValid() or self.model is None:
            return None
        source = self.proxy.mapToSource(index)
        return self.model.summary(source.row())

    def _to_results(self) -> None:
        """The cursor into the list, on the selected Vorlage or else the first one."""
        if self.proxy.rowCount() == 0:
            return
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _open_current(self) -> None:
        summary = self.current_summary()
        if summary is not None:
            self.open_requested.emit(summary.id)

    def select_reference(self, reference: str) -> None:
        if self.model is None:
            return
        row = self.model.row_of(reference)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.setCurrentIndex(index)


def _german_number(number: int) -> str:
    """12345 → "12.345"."""
    return f"{number:,}".replace(",", ".")
