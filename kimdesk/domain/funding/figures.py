"""What a funding module costs and brings in, per year of the funding period (:func:`compute_module`).

* grant (Zuschuss) = posts × annual rate per full post, rounded half-up to the cent only if the
  product has more than two decimals;
* one-off = posts (full-time workplaces) × one-off rate per post, in the first year only;
* personnel expense = grant + own contribution (Eigenanteil, per year, all its sources): the posts cost
  what the grant covers plus what the municipality adds;
* an extra amount the catalogue lacks (``extra_amount``) is added to the grant of every year;
* a year the period covers only partly (a programme that starts 01.07.) gets grant, extra amount and
  Eigenanteil pro rata per month (× months / 12, rounded half-up to the cent); the one-off grant
  stays whole, in the first year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.domain.funding.module import module_problems
from kimdesk.domain.model import FundingModule
from kimdesk.domain.money import CENT, ZERO, round_cents


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One row of the per-year table."""

    year: int
    grant: Decimal
    personnel_expense: Decimal
    one_off: Decimal = ZERO
    own_contribution: Decimal = ZERO
    #: Months of the year in the funding period (12: a full year).
    months: int = 12

    @property
    def total_grant(self) -> Decimal:
        """Annual grant plus the one-off grant of this year."""
        return self.grant + self.one_off


@dataclass(frozen=True, slots=True)
class ModuleFigures:
    """Per-year rows and totals of one funding module (all amounts exact to the cent)."""

    rows: tuple[YearFigures, ...]
    annual_grant: Decimal
    annual_personnel_expense: Decimal
    one_off: Decimal
    own_contribution: Decimal = ZERO
    label: str = ""

    @property
    def years(self) -> list[int]:
        return [row.year for row in self.rows]

    @property
    def total_grant(self) -> Decimal:
        """Annual grants over the period plus the one-off grant."""
        return sum((row.total_grant for row in self.rows), ZERO)

    @property
    def total_annual_grants(self) -> Decimal:
        return sum((row.grant for row in self.rows), ZERO)

    @property
    def total_personnel_expense(self) -> Decimal:
        return sum((row.personnel_expense for row in self.rows), ZERO)

    @property
    def total_own_contribution(self) -> Decimal:
        return sum((row.own_contribution for row in self.rows), ZERO)


def compute_module(module: FundingModule, where: str = "Fördermodul") -> ModuleFigures:
    """Per-year grants, personnel expense and one-off costs from the module's rate snapshot."""
    problems = module_problems(module, where)
    if module.rate is None:
        problems.append(Problem(f"{where}, Pauschale", "noch keine Pauschale zugeordnet (erst berechnen)"))
    if problems:
        raise ValidationError("; ".join(str(p) for p in problems), problems)
    assert module.rate is not None
    grant = round_cents(module.posts * module.rate.annual_per_post) + module.extra_amount.quantize(CENT)
    one_off = round_cents(module.posts * module.rate.one_off_per_post)
    own = module.own_contribution.quantize(CENT)
    rows = []
    for index, year in enumerate(module.years):
        months = module.months_in(year)
        year_grant, year_own = (
            (grant, own) if months == 12 else (_pro_rata(grant, months), _pro_rata(own, months))
        )
        rows.append(
            YearFigures(
                year, year_grant, year_grant + year_own, one_off if index == 0 else ZERO, year_own, months
            )
        )
    return ModuleFigures(
        rows=tuple(rows),
        annual_grant=grant,
        annual_personnel_expense=grant + own,
        one_off=one_off,
        own_contribution=own,
        label=module.rate.label,
    )


def _pro_rata(yearly: Decimal, months: int) -> Decimal:
    return round_cents(yearly * months / 12)


def yearly_totals(figures: Iterable[ModuleFigures]) -> tuple[YearFigures, ...]:
    """The per-year rows of several modules added up, years in order."""
    by_year: dict[int, list[YearFigures]] = {}
    for figure in figures:
        for row in figure.rows:
            by_year.setdefault(row.year, []).append(row)
    return tuple(
        YearFigures(
            year,
            sum((r.grant for r in rows), ZERO),
            sum((r.personnel_expense for r in rows), ZERO),
            sum((r.one_off for r in rows), ZERO),
            sum((r.own_contribution for r in rows), ZERO),
            max(r.months for r in rows),
        )
        for year, rows in sorted(by_year.items())
    )
