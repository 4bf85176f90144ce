"""SQLite: a covering index for a Vorlage's Anlagen list (``attachments`` by paper, in list order).

SQLite keeps a Vorlage's Anlagen rows and their bytes in one file, so with large Anlagen the rows are
spread between megabytes of bytes: opening a Vorlage whose pages are not in the file cache read an index
page and then a table page for its Anlagen list. With every listed column in this index it reads the index
page only, and needs no sort. PostgreSQL keeps the bytes apart (TOAST) and has a limit on index entries
that a long title could pass, so it keeps ``ix_attachments_paper_id``. See bench/bench_anlagen_store.py.

Revision ID: 0014_attachment_list_index
Revises: 0013_unknown_roles
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_attachment_list_index"
down_revision: str | Sequence[str] | None = "0013_unknown_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Kept in step with kimdesk.storage.meeting_models.SQLITE_ATTACHMENT_LIST_INDEX (not in the models).
NAME = "ix_attachments_paper_list"
COLUMNS = "paper_id, position, created_at, id, filename, title, public, media_type, size, sha256"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON attachments ({COLUMNS})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {NAME}")
