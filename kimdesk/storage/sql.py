"""Small SQL helpers shared by the repositories: dialect-aware upserts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session


def dialect_insert(session: Session, table: Any) -> Any:
    """``INSERT`` with ``on_conflict_do_*`` for the session's database.

    The dialect modules are imported here, when first needed: a SQLite user never pays for
    importing the PostgreSQL dialect (and the other way round).
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    raise NotImplementedError(name)


def upsert(
    session: Session, table: Any, values: dict[str, Any], keys: Sequence[str], preserve: Sequence[str] = ()
) -> None:
    """Insert ``values``, or update the row with the same ``keys`` (leaving the ``preserve`` columns)."""
    stmt = dialect_insert(session, table).values(**values)
    changes = {k: stmt.excluded[k] for k in values if k not in keys and k not in preserve}
    if changes:
        stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=changes)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    session.execute(stmt)


def insert_missing(session: Session, table: Any, values: dict[str, Any], keys: Sequence[str]) -> None:
    """Insert ``values`` unless a row with the same ``keys`` exists (which is left as it is)."""
    session.execute(
        dialect_insert(session, table).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    )
