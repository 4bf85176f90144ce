"""A demo database per kind (SQLite, PostgreSQL) shared by a whole module of hostile-input tests.

Every test there asserts that the database is unchanged afterwards, so sharing it makes the check stronger.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from kimdesk.services.demo import load_full_demo


@pytest.fixture(
    name="demo_db", scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def demo_db_fixture(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Any]]:
    """One demo database per kind for the whole corpus: a refusal must leave it as it was, so it is shared."""
    from kimdesk.storage.database import Database
    from tests.conftest import _no_pg, _psycopg_dsn, _with_database

    drop = None
    if request.param == "sqlite":
        url = f"sqlite:///{(tmp_path_factory.mktemp('hostile') / 'demo.sqlite').as_posix()}"
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        if admin_url is None:
            _no_pg("weder KIMDESK_TEST_PG_URL gesetzt noch PostgreSQL-Programme gefunden")
        import psycopg

        name = f"kimdesk_hostile_{os.getpid()}_{request.module.__name__.rsplit('.', 1)[-1]}"
        with psycopg.connect(_psycopg_dsn(admin_url), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        url, drop = _with_database(admin_url, name), (admin_url, name)
    db = Database.open(url)
    load_full_demo(db.uow_factory)
    try:
        yield url, db.uow_factory
    finally:
        db.close()
        if drop is not None:
            import psycopg

            with psycopg.connect(_psycopg_dsn(drop[0]), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{drop[1]}" WITH (FORCE)')
