"""What clerks type as amounts: accepted forms, refused ambiguity, exact round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kimdesk.domain.errors import KimdeskError, MoneyFormatError
from kimdesk.domain.money import MAX_AMOUNT, parse_money, round_cents
from kimdesk.l10n.formatting import format_money


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25.000", "25000.00"),
        ("25000,5", "25000.50"),
        ("25.000,50 €", "25000.50"),
        ("25 000,50", "25000.50"),
        ("25\u00a0000,50\u00a0€", "25000.50"),
        ("25.000,-- Euro", "25000.00"),
        ("25.000,-", "25000.00"),
        ("EUR 1.234.567,89", "1234567.89"),
        ("0,5", "0.50"),
        ("999.999.999,99", "999999999.99"),
        ("57000", "57000.00"),
    ],
)
def test_accepts_what_clerks_type(typed: str, expected: str) -> None:
    value = parse_money(typed)
    assert value == Decimal(expected)
    assert str(value) == expected  # always exactly two decimals


def test_empty_input_is_no_amount() -> None:
    assert parse_money("   ") is None


@pytest.mark.parametrize("typed", ["25,000.50", "25,000", "1,234,567", "1.5", "25000.00"])
def test_refuses_english_style_rather_than_guessing(typed: str) -> None:
    with pytest.raises(MoneyFormatError) as info:
        parse_money(typed, "Ertrag jährlich")
    assert info.value.message.startswith("Ertrag jährlich: ")
    assert "mehrdeutig" in info.value.message
    assert isinstance(info.value, KimdeskError)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("-5,00", "nicht negativ"),
        ("1.000.000.000,00", "höchstens 999.999.999,99 €"),
        ("1.234,567", "zwei Nachkommastellen"),
        ("zwölf", "kein Betrag"),
        ("1.23.456,00", "Tausenderpunkte"),
    ],
)
def test_refuses_other_mistakes_naming_the_field(typed: str, fragment: str) -> None:
    with pytest.raises(MoneyFormatError) as info:
        parse_money(typed, "Aufwand einmalig")
    assert info.value.message.startswith("Aufwand einmalig: ")
    assert fragment in info.value.message


def test_round_cents_is_half_up() -> None:
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("0.015")) == Decimal("0.02")  # banker's rounding would give 0.02 too
    assert round_cents(Decimal("0.025")) == Decimal("0.03")  # … but 0.02 here
    assert round_cents(Decimal("2.344")) == Decimal("2.34")


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(amounts, st.booleans())
def test_formatted_amounts_read_back_exactly(value: Decimal, symbol: bool) -> None:
    assert parse_money(format_money(value, symbol=symbol)) == value


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789.,- €EUReuro\u00a0", max_size=20))
def test_any_typing_gives_an_amount_or_a_german_message(typed: str) -> None:
    try:
        value = parse_money(typed, "Ertrag einmalig")
    except MoneyFormatError as exc:
        assert exc.message.startswith("Ertrag einmalig: ")
    else:
        assert value is None or (0 <= value <= MAX_AMOUNT and value == value.quantize(Decimal("0.01")))
