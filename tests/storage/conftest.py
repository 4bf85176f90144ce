"""Storage fixtures: one demo database file per session, copied by the tests that damage or lock it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kimdesk.services.demo import load_demo
    from kimdesk.storage.database import Database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = Database.open(f"sqlite:///{path}")
    load_demo(db.uow_factory)
    db.close()
    return path
