"""The Fassungen migration does not depend on today's models (SQLite and PostgreSQL).

``0012_versions`` only changes the schema; version 1 („migriert“) of every older Vorlage is written by a
data step after the upgrade reached head (:mod:`kimdesk.storage.data_steps`), in the same transaction. So a
later revision that adds a column to ``papers`` and ``consultations`` — with models that know the column —
upgrades an old database, and every Vorlage gets its Fassung 1; a database already past ``0012_versions``
never gets one for a Vorlage that has none.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from kimdesk.domain.signoff import content_hash
from kimdesk.domain.versions import VersionEvent
from kimdesk.services import versions
from kimdesk.services.demo import load_demo, load_full_demo
from kimdesk.services.papers import get_paper
from kimdesk.storage import data_steps
from kimdesk.storage.database import Database
from tests.storage.downgrade import downgrade
from tests.storage.newer_models import LATER_COLUMN
from tests.storage.test_migrations import migrations_with_extra_revision

ROOT = Path(__file__).resolve().parents[2]
VERSIONS_DIR = Database.MIGRATIONS_DIR / "versions"
#: What the test-only revision after head does, besides its own table.
ADD_LATER_COLUMNS = "; ".join(
    f'op.add_column("{table}", sa.Column("{LATER_COLUMN}", sa.Text(), nullable=True))'
    for table in ("papers", "consultations")
)


def newer_program(tmp_path: Path) -> type[Database]:
    """A program one revision newer: it adds ``later_note`` to ``papers`` and ``consultations``."""
    (head,) = Database.revisions().heads

    class NewerProgram(Database):
        MIGRATIONS_DIR = migrations_with_extra_revision(tmp_path, head, then=ADD_LATER_COLUMNS)

    return NewerProgram


def upgrade_with_newer_models(url: str, program: type[Database]) -> str:
    """Open ``url`` in a process whose models know the later columns; the revision it upgraded from."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.storage.newer_models", url, str(program.MIGRATIONS_DIR)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def fassungen(db: Database) -> dict[str, list[versions.VersionInfo]]:
    with db.uow_factory() as uow:
        references = [uow.papers.get(i).reference for i in uow.papers.all_ids()]
    return {reference: versions.list_versions(db.uow_factory, reference) for reference in references}


def test_an_old_database_upgrades_past_a_later_column_and_every_vorlage_gets_fassung_1(
    db_url: str, tmp_path: Path
) -> None:
    db = Database.open(db_url)
    try:
        load_full_demo(db.uow_factory)
        downgrade(db, "0011_meetings")  # an office that last ran kimdesk before the Fassungen
    finally:
        db.close()
    newer = newer_program(tmp_path)

    assert upgrade_with_newer_models(db_url, newer) == "0011_meetings"

    db = newer.open(db_url)
    try:
        assert db.migration is None and db.current_revision() == "9000_test"
        with db.engine.connect() as conn:
            for table in ("papers", "consultations"):
                assert LATER_COLUMN in {c["name"] for c in inspect(conn).get_columns(table)}
        kept = fassungen(db)
        assert len(kept) > 3
        for reference, listed in kept.items():
            paper = get_paper(db.uow_factory, reference)
            (first,) = listed
            assert (first.number, first.event, first.note) == (
                1,
                VersionEvent.MIGRATED,
                "Stand bei Einführung der Fassungen",
            )
            assert first.who == paper.modified_by
            assert first.at == (paper.modified_at or paper.created_at)
            assert first.content_hash == content_hash(paper)
            assert (
                content_hash(versions.load_version(db.uow_factory, reference, 1).paper) == first.content_hash
            )
    finally:
        db.close()


def test_a_database_past_the_fassungen_gets_no_migrated_fassung_at_the_next_update(
    db_url: str, tmp_path: Path
) -> None:
    db = Database.open(db_url)
    try:
        (without, *others) = load_demo(db.uow_factory)
        with db.engine.begin() as conn:  # a Vorlage that has no Fassung (yet)
            conn.execute(
                text(
                    "DELETE FROM paper_versions WHERE paper_id = (SELECT id FROM papers WHERE reference = :r)"
                ),
                {"r": without},
            )
        before = fassungen(db)
    finally:
        db.close()
    assert before[without] == [] and all(before[r] for r in others)

    newer = newer_program(tmp_path).open(db_url)  # upgrades 0012_versions → 9000_test
    try:
        assert newer.migration is not None and newer.migration.from_revision == Database.program_revision()
        assert fassungen(newer) == before
    finally:
        newer.close()


def _kimdesk_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("kimdesk")}


def test_the_fassungen_migration_uses_no_models_and_every_declared_step_exists() -> None:
    assert _kimdesk_imports(VERSIONS_DIR / "0012_versions.py") == {"kimdesk.storage.types"}
    script = Database._script()
    declared = {
        rev.revision: getattr(rev.module, data_steps.DECLARATION, ()) for rev in script.walk_revisions()
    }
    assert declared["0012_versions"] == ("first_versions",)
    for revision, names in declared.items():
        assert set(names) <= set(data_steps.STEPS), f"{revision}: unknown data step {names}"


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        ((), ["first_versions"]),  # a new database: the step finds no Vorlage
        (("0005",), ["first_versions"]),
        (("0012_setup",), ["first_versions"]),
        (("0012_versions",), []),
    ],
)
def test_the_steps_of_exactly_the_applied_revisions_run(
    current: tuple[str, ...], expected: list[str]
) -> None:
    assert data_steps.declared_after(Database._script(), current) == expected
