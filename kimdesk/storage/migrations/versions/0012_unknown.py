"""A Vorlage's creation and change times may be unknown, so may its year; its state in another system.

Exchange format 2 lets a file from another system leave out ``created`` and ``modified``; kimdesk stores
them as NULL instead of inventing them. ``papers.year`` (the list's year filter) is then the year the
reference names, or NULL when it names none. ``papers.source_status`` keeps the state a Vorlage had in the
system it came from, as that system wrote it ("beschlossen"), for information (empty for all others).

PostgreSQL alters the columns. SQLite cannot drop a NOT NULL in place, and copying ``papers`` would
delete every child row (ON DELETE CASCADE) and its search triggers; so each column is replaced by a
nullable one (ADD, copy, DROP, RENAME — SQLite 3.35+), with the two indexes on ``year`` made again.

Downgrade: the older program needs the values, so unknown ones are filled — a creation time with the
change time, a change time with the creation time, both with the time of the downgrade if neither is
known, the year from the creation time. On SQLite the columns stay nullable (see above).

Revision ID: 0012_unknown
Revises: 0011_meetings
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from kimdesk.domain.timezone import BERLIN
from kimdesk.storage import types as kimdesk_types

revision: str = "0012_unknown"
down_revision: str | Sequence[str] | None = "0012_anlagen"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Kept in step with kimdesk.storage.models.PaperRow and kimdesk.storage.search (SQLITE_FILTER_INDEXES).
YEAR_INDEXES = {
    "ix_papers_year_sort_key": "year, sort_key",
    "ix_papers_year_sort_key_search_rowid": "year, sort_key, search_rowid",
}


def _timestamp() -> kimdesk_types.UtcDateTime:
    return kimdesk_types.UtcDateTime(timezone=True)


def _columns() -> list[tuple[str, sa.types.TypeEngine[Any]]]:
    return [("created_at", _timestamp()), ("modified_at", _timestamp()), ("year", sa.Integer())]


def upgrade() -> None:
    op.add_column("papers", sa.Column("source_status", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name != "sqlite":
        for name, type_ in _columns():
            op.alter_column("papers", name, existing_type=type_, nullable=True)
        return
    for index in YEAR_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {index}")
    for name, type_ in _columns():
        replacement = f"{name}_0012"
        op.add_column("papers", sa.Column(replacement, type_, nullable=True))
        op.execute(f"UPDATE papers SET {replacement} = {name}")
        op.execute(f"ALTER TABLE papers DROP COLUMN {name}")
        op.execute(f"ALTER TABLE papers RENAME COLUMN {replacement} TO {name}")
    for index, columns in YEAR_INDEXES.items():
        op.execute(f"CREATE INDEX {index} ON papers ({columns})")


def _fill_unknown() -> None:
    papers = sa.table(
        "papers",
        sa.column("id", sa.Uuid()),
        sa.column("created_at", _timestamp()),
        sa.column("modified_at", _timestamp()),
        sa.column("year", sa.Integer()),
    )
    bind = op.get_bind()
    unknown = bind.execute(
        sa.select(papers.c.id, papers.c.created_at, papers.c.modified_at, papers.c.year).where(
            sa.or_(papers.c.created_at.is_(None), papers.c.modified_at.is_(None), papers.c.year.is_(None))
        )
    ).all()
    now = datetime.now(UTC)
    for paper_id, created, modified, year in unknown:
        created = created or modified or now
        modified = modified or created
        year = year if year is not None else created.astimezone(BERLIN).year
        bind.execute(
            papers.update()
            .where(papers.c.id == paper_id)
            .values(created_at=created, modified_at=modified, year=year)
        )


def downgrade() -> None:
    _fill_unknown()
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE papers DROP COLUMN source_status")  # SQLite 3.35+
        return
    op.drop_column("papers", "source_status")
    for name, type_ in _columns():
        op.alter_column("papers", name, existing_type=type_, nullable=False)
