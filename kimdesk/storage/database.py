"""Opening a database: engine and connection settings, revision check, backup, Alembic upgrade."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from kimdesk.domain.errors import DatabaseError, DatabaseTooNewError, KimdeskError
from kimdesk.storage.base import load_model_modules
from kimdesk.storage.location import MIGRATIONS_DIR, SQLITE_FILE_NAME, default_database_url
from kimdesk.storage.readonly import connect_read_only
from kimdesk.storage.revisions import Revisions, read_revisions
from kimdesk.storage.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["SQLITE_FILE_NAME", "Database", "Migration", "default_database_url", "sqlite_backup"]

log = logging.getLogger(__name__)

_SCRIPTS: dict[Path, ScriptDirectory] = {}
VERSION_TABLE = "alembic_version"

#: How long a SQLite connection waits for another writer before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class Migration:
    """What :meth:`Database.open` did to bring the database to the program's revision."""

    from_revision: str | None
    to_revision: str
    backup_path: Path | None


class Database:
    """An opened kimdesk database (SQLite file or PostgreSQL)."""

    #: Alembic's script folder; beside this module (also in the frozen build, which keeps it as data).
    MIGRATIONS_DIR: ClassVar[Path] = MIGRATIONS_DIR

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.dialect: str = engine.dialect.name
        self.display_url = engine.url.render_as_string(hide_password=True)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: Set by :meth:`open` when it migrated the database.
        self.migration: Migration | None = None

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Connect, refuse a database newer than the program, back up and upgrade an older one."""
        load_model_modules()
        parsed = _parse_url(url)
        display = parsed.render_as_string(hide_password=True)
        sqlite_path = _sqlite_file(parsed)
        if sqlite_path is not None:
            # Before the first write (even PRAGMA journal_mode writes): a too-new file stays untouched.
            cls._check_sqlite_file(sqlite_path, display)
        engine = _create_engine(parsed)
        db = cls(url, engine)
        try:
            db._bring_to_head(migrate, sqlite_path)
        except BaseException:
            engine.dispose()
            raise
        return db

    @classmethod
    def _script(cls) -> ScriptDirectory:
        """Alembic's view of the migration scripts (imports Alembic: only for migrating)."""
        from alembic.script import ScriptDirectory

        script = _SCRIPTS.get(cls.MIGRATIONS_DIR)
        if script is None:
            script = _SCRIPTS[cls.MIGRATIONS_DIR] = ScriptDirectory.from_config(cls._alembic_config())
        return script

    @classmethod
    def _alembic_config(cls) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(cls.MIGRATIONS_DIR).replace("%", "%%"))
        return config

    @classmethod
    def revisions(cls) -> Revisions:
        """Known and head revisions, from the migration files (Alembic is not imported for it)."""
        found = read_revisions(cls.MIGRATIONS_DIR)
        if found is not None:
            return found
        script = cls._script()  # files this module cannot read by itself: ask Alembic
        known = frozenset(rev.revision for rev in script.walk_revisions())
        return Revisions(known, tuple(sorted(script.get_heads())))

    @classmethod
    def _known(cls, revision: str) -> bool:
        return revision in cls.revisions().known

    @classmethod
    def _refuse_unknown(cls, revisions: tuple[str, ...] | list[str], display: str) -> None:
        unknown = [r for r in revisions if not cls._known(r)]
        if unknown:
            raise DatabaseTooNewError(
                f"Die Datenbank {display} stammt von einer neueren kimdesk-Version (Stand "
                f"„{', '.join(unknown)}“, dieses Programm kennt höchstens „{cls.program_revision()}“). "
                "Sie wurde nicht verändert. Bitte kimdesk aktualisieren."
            )

    @classmethod
    def _check_sqlite_file(cls, path: Path, display: str) -> None:
        if not path.parent.is_dir():
            raise DatabaseError(f"Datenbank {display}: den Ordner {path.parent} gibt es nicht.")
        if not path.exists():
            return
        try:
            # Without a -wal file the main file is complete: read it as immutable, which creates no
            # -wal/-shm files. With one (in use, or after a crash), a read-only open sees its content.
            conn = connect_read_only(path)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                revisions = (
                    [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
                    if "alembic_version" in tables
                    else []
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(
                f"Datenbank {display}: die Datei ist keine lesbare SQLite-Datenbank ({exc})."
            ) from exc
        cls._refuse_unknown(revisions, display)

    def _bring_to_head(self, migrate: bool, sqlite_path: Path | None) -> None:
        heads = self.revisions().heads
        try:
            with self.engine.connect() as conn:
                current = _stored_revisions(conn)
                if current and set(current) == set(heads):
                    return  # the usual case: no Alembic import, no schema inspection
                tables = set(inspect(conn).get_table_names()) - {VERSION_TABLE}
        except DBAPIError as exc:
            raise DatabaseError(f"Datenbank {self.display_url} ist nicht erreichbar: {_reason(exc)}") from exc
        self._refuse_unknown(current, self.display_url)
        old = ", ".join(current) or None
        if not current and tables & {"papers", "organizations", "persons"}:
            raise DatabaseError(
                f"Die Datenbank {self.display_url} enthält kimdesk-Tabellen ohne Versionsangabe "
                "(alembic_version); sie wird nicht automatisch verändert."
            )
        if not migrate:
            raise DatabaseError(
                f"Die Datenbank {self.display_url} ist auf dem Stand „{old or 'leer'}“, dieses Programm "
                f"braucht „{self.head_revision}“. Bitte „kimdesk db upgrade“ ausführen."
            )
        backup_path = None
        if sqlite_path is not None and (current or tables):
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_path = sqlite_path.with_name(f"{sqlite_path.name}.bak-{old or 'base'}-{stamp}")
            log.info("Sicherung vor der Migration: %s", backup_path)
            sqlite_backup(sqlite_path, backup_path)
        from alembic import command

        config = self._alembic_config()
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "heads")
        except DBAPIError as exc:
            hint = f" Die Sicherung liegt unter {backup_path}." if backup_path else ""
            raise DatabaseError(
                f"Die Datenbank {self.display_url} konnte nicht auf den neuen Stand gebracht werden: "
                f"{_reason(exc)}.{hint}"
            ) from exc
        self.migration = Migration(old, self.head_revision, backup_path)

    # --- use -----------------------------------------------------------------------------------

    def uow_factory(self) -> SqlUnitOfWork:
        """A fresh unit of work (use as ``with db.uow_factory() as uow: …``)."""
        return SqlUnitOfWork(self._sessions, self.display_url)

    def session(self) -> Session:
        """A plain session, for tests and maintenance code."""
        return self._sessions()

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            heads = _stored_revisions(conn)
        return ", ".join(heads) or None

    @classmethod
    def program_revision(cls) -> str:
        return ", ".join(sorted(cls.revisions().heads))

    @property
    def head_revision(self) -> str:
        """The newest revision this program knows ("0001"; several joined by ", " if branched)."""
        return self.program_revision()

    def backup(self, path: Path) -> None:
        """A consistent copy of the SQLite database while it is in use (SQLite backup API)."""
        if self.dialect != "sqlite":
            raise KimdeskError(
                "Sicherung: kimdesk sichert nur SQLite-Datenbanken selbst. Für PostgreSQL bitte "
                "pg_dump verwenden (z. B. pg_dump -Fc -f kimdesk.dump DATENBANK)."
            )
        path = Path(path)
        if path.exists():
            raise KimdeskError(f"Sicherung: die Datei {path} gibt es schon; bitte einen neuen Namen wählen.")
        if not path.parent.is_dir():
            raise KimdeskError(f"Sicherung: den Ordner {path.parent} gibt es nicht.")
        source = _sqlite_file(self.engine.url)
        if source is None:  # in-memory: copy through the pool's single connection
            raw = self.engine.raw_connection()
            try:
                _backup_into(raw.driver_connection, path)  # type: ignore[arg-type]
            finally:
                raw.close()
            return
        sqlite_backup(source, path)

    def close(self) -> None:
        self.engine.dispose()


def sqlite_backup(source: Path, target: Path) -> None:
    """Copy ``source`` into the new file ``target`` with the SQLite backup API.

    Reads one consistent snapshot (committed WAL content included, open write transactions of other
    connections excluded); the copy is written beside as ``*.tmp`` and renamed when complete.
    """
    src = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        _backup_into(src, target)
    finally:
        src.close()


def _backup_into(src: sqlite3.Connection, target: Path) -> None:
    partial = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        # A self-contained single file: no -wal beside the copy.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
    os.replace(partial, target)


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            f"Datenbank-Adresse „{url}“ ist ungültig (Beispiele: sqlite:///pfad/kimdesk.sqlite, "
            "postgresql+psycopg://benutzer@server/datenbank)."
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"Datenbank {parsed.render_as_string(hide_password=True)}: nur SQLite und PostgreSQL "
            "werden unterstützt."
        )
    return parsed


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return None
    name = url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name).expanduser().resolve()


