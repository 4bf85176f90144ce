"""Funding periods by month (pro rata), an Eigenanteil from several sources, an amount the catalogue
lacks: computed figures, the NKF proposal, what the clerk types."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.funding.catalogue import attach_rate
from kimdesk.domain.funding.catalogue_data import catalogue_from_data
from kimdesk.domain.funding.figures import compute_module
from kimdesk.domain.funding.module import (
    format_period,
    module_problems,
    parse_amounts_with_text,
    parse_period,
)
from kimdesk.domain.funding.proposal import propose_cells
from kimdesk.domain.model import FinanceRow, FundingModule, OwnContribution, Period
from tests.domain.test_funding import shipped_data

D = Decimal


@pytest.fixture(scope="module")
def catalogue():
    return catalogue_from_data(shipped_data())


def _b3(catalogue, **kwargs) -> FundingModule:
    module = FundingModule("kim-nrw", "b3-immigration-offices", D("1"), **kwargs)
    return attach_rate(module, catalogue)


def test_a_programme_from_july_counts_half_years_at_both_ends(catalogue):
    # KIM began 01.07.2020: three years 01.07.2020–30.06.2023, 50.000 € per full post and year (Baustein 3).
    module = _b3(catalogue, start_year=2020, end_year=2023, start_month=7, end_month=6)
    figures = compute_module(module)
    assert [(r.year, r.months, r.grant) for r in figures.rows] == [
        (2020, 6, D("25000.00")),
        (2021, 12, D("50000.00")),
        (2022, 12, D("50000.00")),
        (2023, 6, D("25000.00")),
    ]
    assert figures.total_grant == D("150000.00")  # exactly three years, not four
    assert format_period(module) == "07/2020–06/2023"


def test_pro_rata_rounds_half_up_to_the_cent(catalogue):
    module = _b3(catalogue, start_year=2024, end_year=2024, start_month=12, end_month=12)
    module.posts = D("0.333")
    (row,) = compute_module(module).rows
    # 0,333 × 50.000 = 16.650,00 a year; one month = 1.387,50
    assert (row.months, row.grant) == (1, D("1387.50"))


def test_eigenanteil_sources_add_up_and_count_pro_rata(catalogue):
    sources = [
        OwnContribution(D("12000.00"), "Integrationspauschale § 14c TIntG"),
        OwnContribution(D("2400.00")),
    ]
    module = _b3(catalogue, start_year=2020, end_year=2021, start_month=7, own_sources=sources)
    assert module.own_contribution == D("14400.00")
    first, second = compute_module(module).rows
    assert (first.own_contribution, first.personnel_expense) == (D("7200.00"), D("32200.00"))
    assert (second.own_contribution, second.personnel_expense) == (D("14400.00"), D("64400.00"))


def test_an_amount_the_catalogue_lacks_reproduces_the_bescheid(catalogue):
    # The Bescheid says 48.750 € a year for one post: 1.250 € less than the flat rate.
    module = _b3(
        catalogue, start_year=2025, end_year=2026, extra_amount=D("-1250.00"), extra_reason="laut Bescheid"
    )
    figures = compute_module(module)
    assert [r.grant for r in figures.rows] == [D("48750.00"), D("48750.00")]
    cells = propose_cells([module])
    assert cells[(FinanceRow.INCOME, Period.ANNUAL)] == D("48750.00")
    assert cells[(FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)] == D("48750.00")


def test_an_extra_amount_needs_its_reason_and_months_must_exist(catalogue):
    module = _b3(catalogue, start_year=2025, end_year=2025, extra_amount=D("100.00"))
    assert [str(p) for p in module_problems(module)] == [
        "Fördermodul, Zusatzbetrag: bitte den Grund angeben (z. B. laut Bescheid)"
    ]
    with pytest.raises(ValidationError):
        compute_module(module)
    bad = _b3(catalogue, start_year=2025, end_year=2025, start_month=13, end_month=3)
    found = [str(p) for p in module_problems(bad)]
    assert "Fördermodul, Förderzeitraum: Beginn: Monat 13 gibt es nicht" in found
    sources = _b3(catalogue, start_year=2025, end_year=2025, own_sources=[OwnContribution(D("-5.00"), "x")])
    assert [str(p) for p in module_problems(sources)] == [
        "Fördermodul, Eigenanteil: Beträge liegen zwischen 0 und 999.999.999,99 €"
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2020-2022", (2020, 1, 2022, 12)),
        ("2021", (2021, 1, 2021, 12)),
        ("07/2020-06/2023", (2020, 7, 2023, 6)),
        ("7.2020 – 6.2023", (2020, 7, 2023, 6)),
        ("01.07.2020-30.06.2023", (2020, 7, 2023, 6)),
        ("01.01.2024-29.02.2024", (2024, 1, 2024, 2)),
    ],
)
def test_periods_as_typed(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15.07.2020-30.06.2023", "beginnt am Ersten"),
        ("01.07.2020-29.06.2023", "endet am Letzten"),
        ("13/2020-06/2023", "Monate von 1 bis 12"),
        ("07/2023-06/2023", "Ende 06/2023 liegt vor dem Beginn 07/2023"),
        ("Juli 2020", "kein Zeitraum"),
    ],
)
def test_bad_periods_are_named(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_period(text, "Fördermodul 1, Zeitraum")


def test_amounts_with_their_source_as_typed():
    assert parse_amounts_with_text("12.000 Integrationspauschale § 14c TIntG; 2.400,50", "Eigenanteil") == [
        (D("12000.00"), "Integrationspauschale § 14c TIntG"),
        (D("2400.50"), ""),
    ]
    assert parse_amounts_with_text("", "Eigenanteil") == []
    with pytest.raises(ValidationError, match="Eigenanteil: „Landesmittel 500“ – zuerst der Betrag"):
        parse_amounts_with_text("Landesmittel 500", "Eigenanteil")
