"""Master data can be deactivated: ``active`` on organizations and persons (true for every existing row).

A referenced Amt, Gremium or person is never deleted: deactivated, it leaves the pickers and old
Vorlagen still name it.

Revision ID: 0012_setup
Revises: 0011_meetings
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_setup"
down_revision: str | Sequence[str] | None = "0012_richdecision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("organizations", "persons")


def upgrade() -> None:
    # Plain ADD COLUMN, also on SQLite: a batch (copy-and-rename) would drop the referencing rows' links.
    for table in TABLES:
        op.add_column(table, sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    for table in TABLES:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN active")  # SQLite 3.35+
        else:
            op.drop_column(table, "active")
