"""Where the database lives by default, and where the migrations are (no SQLAlchemy import here)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from platformdirs import user_data_dir

SQLITE_FILE_NAME = "kimdesk.sqlite"
#: Alembic's script folder, beside this module (also in the frozen build, which keeps it as data).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_database_url() -> str:
    """``sqlite:///<user data dir>/kimdesk.sqlite``; the folder is created if needed."""
    folder = Path(user_data_dir("kimdesk", False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / SQLITE_FILE_NAME).as_posix()}"


def sqlite_file_of_url(url: str) -> Path | None:
    """The file of a ``sqlite:///path`` URL (query options ignored); None for anything else."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = unquote(url[len(prefix) :].split("?", 1)[0])
            if not rest or rest == ":memory:" or rest.startswith("file:"):
                return None
            return Path(rest).expanduser().resolve()
    return None
