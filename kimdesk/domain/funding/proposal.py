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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
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


def apply_proposal(
    impact: FinancialImpact, proposal: Mapping[Cell, Decimal], keep: Collection[Cell] = ()
) -> FinancialImpact:
    """The impact with the proposed figures filled in; a new object.

    An override stays only if its cell is in ``keep`` (the clerk chose "behalten", see
    :func:`disagreeing_overrides`) and it still differs from the proposal; every other override is
    replaced by the computed figure, and an override equal to the new figure is no override any more.
    Derived cells that the proposal no longer fills (a module was removed) are cleared unless kept;
    other cells the clerk filled are kept. An empty proposal (no modules) changes nothing. Anything
    proposed sets the box to "folgende".
    """
    if not proposal:
        return FinancialImpact(
            impact.choice, dict(impact.amounts), set(impact.overridden), impact.budget_available
        )
    kept = {
        cell
        for cell in impact.overridden
        if cell in keep and cell in impact.amounts and impact.amounts[cell] != proposal.get(cell)
    }
    amounts = {
        cell: value for cell, value in impact.amounts.items() if cell in kept or cell not in DERIVED_CELLS
    }
    for cell, value in proposal.items():
        if cell not in kept:
            amounts[cell] = value
    return FinancialImpact(
        choice=ImpactChoice.FOLLOWING,
        amounts=amounts,
        overridden=kept,
        budget_available=impact.budget_available,
    )


@dataclass(frozen=True, slots=True)
class Disagreement:
    """An override whose typed figure differs from the newly computed one (``None``: not proposed)."""

    cell: Cell
    typed: Decimal
    computed: Decimal | None


def table_order(cells: Iterable[Cell]) -> list[Cell]:
    """Cells in the order of the NKF table: row by row, "einmalig" before "jährlich"."""
    rows, periods = list(FinanceRow), list(Period)
    return sorted(cells, key=lambda cell: (rows.index(cell[0]), periods.index(cell[1])))


def disagreeing_overrides(impact: FinancialImpact, proposal: Mapping[Cell, Decimal]) -> list[Disagreement]:
    """The overrides that "Tabelle übernehmen" would have to keep or replace, in table order.

    Overrides equal to the computed figure are not listed (they simply follow the computation);
    nothing is listed when there is no proposal (no modules: the table is not touched).
    """
    if not proposal:
        return []
    return [
        Disagreement(cell, impact.amounts[cell], proposal.get(cell))
        for cell in table_order(impact.overridden)
        if cell in impact.amounts and impact.amounts[cell] != proposal.get(cell)
    ]


def override_cell(
    impact: FinancialImpact, cell: Cell, value: Decimal | None, computed: Decimal | None = None
) -> FinancialImpact:
    """The clerk types ``value`` into a cell whose computed figure is ``computed``.

    A figure other than the computed one is kept and marked overridden. The computed figure itself,
    or an emptied cell, is no override: the cell follows the computation again (a computed cell is
    never left empty by accident – "kein Betrag" is typed as 0). A new object.
    """
    amounts = dict(impact.amounts)
    overridden = set(impact.overridden)
    if value is None or value == computed:
        overridden.discard(cell)
        if computed is None:
            amounts.pop(cell, None)
        else:
            amounts[cell] = computed
    else:
        amounts[cell] = value
        overridden.add(cell)
    return FinancialImpact(impact.choice, amounts, overridden, impact.budget_available)


def take_computed(impact: FinancialImpact, cell: Cell, computed: Decimal | None) -> FinancialImpact:
    """„Berechneten Wert übernehmen“: the override of ``cell`` is dropped, the computed figure shown."""
    return override_cell(impact, cell, None, computed)
