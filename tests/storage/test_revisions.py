"""The revisions read from the migration files (no Alembic import) agree with Alembic's own view,
and a database at head opens without importing Alembic at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from kimdesk.storage.database import Database
from kimdesk.storage.revisions import read_revisions


def _alembic_script(folder: Path) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(folder))
    return ScriptDirectory.from_config(config)


def test_head_from_file_names_equals_alembics_head():
    script = _alembic_script(Database.MIGRATIONS_DIR)
    found = read_revisions(Database.MIGRATIONS_DIR)
    assert found is not None
    assert found.heads == tuple(sorted(script.get_heads()))
    assert found.known == {rev.revision for rev in script.walk_revisions()}
    assert Database.program_revision() == ", ".join(sorted(script.get_heads()))


def test_unreadable_migration_file_falls_back_to_alembic(tmp_path):
    folder = tmp_path / "migrations"
    (folder / "versions").mkdir(parents=True)
    (folder / "versions" / "0001_x.py").write_text("REVISION = compute()\n", encoding="utf-8")
    assert read_revisions(folder) is None


def test_opening_a_current_database_does_not_import_alembic(sqlite_url):
    Database.open(sqlite_url).close()
    code = (
        "import sys\n"
        "from kimdesk.storage.database import Database\n"
        f"db = Database.open({sqlite_url!r})\n"
        "assert db.migration is None\n"
        "with db.uow_factory() as uow:\n"
        "    uow.papers.all_ids()\n"
        "db.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
