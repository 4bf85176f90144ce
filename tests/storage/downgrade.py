"""Taking an open database back to an older revision, as an older kimdesk would have left it."""

from __future__ import annotations

from kimdesk.storage.database import Database


def downgrade(db: Database, target: str) -> None:
    from alembic import command

    config = Database._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)
