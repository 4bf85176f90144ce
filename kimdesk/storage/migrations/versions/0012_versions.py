"""Fassungen (versions) of the Vorlagen: the table ``paper_versions``; every existing Vorlage's current
state becomes its version 1 (event "migriert"). And the link of an Ergänzungs-/Änderungsvorlage to its
original (``papers.supplement_kind``, ``supplement_of``, ``supplement_of_id``).

The states are written through the program's own repositories (``SqlPaperRepository`` reads each
Vorlage, ``SqlPaperVersions`` packs it), so the stored JSON is exactly what the program keeps later.
That reads the paper tables as the models describe them: a later migration that changes those tables
must come after this one has run (it does: Alembic runs the revisions in order).

Revision ID: 0012_versions
Revises: 0012_setup
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0012_versions"
down_revision: str | Sequence[str] | None = "0012_setup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
    _first_versions()


def _first_versions() -> None:
    from sqlalchemy.orm import Session

    from kimdesk.domain.codec import paper_to_data
    from kimdesk.domain.signoff import content_hash
    from kimdesk.domain.versions import PaperVersion, VersionEvent, VersionInfo
    from kimdesk.storage.paper_repository import SqlPaperRepository
    from kimdesk.storage.version_repository import SqlPaperVersions

    with Session(bind=op.get_bind()) as session:
        papers = SqlPaperRepository(session)
        versions = SqlPaperVersions(session)
        for paper_id in papers.all_ids():
            paper = papers.get(paper_id)
            info = VersionInfo(
                paper_id=paper.id,
                number=1,
                event=VersionEvent.MIGRATED,
                who=paper.modified_by,
                # the state's own time (upgrading twice gives the same rows); imported with unknown times: now
                at=paper.modified_at or paper.created_at or datetime.now(UTC),
                content_hash=content_hash(paper),
                note="Stand bei Einführung der Fassungen",
            )
            versions.add(PaperVersion(info, paper_to_data(paper)))
            session.expunge_all()  # thousands of Vorlagen: keep the session small


def downgrade() -> None:
    op.drop_index(op.f("ix_papers_supplement_of_id"), table_name="papers")
    for column in ("supplement_of_id", "supplement_of", "supplement_kind"):
        op.drop_column("papers", column)
    op.drop_table("paper_versions")
