"""The PDF writes amounts and dates exactly as Babel (``kimdesk.l10n.formatting``) does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kimdesk.l10n import formatting
from kimdesk.pdf import formats

cents = st.decimals(
    min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=2, allow_nan=False, allow_infinity=False
)
any_decimal = st.decimals(allow_nan=False, allow_infinity=False).filter(lambda d: abs(d) < Decimal("1e15"))


def test_examples_from_the_form() -> None:
    assert formats.format_money(Decimal("25000.00")) == "25.000,00\xa0€"
    assert formats.format_money(Decimal("-1234.5"), symbol=False) == "-1.234,50"
    assert formats.format_posts(Decimal("3.50")) == "3,5"
    assert formats.format_posts(Decimal("2")) == "2"
    assert formats.format_date(date(2020, 9, 9)) == "09.09.2020"
    assert formats.format_money(None) == "" and formats.format_date(None) == ""


@settings(max_examples=60, deadline=None)
@given(cents)
def test_amounts_with_cents_match_babel(value: Decimal) -> None:
    assert formats.format_money(value) == formatting.format_money(value)
    assert formats.format_money(value, symbol=False) == formatting.format_money(value, symbol=False)
    assert formats.format_posts(value) == formatting.format_posts(value)


@settings(max_examples=60, deadline=None)
@given(any_decimal)
def test_other_decimals_match_babel_too(value: Decimal) -> None:
    """More places, exponents, negative zero: Babel's rounding either way."""
    assert formats.format_money(value) == formatting.format_money(value)
    assert formats.format_posts(value) == formatting.format_posts(value)


@settings(max_examples=60, deadline=None)
@given(st.dates())
def test_dates_match_babel(value: date) -> None:
    assert formats.format_date(value) == formatting.format_date(value)
