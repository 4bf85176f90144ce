"""Meetings: chair (Vorsitz), invitation text, when the invitation went out, why it was cancelled.

The states gain "closed" (abgeschlossen); ``state`` is a plain string column, so no change there.

Revision ID: 0011_meetings
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0011_meetings"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("chair", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("invitation_text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("invited_at", kimdesk_types.UtcDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        for column in ("cancel_reason", "invited_at", "invitation_text", "chair"):
            batch.drop_column(column)
