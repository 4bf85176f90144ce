"""Migration 0012_setup on an existing database (SQLite and PostgreSQL): every Amt, Gremium and person
stays and is active; deactivating works after the upgrade, and the downgrade gives the old tables back."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import inspect

from kimdesk.services.demo import load_demo
from kimdesk.services.office import list_organizations, list_persons, save_organization
from kimdesk.storage.database import Database


def _downgrade(db: Database, target: str) -> None:
    from alembic import command

    config = Database._alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)


def _columns(db: Database, table: str) -> set[str]:
    return {column["name"] for column in inspect(db.engine).get_columns(table)}


def test_existing_master_data_is_active_after_the_upgrade(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        load_demo(db.uow_factory)
        names = sorted(o.name for o in list_organizations(db.uow_factory))
        persons = sorted(p.name for p in list_persons(db.uow_factory))
        _downgrade(db, "0011_meetings")
        assert "active" not in _columns(db, "organizations") and "active" not in _columns(db, "persons")
    finally:
        db.close()
    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0011_meetings"
        uow = db.uow_factory
        orgs = list_organizations(uow)
        assert sorted(o.name for o in orgs) == names and all(o.active for o in orgs)
        assert sorted(p.name for p in list_persons(uow)) == persons
        assert all(p.active for p in list_persons(uow))
        save_organization(uow, replace(orgs[0], active=False))
        assert [o.active for o in list_organizations(uow) if o.id == orgs[0].id] == [False]
    finally:
        db.close()
