"""German formatting of money and dates (Babel), shared by the CLI, the GUI and the PDFs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel.core import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

from kimdesk.domain.timezone import BERLIN

LOCALE = "de_DE"


@cache
def _locale() -> Locale:
    """The German locale, parsed once: Babel would look its identifier up again on every call."""
    return Locale.parse(LOCALE)


def format_money(value: Decimal | None, *, symbol: bool = True) -> str:
    """``25.000,00 €`` (no-break space before the sign, as Babel writes it); empty for None."""
    if value is None:
        return ""
    if symbol:
        return format_currency(value, "EUR", locale=_locale())
    return format_decimal(value, format="#,##0.00", locale=_locale())


def format_posts(value: Decimal) -> str:
    """Full-time equivalents: ``0,5`` / ``1`` / ``3,5``."""
    return format_decimal(value, format="#,##0.##", locale=_locale())


def format_date(value: date | None) -> str:
    """``09.09.2020``; empty for None."""
    if value is None:
        return ""
    return _babel_date(value, format="dd.MM.yyyy", locale=_locale())


def format_datetime(value: datetime | None) -> str:
    """``09.09.2020, 17:00 Uhr`` in Berlin time; naive values are refused (they would be read as UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    local = value.astimezone(BERLIN)
    return f"{local:%d.%m.%Y, %H:%M} Uhr"
