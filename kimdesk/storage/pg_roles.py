"""PostgreSQL roles: an owner role for IT's migrations and an application role for the PCs.

``kimdesk db pg-roles --owner X --app Y`` (run as a superuser, after ``kimdesk db upgrade``; idempotent,
run it again after every upgrade) makes ``X`` own every kimdesk table and grants ``Y`` only what the
program needs:

- ordinary tables: SELECT, INSERT, UPDATE, DELETE;
- the append-only tables (:data:`APPEND_ONLY_TABLES`): SELECT and INSERT only. A trigger refuses
  UPDATE, DELETE and TRUNCATE as well, so that not even the owner changes a row by accident (the
  owner can disable the trigger deliberately: IT's migrations are trusted, the PCs are not);
- ``audit_chain_head`` (one row, the chain's last seq and hash): SELECT, INSERT and UPDATE — appends
  must advance it, and ``SELECT … FOR UPDATE`` (the append lock) needs UPDATE. A deferred constraint
  trigger lets an UPDATE through only if at commit the head moved forward onto an entry that exists in
  ``audit_log`` with that hash; it can neither go back (hide a deleted tail) nor point elsewhere.
  Chosen over a SECURITY DEFINER function because the program's append path stays exactly as it is
  on SQLite, and the check holds for every statement, whoever writes it;
- ``paper_versions`` (the Fassungen, :data:`VERSIONS_TABLE`): SELECT, INSERT and UPDATE, never DELETE or
  TRUNCATE. A trigger lets an UPDATE through only for the same-day compaction of a clerk's saves: the
  row was and stays a "saved" Fassung of the same Vorlage, number and Berlin day, and it is the
  Vorlage's newest Fassung. Every event-version (Umlauf, rejection, release, decision …) is thereby as
  fixed as an audit entry, and no save can be moved onto another day or hidden behind a later Fassung;
- ``alembic_version``: SELECT. No schema rights (CREATE), not a member of the owner role, no
  TRUNCATE, REFERENCES or TRIGGER anywhere: the application role cannot ALTER, DROP, disable a
  trigger or ``SET ROLE`` to the owner.

New tables from a later migration get no grants at all until the command runs again (fail-safe:
the PCs get "permission denied", never more rights than intended).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text

from kimdesk.domain.errors import KimdeskError

#: Tables whose rows are only ever added. Other branches add theirs here by name (e.g. "signatures").
APPEND_ONLY_TABLES: tuple[str, ...] = ("audit_log", "released_documents", "signatures")
#: Appended to; only its newest "saved" row may be replaced on the same day (see the module docstring).
VERSIONS_TABLE = "paper_versions"
#: The one-row chain head: may only advance (see the module docstring).
CHAIN_HEAD_TABLE = "audit_chain_head"
#: Read-only for the application role.
READ_ONLY_TABLES: tuple[str, ...] = ("alembic_version",)

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_APPEND_ONLY_FUNCTION = "kimdesk_append_only"
_HEAD_FUNCTION = "kimdesk_chain_head_advances"
_VERSIONS_FUNCTION = "kimdesk_version_compaction"


class RoleSetupError(KimdeskError):
    """A German message: the roles could not be set up as asked (nothing was changed)."""


def check_role_name(what: str, name: str) -> str:
    if not _NAME.match(name):
        raise RoleSetupError(
            f"{what}: „{name}“ ist kein gültiger Rollenname "
            "(Kleinbuchstaben, Ziffern, _; höchstens 63 Zeichen)."
        )
    return name


def setup_roles(engine: Engine, owner: str, app: str) -> list[str]:
    """Create (if missing) and configure both roles on the kimdesk database of ``engine`` (a
    superuser's connection) in one transaction; returns what was done, in German."""
    check_role_name("Eigentümer-Rolle", owner)
    check_role_name("Anwendungs-Rolle", app)
    if owner == app:
        raise RoleSetupError("Rollen: Eigentümer- und Anwendungs-Rolle müssen verschieden sein.")
    if engine.dialect.name != "postgresql":
        raise RoleSetupError("Rollen: nur für PostgreSQL-Datenbanken (SQLite kennt keine Rollen).")
    done: list[str] = []
    with engine.begin() as conn:
        superuser = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
        if not superuser:
            raise RoleSetupError("Rollen: bitte als Superuser (z. B. postgres) verbinden.")
        for name, label in ((owner, "Eigentümer-Rolle"), (app, "Anwendungs-Rolle")):
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
            if exists is None:
                conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
                done.append(f"{label} {name} angelegt.")
            else:
                done.append(f"{label} {name} vorhanden.")
        conn.exec_driver_sql(f'ALTER ROLE "{owner}" LOGIN NOSUPERUSER')
        conn.exec_driver_sql(
            f'ALTER ROLE "{app}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'
        )
        _revoke_memberships(conn, app)
        schema = str(conn.execute(text("SELECT current_schema()")).scalar())
        tables = _tables(conn, schema)
        database = str(conn.execute(text("SELECT current_database()")).scalar())
        _schema_rights(conn, database, schema, owner, app)
        _take_ownership(conn, schema, tables, owner)
        _functions(conn, schema, owner)
        protected = [t for t in APPEND_ONLY_TABLES if t in tables]
        for table in protected:
            _append_only_triggers(conn, schema, table, row_ops="UPDATE OR DELETE")
        if VERSIONS_TABLE in tables:
            _append_only_triggers(conn, schema, VERSIONS_TABLE, row_ops="DELETE")
            _versions_trigger(conn, schema)
        if CHAIN_HEAD_TABLE in tables:
            _append_only_triggers(conn, schema, CHAIN_HEAD_TABLE, row_ops="DELETE")
            _head_trigger(conn, schema)
        _grants(conn, schema, tables, app)
        done.append(f"{len(tables)} Tabellen gehören {owner}; {app} darf lesen und schreiben.")
        done.append(
            "Nur anfügen (kein UPDATE, DELETE, TRUNCATE): " + ", ".join(protected) + "; "
            f"{CHAIN_HEAD_TABLE} rückt nur vor; {VERSIONS_TABLE}: nur anfügen, die gespeicherte Fassung "
            "des Tages ersetzen."
        )
    return done


def _q(schema: str, name: str) -> str:
    return f'"{schema}"."{name}"'


def _tables(conn: Connection, schema: str) -> list[str]:
    rows = conn.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"), {"s": schema}
    )
    return [str(r[0]) for r in rows]


