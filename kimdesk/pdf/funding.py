"""Per-year rows of the Fördermodule section, from the domain's funding computation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.funding.figures import compute_module
from kimdesk.domain.model import FundingModule


@dataclass(frozen=True, slots=True)
class FundingYear:
    year: int
    component: str
    posts: Decimal
    #: Annual grant plus, in the first year, the one-off grant.
    grant: Decimal
    own_contribution: Decimal


def funding_years(modules: list[FundingModule]) -> list[FundingYear]:
    """One row per module and year, sorted by year, then in the modules' order.

    Modules that cannot be computed (no rate snapshot yet, invalid period …) give no rows; the
    section names them instead.
    """
    rows: list[tuple[int, int, FundingYear]] = []
    for index, module in enumerate(modules):
        try:
            figures = compute_module(module)
        except ValidationError:
            continue
        label = module_label(module)
        for row in figures.rows:
            rows.append(
                (
                    row.year,
                    index,
                    FundingYear(
                        row.year,
                        label if row.months == 12 else f"{label} ({months_text(row.months)})",
                        module.posts,
                        row.total_grant,
                        row.own_contribution,
                    ),
                )
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def months_text(months: int) -> str:
    return "1 Monat" if months == 1 else f"{months} Monate"


def module_label(module: FundingModule) -> str:
    """ "KIM NRW – Baustein 3: …" from the rate snapshot, else the catalogue ids."""
    if module.rate is not None and module.rate.label:
        return module.rate.label
    return " – ".join(part for part in (module.programme, module.component) if part)


def computable(module: FundingModule) -> bool:
    try:
        compute_module(module)
    except ValidationError:
        return False
    return True
