"""Property tests: derived cells always satisfy the rules; overrides survive save/load and export."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kimdesk.domain.codec import paper_from_data, paper_to_data
from kimdesk.domain.funding.catalogue import FundingCatalogue, attach_rate
from kimdesk.domain.funding.catalogue_data import catalogue_from_data
from kimdesk.domain.funding.figures import compute_module
from kimdesk.domain.funding.proposal import (
    DERIVED_CELLS,
    apply_proposal,
    disagreeing_overrides,
    override_cell,
    propose_cells,
)
from kimdesk.domain.model import (
    Cell,
    FinanceRow,
    FinancialImpact,
    FundingModule,
    OwnContribution,
    Paper,
    Period,
)
from kimdesk.domain.money import MAX_AMOUNT, round_cents
from kimdesk.domain.validation import validate_financial_impact
from kimdesk.resources import resource_path

with resource_path("funding", "kim-nrw.json").open(encoding="utf-8") as _handle:
    CATALOGUE: FundingCatalogue = catalogue_from_data(json.load(_handle))

COMPONENTS = [c.component_id for c in CATALOGUE.programme("kim-nrw").components]
posts = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1000"), places=3)
own_contributions = st.decimals(min_value=0, max_value=Decimal("10000000"), places=2)
cells = st.sampled_from([(row, period) for row in FinanceRow for period in Period])
amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2)


@st.composite
def modules(draw: st.DrawFn) -> FundingModule:
    start = draw(st.integers(2020, 2030))
    return attach_rate(
        FundingModule(
            programme="kim-nrw",
            component=draw(st.sampled_from(COMPONENTS)),
            posts=draw(posts),
            start_year=start,
            end_year=start + draw(st.integers(0, 5)),
            own_sources=[OwnContribution(draw(own_contributions))],
        ),
        CATALOGUE,
    )


module_lists = st.lists(modules(), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(module_lists, st.booleans())
def test_derived_cells_always_satisfy_the_rules(mods: list[FundingModule], budget: bool) -> None:
    proposal = propose_cells(mods)
    impact = apply_proposal(FinancialImpact(budget_available=budget), proposal)
    assert validate_financial_impact(impact) == []
    assert set(proposal) <= DERIVED_CELLS


@settings(max_examples=60, deadline=None)
@given(modules())
def test_grant_is_exact_to_the_cent(module: FundingModule) -> None:
    assert module.rate is not None
    figures = compute_module(module)
    exact = module.posts * module.rate.annual_per_post
    assert figures.annual_grant == round_cents(exact)
    assert abs(figures.annual_grant - exact) <= Decimal("0.005")
    assert figures.total_annual_grants == figures.annual_grant * len(module.years)


@settings(max_examples=40, deadline=None)
@given(module_lists, st.dictionaries(cells, st.one_of(st.none(), amounts), max_size=4), st.booleans())
def test_overrides_survive_save_load_and_export(
    mods: list[FundingModule], typed: dict[Cell, Decimal | None], budget: bool
) -> None:
    proposal = propose_cells(mods)
    impact = apply_proposal(FinancialImpact(budget_available=budget), proposal)
    for cell, value in typed.items():
        impact = override_cell(impact, cell, value, proposal.get(cell))
    paper = Paper(title="KIM", funding_modules=mods, financial_impact=impact)

    # Export is JSON text; loading it back must give the same figures and marks.
    loaded = paper_from_data(json.loads(json.dumps(paper_to_data(paper))), {}, {})
    assert loaded.financial_impact.amounts == impact.amounts
    assert loaded.financial_impact.overridden == impact.overridden
    assert loaded.funding_modules == mods
    assert propose_cells(loaded.funding_modules) == proposal
    # Computing again after loading with "behalten" for every listed override keeps every typed
    # figure; an emptied cell or the computed figure typed again simply follows the computation.
    listed = {d.cell for d in disagreeing_overrides(loaded.financial_impact, proposal)}
    again = apply_proposal(loaded.financial_impact, propose_cells(loaded.funding_modules), keep=listed)
    for cell, value in typed.items():
        differs = value is not None and value != proposal.get(cell)
        assert again.amounts.get(cell) == (value if differs else proposal.get(cell))
        assert (cell in again.overridden) == differs
