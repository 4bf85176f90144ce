"""Aktenzeichen, Bezugsvorlagen, the list's sort key (year, number), an unknown "öffentlich".

- ``papers.file_number`` (Aktenzeichen), found by the full-text search (FTS5 table and PostgreSQL's
  tsvector are rebuilt with it);
- ``papers.sort_key``: the list orders by year and number whatever the numbering scheme; filled here
  for existing rows by reading each reference with the office's numbering format (see
  kimdesk.domain.numbering); the list and search indexes move from the reference to it;
- ``related_papers``: Bezugsvorlagen (number as given, the Vorlage when it is in the database);
- ``consultations.public`` may be NULL (not known: an import from a system that did not record it);
- ``funding_modules``: a period by months (``start_month``/``end_month``, existing rows Jan–Dec), the
  Eigenanteil by sources (``own_sources``; the old single amount became one source without text, a
  zero amount none) instead of ``own_contribution``, and a yearly amount the catalogue lacks
  (``extra_amount``/``extra_reason``).

Revision ID: 0007_fields
Revises: 0006_profiles
"""

from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from kimdesk.domain.numbering import SORT_KEY_LENGTH, list_sort_key
from kimdesk.storage import types as kimdesk_types
from kimdesk.storage.search import fold_sql as _fold

revision: str = "0007_fields"
down_revision: str | Sequence[str] | None = "0006_profiles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_NUMBERING = "{yy}/{n:04d}"
OLD_SQLITE_INDEXES = {
    "ix_papers_reference_search_rowid": "reference, search_rowid",
    "ix_papers_year_reference_search_rowid": "year, reference, search_rowid",
    "ix_papers_status_reference_search_rowid": "status, reference, search_rowid",
}
#: Kept in step with kimdesk.storage.search (SQLITE_WALK_INDEX, SQLITE_FILTER_INDEXES).
NEW_SQLITE_INDEXES = {
    "ix_papers_sort_key_search_rowid": "sort_key, search_rowid",
    "ix_papers_year_sort_key_search_rowid": "year, sort_key, search_rowid",
    "ix_papers_status_sort_key_search_rowid": "status, sort_key, search_rowid",
}


def _same(expression: str) -> str:
    return expression


def _sqlite_search(with_file_number: bool) -> list[str]:
    """The FTS5 table and its triggers; since this revision (``with_file_number``) the text is stored
    folded (ä → ae, ß → ss: see search.fold_sql), before it (downgrade) as it is."""
    fold_sql = _fold if with_file_number else _same
    extra_column = ", file_number" if with_file_number else ""
    extra_value = f", {fold_sql('new.file_number')}" if with_file_number else ""
    extra_select = f", {fold_sql('file_number')}" if with_file_number else ""
    extra_set = f", file_number = {fold_sql('new.file_number')}" if with_file_number else ""
    return [
        "CREATE VIRTUAL TABLE papers_fts USING fts5("
        f"reference, title, body{extra_column}, tokenize = 'unicode61 remove_diacritics 2')",
        f"INSERT INTO papers_fts (rowid, reference, title, body{extra_column}) "
        f"SELECT search_rowid, reference, {fold_sql('title')}, {fold_sql('rationale_text')}{extra_select} "
        "FROM papers WHERE search_rowid IS NOT NULL",
        f"""CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
            INSERT INTO papers_fts (reference, title, body{extra_column})
                VALUES (new.reference, {fold_sql('new.title')}, {fold_sql('new.rationale_text')}{extra_value});
            UPDATE papers SET search_rowid = last_insert_rowid() WHERE id = new.id;
        END""",
        f"""CREATE TRIGGER papers_fts_update
            AFTER UPDATE OF reference, title, rationale_text{extra_column} ON papers BEGIN
            UPDATE papers_fts SET reference = new.reference, title = {fold_sql('new.title')},
                body = {fold_sql('new.rationale_text')}{extra_set}
                WHERE rowid = new.search_rowid;
        END""",
    ]


