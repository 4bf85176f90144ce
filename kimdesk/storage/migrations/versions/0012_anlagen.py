"""Anlagen in the editor: a printed title and public or non-public per Anlage.

``title`` empty means: the file name is printed (Anlagen stored before this revision); ``public``
starts true for every existing Anlage, as the public Sitzungsmappe carried them all until now.

Revision ID: 0012_anlagen
Revises: 0011_meetings
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_anlagen"
down_revision: str | Sequence[str] | None = "0011_meetings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ADD/DROP COLUMN, also on SQLite: a batch (copy-and-rename) of ``attachments`` would drop the old
# table, and its chunks with it (ON DELETE CASCADE).
COLUMNS = ("title", "public")


def upgrade() -> None:
    op.add_column("attachments", sa.Column("title", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "attachments", sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    for column in reversed(COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE attachments DROP COLUMN {column}")  # SQLite 3.35+
        else:
            op.drop_column("attachments", column)
