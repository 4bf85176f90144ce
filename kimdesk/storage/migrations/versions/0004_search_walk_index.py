"""SQLite: a covering index (reference, search_rowid) for searches that match many Vorlagen.

A search for a word found in most Vorlagen walks the list in its order (reference descending) and
tests each row's ``search_rowid`` against the full-text matches, instead of sorting every match
(see kimdesk/storage/search.py). With this index that walk reads no table rows.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Kept in step with kimdesk.storage.search.SQLITE_WALK_INDEX (not part of the SQLAlchemy models).
INDEX = "ix_papers_reference_search_rowid"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON papers (reference, search_rowid)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
