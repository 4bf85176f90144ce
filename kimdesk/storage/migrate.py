"""Upgrading a database to the program's revision: all or nothing, after one checked backup.

The whole upgrade — every ``CREATE``/``ALTER`` of every pending revision and the new
``alembic_version`` — is one transaction (SQLite: :func:`create_migration_engine`; PostgreSQL has
transactional DDL). A crash or an error at any statement leaves the database exactly as it was. The
data steps that revisions declare (:mod:`kimdesk.storage.data_steps`: e.g. every Vorlage's Fassung 1,
written through the repositories) run in the same transaction, after Alembic reached head
(:func:`upgrade_on`).

Before it, a SQLite file is copied beside itself, once per file and starting revision: the copy is
written as ``<name>.bak-<revision>-vor-migration`` and checked (``PRAGMA integrity_check`` and its
revision); a start after a failed upgrade finds it, checks it again and reuses it, so repeated
failures neither pile up backups nor replace the good one. After a successful upgrade the copy is
renamed to ``<name>.bak-<revision>-<date>-<time>`` (the time it was taken) and kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DBAPIError

from kimdesk.domain.errors import DatabaseError, NoRoomForBackupError
from kimdesk.storage.backup_space import DiskUsage, disk_usage, shortfall
from kimdesk.storage.sqlite_engine import create_migration_engine

if TYPE_CHECKING:
    from alembic.config import Config

    from kimdesk.storage.database import Database, Migration

log = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"
PENDING = "vor-migration"
#: One key for "a kimdesk migration runs" (PostgreSQL advisory lock, per database).
_PG_LOCK_KEY = 0x6B696D6465736B  # "kimdesk"


def upgrade_to_head(db: Database, sqlite_path: Path | None) -> Migration | None:
    """Upgrade ``db`` in one transaction; None if another program did it meanwhile."""
    from kimdesk.storage.database import Migration

    sqlite_file = sqlite_path is not None and db.dialect == "sqlite"
    engine = create_migration_engine(db.engine.url) if sqlite_file else db.engine
    backup: Path | None = None
    try:
        with engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE, the write lock until the end
            if db.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
            current = stored_revisions(conn)  # again, now that no one else can write
            if current and set(current) == set(db.revisions().heads):
                return None
            db._refuse_unknown(current, db.display_url)
            old = ", ".join(current) or None
            has_tables = bool(set(inspect(conn).get_table_names()) - {VERSION_TABLE})
            if sqlite_path is not None and (current or has_tables):
                backup = pre_migration_backup(sqlite_path, current, db.display_url)
            upgrade_on(conn, db._alembic_config(), current)
    except DBAPIError as exc:
        hint = f" Die Datenbank ist unverändert; die Sicherung liegt unter {backup}." if backup else ""
        raise DatabaseError(
            f"Die Datenbank {db.display_url} konnte nicht auf den neuen Stand gebracht werden: "
            f"{reason(exc)}.{hint}"
        ) from exc
    finally:
        if engine is not db.engine:
            engine.dispose()
    return Migration(old, db.head_revision, _keep(backup) if backup else None)


def upgrade_on(conn: Connection, config: Config, current: tuple[str, ...] | None = None) -> None:
    """Alembic to head on ``conn``, then the data steps of the revisions it applied (:mod:`.data_steps`).

    Everything in the caller's transaction on ``conn``. ``current``: the stored revisions, if the caller
    has read them already. Every upgrade of a kimdesk database goes through here (tests included), so
    that none skips a data step.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    from kimdesk.storage import data_steps

    if current is None:
        current = stored_revisions(conn)
    steps = data_steps.declared_after(ScriptDirectory.from_config(config), current)
    config.attributes["connection"] = conn
    command.upgrade(config, "heads")
    data_steps.run(conn, steps)


def stored_revisions(conn: Connection) -> tuple[str, ...]:
    """The revisions in ``alembic_version`` (empty for a new database), read with plain SQL."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return ()
    rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    return tuple(sorted(str(row[0]) for row in rows))


def pending_backup_path(path: Path, revisions: tuple[str, ...]) -> Path:
    return path.with_name(f"{path.name}.bak-{'+'.join(revisions) or 'base'}-{PENDING}")


def pre_migration_backup(
    path: Path, revisions: tuple[str, ...], display: str, usage: DiskUsage = disk_usage
) -> Path:
    """The checked copy of ``path`` before upgrading it from ``revisions`` (reused if there is one).

    Refused at once, the database unchanged, if the copy does not fit on the drive (gigabytes of
    Anlagen): better no upgrade today than a full drive.
    """
    from kimdesk.storage.database import sqlite_backup

    target = pending_backup_path(path, revisions)
    if target.exists():
        problem = check_backup(target, revisions)
        if problem is None:
            log.info("Sicherung vor der Migration von einem früheren Versuch: %s", target)
            return target
        log.warning("Alte Sicherung vor der Migration %s unbrauchbar (%s): neu angelegt", target, problem)
        target.unlink()
    log.info("Sicherung vor der Migration: %s", target)
    missing = shortfall(path, target.parent, usage)
    if missing is not None:
        raise NoRoomForBackupError(
            f"Die Datenbank {display} wurde nicht auf den neuen Stand gebracht: für ihre Sicherung vor der "
            f"Migration fehlt Platz ({missing}). Die Datenbank ist unverändert; bitte Platz schaffen und "
            "kimdesk erneut starten."
        )
    try:
        sqlite_backup(path, target)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"Die Datenbank {display} wurde nicht auf den neuen Stand gebracht: die Sicherung "
            f"{target} ließ sich nicht schreiben ({exc}). Die Datenbank ist unverändert."
        ) from exc
    problem = check_backup(target, revisions)
    if problem is not None:
        with contextlib.suppress(OSError):
            target.unlink()
        raise DatabaseError(
            f"Die Datenbank {display} wurde nicht auf den neuen Stand gebracht: ihre Sicherung vor "
            f"der Migration ist nicht in Ordnung ({problem}). Die Datenbank ist unverändert; bitte "
            "„kimdesk db check“ ausführen."
        )
    return target


def check_backup(path: Path, revisions: tuple[str, ...]) -> str | None:
    """None if ``path`` is an intact SQLite file at ``revisions``, else what is wrong (German)."""
    try:
        conn = sqlite3.connect(path)  # only reads (the copy has no journal to roll back)
    except sqlite3.Error as exc:
        return f"nicht lesbar: {exc}"
    try:
        result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return "beschädigt: " + "; ".join(result[:3])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found: tuple[str, ...] = ()
        if VERSION_TABLE in tables:
            found = tuple(sorted(str(r[0]) for r in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")))
        if found != tuple(sorted(revisions)):
            return f"Stand „{', '.join(found) or 'leer'}“ statt „{', '.join(revisions) or 'leer'}“"
        return None
    except sqlite3.Error as exc:
        return f"nicht lesbar: {exc}"
    finally:
        conn.close()


def _keep(pending: Path) -> Path:
    """After a successful upgrade: the pending copy under a name with the time it was taken."""
    stamp = datetime.fromtimestamp(pending.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    stem = pending.name.removesuffix(f"-{PENDING}")
    final = pending.with_name(f"{stem}-{stamp}")
    number = 1
    while final.exists():
        number += 1
        final = pending.with_name(f"{stem}-{stamp}-{number}")
    try:
        os.replace(pending, final)
    except OSError as exc:
        log.warning("Sicherung %s nicht umbenannt: %s", pending, exc)
        return pending
    return final


def reason(exc: BaseException) -> str:
    """The first line of the driver's message."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__
