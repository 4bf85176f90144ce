"""Read one Vorlage and the office settings from a SQLite file with the plain ``sqlite3`` driver.

``kimdesk pdf`` needs exactly that, once; importing SQLAlchemy and the models for it costs ~0,3 s,
several times the rest of the export. So when the database is a SQLite file at exactly the
program's revision, :func:`load_paper_and_office` reads it here, read-only, the way
:class:`kimdesk.storage.database.Database` checks a file before touching it: a file without
``-wal`` is opened as immutable (no ``-wal``/``-shm`` files are created), otherwise read-only in
one read transaction. Any other case — another database, an older revision (to be migrated), a
newer one (to be refused), a reference that is not there, any error — answers None, and the caller
takes the ordinary way through ``Database.open`` and the repository, which behaves (and words its
errors) as always.

There is no second mapping: the rows are read into attribute-style records with the same names and
the same decoded values as the ORM rows (:data:`COLUMN_DECODERS`, with the conversions of
:mod:`kimdesk.storage.values` that the column types use too; a test compares them with the
models), and :mod:`kimdesk.storage.mapping` builds the domain objects from them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import unquote

from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.storage import mapping
from kimdesk.storage.health import connect_read_only, file_uri, wal_file

__all__ = ["connect_read_only", "file_uri", "load_paper_and_office", "sqlite_file_of", "wal_file"]
from kimdesk.storage.location import MIGRATIONS_DIR
from kimdesk.storage.revisions import read_revisions
from kimdesk.storage.values import (
    decimal_from_stored,
    json_from_text,
    money_from_cents,
    sqlite_bool,
    sqlite_date,
    sqlite_utc_datetime,
    sqlite_uuid,
)

log = logging.getLogger(__name__)

Decoder = Callable[[Any], Any]

#: Per table, how the columns whose SQLite form differs from their Python value are decoded (as
#: the ORM's column types do); other columns (text, integers) arrive as ``sqlite3`` gives them.
#: NULL stays None.
COLUMN_DECODERS: dict[str, dict[str, Decoder]] = {
    "organizations": {"id": sqlite_uuid},
    "persons": {"id": sqlite_uuid},
    "papers": {
        "id": sqlite_uuid,
        "lead_department_id": sqlite_uuid,
        "rationale": json_from_text,
        "budget_available": sqlite_bool,
        "signature_on_behalf": sqlite_bool,
        "created_at": sqlite_utc_datetime,
        "modified_at": sqlite_utc_datetime,
    },
    "consultations": {
        "paper_id": sqlite_uuid,
        "committee_id": sqlite_uuid,
        "meeting_date": sqlite_date,
        "public": sqlite_bool,
        "rapporteur_id": sqlite_uuid,
        "meeting_id": sqlite_uuid,
    },
    "finance_cells": {"paper_id": sqlite_uuid, "amount": money_from_cents, "overridden": sqlite_bool},
    "funding_modules": {
        "id": sqlite_uuid,
        "paper_id": sqlite_uuid,
        "posts": decimal_from_stored,
        "own_contribution": money_from_cents,
        "rate_annual_per_post": money_from_cents,
        "rate_one_off_per_post": money_from_cents,
        "rate_valid_from": sqlite_date,
    },
    "sign_offs": {
        "id": sqlite_uuid,
        "paper_id": sqlite_uuid,
        "required": sqlite_bool,
        "as_deputy": sqlite_bool,
        "signed_at": sqlite_utc_datetime,
        "voided": sqlite_bool,
        "due_date": sqlite_date,
    },
    "resolution_entries": {"paper_id": sqlite_uuid, "meeting_date": sqlite_date, "non_public": sqlite_bool},
    "office": {"default_signatory_id": sqlite_uuid, "record_bodies": json_from_text},
    "sign_off_roles": {"holder_id": sqlite_uuid, "deputy_id": sqlite_uuid},
}

#: The child tables of a Vorlage: (record attribute, table, order) — as the ORM relationships.
_CHILDREN = (
    ("consultations", "consultations", "position"),
    ("finance_cells", "finance_cells", "row, period"),
    ("funding_modules", "funding_modules", "position"),
    ("sign_offs", "sign_offs", "position"),
    ("resolution_entries", "resolution_entries", "position"),
)


# --- opening -------------------------------------------------------------------------------------


def sqlite_file_of(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (no query options); None for anything else."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if not rest or "?" in rest or rest == ":memory:" or rest.startswith("file:"):
                return None
            return Path(unquote(rest)).expanduser()
    return None


def is_at_head(conn: sqlite3.Connection, migrations_dir: Path = MIGRATIONS_DIR) -> bool:
    """Whether the database's ``alembic_version`` holds exactly the program's head revisions."""
    revisions = read_revisions(migrations_dir)
    if revisions is None:
        return False
    try:
        stored = sorted(str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.Error:
        return False
    return bool(stored) and stored == sorted(revisions.heads)


def _file_state(path: Path) -> tuple[int, int, bool]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, wal_file(path).exists()


# --- loading -------------------------------------------------------------------------------------


def load_paper_and_office(
    url: str, reference: str, migrations_dir: Path = MIGRATIONS_DIR
) -> tuple[Paper, Office] | None:
    """Vorlage ``reference`` and the office settings, if ``url`` is a SQLite file at the program's
    revision that holds that Vorlage; None in every other case (use the repository then)."""
    path = sqlite_file_of(url)
    if path is None:
        return None
    try:
        if not path.is_file():
            return None
        before = _file_state(path)
        with closing(connect_read_only(path)) as conn:
            conn.execute("BEGIN")  # one snapshot for every read below (mode=ro on a WAL file)
            if not is_at_head(conn, migrations_dir):
                return None
            loaded = _load(conn, reference.strip())
            conn.execute("COMMIT")
        if not before[2] and _file_state(path) != before:
            # read as immutable, but someone wrote meanwhile: the snapshot may be torn
            return None
        return loaded
    except Exception as exc:  # any surprise: the ordinary way decides (and reports) instead
        log.debug("Schnelles Lesen von %s nicht möglich: %r", path, exc)
        return None


def _load(conn: sqlite3.Connection, reference: str) -> tuple[Paper, Office] | None:
    papers = _records(conn, "papers", "SELECT * FROM papers WHERE reference = ?", (reference,))
    if not papers:
        return None
    (paper,), raw_id = papers, papers[0].raw_id
    children = {
        name: _records(conn, table, f"SELECT * FROM {table} WHERE paper_id = ? ORDER BY {order}", (raw_id,))
        for name, table, order in _CHILDREN
    }
    persons = {p.raw_id: p for p in _records(conn, "persons", "SELECT * FROM persons")}
    org_ids = {raw for raw in [paper.raw_lead_department_id] if raw is not None}
    org_ids.update(c.raw_committee_id for c in children["consultations"] if c.raw_committee_id is not None)
    organizations = {o.raw_id: o for o in _by_ids(conn, "organizations", org_ids)}
    paper.lead_department = organizations.get(paper.raw_lead_department_id)
    for consultation in children["consultations"]:
        consultation.committee = organizations.get(consultation.raw_committee_id)
        consultation.rapporteur = persons.get(consultation.raw_rapporteur_id)
    for name, records in children.items():
        setattr(paper, name, records)

    offices = _records(conn, "office", "SELECT * FROM office WHERE id = 1")
    roles = _records(conn, "sign_off_roles", "SELECT * FROM sign_off_roles ORDER BY position")
    people = {p.id: mapping.person_from_row(cast(mapping.PersonRecord, p)) for p in persons.values()}
    office = mapping.office_from_rows(
        cast(mapping.OfficeRecord, offices[0]) if offices else None,
        cast(Iterable[mapping.SignOffRoleRecord], roles),
        people,
    )
    return mapping.paper_from_row(cast(mapping.PaperRecord, paper)), office


def _records(
    conn: sqlite3.Connection, table: str, sql: str, params: Sequence[object] = ()
) -> list[SimpleNamespace]:
    """The rows as records: every column as an attribute (decoded), plus ``raw_<column>`` with the
    stored value of every decoded column (to look up related rows by)."""
    decoders = COLUMN_DECODERS[table]
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    steps = [(name, decoders.get(name)) for name in names]
    records = []
    for row in cursor:
        record = SimpleNamespace()
        attrs = record.__dict__
        for (name, decode), value in zip(steps, row, strict=True):
            if decode is None:
                attrs[name] = value
            else:
                attrs[f"raw_{name}"] = value
                attrs[name] = None if value is None else decode(value)
        records.append(record)
    return records


def _by_ids(conn: sqlite3.Connection, table: str, raw_ids: set[Any]) -> list[SimpleNamespace]:
    if not raw_ids:
        return []
    marks = ", ".join("?" * len(raw_ids))
    return _records(conn, table, f"SELECT * FROM {table} WHERE id IN ({marks})", sorted(raw_ids))
