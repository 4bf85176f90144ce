"""Fassungen (versions) of the Vorlagen: the table ``paper_versions``; every existing Vorlage's current
state becomes its version 1 (event "migriert"). And the link of an Ergänzungs-/Änderungsvorlage to its
original (``papers.supplement_kind``, ``supplement_of``, ``supplement_of_id``).

This script changes the schema only. Version 1 is written by the data step ``first_versions``
(:mod:`kimdesk.storage.data_steps`, declared in :data:`DATA_STEPS`): after the upgrade reached head, in the
same transaction, through the program's own repositories (``SqlPaperRepository`` reads each Vorlage,
``SqlPaperVersions`` packs it) — so the stored JSON is exactly what the program keeps later, and the models
fit the tables even when a later revision has changed ``papers`` or its child tables. It runs only for a
database whose upgrade applies this revision, never again for one already past it.

Revision ID: 0012_versions
Revises: 0012_setup
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0012_versions"
down_revision: str | Sequence[str] | None = "0012_setup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
#: Written after head through the repositories (see the module docstring): every Vorlage's Fassung 1.
DATA_STEPS: tuple[str, ...] = ("first_versions",)


def upgrade() -> None:
    op.create_table(
        "paper_versions",
        sa.Column("paper_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", kimdesk_types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("base_number", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("paper_id", "number", name=op.f("pk_paper_versions")),
    )
    # Ergänzungs- and Änderungsvorlagen: plain ADD COLUMN (a batch copy of ``papers`` would cascade).
    op.add_column("papers", sa.Column("supplement_kind", sa.String(length=20), nullable=True))
    op.add_column("papers", sa.Column("supplement_of", sa.String(length=64), server_default="", nullable=False))
    op.add_column("papers", sa.Column("supplement_of_id", sa.Uuid(), nullable=True))
    op.create_index(op.f("ix_papers_supplement_of_id"), "papers", ["supplement_of_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_papers_supplement_of_id"), table_name="papers")
    for column in ("supplement_of_id", "supplement_of", "supplement_kind"):
        op.drop_column("papers", column)
    op.drop_table("paper_versions")
