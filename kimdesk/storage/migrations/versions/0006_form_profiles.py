"""Form profiles: the office's profile (JSON) and a counter per numbering series of a Vorlagenart.

An existing database keeps ``form_profile`` NULL, which reads as the seed city form with the office's
``record_bodies`` (kimdesk.storage.office_mapping.office_profile): its Vorlagen print as before.

Revision ID: 0006_profiles
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kimdesk.storage.types as kimdesk_types

revision: str = "0006_profiles"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(sa.Column("form_profile", kimdesk_types.JsonText(), nullable=True))
    op.create_table(
        "reference_series_counters",
        sa.Column("series", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year", name=op.f("pk_reference_series_counters")),
    )


def downgrade() -> None:
    op.drop_table("reference_series_counters")
    with op.batch_alter_table("office") as batch:
        batch.drop_column("form_profile")
