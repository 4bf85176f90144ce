"""Alembic environment: runs kimdesk's migrations on the connection that Database.open() passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from kimdesk.storage.base import Base, load_model_modules
from kimdesk.storage.search import include_name, include_object
from kimdesk.storage.sqlite_engine import create_migration_engine

load_model_modules()

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
        include_object=include_object,
        user_module_prefix="kimdesk_types.",
        # One transaction for the whole upgrade, SQLite included: Database.open passes a connection
        # inside BEGIN IMMEDIATE (kimdesk.storage.migrate); without one, env.py begins it here.
        transactional_ddl=True,
        **kwargs,  # type: ignore[arg-type]
    )


def run_on(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    given = config.attributes.get("connection")
    if given is not None:
        run_on(given)
    else:
        engine = create_migration_engine(make_url(config.get_main_option("sqlalchemy.url") or "sqlite://"))
        with engine.begin() as connection:
            run_on(connection)
        engine.dispose()
