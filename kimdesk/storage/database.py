"""Opening a database: engine and connection settings, revision check, backup, Alembic upgrade."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kimdesk.domain.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    KimdeskError,
    NoRoomForBackupError,
)
from kimdesk.storage import backups, health, presence, sqlite_copy
from kimdesk.storage.backup_space import DiskUsage, check_room_for_copy, disk_usage
from kimdesk.storage.backups import sqlite_backup
from kimdesk.storage.base import load_model_modules
from kimdesk.storage.failures import driver_error
from kimdesk.storage.location import MIGRATIONS_DIR, SQLITE_FILE_NAME, default_database_url
from kimdesk.storage.migrate import VERSION_TABLE
from kimdesk.storage.migrate import reason as _reason
from kimdesk.storage.migrate import stored_revisions as _stored_revisions
from kimdesk.storage.revisions import Revisions, read_revisions
from kimdesk.storage.sqlite_engine import (
    create_database_engine,
    on_network_share,
    roll_back_hot_journal,
)
from kimdesk.storage.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
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
        #: How messages name the database: the SQLite file, else the URL without password.
        self.where = self.display_url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: Set by :meth:`open` when it migrated the database.
        self.migration: Migration | None = None
        self._presence = presence.Presence(None)
        #: True when kimdesk may only read this database (file or folder write-protected, or a
        #: PostgreSQL database in read-only mode): every change is refused with a German message.
        self.read_only = False

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Connect, refuse a database newer than the program, back up and upgrade an older one."""
        load_model_modules()
        parsed = _parse_url(url)
        display = parsed.render_as_string(hide_password=True)
        sqlite_path = _sqlite_file(parsed)
        found = None
        if sqlite_path is not None:
            roll_back_hot_journal(sqlite_path)  # a writer died mid-transaction: back to its last commit
            # Before the first write (even PRAGMA journal_mode writes): a too-new, foreign or damaged
            # file stays untouched.
            found = cls._check_sqlite_file(sqlite_path, display)
        from kimdesk.storage import readonly_engine as ro

        engine = (
            ro.read_only_engine(found.path)
            if found and found.read_only
            else create_database_engine(parsed, sqlite_path)
        )
        db = cls(url, engine)
        if sqlite_path is not None and not (found and found.read_only):
            db._presence = presence.announce(sqlite_path)
        db.display_url = display
        db.where = str(sqlite_path) if sqlite_path is not None else display
        try:
            db.read_only = found.read_only if found is not None else ro.server_read_only(engine, display)
            db._bring_to_head(migrate, sqlite_path)
        except DatabaseError as exc:
            db.close()
            translated = driver_error(exc.__cause__, db.where, sqlite_path) if exc.__cause__ else None
            if translated is None:
                raise
            raise translated from exc.__cause__
        except BaseException:
            db.close()
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
    def _check_sqlite_file(cls, path: Path, display: str) -> health.SqliteFile:
        """Refuse a damaged, foreign, empty or too-new file (unchanged; :mod:`.health`); create a new one.

        A read-only file is accepted only at the program's revision: it cannot be migrated.
        """
        found = health.inspect_file(path, _model_tables())
        if found.kind is health.FileKind.NEW:
            health.create_new_file(path)
            return health.SqliteFile(path, health.FileKind.EMPTY)
        cls._refuse_unknown(found.revisions, display)
        if found.read_only and set(found.revisions) != set(cls.revisions().heads):
            stored = ", ".join(found.revisions) or "leer"
            raise DatabaseError(
                f"Die Datenbank {path} ist schreibgeschützt und auf dem Stand „{stored}“; "
                f"dieses Programm braucht „{cls.program_revision()}“ und kann sie ohne Schreibrecht nicht "
                "aktualisieren. Bitte Schreibrechte geben oder die passende kimdesk-Version verwenden."
            )
        return found

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
        foreign = tables - set(_model_tables())
        if not current and foreign:  # another program's database (a mistyped address)
            raise health.foreign_database_error(f"Die Datenbank {self.display_url}", foreign)
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
        return SqlUnitOfWork(self._sessions, self.where)

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
        source = self.sqlite_path()
        if source is not None:
            check_room_for_copy(source, path)
        if source is None:  # in-memory: copy through the pool's single connection
            raw = self.engine.raw_connection()
            try:
                sqlite_copy.backup_into(raw.driver_connection, path, self.display_url)  # type: ignore[arg-type]
            finally:
                raw.close()
            return
        sqlite_backup(source, path)

    def sqlite_path(self) -> Path | None:
        """The SQLite file of this database (None for PostgreSQL and in-memory databases)."""
        return _sqlite_file(make_url(self.url)) if self.dialect == "sqlite" else None

    def daily_backup(
        self, cancelled: Callable[[], bool] | None = None, *, usage: DiskUsage = disk_usage
    ) -> str | None:
        """Today's automatic backup (see :mod:`kimdesk.storage.backups`), if one is due and possible.

        None if it was written or is not due; the German reason if it could not be written (no room
        on the drive, no write access beside the database: logged as a warning, kimdesk goes on).
        DatabaseDamagedError if the copy fails its integrity check; BackupCancelledError if
        ``cancelled`` turned True meanwhile.
        """
        path = self.sqlite_path()
        if path is None or self.read_only or (self.migration and self.migration.from_revision is None):
            return None
        try:
            backups.daily_backup(path, cancelled=cancelled, usage=usage)
        except DatabaseDamagedError:
            raise
        except NoRoomForBackupError as exc:
            log.warning("%s", exc.message)
            return exc.message
        except (DatabaseError, OSError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            log.warning("Automatische Sicherung nicht möglich: %s", message)
            return f"Automatische Sicherung nicht möglich: {message}"
        return None

    def close(self) -> None:
        self.engine.dispose()
        self._presence.release()


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


def _model_tables() -> list[str]:
    from kimdesk.storage.base import Base

    return list(Base.metadata.tables)
