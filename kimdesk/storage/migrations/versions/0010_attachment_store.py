"""Anlagen stored in chunks of 1 MiB (table ``attachment_chunks``) instead of one ``data`` column.

Why chunks in the database, not files beside it: with PostgreSQL the clerks' PCs share no folder, and
with SQLite a file store would need its own backup, restore and integrity story; chunk rows go into
every backup (SQLite's backup API) and every transaction as they are, and a packet reads an Anlage one
chunk at a time (bounded memory whatever its size). Existing Anlagen are moved one at a time.

Revision ID: 0010_attachments
Revises: 0009_released
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_attachments"
down_revision: str | Sequence[str] | None = "0009_released"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 1024 * 1024


def upgrade() -> None:
    op.create_table(
        "attachment_chunks",
        sa.Column("attachment_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name=op.f("fk_attachment_chunks_attachment_id_attachments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attachment_id", "seq", name=op.f("pk_attachment_chunks")),
    )
    bind = op.get_bind()
    attachments = sa.table("attachments", sa.column("id", sa.Uuid()), sa.column("data", sa.LargeBinary()))
    chunks = sa.table(
        "attachment_chunks",
        sa.column("attachment_id", sa.Uuid()),
        sa.column("seq", sa.Integer()),
        sa.column("data", sa.LargeBinary()),
    )
    ids = list(bind.execute(sa.select(attachments.c.id)).scalars())
    for ident in ids:  # one Anlage in memory at a time (at most 50 MB)
        data = bind.execute(sa.select(attachments.c.data).where(attachments.c.id == ident)).scalar_one()
        for seq, start in enumerate(range(0, len(data), CHUNK)):
            bind.execute(
                sa.insert(chunks).values(attachment_id=ident, seq=seq, data=data[start : start + CHUNK])
            )
    # Not Alembic's batch mode on SQLite: it would drop and recreate "attachments", and with foreign keys
    # enforced that deletes every chunk just written (ON DELETE CASCADE). SQLite ≥ 3.35 drops it in place.
    op.execute("ALTER TABLE attachments DROP COLUMN data")


def downgrade() -> None:
    op.add_column("attachments", sa.Column("data", sa.LargeBinary(), nullable=True))
    bind = op.get_bind()
    attachments = sa.table("attachments", sa.column("id", sa.Uuid()), sa.column("data", sa.LargeBinary()))
    chunks = sa.table(
        "attachment_chunks",
        sa.column("attachment_id", sa.Uuid()),
        sa.column("seq", sa.Integer()),
        sa.column("data", sa.LargeBinary()),
    )
    ids = list(bind.execute(sa.select(attachments.c.id)).scalars())
    for ident in ids:
        pieces = bind.execute(
            sa.select(chunks.c.data).where(chunks.c.attachment_id == ident).order_by(chunks.c.seq)
        ).scalars()
        data = b"".join(pieces)
        bind.execute(sa.update(attachments).where(attachments.c.id == ident).values(data=data))
    op.drop_table("attachment_chunks")