def _pg_search(with_file_number: bool) -> list[str]:
    """The stored tsvector, over the folded text since this revision (see search.fold_sql)."""
    fold_sql = _fold if with_file_number else _same
    extra = " || ' ' || file_number" if with_file_number else ""
    document = f"reference{extra} || ' ' || left(title, 20000) || ' ' || left(rationale_text, 100000)"
    return [
        "ALTER TABLE papers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('german'::regconfig, {fold_sql(document)})) STORED",
        "CREATE INDEX ix_papers_fulltext ON papers USING gin (search_vector)",
    ]


def _rebuild_search(with_file_number: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("papers_fts_insert", "papers_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS papers_fts")  # the delete trigger stays: it names only the rowid
        for statement in _sqlite_search(with_file_number):
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("ALTER TABLE papers DROP COLUMN IF EXISTS search_vector")  # drops its index too
        for statement in _pg_search(with_file_number):
            op.execute(statement)


def _fill_sort_keys() -> None:
    bind = op.get_bind()
    fmt = bind.execute(sa.text("SELECT numbering_format FROM office WHERE id = 1")).scalar()
    papers = sa.table(
        "papers",
        sa.column("id", sa.Uuid),
        sa.column("reference", sa.String),
        sa.column("year", sa.Integer),
        sa.column("sort_key", sa.String),
    )
    rows = bind.execute(sa.select(papers.c.id, papers.c.reference, papers.c.year)).all()
    updates = [
        {"row_id": row.id, "key": list_sort_key(fmt or DEFAULT_NUMBERING, row.reference, row.year)}
        for row in rows
    ]
    if updates:
        bind.execute(
            papers.update().where(papers.c.id == sa.bindparam("row_id")).values(sort_key=sa.bindparam("key")),
            updates,
        )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMNs (no batch): on SQLite a batch would copy ``papers`` and lose its triggers.
    op.add_column("papers", sa.Column("file_number", sa.Text(), server_default="", nullable=False))
    op.add_column("papers", sa.Column("sort_key", sa.String(SORT_KEY_LENGTH), server_default="", nullable=False))
    _fill_sort_keys()
    if dialect == "postgresql":
        op.alter_column("papers", "sort_key", server_default=None)
    op.drop_index("ix_papers_year_reference", table_name="papers")
    op.drop_index("ix_papers_status_reference", table_name="papers")
    op.create_index("ix_papers_sort_key", "papers", ["sort_key"], unique=True)
    op.create_index("ix_papers_year_sort_key", "papers", ["year", "sort_key"])
    op.create_index("ix_papers_status_sort_key", "papers", ["status", "sort_key"])
    if dialect == "sqlite":
        for name in OLD_SQLITE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        for name, columns in NEW_SQLITE_INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON papers ({columns})")
    _rebuild_search(with_file_number=True)

    op.create_table(
        "related_papers",
        sa.Column("paper_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("related_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name=op.f("fk_related_papers_paper_id_papers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["related_id"], ["papers.id"], name=op.f("fk_related_papers_related_id_papers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("paper_id", "position", name=op.f("pk_related_papers")),
    )
    op.create_index(op.f("ix_related_papers_reference"), "related_papers", ["reference"])
    op.create_index(op.f("ix_related_papers_related_id"), "related_papers", ["related_id"])

    _consultations_public_nullable()
    _upgrade_funding_modules()


CONSULTATION_COLUMNS = (
    "paper_id, position, committee_id, role, meeting_date, agenda_item, public, rapporteur_id, meeting_id"
)


def _consultations_public_nullable() -> None:
    """PostgreSQL alters the column; SQLite copies the table into one written out here in full (a
    batch copy would order its constraints differently from run to run)."""
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("consultations", "public", existing_type=sa.Boolean(), nullable=True)
        return
    op.create_table(
        "consultations_0007",
        sa.Column("paper_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("agenda_item", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=True),
        sa.Column("rapporteur_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["organizations.id"],
            name="fk_consultations_committee_id_organizations",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_consultations_paper_id_papers", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["rapporteur_id"], ["persons.id"], name="fk_consultations_rapporteur_id_persons", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("paper_id", "position", name="pk_consultations"),
    )
    op.execute(
        f"INSERT INTO consultations_0007 ({CONSULTATION_COLUMNS}) SELECT {CONSULTATION_COLUMNS} FROM consultations"
    )
    op.drop_table("consultations")
    op.rename_table("consultations_0007", "consultations")
    op.create_index("ix_consultations_committee_paper", "consultations", ["committee_id", "paper_id"])
    op.create_index("ix_consultations_meeting_id", "consultations", ["meeting_id"])
    op.create_index("ix_consultations_rapporteur_id", "consultations", ["rapporteur_id"])


def _funding_table(*columns: sa.ColumnClause[object]) -> sa.TableClause:
    return sa.table("funding_modules", sa.column("id", sa.Uuid), *columns)


def _upgrade_funding_modules() -> None:
    # Plain ADD/DROP COLUMNs (SQLite 3.35+), no table copy.
    money = kimdesk_types.Money(precision=12, scale=2)
    op.add_column("funding_modules", sa.Column("start_month", sa.Integer(), server_default="1", nullable=False))
    op.add_column("funding_modules", sa.Column("end_month", sa.Integer(), server_default="12", nullable=False))
    op.add_column(
        "funding_modules", sa.Column("own_sources", kimdesk_types.JsonText(), server_default="[]", nullable=False)
    )
    op.add_column("funding_modules", sa.Column("extra_amount", money, server_default="0", nullable=False))
    op.add_column("funding_modules", sa.Column("extra_reason", sa.Text(), server_default="", nullable=False))
    bind = op.get_bind()
    table = _funding_table(
        sa.column("own_contribution", money), sa.column("own_sources", kimdesk_types.JsonText())
    )
    updates = [
        {"row_id": row.id, "sources": [{"amount": format(row.own_contribution, "f"), "source": ""}]}
        for row in bind.execute(sa.select(table.c.id, table.c.own_contribution))
        if row.own_contribution
    ]
    if updates:
        bind.execute(
            table.update().where(table.c.id == sa.bindparam("row_id")).values(own_sources=sa.bindparam("sources")),
            updates,
        )
    op.drop_column("funding_modules", "own_contribution")


def _downgrade_funding_modules() -> None:
    money = kimdesk_types.Money(precision=12, scale=2)
    with op.batch_alter_table("funding_modules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("own_contribution", money, server_default="0", nullable=False))
    bind = op.get_bind()
    table = _funding_table(
        sa.column("own_contribution", money), sa.column("own_sources", kimdesk_types.JsonText())
    )
    updates = [
        {"row_id": row.id, "total": sum((Decimal(s["amount"]) for s in row.own_sources), Decimal("0.00"))}
        for row in bind.execute(sa.select(table.c.id, table.c.own_sources))
    ]
    if updates:
        bind.execute(
            table.update().where(table.c.id == sa.bindparam("row_id")).values(own_contribution=sa.bindparam("total")),
            updates,
        )
    with op.batch_alter_table("funding_modules", schema=None) as batch_op:
        for name in ("extra_reason", "extra_amount", "own_sources", "end_month", "start_month"):
            batch_op.drop_column(name)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _downgrade_funding_modules()
    op.execute("UPDATE consultations SET public = TRUE WHERE public IS NULL")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.alter_column("public", existing_type=sa.Boolean(), nullable=False)
    op.drop_index(op.f("ix_related_papers_related_id"), table_name="related_papers")
    op.drop_index(op.f("ix_related_papers_reference"), table_name="related_papers")
    op.drop_table("related_papers")
    if dialect == "sqlite":
        for name in NEW_SQLITE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_papers_status_sort_key", table_name="papers")
    op.drop_index("ix_papers_year_sort_key", table_name="papers")
    op.drop_index("ix_papers_sort_key", table_name="papers")
    op.create_index("ix_papers_year_reference", "papers", ["year", "reference"])
    op.create_index("ix_papers_status_reference", "papers", ["status", "reference"])
    _rebuild_search(with_file_number=False)
    if dialect == "sqlite":
        for name, columns in OLD_SQLITE_INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON papers ({columns})")
        # SQLite (3.35+) drops a column only when no index or trigger names it; both are gone now.
    op.drop_column("papers", "sort_key")
    op.drop_column("papers", "file_number")