def _create_engine(url: URL) -> Engine:
    options: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        if _sqlite_file(url) is None:
            options["poolclass"] = StaticPool
            options["connect_args"] = {"check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
        options["connect_args"] = {"connect_timeout": 10, "application_name": "kimdesk"}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"Datenbank {url.render_as_string(hide_password=True)}: Treiber fehlt oder Adresse ungültig "
            f"({exc})."
        ) from exc
    if engine.dialect.name == "sqlite":
        path = _sqlite_file(url)
        if path is not None and on_network_share(path):
            log.warning(
                "SQLite-Datei %s liegt auf einer Netzwerkfreigabe: ohne WAL geöffnet. Für mehrere "
                "Arbeitsplätze PostgreSQL verwenden (docs/INSTALL.md).",
                path,
            )
            event.listen(engine, "connect", _sqlite_on_connect_shared)
        else:
            event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def on_network_share(path: PurePath) -> bool:
    """A Windows share (``\\\\server\\share\\…``): WAL needs shared memory on one computer, SMB has none."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # a mapped network drive such as Z:
        drive = os.path.splitdrive(text)[0]
        drive_remote = 4
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return False


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any, *, wal: bool = True) -> None:
    """Foreign keys and a busy timeout on every connection; WAL so readers never block the writer."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        else:
            cursor.execute("PRAGMA journal_mode = DELETE")
            cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _sqlite_on_connect_shared(dbapi_connection: Any, connection_record: Any) -> None:
    _sqlite_on_connect(dbapi_connection, connection_record, wal=False)


def _stored_revisions(conn: Connection) -> tuple[str, ...]:
    """The revisions in ``alembic_version`` (empty for a new database), read with plain SQL."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return ()
    rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    return tuple(sorted(str(row[0]) for row in rows))


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__
