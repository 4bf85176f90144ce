"""A second, empty database for export → import round trips: the other kind than the first one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def make_uow_factory(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Any]]:
    """SQLite first → PostgreSQL second and vice versa, so the format is proven across databases."""
    from kimdesk.storage.database import Database

    opened: list[Any] = []

    def make() -> Any:
        if db_url.startswith("sqlite"):
            url = request.getfixturevalue("pg_url")
        else:
            url = f"sqlite:///{(tmp_path / 'second.sqlite').as_posix()}"
        db = Database.open(url)
        opened.append(db)
        return db.uow_factory

    yield make
    for db in opened:
        db.close()
