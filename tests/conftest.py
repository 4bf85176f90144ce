"""Shared fixtures: offscreen Qt, SQLite and PostgreSQL databases, opened ``Database`` and unit of work.

PostgreSQL comes from ``KIMDESK_TEST_PG_URL`` (the test script starts a server and exports it);
otherwise a throw-away cluster is started here if the binaries exist. Without PostgreSQL the
``postgres`` tests are skipped — unless ``CI`` or ``KIMDESK_REQUIRE_PG=1`` is set, then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

PG_URL_ENV = "KIMDESK_TEST_PG_URL"
_db_numbers = itertools.count(1)


def _pg_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("KIMDESK_REQUIRE_PG") == "1"


def _no_pg(reason: str) -> NoReturn:
    if _pg_required():
        pytest.fail(f"PostgreSQL wird verlangt (CI/KIMDESK_REQUIRE_PG), ist aber nicht verfügbar: {reason}")
    pytest.skip(f"PostgreSQL nicht verfügbar: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Cluster:
    """A throw-away PostgreSQL cluster in a temp dir (as the postgres user when running as root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="kimdesk-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self._run(
            "initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-w", "-l", str(self.dir / "server.log"), "-o", options, "start"
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str | None]:
    """URL of a PostgreSQL server's ``postgres`` database, or None when there is none."""
    given = os.environ.get(PG_URL_ENV)
    if given:
        yield given
        return
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        yield None
        return
    cluster = _Cluster(Path(binaries[-1]).parent)
    try:
        url = cluster.start()
    except (subprocess.SubprocessError, OSError, KeyError):
        cluster.stop()
        yield None
        return
    try:
        yield url
    finally:
        cluster.stop()


def _psycopg_dsn(sqlalchemy_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _pg_migrated_template(pg_admin_url: str | None) -> Iterator[str | None]:
    """A database migrated once per session; tests that use ``database`` get a copy (much faster
    than migrating every time)."""
    if pg_admin_url is None:
        yield None
        return
    import psycopg

    from kimdesk.storage.database import Database

    name = f"kimdesk_template_{os.getpid()}"
    try:
        with psycopg.connect(_psycopg_dsn(pg_admin_url), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    except psycopg.OperationalError:
        yield None
        return
    Database.open(_with_database(pg_admin_url, name)).close()
    try:
        yield name
    finally:
        with psycopg.connect(_psycopg_dsn(pg_admin_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def pg_url(pg_admin_url: str | None, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database for this test (dropped afterwards).

    Empty — unless the test uses the ``database`` fixture, which then finds it already migrated.
    """
    if pg_admin_url is None:
        _no_pg("weder KIMDESK_TEST_PG_URL gesetzt noch PostgreSQL-Programme gefunden")
    import psycopg

    template = "template0"
    if "database" in request.fixturenames:
        template = request.getfixturevalue("_pg_migrated_template") or template
    name = f"kimdesk_test_{os.getpid()}_{next(_db_numbers)}"
    try:
        admin = psycopg.connect(_psycopg_dsn(pg_admin_url), autocommit=True)
    except psycopg.OperationalError as exc:
        _no_pg(str(exc))
    with admin:
        # FILE_COPY (PostgreSQL 15+) copies a small template faster than WAL-logging it.
        strategy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'{strategy}')
    try:
        yield _with_database(pg_admin_url, name)
    finally:
        with psycopg.connect(_psycopg_dsn(pg_admin_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", autouse=True)
def _log_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Log files of kimdesk, and of every kimdesk process a test starts, go to a temp folder."""
    os.environ["KIMDESK_LOG_DIR"] = str(tmp_path_factory.mktemp("log"))


@pytest.fixture(scope="session", autouse=True)
def _profile_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The user's profile (signing keys, state) and the machine configuration (trust anchor) of this test run.

    The demo CA is the installed trust anchor, as IT would install the office's; the red-team tests use
    their own folders (``tests/signoff/keys.py``).
    """
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("profile"))
    os.environ["XDG_CONFIG_DIRS"] = str(tmp_path_factory.mktemp("machine-config"))
    from kimdesk.services.demo_keys import install_demo_anchor

    install_demo_anchor()


@pytest.fixture(autouse=True)
def _logging_reset() -> Iterator[None]:
    """A test that started the GUI or the CLI in-process leaves no handler on the root logger behind."""
    yield
    from kimdesk.services.logs import teardown_logging

    teardown_logging()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's temp dir (not created yet)."""
    return f"sqlite:///{(tmp_path / 'kimdesk.sqlite').as_posix()}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[Any]:
    """An opened, migrated :class:`kimdesk.storage.database.Database`."""
    from kimdesk.storage.database import Database

    db = Database.open(db_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def uow_factory(database: Any) -> Callable[[], Any]:
    factory: Callable[[], Any] = database.uow_factory
    return factory


@pytest.fixture(autouse=True)
def _no_database_on_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Issue 12: the window never waits for the database. Any unit of work that code in ``kimdesk/ui``
    opens on the GUI (main) thread fails the test that caused it, naming the place."""
    import threading
    import traceback

    from kimdesk.storage.uow import SqlUnitOfWork

    places: list[str] = []
    enter = SqlUnitOfWork.__enter__

    def watched(self: SqlUnitOfWork) -> SqlUnitOfWork:
        if threading.current_thread() is threading.main_thread():
            ui = [f for f in traceback.extract_stack() if f"kimdesk{os.sep}ui{os.sep}" in f.filename]
            if ui:
                places.append(f"{Path(ui[-1].filename).name}:{ui[-1].lineno} ({ui[-1].name})")
        return enter(self)

    monkeypatch.setattr(SqlUnitOfWork, "__enter__", watched)
    yield
    assert not places, f"Datenbankzugriff auf dem GUI-Thread: {sorted(set(places))}"
