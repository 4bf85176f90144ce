"""Column types that keep domain values exact on SQLite and PostgreSQL alike.

The conversions themselves are the plain functions of :mod:`kimdesk.storage.values`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric, String, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

from kimdesk.storage import values
from kimdesk.storage.values import CENT

__all__ = ["CENT", "ExactDecimal", "JsonText", "Money", "UtcDateTime"]


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp, stored in UTC; always returned aware (UTC).

    SQLite has no time zones, so naive values there are UTC by definition. Naive input is refused:
    it would be ambiguous.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return values.utc_for_storage(value, naive=dialect.name == "sqlite")

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return values.utc_from_stored(value)


class Money(TypeDecorator[Decimal]):
    """Euro amounts with cents: NUMERIC(12, 2) on PostgreSQL, integer cents on SQLite.

    SQLite's NUMERIC is float-backed; integer cents keep 999.999.999,99 and 0,01 exact and still
    allow SUM() in SQL. Values come back with exactly two decimals on both databases.
    """

    impl = Numeric(12, 2, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(12, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Decimal | int | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return values.cents_from_money(value)
        return values.money_exact(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return values.money_from_cents(value)
        return values.money_from_numeric(value)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal kept digit for digit (``0.5`` stays ``0.5``, ``1.00`` stays ``1.00``).

    Used for quantities such as posts (Stellen), whose written form enters content hashes:
    unconstrained NUMERIC on PostgreSQL (keeps the scale), the decimal string on SQLite.
    """

    impl = Numeric(asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Decimal | str | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return values.decimal_text(value)
        return Decimal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return values.decimal_from_stored(value)


class JsonText(TypeDecorator[Any]):
    """JSON as plain UTF-8 text (same on every database; non-ASCII kept readable)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return values.json_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return values.json_from_text(value)


class LenientJsonText(JsonText):
    """JsonText for a column the program can do without: unreadable text (damage, an insider's edit) reads
    as NULL instead of stopping every query that returns the row (the list, ``verify``)."""

    cache_ok = True

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        try:
            return super().process_result_value(value, dialect)
        except (ValueError, RecursionError):
            return None
