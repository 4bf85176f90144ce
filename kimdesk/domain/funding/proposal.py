"""The NKF table proposed from the funding modules, and the clerk's overrides of it.

Mapping onto the NKF table (:func:`propose_cells`); "jährlich" is one year's figure, and where
modules cover different years it is the figure of the year with the highest sum:

=====================================================  =============================================
Cell                                                   Proposed figure
=====================================================  =============================================
Ertrag jährlich                                        sum of the annual grants
Ertrag jährlich, darin Zuwendungen und Zuschüsse       the same
Ertrag einmalig                                        sum of the one-off grants (workplaces)
Ertrag einmalig, darin Zuwendungen und Zuschüsse       the same
Aufwand jährlich                                       sum of the annual personnel expense
Aufwand jährlich, darin Personalaufwand                the same
Aufwand einmalig                                       sum of the one-off workplace costs
Aufwand einmalig, darin Sach- und Dienstleistungen     the same
=====================================================  =============================================

Cells with a zero figure are not proposed (``amounts`` holds only filled cells).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from kimdesk.domain.funding.figures import compute_module, yearly_totals
from kimdesk.domain.model import Cell, FinanceRow, FinancialImpact, FundingModule, ImpactChoice, Period
from kimdesk.domain.money import ZERO

#: Every cell that :func:`propose_cells` may fill.
DERIVED_CELLS: frozenset[Cell] = frozenset(
    {
        (FinanceRow.INCOME, Period.ANNUAL),
        (FinanceRow.INCOME_GRANTS, Period.ANNUAL),
        (FinanceRow.INCOME, Period.ONE_OFF),
        (FinanceRow.INCOME_GRANTS, Period.ONE_OFF),
        (FinanceRow.EXPENSE, Period.ANNUAL),
        (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL),
        (FinanceRow.EXPENSE, Period.ONE_OFF),
        (FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF),
    }
)


def propose_cells(modules: Sequence[FundingModule]) -> dict[Cell, Decimal]:
    """The NKF cells derived from the modules (see the module docstring for the mapping).

    Every module needs its rate snapshot (:func:`attach_rate`); ValidationError naming the module if not.
    """
    figures = [compute_module(m, f"Fördermodul {n}") for n, m in enumerate(modules, start=1)]
    if not figures:
        return {}
    per_year = yearly_totals(figures)
    annual_income = max((row.grant for row in per_year), default=ZERO)
    annual_expense = max((row.personnel_expense for row in per_year), default=ZERO)
    one_off = sum((f.one_off for f in figures), ZERO)
    proposal: dict[Cell, Decimal] = {
        (FinanceRow.INCOME, Period.ANNUAL): annual_income,
        (FinanceRow.INCOME_GRANTS, Period.ANNUAL): annual_income,
        (FinanceRow.INCOME, Period.ONE_OFF): one_off,
        (FinanceRow.INCOME_GRANTS, Period.ONE_OFF): one_off,
        (FinanceRow.EXPENSE, Period.ANNUAL): annual_expense,
        (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL): annual_expense,
        (FinanceRow.EXPENSE, Period.ONE_OFF): one_off,
        (FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF): one_off,
    }
    return {cell: value for cell, value in proposal.items() if value != 0}


def apply_proposal(impact: FinancialImpact, proposal: Mapping[Cell, Decimal]) -> FinancialImpact:
    """The impact with the proposed figures filled in; a new object.

    Overridden cells stay as the clerk typed them. Derived cells that the proposal no longer fills
    (a module was removed) are cleared unless overridden; other cells the clerk filled are kept.
    An empty proposal (no modules) changes nothing. Anything proposed sets the box to "folgende".
    """
    if not proposal:
        return FinancialImpact(
            impact.choice, dict(impact.amounts), set(impact.overridden), impact.budget_available
        )
    amounts = {
        cell: value
        for cell, value in impact.amounts.items()
        if cell in impact.overridden or cell not in DERIVED_CELLS
    }
    for cell, value in proposal.items():
        if cell not in impact.overridden:
            amounts[cell] = value
    return FinancialImpact(
        choice=ImpactChoice.FOLLOWING,
        amounts=amounts,
        overridden=set(impact.overridden),
        budget_available=impact.budget_available,
    )


def override_cell(impact: FinancialImpact, cell: Cell, value: Decimal | None) -> FinancialImpact:
    """The clerk types over a cell: the value (or an emptied cell) is kept and marked overridden."""
    amounts = dict(impact.amounts)
    if value is None:
        amounts.pop(cell, None)
    else:
        amounts[cell] = value
    return FinancialImpact(impact.choice, amounts, {*impact.overridden, cell}, impact.budget_available)
