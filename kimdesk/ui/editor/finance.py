"""Finanzielle Auswirkungen: keine/folgende, the NKF table as a grid of amounts, live sums, budget."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.funding.proposal import DERIVED_CELLS, override_cell, take_computed
from kimdesk.domain.model import Cell, FinanceRow, FinancialImpact, ImpactChoice, Period, cell_label
from kimdesk.l10n.formatting import format_money
from kimdesk.l10n.i18n import N_, _
from kimdesk.ui.editor.finance_cells import FinanceCellEdit

GROUPS = [
    (
        N_("Ergebnisrechnung"),
        [
            FinanceRow.INCOME,
            FinanceRow.INCOME_GRANTS,
            FinanceRow.EXPENSE,
            FinanceRow.EXPENSE_PERSONNEL,
            FinanceRow.EXPENSE_MATERIAL,
            FinanceRow.EXPENSE_TRANSFER,
        ],
    ),
    (
        N_("Investiver Finanzplan"),
        [
            FinanceRow.INVESTMENT_RECEIPTS,
            FinanceRow.INVESTMENT_GRANTS,
            FinanceRow.INVESTMENT_THIRD_PARTY,
            FinanceRow.INVESTMENT_PAYMENTS,
        ],
    ),
]


class ChoiceButtons(QWidget):
    """Two exclusive radio buttons that may both be off (nothing ticked yet)."""

    changed = Signal()

    def __init__(self, first: str, second: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QRadioButton(first, self)
        self.second = QRadioButton(second, self)
        self.first.setAccessibleName(f"{accessible_name}: {first.replace('&', '')}")
        self.second.setAccessibleName(f"{accessible_name}: {second.replace('&', '')}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.first, 0)
        self.group.addButton(self.second, 1)
        self.group.idToggled.connect(self._toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addStretch(1)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        blocker = self.group.blockSignals(True)
        self.group.setExclusive(False)
        self.first.setChecked(value == 0)
        self.second.setChecked(value == 1)
        self.group.setExclusive(True)
        self.group.blockSignals(blocker)


class FinanceEditor(QWidget):
    """The NKF table; a figure typed over one the funding modules propose is marked overridden.

    ``computed`` gives the figures the funding modules propose now, or None when the Vorlage has no
    modules (then nothing is computed and nothing can be overridden). An overridden cell is tinted,
    carries a "*" and tells its computed figure; „Berechneten Wert übernehmen“ is one undo step
    (``committed``). A computed cell cannot be left empty: on leaving it the computed figure returns.
    """

    changed = Signal(str)
    committed = Signal(str)

    def __init__(
        self, computed: Callable[[], dict[Cell, Decimal] | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.computed = computed
        self.read_only = False
        self.overridden: set[Cell] = set()
        self.choice = ChoiceButtons(_("keine"), _("folgende"), _("Finanzielle Auswirkungen"), self)
        self.choice.changed.connect(lambda: self.changed.emit(""))
        self.cells: dict[Cell, FinanceCellEdit] = {}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        row_number = 0
        for title, rows in GROUPS:
            heading = QLabel(f"<b>{_(title)}</b>")
            grid.addWidget(heading, row_number, 0)
            grid.addWidget(QLabel(_("einmalig €")), row_number, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(_("jährlich €")), row_number, 2, Qt.AlignmentFlag.AlignRight)
            row_number += 1
            for finance_row in rows:
                indent = "      " if finance_row.parent is not None else ""
                label = QLabel(indent + _(finance_row.label))
                label.setWordWrap(True)
                grid.addWidget(label, row_number, 0)
                for column, period in enumerate(Period, start=1):
                    cell = (finance_row, period)
                    edit = FinanceCellEdit(_(cell_label(cell)), self)
                    edit.textChanged.connect(lambda _t, c=cell: self._typed(c))
                    edit.editingFinished.connect(lambda c=cell: self._left(c))
                    edit.take_computed.connect(lambda c=cell: self.take_computed(c))
                    self.cells[(finance_row, period)] = edit
                    grid.addWidget(edit, row_number, column)
                    if column == 1:
                        label.setBuddy(edit)
                row_number += 1
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(_("Hinweis zur Tabelle"))
        self.hint.hide()
        self.sums = QLabel(self)
        self.sums.setWordWrap(True)
        self.sums.setAccessibleName(_("Summen"))
        self.budget = ChoiceButtons(
            _("zur Verfügung"), _("nicht zur Verfügung"), _("Haushaltsmittel stehen"), self
        )
        self.budget.changed.connect(lambda: self.changed.emit(""))
        budget_row = QHBoxLayout()
        budget_row.addWidget(QLabel(_("Haushaltsmittel stehen:")))
        budget_row.addWidget(self.budget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        layout.addWidget(self.sums)
        layout.addLayout(budget_row)

    def _typed(self, cell: Cell) -> None:
        """The clerk typed in ``cell``: a figure other than the computed one is an override."""
        value, error = self.cells[cell].value()
        computed = self.computed()
        if error is None and cell in DERIVED_CELLS and computed is not None:
            impact = override_cell(self._read()[0], cell, value, computed.get(cell))
            self.overridden = impact.overridden
            self._mark(cell, computed)
        self.changed.emit(f"cell:{cell}")

    def _left(self, cell: Cell) -> None:
        """Leaving an emptied computed cell brings the computed figure back (0 means "kein Betrag")."""
        edit = self.cells[cell]
        computed = self.computed()
        if edit.text().strip() or self.read_only or cell not in DERIVED_CELLS or computed is None:
            return
        figure = computed.get(cell)
        if figure is None:
            return
        edit.set_value(figure)
        self.hint.setText(
            _(
                "„{cell}“ wird aus den Fördermodulen berechnet und bleibt nicht leer: der berechnete "
                "Wert ist wieder eingesetzt. Für „kein Betrag“ bitte 0 eintragen."
            ).format(cell=_(cell_label(cell)))
        )
        self.hint.show()

    def take_computed(self, cell: Cell) -> None:
        """„Berechneten Wert übernehmen“: the override of ``cell`` goes, the computed figure returns."""
        computed = self.computed()
        if self.read_only or computed is None or cell not in self.overridden:
            return
        impact = take_computed(self._read()[0], cell, computed.get(cell))
        self.overridden = impact.overridden
        edit = self.cells[cell]
        blocker = edit.blockSignals(True)
        edit.set_value(impact.amounts.get(cell))
        edit.blockSignals(blocker)
        self._mark(cell, computed)
        self.committed.emit(_("Berechneten Wert übernehmen"))

    def refresh_marks(self) -> None:
        """Mark the overridden cells, each with the figure computed from the modules as they are now."""
        computed = self.computed() or {}
        for cell in self.cells:
            self._mark(cell, computed)

    def _mark(self, cell: Cell, computed: dict[Cell, Decimal]) -> None:
        edit = self.cells[cell]
        edit.show_override(cell in self.overridden, computed.get(cell))
        edit.take_action.setEnabled(edit.overridden and not self.read_only)

    def value(self) -> tuple[FinancialImpact, list[str]]:
        impact, problems = self._read()
        self._show_sums(impact)
        return impact, problems

    def _read(self) -> tuple[FinancialImpact, list[str]]:
        amounts: dict[Cell, Decimal] = {}
        problems: list[str] = []
        for cell, edit in self.cells.items():
            value, error = edit.value()
            if error:
                problems.append(error)
            elif value is not None:
                amounts[cell] = value
        choice = self.choice.value()
        budget = self.budget.value()
        impact = FinancialImpact(
            choice=None if choice is None else (ImpactChoice.NONE if choice == 0 else ImpactChoice.FOLLOWING),
            amounts=amounts,
            overridden=set(self.overridden),
            budget_available=None if budget is None else budget == 0,
        )
        return impact, problems

    def set_value(self, impact: FinancialImpact) -> None:
        # An override without an amount (saved by an older kimdesk) is none: it is never printed.
        self.overridden = {cell for cell in impact.overridden if cell in impact.amounts}
        self.choice.set_value(
            None if impact.choice is None else (0 if impact.choice is ImpactChoice.NONE else 1)
        )
        for cell, edit in self.cells.items():
            blocker = edit.blockSignals(True)
            edit.set_value(impact.amounts.get(cell))
            edit.blockSignals(blocker)
        budget = impact.budget_available
        self.budget.set_value(None if budget is None else (0 if budget else 1))
        self.hint.hide()
        self.refresh_marks()
        self._show_sums(impact)

    def _show_sums(self, impact: FinancialImpact) -> None:
        def amount(row: FinanceRow, period: Period) -> Decimal:
            return impact.amounts.get((row, period)) or Decimal("0.00")

        parts = []
        for period in Period:
            result = amount(FinanceRow.INCOME, period) - amount(FinanceRow.EXPENSE, period)
            invest = amount(FinanceRow.INVESTMENT_RECEIPTS, period) - amount(
                FinanceRow.INVESTMENT_PAYMENTS, period
            )
            parts.append(
                _("{period}: Ergebnis {result}, investiv {invest}").format(
                    period=_(period.label), result=format_money(result), invest=format_money(invest)
                )
            )
        self.sums.setText(_("Saldo") + " – " + "; ".join(parts))

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (self.choice, self.budget):
            widget.setEnabled(not read_only)
        for edit in self.cells.values():
            edit.setReadOnly(read_only)
        self.refresh_marks()
