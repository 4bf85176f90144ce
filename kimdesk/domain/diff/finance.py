"""The NKF table compared cell by cell: the amount, whether it was typed over, and the computed figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kimdesk.domain.diff.text import TextDiff, diff_text
from kimdesk.domain.diff.values import money
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.funding.proposal import propose_cells, table_order
from kimdesk.domain.model import Cell, Paper, cell_label


@dataclass(frozen=True, slots=True)
class CellSide:
    """One cell in one state: the amount on the form, typed over (``overridden``) or as computed."""

    amount: Decimal | None
    overridden: bool = False
    #: What the funding modules propose for the cell (None: no modules, or none for this cell).
    computed: Decimal | None = None

    def describe(self) -> str:
        """``60.000,00 €``, ``60.000,00 € (von Hand; berechnet 50.000,00 €)``, or „leer“."""
        text = money(self.amount) if self.amount is not None else "leer"
        if self.overridden:
            computed = f"; berechnet {money(self.computed)}" if self.computed is not None else ""
            text += f" (von Hand{computed})"
        return text


@dataclass(frozen=True, slots=True)
class CellDiff:
    cell: Cell
    old: CellSide
    new: CellSide

    @property
    def row_label(self) -> str:
        return self.cell[0].label

    @property
    def period_label(self) -> str:
        return self.cell[1].label

    @property
    def label(self) -> str:
        """„Aufwand jährlich, darin Personalaufwand“."""
        return cell_label(self.cell)

    @property
    def changed(self) -> bool:
        return (self.old.amount, self.old.overridden) != (self.new.amount, self.new.overridden)

    @property
    def text(self) -> TextDiff:
        return diff_text(self.old.describe(), self.new.describe())

    def describe(self) -> str:
        """„Zeile / Spalte: alt → neu“."""
        return f"{self.row_label} / {self.period_label}: {self.old.describe()} → {self.new.describe()}"


def diff_cells(old: Paper, new: Paper) -> tuple[CellDiff, ...]:
    """Every cell filled in either state, in the order of the table."""
    old_computed, new_computed = _computed(old), _computed(new)
    cells = table_order(set(old.financial_impact.amounts) | set(new.financial_impact.amounts))
    return tuple(
        CellDiff(cell, _side(old, cell, old_computed), _side(new, cell, new_computed)) for cell in cells
    )


def _side(paper: Paper, cell: Cell, computed: dict[Cell, Decimal]) -> CellSide:
    impact = paper.financial_impact
    return CellSide(impact.amounts.get(cell), cell in impact.overridden, computed.get(cell))


def _computed(paper: Paper) -> dict[Cell, Decimal]:
    """The figures the modules propose; none when a module cannot be computed (e.g. no rate yet)."""
    try:
        return propose_cells(paper.funding_modules)
    except KimdeskError:
        return {}
