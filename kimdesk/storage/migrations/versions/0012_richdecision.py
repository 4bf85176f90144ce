"""The Beschlussentwurf as rich text: its rich form (numbered items, emphasis) beside the plain text.

``draft_resolution`` keeps the plain text, so older Vorlagen read exactly as before and the signed
content of a Vorlage whose Beschlussentwurf is plain text does not change; ``draft_resolution_rich``
holds the RichText data only when the plain text cannot say everything.

Revision ID: 0012_richdecision
Revises: 0011_meetings
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0012_richdecision"
down_revision: str | Sequence[str] | None = "0012_unknown"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, also on SQLite: a batch (copy-and-rename) of ``papers`` would drop the table
    # and everything that cascades from it.
    op.add_column("papers", sa.Column("draft_resolution_rich", kimdesk_types.JsonText(), nullable=True))


def downgrade() -> None:
    # The plain text stays: the older program shows the numbered items as lines "1. …".
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE papers DROP COLUMN draft_resolution_rich")  # SQLite 3.35+
    else:
        op.drop_column("papers", "draft_resolution_rich")