def _revoke_memberships(conn: Connection, app: str) -> None:
    """The application role inherits nothing and cannot SET ROLE to any other role."""
    granted = conn.execute(
        text(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "JOIN pg_roles a ON a.oid = m.member WHERE a.rolname = :app"
        ),
        {"app": app},
    )
    for (role,) in list(granted):
        conn.exec_driver_sql(f'REVOKE "{role}" FROM "{app}"')


def _schema_rights(conn: Connection, database: str, schema: str, owner: str, app: str) -> None:
    conn.exec_driver_sql(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{owner}", "{app}"')
    conn.exec_driver_sql(f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC')
    conn.exec_driver_sql(f'REVOKE CREATE ON SCHEMA "{schema}" FROM "{app}"')
    conn.exec_driver_sql(f'GRANT USAGE, CREATE ON SCHEMA "{schema}" TO "{owner}"')
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{app}"')


def _take_ownership(conn: Connection, schema: str, tables: list[str], owner: str) -> None:
    for table in tables:
        conn.exec_driver_sql(f'ALTER TABLE {_q(schema, table)} OWNER TO "{owner}"')
    sequences = conn.execute(
        text("SELECT sequencename FROM pg_sequences WHERE schemaname = :s"), {"s": schema}
    )
    for (sequence,) in list(sequences):
        conn.exec_driver_sql(f'ALTER SEQUENCE {_q(schema, str(sequence))} OWNER TO "{owner}"')


def _functions(conn: Connection, schema: str, owner: str) -> None:
    """The trigger functions, schema-qualified and with a fixed search_path (no temp-table tricks)."""
    # text(): SQLAlchemy escapes the "%" of RAISE for the driver.
    conn.execute(
        text(
            f"""CREATE OR REPLACE FUNCTION {_q(schema, _APPEND_ONLY_FUNCTION)}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog AS $$
        BEGIN
            RAISE EXCEPTION 'kimdesk: % in % ist nicht erlaubt (nur anfügen)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END $$"""
        )
    )
    conn.execute(
        text(
            f"""CREATE OR REPLACE FUNCTION {_q(schema, _HEAD_FUNCTION)}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog AS $$
        BEGIN
            IF NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.entry_hash = OLD.entry_hash THEN
                RETURN NULL;
            END IF;
            IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq OR NOT EXISTS (
                SELECT 1 FROM {_q(schema, "audit_log")} l
                WHERE l.seq = NEW.seq AND l.entry_hash = NEW.entry_hash
            ) THEN
                RAISE EXCEPTION 'kimdesk: der Kopf des Prüfprotokolls darf nur vorrücken (Nr. % → %)',
                    OLD.seq, NEW.seq USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NULL;
        END $$"""
        )
    )
    conn.execute(
        text(
            f"""CREATE OR REPLACE FUNCTION {_q(schema, _VERSIONS_FUNCTION)}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog AS $$
        BEGIN
            IF OLD.event = 'saved' AND NEW.event = 'saved'
                AND NEW.paper_id = OLD.paper_id AND NEW.number = OLD.number
                AND (NEW.at AT TIME ZONE 'Europe/Berlin')::date = (OLD.at AT TIME ZONE 'Europe/Berlin')::date
                AND (NEW.base_number IS NULL OR NEW.base_number < NEW.number)
                AND NOT EXISTS (
                    SELECT 1 FROM {_q(schema, VERSIONS_TABLE)} v
                    WHERE v.paper_id = OLD.paper_id AND v.number > OLD.number
                ) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'kimdesk: Fassung % darf nicht geändert werden (nur die des Tages)',
                OLD.number USING ERRCODE = 'insufficient_privilege';
        END $$"""
        )
    )
    for function in (_APPEND_ONLY_FUNCTION, _HEAD_FUNCTION, _VERSIONS_FUNCTION):
        conn.exec_driver_sql(f'ALTER FUNCTION {_q(schema, function)}() OWNER TO "{owner}"')
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {_q(schema, function)}() FROM PUBLIC")


def _append_only_triggers(conn: Connection, schema: str, table: str, *, row_ops: str) -> None:
    function = _q(schema, _APPEND_ONLY_FUNCTION)
    for name, spec in (
        (f"{table}_append_only", f"BEFORE {row_ops} ON {_q(schema, table)} FOR EACH ROW"),
        (f"{table}_no_truncate", f"BEFORE TRUNCATE ON {_q(schema, table)} FOR EACH STATEMENT"),
    ):
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}" ON {_q(schema, table)}')
        conn.exec_driver_sql(f'CREATE TRIGGER "{name}" {spec} EXECUTE FUNCTION {function}()')


def _head_trigger(conn: Connection, schema: str) -> None:
    _replace_trigger(
        conn,
        schema,
        CHAIN_HEAD_TABLE,
        "audit_chain_head_advances",
        "CONSTRAINT TRIGGER {name} AFTER UPDATE ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW",
        _HEAD_FUNCTION,
    )


def _versions_trigger(conn: Connection, schema: str) -> None:
    _replace_trigger(
        conn,
        schema,
        VERSIONS_TABLE,
        "paper_versions_compaction",
        "TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW",
        _VERSIONS_FUNCTION,
    )


def _replace_trigger(conn: Connection, schema: str, table: str, name: str, spec: str, function: str) -> None:
    """(Re)create the trigger ``name`` on ``table``: ``CREATE <spec> EXECUTE FUNCTION <function>()``."""
    target = _q(schema, table)
    conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}" ON {target}')
    created = spec.format(name=f'"{name}"', table=target)
    conn.exec_driver_sql(f"CREATE {created} EXECUTE FUNCTION {_q(schema, function)}()")


def _grants(conn: Connection, schema: str, tables: list[str], app: str) -> None:
    for table in tables:
        target = _q(schema, table)
        conn.exec_driver_sql(f"REVOKE ALL ON {target} FROM PUBLIC")
        conn.exec_driver_sql(f'REVOKE ALL ON {target} FROM "{app}"')
        if table in APPEND_ONLY_TABLES:
            rights = "SELECT, INSERT"
        elif table in (CHAIN_HEAD_TABLE, VERSIONS_TABLE):
            rights = "SELECT, INSERT, UPDATE"
        elif table in READ_ONLY_TABLES:
            rights = "SELECT"
        else:
            rights = "SELECT, INSERT, UPDATE, DELETE"
        conn.exec_driver_sql(f'GRANT {rights} ON {target} TO "{app}"')
    conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{app}"')
