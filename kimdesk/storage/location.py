"""Where the database lives by default, and where the migrations are (no SQLAlchemy import here)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

SQLITE_FILE_NAME = "kimdesk.sqlite"
#: Alembic's script folder, beside this module (also in the frozen build, which keeps it as data).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_database_url() -> str:
    """``sqlite:///<user data dir>/kimdesk.sqlite``; the folder is created if needed."""
    folder = Path(user_data_dir("kimdesk", False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / SQLITE_FILE_NAME).as_posix()}"
