"""A Vorlage's Vorlagenart, a body's Zuständigkeit in its Beratungsfolge and an organization's kind may be
unknown.

Exchange format 2 lets a file from another system leave out ``paperType``, a consultation's ``role`` and an
organization's ``kind`` (OParl makes the first two optional); kimdesk stores them as NULL instead of
inventing them (``papers.paper_type``, ``consultations.role``, ``organizations.kind``).

PostgreSQL alters the columns. SQLite cannot drop a NOT NULL in place, and copying ``papers`` or
``organizations`` would delete or unlink every row that refers to them (ON DELETE CASCADE / SET NULL) and
drop the search triggers on ``papers``; so each column is replaced by a nullable one (ADD, copy, DROP,
RENAME — SQLite 3.35+), as 0012_unknown does. No index, CHECK constraint, trigger or view names these
columns (the search triggers fire on reference, title, rationale_text and file_number only), so none has
to be made again; ``_refuse_dependants`` checks that before a column is dropped.

Downgrade: the older program needs the values, so unknown ones are filled — a Vorlage of unknown kind
becomes a Beschlussvorlage (the form's own default), an unknown Zuständigkeit Kenntnisnahme (the editor's
default for a new row), an organization of unknown kind an Amt if a Vorlage names it as federführendes
Amt, else a Gremium. On SQLite the columns stay nullable (see above).

Revision ID: 0013_unknown_roles
Revises: 0012_versions
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_unknown_roles"
down_revision: str | Sequence[str] | None = "0012_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table, column (all VARCHAR(20)).
COLUMNS = (("papers", "paper_type"), ("consultations", "role"), ("organizations", "kind"))


def _refuse_dependants(table: str, column: str) -> None:
    """SQLite's DROP COLUMN fails on a column an index, trigger or view uses; say which, before anything."""
    rows = op.get_bind().execute(
        sa.text("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name = :table"),
        {"table": table},
    )
    for kind, name, sql in rows:
        if kind in ("index", "trigger", "view") and re.search(rf"\b{column}\b", sql):
            raise RuntimeError(f"0013_unknown_roles: {kind} {name} uses {table}.{column}; make it again here")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, column in COLUMNS:
            op.alter_column(table, column, existing_type=sa.String(length=20), nullable=True)
        return
    for table, column in COLUMNS:
        _refuse_dependants(table, column)
        replacement = f"{column}_0013"
        op.add_column(table, sa.Column(replacement, sa.String(length=20), nullable=True))
        op.execute(f"UPDATE {table} SET {replacement} = {column}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        op.execute(f"ALTER TABLE {table} RENAME COLUMN {replacement} TO {column}")


def _fill_unknown() -> None:
    op.execute("UPDATE papers SET paper_type = 'resolution' WHERE paper_type IS NULL")
    op.execute("UPDATE consultations SET role = 'noting' WHERE role IS NULL")
    op.execute(
        "UPDATE organizations SET kind = 'department' WHERE kind IS NULL "
        "AND id IN (SELECT lead_department_id FROM papers WHERE lead_department_id IS NOT NULL)"
    )
    op.execute("UPDATE organizations SET kind = 'committee' WHERE kind IS NULL")


def downgrade() -> None:
    _fill_unknown()
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in COLUMNS:
        op.alter_column(table, column, existing_type=sa.String(length=20), nullable=False)
