"""Fördermodule: the KIM Bausteine applied for, live figures, and "Tabelle übernehmen"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.model import FundingModule
from kimdesk.l10n.i18n import _
from kimdesk.ui.editor.funding_model import (
    COL_COMPONENT,
    COL_EXTRA,
    COL_GRANT,
    COL_OWN,
    COL_POSTS,
    COL_YEARS,
    FIELDS,
    FundingDelegate,
    FundingModel,
)
from kimdesk.ui.editor.row_table import RowTableView

__all__ = ["COL_COMPONENT", "COL_EXTRA", "COL_GRANT", "COL_OWN", "COL_POSTS", "COL_YEARS", "FundingEditor"]


class FundingEditor(QWidget):
    """The rows live in ``model`` (plain ``FundingRow``s); ``changed(key)`` fires on every edit."""

    changed = Signal(str)
    structure_changed = Signal(str)
    take_over = Signal()

    def __init__(self, catalogue: FundingCatalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.model = FundingModel(catalogue, self)
        self.model.wrapped_headers = True  # before the view measures its header
        self.choices = self.model.choices
        self.table = RowTableView(self.model, FundingDelegate(self.model, self), self)
        self.model.edited.connect(
            lambda row, column: self.changed.emit(f"funding:{self.model.row(row).key}:{FIELDS[column]}")
        )
        self.table.setAccessibleName(_("Fördermodule"))
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.verticalHeader().setVisible(True)
        # The columns share the width and the headings take two lines: the table fits a narrow window
        # (1024 px, 150 % text) without a scroll bar of its own inside the scrolling form.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Eigenanteil") + 14)
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft
            | Qt.AlignmentFlag.AlignVCenter
            | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap)
        )
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName(_("Summen der Fördermodule"))
        self.add_button = QPushButton(_("F&ördermodul hinzufügen"), self)
        self.remove_button = QPushButton(_("Fördermodul entfe&rnen"), self)
        self.take_button = QPushButton(_("&Tabelle übernehmen"), self)
        self.take_button.setToolTip(
            _("Die Beträge der Fördermodule in die Tabelle der finanziellen Auswirkungen übernehmen")
        )
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.take_button.clicked.connect(self.take_over)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.take_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def set_value(self, modules: list[FundingModule]) -> None:
        self.model.set_modules(modules)
        self.value()

    def value(self) -> tuple[list[FundingModule], list[str]]:
        """The modules and their problems; the grant column and the totals show the figures."""
        reading = self.model.read()
        self.totals.setText(reading.totals)
        return reading.modules, reading.problems

    def add_row(self) -> None:
        year = date.today().year
        programme, component = (self.choices[0][0], self.choices[0][1]) if self.choices else ("", "")
        module = FundingModule(
            programme=programme, component=component, posts=Decimal("1"), start_year=year, end_year=year + 2
        )
        self.model.insert_row(self.model.rowCount(), self.model.row_of(module))
        self.table.selectRow(self.model.rowCount() - 1)
        self.structure_changed.emit(_("Fördermodul hinzufügen"))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.model.remove_row(row)
            self.structure_changed.emit(_("Fördermodul entfernen"))

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.take_button):
            button.setEnabled(not read_only)
