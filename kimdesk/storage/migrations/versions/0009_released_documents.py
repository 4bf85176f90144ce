"""Released documents: the signed PDF of each released or decided Vorlage (append-only).

Revision ID: 0009_released
Revises: 0008_keys
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0009_released"
down_revision: str | Sequence[str] | None = "0008_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "released_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("paper_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("created_at", kimdesk_types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("checkpoint_seq", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_released_documents")),
    )
    with op.batch_alter_table("released_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_released_documents_paper_created", ["paper_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("released_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_released_documents_paper_created")
    op.drop_table("released_documents")
