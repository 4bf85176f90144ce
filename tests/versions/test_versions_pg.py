"""The Fassungen under the PostgreSQL application role: appended and the day's save replaced, and
nothing else — no event-version changed, none deleted, no save moved to another day or behind a newer one."""

from __future__ import annotations

import psycopg
import pytest

from kimdesk.services import versions
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.storage.database import Database
from tests.storage.test_pg_roles import APP, OWNER, app_work, as_role, dsn, hardened

pytestmark = pytest.mark.postgres
__all__ = ["hardened"]

REFERENCE = "20/0325"


def test_the_app_role_compacts_the_days_save_and_changes_nothing_else(hardened: str, pg_url: str) -> None:
    app_work(hardened)
    db = Database.open(hardened)
    try:
        for title in ("Erste Überarbeitung", "Zweite Überarbeitung"):
            paper = get_paper(db.uow_factory, REFERENCE)
            paper.title = title
            save_paper(db.uow_factory, paper)
        listed = versions.list_versions(db.uow_factory, REFERENCE)
        assert [v.event.value for v in listed] == ["imported", "started", "rejected", "saved"]
        assert versions.load_version(db.uow_factory, REFERENCE, 4).paper.title == "Zweite Überarbeitung"
        paper_id = listed[0].paper_id
    finally:
        db.close()
    where = f"WHERE paper_id = '{paper_id}'"
    forbidden = [
        f"UPDATE paper_versions SET note = 'x' {where} AND number = 3",  # an event-version
        f"UPDATE paper_versions SET event = 'saved' {where} AND number = 3",
        f"UPDATE paper_versions SET event = 'rejected' {where} AND number = 4",
        f"UPDATE paper_versions SET at = at - interval '2 days' {where} AND number = 4",
        f"UPDATE paper_versions SET number = 9 {where} AND number = 4",
        f"DELETE FROM paper_versions {where}",
        "TRUNCATE paper_versions",
    ]
    for role_url in (hardened, as_role(pg_url, OWNER)):
        with psycopg.connect(dsn(role_url), autocommit=True) as conn:
            for statement in forbidden:
                with pytest.raises(psycopg.Error):
                    conn.execute(statement)
                    pytest.fail(f"could run: {statement}")
    with psycopg.connect(dsn(hardened), autocommit=True) as conn:
        # The day's save itself may be replaced (what the program does) …
        conn.execute(f"UPDATE paper_versions SET who = who {where} AND number = 4")
        conn.execute(
            "INSERT INTO paper_versions SELECT paper_id, 5, 'started', who, at, content_hash, note, "
            f"NULL, data FROM paper_versions {where} AND number = 4"
        )
        # … but not once a newer Fassung stands after it.
        with pytest.raises(psycopg.Error, match="Fassung 4"):
            conn.execute(f"UPDATE paper_versions SET who = who {where} AND number = 4")


def test_it_upgrades_a_hardened_database_from_before_the_fassungen_as_the_owner(
    hardened: str, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from kimdesk.cli import main
    from tests.storage.downgrade import downgrade

    app_work(hardened)
    db = Database.open(pg_url)
    try:
        downgrade(db, "0011_meetings")  # the office's database before this kimdesk version
    finally:
        db.close()
    capsys.readouterr()

    assert main(["--db", as_role(pg_url, OWNER), "db", "upgrade"]) == 0  # IT, as the owner role
    assert "von Stand 0011_meetings" in capsys.readouterr().out
    assert main(["--db", pg_url, "db", "pg-roles", "--owner", OWNER, "--app", APP]) == 0

    db = Database.open(hardened)  # a PC, as the application role
    try:
        with db.uow_factory() as uow:
            references = [uow.papers.get(i).reference for i in uow.papers.all_ids()]
        for reference in references:
            (first,) = versions.list_versions(db.uow_factory, reference)
            assert (first.number, first.event.value) == (1, "migrated")
        paper = get_paper(db.uow_factory, REFERENCE)
        paper.title = "Nach dem Update"
        save_paper(db.uow_factory, paper)
        listed = versions.list_versions(db.uow_factory, REFERENCE)
        assert [v.event.value for v in listed] == ["migrated", "saved"]
    finally:
        db.close()
