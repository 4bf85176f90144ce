"""How domain values are written into columns and read back: plain functions, no SQLAlchemy.

The column types of :mod:`kimdesk.storage.types` convert with these functions.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


# --- Money: integer cents on SQLite, NUMERIC(12, 2) elsewhere ---------------------------------


def money_exact(value: Decimal | int | str) -> Decimal:
    """``value`` rounded to whole cents (half up), as a Decimal with two places."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def cents_from_money(value: Decimal) -> int:
    """The integer cents SQLite stores for an amount (999.999.999,99 and 0,01 stay exact)."""
    return int(money_exact(value).scaleb(2))


def money_from_cents(value: int | str) -> Decimal:
    """The amount of stored integer cents, with exactly two decimals."""
    return Decimal(int(value)).scaleb(-2)


def money_from_numeric(value: Any) -> Decimal:
    """The amount of a NUMERIC(12, 2) value (PostgreSQL), with exactly two decimals."""
    return Decimal(value).quantize(CENT)


# --- ExactDecimal: the decimal string on SQLite, unconstrained NUMERIC elsewhere ---------------


def decimal_text(value: Decimal | int | str) -> str:
    """The written form SQLite keeps (``0.5`` stays ``0.5``, ``1.00`` stays ``1.00``)."""
    return str(Decimal(value))


def decimal_from_stored(value: Any) -> Decimal:
    """A Decimal of a stored string or NUMERIC value, digit for digit."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


# --- UtcDateTime: aware datetimes, stored in UTC (naive on SQLite) ----------------------------


def utc_for_storage(value: datetime, *, naive: bool) -> datetime:
    """``value`` in UTC; without tzinfo when the database has no time zones (SQLite).

    Naive input is refused: it would be ambiguous.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r} cannot be stored")
    value = value.astimezone(UTC)
    return value.replace(tzinfo=None) if naive else value


def utc_from_stored(value: datetime) -> datetime:
    """An aware UTC datetime of a stored one (naive means UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# --- JsonText: JSON as plain UTF-8 text -------------------------------------------------------


def json_text(value: Any) -> str:
    """Compact JSON text, non-ASCII kept readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_from_text(value: str) -> Any:
    return json.loads(value)
