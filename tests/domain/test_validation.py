"""The financial-impact rules: each breaks with a German message naming the cell."""

from __future__ import annotations

from decimal import Decimal

from kimdesk.domain.model import (
    FinanceRow,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    OwnContribution,
    Paper,
    Period,
    RateSnapshot,
)
from kimdesk.domain.validation import validate_financial_impact, validate_paper

EXPENSE_ANNUAL = (FinanceRow.EXPENSE, Period.ANNUAL)
PERSONNEL_ANNUAL = (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)
MATERIAL_ANNUAL = (FinanceRow.EXPENSE_MATERIAL, Period.ANNUAL)
INCOME_ONE_OFF = (FinanceRow.INCOME, Period.ONE_OFF)


def messages(impact: FinancialImpact) -> list[str]:
    return [str(p) for p in validate_financial_impact(impact)]


def following(amounts: dict, budget: bool | None = True) -> FinancialImpact:
    return FinancialImpact(ImpactChoice.FOLLOWING, amounts, budget_available=budget)


def test_a_complete_table_has_no_problems() -> None:
    impact = following({EXPENSE_ANNUAL: Decimal("50000.00"), PERSONNEL_ANNUAL: Decimal("50000.00")})
    assert messages(impact) == []


def test_none_and_nothing_entered_is_fine() -> None:
    assert messages(FinancialImpact(ImpactChoice.NONE)) == []


def test_a_box_must_be_ticked() -> None:
    assert messages(FinancialImpact()) == ["Finanzielle Auswirkungen: „keine“ oder „folgende“ ankreuzen"]


def test_none_means_no_amounts() -> None:
    impact = FinancialImpact(ImpactChoice.NONE, {EXPENSE_ANNUAL: Decimal("5.00"), INCOME_ONE_OFF: Decimal(0)})
    assert messages(impact) == [
        "Finanzielle Auswirkungen: bei „keine“ dürfen keine Beträge eingetragen sein "
        "(Ertrag einmalig, Aufwand jährlich)"
    ]


def test_following_needs_at_least_one_amount() -> None:
    assert messages(following({INCOME_ONE_OFF: Decimal("0.00")})) == [
        "Finanzielle Auswirkungen: bei „folgende“ mindestens einen Betrag eintragen"
    ]


def test_following_needs_the_budget_statement() -> None:
    assert messages(following({EXPENSE_ANNUAL: Decimal("1.00")}, budget=None)) == [
        "Haushaltsmittel stehen: bei „folgende“ „zur Verfügung“ oder „nicht zur Verfügung“ ankreuzen"
    ]
    assert messages(following({EXPENSE_ANNUAL: Decimal("1.00")}, budget=False)) == []


def test_parts_never_exceed_their_total() -> None:
    impact = following(
        {
            EXPENSE_ANNUAL: Decimal("100.00"),
            PERSONNEL_ANNUAL: Decimal("80.00"),
            MATERIAL_ANNUAL: Decimal("20.01"),
        }
    )
    assert messages(impact) == ["Aufwand jährlich: darin enthaltene Beträge übersteigen die Summe"]


def test_parts_are_checked_per_period() -> None:
    impact = following(
        {
            (FinanceRow.EXPENSE, Period.ONE_OFF): Decimal("100.00"),
            PERSONNEL_ANNUAL: Decimal("80.00"),
            EXPENSE_ANNUAL: Decimal("50.00"),
        }
    )
    assert messages(impact) == ["Aufwand jährlich: darin enthaltene Beträge übersteigen die Summe"]


def test_a_part_without_its_total_names_the_missing_total() -> None:
    impact = following({(FinanceRow.INVESTMENT_GRANTS, Period.ONE_OFF): Decimal("10.00")})
    assert messages(impact) == [
        "Einzahlung einmalig: Summe fehlt, obwohl darin enthaltene Beträge eingetragen sind"
    ]


def test_grants_in_income_name_their_cell() -> None:
    impact = following(
        {
            (FinanceRow.INCOME, Period.ANNUAL): Decimal("10.00"),
            (FinanceRow.INCOME_GRANTS, Period.ANNUAL): Decimal("11"),
        }
    )
    assert messages(impact) == ["Ertrag jährlich: darin enthaltene Beträge übersteigen die Summe"]


def test_amount_range_and_cents() -> None:
    impact = following(
        {
            EXPENSE_ANNUAL: Decimal("1000000000.00"),
            (FinanceRow.INCOME, Period.ANNUAL): Decimal("-1.00"),
            INCOME_ONE_OFF: Decimal("1.005"),
        }
    )
    assert messages(impact) == [
        "Ertrag einmalig: Beträge haben höchstens zwei Nachkommastellen (Cent)",
        "Ertrag jährlich: Beträge dürfen nicht negativ sein",
        "Aufwand jährlich: Beträge dürfen höchstens 999.999.999,99 € betragen",
    ]


def _paper(**changes: object) -> Paper:
    paper = Paper(
        title="Kommunales Integrationsmanagement",
        financial_impact=FinancialImpact(ImpactChoice.NONE),
        climate_impact=ImpactChoice.NONE,
    )
    for key, value in changes.items():
        setattr(paper, key, value)
    return paper


def paper_messages(paper: Paper) -> list[str]:
    return [str(p) for p in validate_paper(paper)]


def test_climate_following_needs_a_text() -> None:
    problem = "Wesentliche klimarelevante Auswirkungen: bei „folgende“ die Auswirkungen beschreiben"
    assert problem in paper_messages(_paper(climate_impact=ImpactChoice.FOLLOWING, climate_text="  "))
    assert problem not in paper_messages(
        _paper(climate_impact=ImpactChoice.FOLLOWING, climate_text="Mehr Dienstreisen mit dem Pkw.")
    )


def test_funding_modules_need_a_rate_and_sane_figures() -> None:
    module = FundingModule(
        "kim-nrw", "b3-immigration-offices", Decimal("0"), 2022, 2020, [OwnContribution(Decimal("-1"))]
    )
    found = paper_messages(_paper(funding_modules=[module]))
    assert "Fördermodul 1, Stellen: muss größer als 0 sein" in found
    assert "Fördermodul 1, Förderzeitraum: Ende liegt vor dem Beginn" in found
    assert "Fördermodul 1, Eigenanteil: Beträge liegen zwischen 0 und 999.999.999,99 €" in found
    assert "Fördermodul 1, Pauschale: noch nicht berechnet (Pauschale zuordnen)" in found
    assert (
        "Finanzielle Auswirkungen: Fördermodule sind beantragt – „folgende“ ankreuzen und Beträge eintragen"
        in found
    )


def test_a_computed_module_passes() -> None:
    rate = RateSnapshot("kim-nrw.b3-immigration-offices.2020", "KIM NRW – Baustein 3", Decimal("50000.00"))
    module = FundingModule("kim-nrw", "b3-immigration-offices", Decimal("1"), 2020, 2022, rate=rate)
    impact = following({EXPENSE_ANNUAL: Decimal("50000.00")})
    found = paper_messages(_paper(funding_modules=[module], financial_impact=impact))
    assert not [m for m in found if m.startswith(("Fördermodul", "Finanzielle", "Haushaltsmittel"))]
