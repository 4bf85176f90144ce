"""Full-text search for the Vorlagen list: FTS5 on SQLite, ``to_tsvector('german', …)`` on PostgreSQL.

The search structures are created by migration 0001 in raw SQL (SQLAlchemy's metadata does not
describe FTS5 tables or expression indexes); :func:`include_name` / :func:`include_object` keep them
out of Alembic's model/migration comparison.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, column, func, literal_column, text

from kimdesk.storage.models import PaperRow

FTS_TABLE = "papers_fts"
PG_FULLTEXT_INDEX = "ix_papers_fulltext"
#: PostgreSQL: the indexed document. Only the first 100.000 characters of the Begründung are
#: indexed (and 20.000 of the Betrifft), since a tsvector is limited to 1 MB. Must match the index in
#: the migrations exactly.
PG_DOCUMENT_SQL = (
    "to_tsvector('german'::regconfig, "
    "papers.reference || ' ' || left(papers.title, 20000) || ' ' || left(papers.rationale_text, 100000))"
)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    if type_ == "table" and name is not None:
        return not (name.startswith(FTS_TABLE) or name.startswith("sqlite_"))
    return True


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "index" and name == PG_FULLTEXT_INDEX:
        return False
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def search_words(user_text: str) -> list[str]:
    """The words of a search: whitespace-separated, each with at least one letter or digit."""
    return [w for w in user_text.split() if any(ch.isalnum() for ch in w)]


def fts5_query(words: list[str]) -> str:
    """Every word must occur, each as a prefix (``Integr`` finds ``Integrationsrat``).

    Each word is quoted, so FTS5 operators typed by the user (AND, NEAR, ``-``, ``:``) are plain text.
    """
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def pg_tsquery(words: list[str]) -> str:
    """``to_tsquery`` input: each word quoted, as a prefix, all required."""
    quoted = []
    for w in words:
        escaped = w.replace("\\", "\\\\").replace("'", "''")
        quoted.append(f"'{escaped}':*")
    return " & ".join(quoted)


def text_filter(dialect: str, user_text: str) -> ColumnElement[bool] | None:
    """The WHERE condition for ``PaperQuery.text``; None if there is nothing to search for."""
    words = search_words(user_text)
    if not words:
        return None
    if dialect == "sqlite":
        matches = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_query").bindparams(
            fts_query=fts5_query(words)
        )
        return PaperRow.search_rowid.in_(matches.columns(column("rowid", Integer)))
    document: ColumnElement[Any] = literal_column(PG_DOCUMENT_SQL)
    query = func.to_tsquery(literal_column("'german'::regconfig"), pg_tsquery(words))
    return document.bool_op("@@")(query)
