"""Migration 0008_keys on an existing database: PIN hashes go, sign-offs made before stay as "Altbestand,
nicht signiert" (named by verify, not failed), and signing starts with personal keys."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from kimdesk.services import signoff, verification
from kimdesk.services.demo import apply_demo_signoffs, load_demo
from kimdesk.storage.database import Database
from tests.signing import PIN, keys_for


def _back_to_0005(db: Database) -> None:
    """The database as the program before signing keys left it (PIN hashes, unsigned sign-offs)."""
    config = db._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        conn.execute(text("UPDATE persons SET pin_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'"))


def test_existing_database_is_migrated_and_old_signoffs_are_legacy(db_url: str, tmp_path: Path) -> None:
    db = Database.open(db_url)
    load_demo(db.uow_factory)
    apply_demo_signoffs(db.uow_factory)
    _back_to_0005(db)
    db.close()

    db = Database.open(db_url)  # the new program upgrades it
    try:
        assert db.current_revision() == db.head_revision  # 0008_keys and every later migration ran
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM persons WHERE pin_hash IS NOT NULL")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM signatures")).scalar() == 0
        report = verification.verify(db.uow_factory)
        assert report.ok, report.findings
        legacy = {f.reference for f in report.legacy}
        assert {"20/0270", "20/0311", "20/0325"} <= legacy
        assert all("Altbestand" in f.message for f in report.legacy)
        # From now on, signing needs a key: the Bürgermeister enrols and signs 20/0311 with it.
        keys_for(db.uow_factory, "Christoph Tesche")
        signoff.sign(db.uow_factory, "20/0311", role_key="mayor", person_name="Christoph Tesche", pin=PIN)
        report = verification.verify(db.uow_factory)
        assert report.ok, report.findings
    finally:
        db.close()
