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

from kimdesk.domain.funding.proposal import DERIVED_CELLS, override_cell
from kimdesk.domain.model import Cell, FinanceRow, FinancialImpact, ImpactChoice, Period, cell_label
from kimdesk.l10n.formatting import format_money
from kimdesk.l10n.i18n import N_, _
from kimdesk.ui.editor.widgets import MoneyEdit

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

    ``proposing`` tells whether the Vorlage has funding modules (only then are figures proposed).
    """

    changed = Signal(str)

    def __init__(self, proposing: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposing = proposing
        self.overridden: set[Cell] = set()
        self.choice = ChoiceButtons(_("&keine"), _("&folgende"), _("Finanzielle Auswirkungen"), self)
        self.choice.changed.connect(lambda: self.changed.emit(""))
        self.cells: dict[Cell, MoneyEdit] = {}
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
                    edit = MoneyEdit(_(cell_label((finance_row, period))), self)
                    edit.textChanged.connect(lambda _t, c=(finance_row, period): self._typed(c))
                    self.cells[(finance_row, period)] = edit
                    grid.addWidget(edit, row_number, column)
                    if column == 1:
                        label.setBuddy(edit)
                row_number += 1
        self.sums = QLabel(self)
        self.sums.setWordWrap(True)
        self.sums.setAccessibleName(_("Summen"))
        self.budget = ChoiceButtons(
            _("zur &Verfügung"), _("&nicht zur Verfügung"), _("Haushaltsmittel stehen"), self
        )
        self.budget.changed.connect(lambda: self.changed.emit(""))
        budget_row = QHBoxLayout()
        budget_row.addWidget(QLabel(_("Haushaltsmittel stehen:")))
        budget_row.addWidget(self.budget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addLayout(grid)
        layout.addWidget(self.sums)
        layout.addLayout(budget_row)

    def _typed(self, cell: Cell) -> None:
        """The clerk typed in ``cell``: over a proposed figure that is an override (emptying too)."""
        value, error = self.cells[cell].value()
        if error is None and cell in DERIVED_CELLS and self.proposing():
            self.overridden = override_cell(self._read()[0], cell, value).overridden
        self.changed.emit(f"cell:{cell}")

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
        self.overridden = set(impact.overridden)
        self.choice.set_value(
            None if impact.choice is None else (0 if impact.choice is ImpactChoice.NONE else 1)
        )
        for cell, edit in self.cells.items():
            blocker = edit.blockSignals(True)
            edit.set_value(impact.amounts.get(cell))
            edit.blockSignals(blocker)
        budget = impact.budget_available
        self.budget.set_value(None if budget is None else (0 if budget else 1))
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
        for widget in (self.choice, self.budget):
            widget.setEnabled(not read_only)
        for edit in self.cells.values():
            edit.setReadOnly(read_only)
