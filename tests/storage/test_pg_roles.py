"""PostgreSQL roles (``kimdesk db pg-roles``): the application role the PCs use does its normal work, and
every statement that would rewrite history fails — UPDATE, DELETE, TRUNCATE on each append-only table,
moving the chain head back, ALTER/DROP, disabling triggers, SET ROLE to the owner … The owner's own
UPDATE/DELETE/TRUNCATE of those tables is refused by the triggers too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from kimdesk.cli import main
from kimdesk.domain.released import ReleaseEvent
from kimdesk.pdf.signing import PadesPdfMaker
from kimdesk.services import signoff, verification
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.services.released import sign_and_store_release
from kimdesk.storage.database import Database
from kimdesk.storage.pg_roles import APPEND_ONLY_TABLES, CHAIN_HEAD_TABLE
from tests.pdfsig.identities import office_ca

pytestmark = pytest.mark.postgres

#: scripts/test.sh creates both roles on its server and names them here; else the command creates them.
OWNER = os.environ.get("KIMDESK_TEST_PG_OWNER", "kimdesk_owner")
APP = os.environ.get("KIMDESK_TEST_PG_APP", "kimdesk_app")


def as_role(url: str, role: str) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False)


def dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def hardened(pg_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    """The test database with both roles set up (twice: the command is repeatable); the app's URL."""
    for _ in range(2):
        assert main(["--db", pg_url, "db", "pg-roles", "--owner", OWNER, "--app", APP]) == 0
    out = capsys.readouterr().out
    assert "Nur anfügen (kein UPDATE, DELETE, TRUNCATE): audit_log" in out
    yield as_role(pg_url, APP)


def counts(url: str) -> dict[str, Any]:
    with psycopg.connect(dsn(url)) as conn:
        result: dict[str, Any] = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone() for t in APPEND_ONLY_TABLES
        }
        result[CHAIN_HEAD_TABLE] = conn.execute(f"SELECT seq, entry_hash FROM {CHAIN_HEAD_TABLE}").fetchone()
    return result


def first_column(url: str, table: str) -> str:
    with psycopg.connect(dsn(url)) as conn:
        row = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position LIMIT 1",
            (table,),
        ).fetchone()
    assert row is not None
    return str(row[0])


def app_work(app_url: str) -> None:
    """What the PCs do: create Vorlagen, save, sign (audit appends, head advances), store a signed PDF."""
    db = Database.open(app_url)
    try:
        if not load_demo(db.uow_factory):
            raise AssertionError("the demo was loaded already")
        apply_demo_signoffs(db.uow_factory)
        identity = office_ca().issue("Christoph Tesche")
        sign_and_store_release(db.uow_factory, "20/0270", identity, ReleaseEvent.RELEASED, PadesPdfMaker())
        signoff.back_to_draft(db.uow_factory, "20/0311")
        report = verification.verify(db.uow_factory)
        assert report.ok, report.findings
    finally:
        db.close()


def test_the_app_role_works_and_cannot_rewrite_history(hardened: str, pg_url: str) -> None:
    app_work(hardened)
    before = counts(pg_url)
    assert all(before[t][0] > 0 for t in APPEND_ONLY_TABLES)
    forbidden: list[str] = []
    for table in (*APPEND_ONLY_TABLES, CHAIN_HEAD_TABLE):
        column = first_column(pg_url, table)
        forbidden += [
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
            f"TRUNCATE {table} CASCADE",
            f"ALTER TABLE {table} ADD COLUMN extra integer",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"ALTER TABLE {table} OWNER TO {APP}",
            f"DROP TABLE {table} CASCADE",
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        ]
        if table != CHAIN_HEAD_TABLE:
            forbidden.append(f"UPDATE {table} SET {column} = {column}")
    forbidden += [
        # The head only advances onto an existing entry: not back, not sideways, not ahead.
        f"UPDATE {CHAIN_HEAD_TABLE} SET seq = seq - 1",
        f"UPDATE {CHAIN_HEAD_TABLE} SET entry_hash = md5('x') || md5('y')",
        f"UPDATE {CHAIN_HEAD_TABLE} SET seq = seq + 1",
        f"SET ROLE {OWNER}",
        f"SET SESSION AUTHORIZATION {OWNER}",
        "SET session_replication_role = replica",
        "CREATE TABLE public.extra (i integer)",
        "CREATE OR REPLACE FUNCTION public.kimdesk_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RETURN NEW; END $$",
        "DROP FUNCTION public.kimdesk_append_only() CASCADE",
        f"ALTER ROLE {APP} SUPERUSER",
        f"GRANT {OWNER} TO {APP}",
        "CREATE ROLE helper LOGIN",
    ]
    with psycopg.connect(dsn(hardened), autocommit=True) as conn:
        for statement in forbidden:
            with pytest.raises(psycopg.Error):
                conn.execute(statement)
                pytest.fail(f"the application role could run: {statement}")
        # A temporary table named like the log does not fool the head's check (schema-qualified).
        conn.execute("CREATE TEMP TABLE audit_log (seq integer, entry_hash text)")
        conn.execute("INSERT INTO audit_log VALUES (999999, 'f')")
        with pytest.raises(psycopg.Error, match="nur vorrücken"):
            conn.execute(f"UPDATE public.{CHAIN_HEAD_TABLE} SET seq = 999999, entry_hash = 'f'")
        # A GRANT to oneself only warns ("no privileges were granted"): the rights stay as they were.
        qualified = ", ".join(f"public.{t}" for t in (*APPEND_ONLY_TABLES, CHAIN_HEAD_TABLE))
        conn.execute(f"GRANT ALL ON {qualified} TO {APP}")
        for table in (*APPEND_ONLY_TABLES, CHAIN_HEAD_TABLE):
            for right in ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"):
                if table == CHAIN_HEAD_TABLE and right == "UPDATE":
                    continue
                query = "SELECT has_table_privilege(%s, %s)"
                row = conn.execute(query, (f"public.{table}", right)).fetchone()
                assert row == (False,), (table, right)
    assert counts(pg_url) == before
    # The owner (IT's migrations) is held by the triggers as well.
    with psycopg.connect(dsn(as_role(pg_url, OWNER)), autocommit=True) as conn:
        for table in APPEND_ONLY_TABLES:
            column = first_column(pg_url, table)
            for statement in (
                f"UPDATE {table} SET {column} = {column}",
                f"DELETE FROM {table}",
                f"TRUNCATE {table}",
            ):
                with pytest.raises(psycopg.Error, match="nur anfügen"):
                    conn.execute(statement)
        with pytest.raises(psycopg.Error):
            conn.execute(f"DELETE FROM {CHAIN_HEAD_TABLE}")
    assert counts(pg_url) == before
    # … and the PCs go on working: another Umlauf, signatures, audit appends.
    db = Database.open(hardened)
    try:
        signoff.start(db.uow_factory, "20/0311")
        assert verification.verify(db.uow_factory).ok
    finally:
        db.close()
    assert counts(pg_url)[CHAIN_HEAD_TABLE][0] > before[CHAIN_HEAD_TABLE][0]


def test_pg_roles_refuses_bad_names_and_sqlite(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "db", "pg-roles", "--owner", "Robert'); --", "--app", "a"]) == 1
    assert "Eigentümer-Rolle" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "db", "pg-roles", "--owner", "o", "--app", "o"]) == 1
    assert main(["--db", sqlite_url, "db", "pg-roles", "--owner", "o", "--app", "a"]) == 1
    assert "nur für PostgreSQL" in capsys.readouterr().err
