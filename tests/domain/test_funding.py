"""Funding catalogue, rates by date, module figures and the proposed NKF cells."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kimdesk.domain.errors import NotFoundError, ValidationError
from kimdesk.domain.funding.catalogue import FundingCatalogue, attach_rate
from kimdesk.domain.funding.catalogue_data import catalogue_from_data, catalogue_to_data
from kimdesk.domain.funding.figures import compute_module, yearly_totals
from kimdesk.domain.funding.module import parse_posts, parse_years
from kimdesk.domain.funding.proposal import (
    Disagreement,
    apply_proposal,
    disagreeing_overrides,
    override_cell,
    propose_cells,
    take_computed,
)
from kimdesk.domain.model import (
    FinanceRow,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    OwnContribution,
    Period,
    RateSnapshot,
    cell_label,
)
from kimdesk.domain.validation import validate_financial_impact
from kimdesk.resources import resource_path

B1 = "b1-coordination"
B1_ASSIST = "b1-assistance"
B2 = "b2-case-management"
B3 = "b3-immigration-offices"
INCOME_ANNUAL = (FinanceRow.INCOME, Period.ANNUAL)
GRANTS_ANNUAL = (FinanceRow.INCOME_GRANTS, Period.ANNUAL)
EXPENSE_ANNUAL = (FinanceRow.EXPENSE, Period.ANNUAL)
PERSONNEL_ANNUAL = (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)


def shipped_data() -> dict[str, Any]:
    with resource_path("funding", "kim-nrw.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.fixture(scope="module")
def catalogue() -> FundingCatalogue:
    return catalogue_from_data(shipped_data())


def module(component: str, posts: str, start: int, end: int, own: str = "0.00") -> FundingModule:
    sources = [OwnContribution(Decimal(own))] if Decimal(own) else []
    return FundingModule("kim-nrw", component, Decimal(posts), start, end, sources)


def computed(catalogue: FundingCatalogue, *args: Any) -> FundingModule:
    return attach_rate(module(*args), catalogue)


# --- the catalogue --------------------------------------------------------------------------------


def test_shipped_catalogue_holds_the_kim_rates(catalogue: FundingCatalogue) -> None:
    kim = catalogue.programme("kim-nrw")
    assert kim.name == "Kommunales Integrationsmanagement NRW"
    assert "§ 9" in kim.legal_basis
    rate = {c: catalogue.rate_for("kim-nrw", c, 2021) for c in (B1, B1_ASSIST, B2, B3)}
    assert rate[B1].annual_per_post == Decimal("57000.00")
    assert rate[B1].one_off_per_post == Decimal("5700.00")
    assert rate[B1].upper_limit
    assert rate[B1_ASSIST].annual_per_post * Decimal("0.5") == Decimal("22500.00")
    assert rate[B2].annual_per_post == Decimal("57000.00")
    assert rate[B3].annual_per_post / 2 == Decimal("25000.00")  # per half post
    assert all(r.guideline == "Richtlinie vom 25.11.2020 (MBl. NRW 2020 S. 751)" for r in rate.values())


def test_rates_are_dated_by_richtlinie(catalogue: FundingCatalogue) -> None:
    assert catalogue.rate_for("kim-nrw", B3, 2020).valid_from == date(2020, 11, 25)  # programme year 1
    assert catalogue.rate_for("kim-nrw", B3, 2024).guideline.startswith("Richtlinie vom 25.11.2020")
    assert catalogue.rate_for("kim-nrw", B3, date(2024, 12, 11)).guideline.startswith("Richtlinie vom 25.11")
    new = catalogue.rate_for("kim-nrw", B3, date(2024, 12, 12))
    assert new.guideline == "Richtlinie vom 12.12.2024 (MBl. NRW 2024 S. 1229)"
    assert "übernommen" in new.note  # carried over, and says so
    assert catalogue.rate_for("kim-nrw", B3, 2025) == new


def test_no_rate_before_the_programme_is_a_german_error(catalogue: FundingCatalogue) -> None:
    with pytest.raises(ValidationError, match=r"für 2019 gilt keine Pauschale"):
        catalogue.rate_for("kim-nrw", B3, 2019)


def test_unknown_programme_or_component_is_named(catalogue: FundingCatalogue) -> None:
    with pytest.raises(NotFoundError, match=r"Förderprogramm „kim-bw“ ist nicht im Förderkatalog"):
        catalogue.rate_for("kim-bw", B3, 2020)
    with pytest.raises(NotFoundError, match=r"Baustein „b4“ gibt es im Förderprogramm „KIM NRW“ nicht"):
        catalogue.rate_for("kim-nrw", "b4", 2020)


def test_catalogue_round_trips_through_data(catalogue: FundingCatalogue) -> None:
    assert catalogue_from_data(catalogue_to_data(catalogue)) == catalogue
    assert catalogue_to_data(catalogue) == shipped_data()


def test_a_new_rate_is_a_new_entry_without_a_release(catalogue: FundingCatalogue) -> None:
    data = shipped_data()
    b3 = next(c for c in data["programmes"][0]["components"] if c["id"] == B3)
    b3["rates"][-1]["validTo"] = "2025-12-31"
    b3["rates"].append(
        {
            "id": "kim-nrw.b3.2026",
            "validFrom": "2026-01-01",
            "annualPerPost": "60000.00",
            "guideline": "Richtlinie vom 01.12.2025",
        }
    )
    changed = catalogue_from_data(data)
    assert changed.rate_for("kim-nrw", B3, 2026).annual_per_post == Decimal("60000.00")
    assert changed.rate_for("kim-nrw", B3, 2025).annual_per_post == Decimal("50000.00")


def test_a_programme_of_the_office_is_added_or_replaces_by_id(catalogue: FundingCatalogue) -> None:
    own = catalogue_from_data(
        {
            "format": "kimdesk-funding-catalogue",
            "version": 1,
            "programmes": [
                {
                    "id": "nrw-sprachkitas",
                    "name": "Sprach-Kitas",
                    "components": [
                        {
                            "id": "fachkraft",
                            "name": "Fachkraft",
                            "rates": [
                                {
                                    "id": "sk.1",
                                    "validFrom": "2023-01-01",
                                    "annualPerPost": 25000,
                                    "guideline": "R",
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    )
    merged = catalogue.merged(own)
    assert [p.programme_id for p in merged.programmes] == ["kim-nrw", "nrw-sprachkitas"]
    assert merged.rate_for("nrw-sprachkitas", "fachkraft", 2024).annual_per_post == Decimal("25000.00")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="x"), "format: muss „kimdesk-funding-catalogue“ lauten"),
        (
            lambda d: d["programmes"][0]["components"][3]["rates"][0].update(annualPerPost="25.000,00"),
            "programmes[0].components[3].rates[0].annualPerPost: „25.000,00“ ist kein Betrag",
        ),
        (
            lambda d: d["programmes"][0]["components"][0]["rates"][1].update(validFrom="2024-02-30"),
            "programmes[0].components[0].rates[1].validFrom: „2024-02-30“ ist kein Datum",
        ),
        (
            lambda d: d["programmes"][0]["components"][1]["rates"][0].pop("validTo"),
            "programmes[0].components[1].rates: Gültigkeit von „kim-nrw.b1-assistance.2020“ und "
            "„kim-nrw.b1-assistance.2024“ überschneidet sich",
        ),
        (
            lambda d: d["programmes"][0]["components"][2].update(rate=[]),
            "programmes[0].components[2].rate: unbekanntes Feld (Tippfehler?)",
        ),
        (
            lambda d: d["programmes"][0]["components"][2]["rates"][0].update(
                id="kim-nrw.b3-immigration-offices.2020"
            ),
            "„kim-nrw.b3-immigration-offices.2020“ kommt doppelt vor",
        ),
    ],
)
def test_a_broken_catalogue_is_refused_with_the_json_path(change: Any, expected: str) -> None:
    data = copy.deepcopy(shipped_data())
    change(data)
    with pytest.raises(ValidationError) as info:
        catalogue_from_data(data)
    assert expected in info.value.message or any(expected in str(p) for p in info.value.problems)
    assert info.value.message.startswith("Förderkatalog ungültig: ")


# --- published figures ------------------------------------------------------------------------------


def test_200_half_posts_cost_the_state_five_million(catalogue: FundingCatalogue) -> None:
    # 81 Ausländerbehörden + 84 Einbürgerungsbehörden + 35 for the most long-resident foreigners.
    modules = [computed(catalogue, B3, str(Decimal("0.5") * n), 2020, 2020) for n in (81, 84, 35)]
    (year,) = yearly_totals(compute_module(m) for m in modules)
    assert year.grant == Decimal("5000000.00")
    assert propose_cells(modules)[INCOME_ANNUAL] == Decimal("5000000.00")


def test_minden_luebbecke_nine_case_managers(catalogue: FundingCatalogue) -> None:
    figures = compute_module(computed(catalogue, B2, "9", 2023, 2023))
    assert figures.annual_grant == Decimal("513000.00")


def test_seed_004_two_half_posts(catalogue: FundingCatalogue) -> None:
    figures = compute_module(computed(catalogue, B3, "1.0", 2020, 2022))
    assert [(r.year, r.grant) for r in figures.rows] == [
        (2020, Decimal("50000.00")),
        (2021, Decimal("50000.00")),
        (2022, Decimal("50000.00")),
    ]
    assert figures.total_grant == Decimal("150000.00")
    halves = [computed(catalogue, B3, "0.5", 2020, 2022), computed(catalogue, B3, "0.5", 2020, 2022)]
    assert sum(compute_module(m).total_grant for m in halves) == Decimal("150000.00")


def test_seed_004_proposal_fills_the_table(catalogue: FundingCatalogue) -> None:
    proposal = propose_cells([computed(catalogue, B3, "1.0", 2020, 2022)])
    assert {cell_label(c): str(v) for c, v in proposal.items()} == {
        "Ertrag jährlich": "50000.00",
        "Ertrag jährlich, darin Zuwendungen und Zuschüsse": "50000.00",
        "Aufwand jährlich": "50000.00",
        "Aufwand jährlich, darin Personalaufwand": "50000.00",
    }


# --- computation ------------------------------------------------------------------------------------


def test_coordination_post_with_workplace_and_own_contribution(catalogue: FundingCatalogue) -> None:
    figures = compute_module(computed(catalogue, B1, "1.5", 2021, 2023, "10000.00"))
    assert [r.one_off for r in figures.rows] == [Decimal("8550.00"), Decimal(0), Decimal(0)]
    assert figures.annual_grant == Decimal("85500.00")
    assert figures.annual_personnel_expense == Decimal("95500.00")
    assert figures.total_personnel_expense == Decimal("286500.00")
    assert figures.total_grant == Decimal("265050.00")  # 3 × 85.500 + 8.550
    proposal = propose_cells([attach_rate(module(B1, "1.5", 2021, 2023, "10000.00"), catalogue)])
    assert proposal[(FinanceRow.INCOME, Period.ONE_OFF)] == Decimal("8550.00")
    assert proposal[(FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF)] == Decimal("8550.00")
    assert proposal[PERSONNEL_ANNUAL] == Decimal("95500.00")


def test_rounding_half_up_only_where_the_rate_needs_it() -> None:
    rate = RateSnapshot("r", "R", Decimal("22500.01"))
    exact = compute_module(FundingModule("p", "c", Decimal("0.5"), 2020, 2020, rate=rate))
    assert exact.annual_grant == Decimal("11250.01")  # 11250.005 → half-up
    odd = compute_module(FundingModule("p", "c", Decimal("0.333"), 2020, 2020, rate=rate))
    assert odd.annual_grant == Decimal("7492.50")  # 7492.50333 → 7492.50


def test_modules_in_different_years_propose_the_peak_year(catalogue: FundingCatalogue) -> None:
    modules = [computed(catalogue, B3, "1", 2020, 2021), computed(catalogue, B2, "1", 2022, 2023)]
    assert propose_cells(modules)[INCOME_ANNUAL] == Decimal("57000.00")
    overlapping = [computed(catalogue, B3, "1", 2020, 2022), computed(catalogue, B2, "1", 2022, 2023)]
    assert propose_cells(overlapping)[INCOME_ANNUAL] == Decimal("107000.00")


def test_a_module_without_a_rate_cannot_be_computed() -> None:
    with pytest.raises(ValidationError, match=r"Fördermodul 1, Pauschale: noch keine Pauschale"):
        propose_cells([module(B3, "1", 2020, 2022)])


def test_a_rate_change_never_alters_a_computed_module(catalogue: FundingCatalogue) -> None:
    released = computed(catalogue, B3, "1", 2020, 2022)
    data = shipped_data()
    for component in data["programmes"][0]["components"]:
        for rate in component["rates"]:
            rate["annualPerPost"] = "1.00"
    cheaper = catalogue_from_data(data)
    assert attach_rate(released, cheaper) is released
    assert compute_module(attach_rate(released, cheaper)).annual_grant == Decimal("50000.00")
    assert compute_module(attach_rate(released, cheaper, refresh=True)).annual_grant == Decimal("1.00")


# --- proposal, overrides ------------------------------------------------------------------------------


def test_apply_proposal_fills_cells_and_ticks_following(catalogue: FundingCatalogue) -> None:
    proposal = propose_cells([computed(catalogue, B3, "1", 2020, 2022)])
    impact = apply_proposal(FinancialImpact(budget_available=True), proposal)
    assert impact.choice is ImpactChoice.FOLLOWING
    assert impact.amounts == proposal
    assert validate_financial_impact(impact) == []


def test_an_override_is_kept_and_marked(catalogue: FundingCatalogue) -> None:
    proposal = propose_cells([computed(catalogue, B3, "1", 2020, 2022)])
    impact = apply_proposal(FinancialImpact(budget_available=True), proposal)
    impact = override_cell(impact, EXPENSE_ANNUAL, Decimal("62000.00"), proposal[EXPENSE_ANNUAL])
    assert EXPENSE_ANNUAL in impact.overridden
    # Computing again with the clerk's "behalten" leaves the typed value alone …
    bigger = propose_cells([computed(catalogue, B3, "2", 2020, 2022)])
    again = apply_proposal(impact, bigger, keep={EXPENSE_ANNUAL})
    assert again.amounts[EXPENSE_ANNUAL] == Decimal("62000.00")
    assert again.amounts[INCOME_ANNUAL] == Decimal("100000.00")
    # … and it stays marked (the PDF notes it).
    assert again.overridden == {EXPENSE_ANNUAL}


def test_three_to_four_posts_lists_the_overrides_and_replaces_them_unless_kept(
    catalogue: FundingCatalogue,
) -> None:
    three = propose_cells([computed(catalogue, B3, "3", 2020, 2022)])
    impact = apply_proposal(FinancialImpact(budget_available=True), three)
    impact = override_cell(impact, PERSONNEL_ANNUAL, Decimal("140000.00"), three[PERSONNEL_ANNUAL])
    impact = override_cell(impact, GRANTS_ANNUAL, Decimal("120000.00"), three[GRANTS_ANNUAL])
    four = propose_cells([computed(catalogue, B3, "4", 2020, 2022)])
    # Table order, typed and newly computed figure: what the clerk is asked about.
    assert disagreeing_overrides(impact, four) == [
        Disagreement(GRANTS_ANNUAL, Decimal("120000.00"), Decimal("200000.00")),
        Disagreement(PERSONNEL_ANNUAL, Decimal("140000.00"), Decimal("200000.00")),
    ]
    # "ersetzen" for all (the default): the table belongs to 4 posts, nothing is marked any more.
    replaced = apply_proposal(impact, four)
    assert replaced.amounts[PERSONNEL_ANNUAL] == Decimal("200000.00")
    assert replaced.amounts[GRANTS_ANNUAL] == Decimal("200000.00")
    assert replaced.overridden == set()
    # "behalten" for one line: only that one stays typed and marked.
    mixed = apply_proposal(impact, four, keep={GRANTS_ANNUAL})
    assert mixed.amounts[GRANTS_ANNUAL] == Decimal("120000.00")
    assert mixed.amounts[PERSONNEL_ANNUAL] == Decimal("200000.00")
    assert mixed.overridden == {GRANTS_ANNUAL}


def test_an_override_equal_to_the_new_figure_is_no_override_any_more(catalogue: FundingCatalogue) -> None:
    one = propose_cells([computed(catalogue, B3, "1", 2020, 2022)])
    impact = override_cell(apply_proposal(FinancialImpact(), one), INCOME_ANNUAL, Decimal("100000.00"))
    two = propose_cells([computed(catalogue, B3, "2", 2020, 2022)])
    assert disagreeing_overrides(impact, two) == []  # nothing to ask
    again = apply_proposal(impact, two, keep={INCOME_ANNUAL})
    assert again.amounts[INCOME_ANNUAL] == Decimal("100000.00")
    assert again.overridden == set()  # never printed "*" for a figure equal to the computed one


def test_typing_the_computed_figure_or_emptying_a_computed_cell_is_no_override(
    catalogue: FundingCatalogue,
) -> None:
    proposal = propose_cells([computed(catalogue, B3, "1", 2020, 2022)])
    impact = apply_proposal(FinancialImpact(), proposal)
    same = override_cell(impact, GRANTS_ANNUAL, Decimal("50000.00"), proposal[GRANTS_ANNUAL])
    assert same.overridden == set()
    # Emptying a computed cell brings the computed figure back ("kein Betrag" is typed as 0) …
    emptied = override_cell(impact, GRANTS_ANNUAL, None, proposal[GRANTS_ANNUAL])
    assert emptied.amounts[GRANTS_ANNUAL] == Decimal("50000.00") and emptied.overridden == set()
    zero = override_cell(impact, GRANTS_ANNUAL, Decimal("0.00"), proposal[GRANTS_ANNUAL])
    assert zero.amounts[GRANTS_ANNUAL] == Decimal("0.00") and zero.overridden == {GRANTS_ANNUAL}
    # … and "Berechneten Wert übernehmen" drops an override the same way.
    back = take_computed(zero, GRANTS_ANNUAL, proposal[GRANTS_ANNUAL])
    assert back.amounts[GRANTS_ANNUAL] == Decimal("50000.00") and back.overridden == set()


def test_an_old_override_without_amount_is_never_kept_or_marked(catalogue: FundingCatalogue) -> None:
    """Vorlagen saved before: an emptied cell marked overridden follows the computation again."""
    proposal = propose_cells([computed(catalogue, B3, "1", 2020, 2022)])
    impact = apply_proposal(FinancialImpact(), proposal)
    del impact.amounts[GRANTS_ANNUAL]
    impact.overridden.add(GRANTS_ANNUAL)
    assert disagreeing_overrides(impact, proposal) == []
    again = apply_proposal(impact, proposal, keep={GRANTS_ANNUAL})
    assert again.amounts[GRANTS_ANNUAL] == Decimal("50000.00") and again.overridden == set()


def test_removed_modules_clear_stale_figures_but_not_other_cells(catalogue: FundingCatalogue) -> None:
    transfer = (FinanceRow.EXPENSE_TRANSFER, Period.ANNUAL)
    with_b1 = propose_cells([computed(catalogue, B1, "1", 2021, 2021)])
    impact = apply_proposal(FinancialImpact(amounts={transfer: Decimal("12.00")}), with_b1)
    assert (FinanceRow.INCOME, Period.ONE_OFF) in impact.amounts
    only_b3 = propose_cells([computed(catalogue, B3, "1", 2021, 2021)])
    after = apply_proposal(impact, only_b3)
    assert (FinanceRow.INCOME, Period.ONE_OFF) not in after.amounts
    assert after.amounts[transfer] == Decimal("12.00")
    assert apply_proposal(after, {}).amounts == after.amounts  # no modules: nothing touched


# --- what clerks type ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "posts"), [("0,5", "0.5"), ("1", "1"), ("3,5", "3.5"), ("0.375", "0.375")])
def test_posts_accept_german_decimals(typed: str, posts: str) -> None:
    assert parse_posts(typed) == Decimal(posts)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("0", "größer als 0"),
        ("eine", "keine Stellenzahl"),
        ("0,3333", "drei Nachkommastellen"),
        ("5000", "1.000"),
    ],
)
def test_posts_refused_with_the_field(typed: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_posts(typed, "Stellen")
    assert info.value.message.startswith("Stellen: ")
    assert fragment in info.value.message


def test_years() -> None:
    assert parse_years("2020-2022") == (2020, 2022)
    assert parse_years("2020 – 2022") == (2020, 2022)
    assert parse_years("2021") == (2021, 2021)
    with pytest.raises(ValidationError, match="Förderzeitraum: Ende 2020 liegt vor dem Beginn 2022"):
        parse_years("2022-2020")
    with pytest.raises(ValidationError, match="kein Zeitraum"):
        parse_years("20-22")
