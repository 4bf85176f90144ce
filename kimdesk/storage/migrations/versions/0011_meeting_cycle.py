"""Meetings: chair (Vorsitz), invitation text, when the invitation went out, why it was cancelled.

The states gain "closed" (abgeschlossen); ``state`` is a plain string column, so no change there.

Revision ID: 0011_meetings
Revises: 0010_attachments
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0011_meetings"
down_revision: str | Sequence[str] | None = "0010_attachments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN, also on SQLite: a batch (copy-and-rename) of ``meetings`` would drop the old
# table, and its agenda items with it (ON DELETE CASCADE).
COLUMNS = ("chair", "invitation_text", "invited_at", "cancel_reason")


def upgrade() -> None:
    op.add_column("meetings", sa.Column("chair", sa.Text(), nullable=False, server_default=""))
    op.add_column("meetings", sa.Column("invitation_text", sa.Text(), nullable=False, server_default=""))
    op.add_column("meetings", sa.Column("invited_at", kimdesk_types.UtcDateTime(timezone=True), nullable=True))
    op.add_column("meetings", sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    # States of this revision that the older program does not know go back to the nearest one it knows.
    op.execute("UPDATE meetings SET state = 'held' WHERE state = 'closed'")
    for column in reversed(COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE meetings DROP COLUMN {column}")  # SQLite 3.35+
        else:
            op.drop_column("meetings", column)
