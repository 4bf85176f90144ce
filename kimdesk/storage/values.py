"""How domain values are written into columns and read back: plain functions, no SQLAlchemy.

The column types of :mod:`kimdesk.storage.types` (used by the ORM) and the read-only ``sqlite3``
loader of :mod:`kimdesk.storage.readonly` (used before, or instead of, SQLAlchemy) both convert
with these functions, so that a value means the same on either path. The ``sqlite_*`` readers
decode the SQLite storage forms of SQLAlchemy's own types (``Uuid``, ``DateTime``, ``Date``,
``Boolean``) the way SQLAlchemy's SQLite dialect does; a test checks that every column of the
models is decoded by the loader exactly as the ORM decodes it.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
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


# --- SQLite storage forms of SQLAlchemy's own column types -------------------------------------


def sqlite_uuid(value: str | bytes) -> uuid.UUID:
    """``Uuid`` on SQLite: 32 hex digits (CHAR(32))."""
    return uuid.UUID(value.decode("ascii") if isinstance(value, bytes) else value)


def sqlite_datetime(value: str) -> datetime:
    """``DateTime`` on SQLite: ISO text ``2026-11-21 14:03:00.000000`` (naive)."""
    return datetime.fromisoformat(value)


def sqlite_date(value: str) -> date:
    """``Date`` on SQLite: ISO text ``2026-11-21``."""
    return date.fromisoformat(value)


def sqlite_bool(value: int) -> bool:
    """``Boolean`` on SQLite: 0 or 1."""
    return bool(value)


def sqlite_utc_datetime(value: str) -> datetime:
    """:class:`kimdesk.storage.types.UtcDateTime` on SQLite (DateTime text, then made aware)."""
    return utc_from_stored(sqlite_datetime(value))
