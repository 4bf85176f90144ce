"""A restore must see every kimdesk that has the database open, also between its transactions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kimdesk.storage.database import Database
from kimdesk.storage.presence import others_present, users_file


def test_an_open_database_is_seen_by_another_process_even_after_an_in_process_open_and_close(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kimdesk.sqlite"
    db = Database.open(f"sqlite:///{path}")
    try:
        # what a file dialog does in the GUI process: open and close the files beside the database
        for name in (path, users_file(path)):
            with open(name, "rb") as handle:
                handle.read(16)
        probe = "from pathlib import Path; import sys; from kimdesk.storage.presence import others_present; "
        probe += "print(others_present(Path(sys.argv[1])))"
        seen = subprocess.run(
            [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
        )
        assert seen.stdout.strip() == "True"
    finally:
        db.close()
    assert not others_present(path)
    assert not users_file(path).exists()  # the last one out leaves nothing beside the database


def test_two_users_the_file_stays_until_the_last_closes(tmp_path: Path) -> None:
    path = tmp_path / "kimdesk.sqlite"
    first = Database.open(f"sqlite:///{path}")
    second = Database.open(f"sqlite:///{path}")
    first.close()
    assert users_file(path).exists() and others_present(path)
    second.close()
    assert not users_file(path).exists()
