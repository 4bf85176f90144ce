"""Opening a database: engine and connection settings, revision check, backup, Alembic upgrade."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kimdesk.domain.errors import DatabaseError, DatabaseTooNewError, KimdeskError
from kimdesk.storage.location import MIGRATIONS_DIR, SQLITE_FILE_NAME, default_database_url
from kimdesk.storage.migrate import VERSION_TABLE
from kimdesk.storage.migrate import reason as _reason
from kimdesk.storage.migrate import stored_revisions as _stored_revisions
from kimdesk.storage.readonly import connect_read_only
from kimdesk.storage.revisions import Revisions, read_revisions
from kimdesk.storage.sqlite_engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    create_database_engine,
    on_network_share,
    roll_back_hot_journal,
)
from kimdesk.storage.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "SQLITE_FILE_NAME",
    "Database",
    "Migration",
    "default_database_url",
    "on_network_share",
    "sqlite_backup",
]

log = logging.getLogger(__name__)

_SCRIPTS: dict[Path, ScriptDirectory] = {}


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
        from kimdesk.storage.base import load_model_modules

        load_model_modules()
        parsed = _parse_url(url)
        display = parsed.render_as_string(hide_password=True)
        sqlite_path = _sqlite_file(parsed)
        if sqlite_path is not None:
            roll_back_hot_journal(sqlite_path)  # a writer died mid-transaction: back to its last commit
            # Before the first write (even PRAGMA journal_mode writes): a too-new file stays untouched.
            cls._check_sqlite_file(sqlite_path, display)
        engine = create_database_engine(parsed, sqlite_path)
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
        from kimdesk.storage.migrate import upgrade_to_head

        self.migration = upgrade_to_head(self, sqlite_path)

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
