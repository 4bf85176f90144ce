"""Per-year rows of the Fördermodule section.

Stop-gap until ``kimdesk.domain.funding`` offers the computation: only ``funding_years`` needs to
change then.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kimdesk.domain.model import FundingModule


@dataclass(frozen=True, slots=True)
class FundingYear:
    year: int
    component: str
    posts: Decimal
    grant: Decimal
    own_contribution: Decimal


def funding_years(modules: list[FundingModule]) -> list[FundingYear]:
    """Grant per year = posts × annual rate, plus posts × one-off rate in the first year.

    Modules without a rate snapshot give no rows. Sorted by year, then in the modules' order.
    """
    rows: list[tuple[int, int, FundingYear]] = []
    for index, module in enumerate(modules):
        rate = module.rate
        if rate is None:
            continue
        for year in module.years:
            grant = module.posts * rate.annual_per_post
            if year == module.start_year:
                grant += module.posts * rate.one_off_per_post
            label = module.component or module.programme
            rows.append(
                (
                    year,
                    index,
                    FundingYear(
                        year, label, module.posts, grant.quantize(Decimal("0.01")), module.own_contribution
                    ),
                )
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]
