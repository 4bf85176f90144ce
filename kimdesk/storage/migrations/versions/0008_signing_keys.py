"""Personal signatures: the append-only ``signatures`` table, and where signing was introduced.

The private keys are never in the database (see docs/SECURITY.md); certificates, requests and the revocation
list are public and live in ``settings`` (``signing:…``). The chain head at this migration is kept as
``signing:introduced``: sign-offs logged up to it are "Altbestand, nicht signiert" for ``kimdesk verify``.

Revision ID: 0008_keys
Revises: 0007_fields
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_keys"
down_revision: str | Sequence[str] | None = "0007_fields"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("paper_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("person_name", sa.Text(), nullable=False),
        sa.Column("sign_off_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("checkpoint_seq", sa.Integer(), nullable=False),
        sa.Column("checkpoint_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signatures_paper_id"), ["paper_id"], unique=False)
    bind = op.get_bind()
    # Signing no longer checks a PIN hash in the database (brute-forceable by anyone who reads it).
    bind.execute(sa.text("UPDATE persons SET pin_hash = NULL"))
    head = bind.execute(sa.text("SELECT seq FROM audit_chain_head WHERE id = 1")).scalar()
    # A fixed time, not CURRENT_TIMESTAMP: the same upgrade gives the same rows (see test_atomic_migration).
    epoch = "1970-01-01 00:00:00" if bind.dialect.name == "sqlite" else "1970-01-01 00:00:00+00"
    bind.execute(
        sa.text(
            "INSERT INTO settings (key, value, modified_at) VALUES ('signing:introduced', :value, :at)"
        ),
        {"value": '{"seq":%d}' % int(head or 0), "at": epoch},
    )


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'signing:introduced'")
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signatures_paper_id"))
    op.drop_table("signatures")
