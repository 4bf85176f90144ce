"""The quick look at the list (plain sqlite3, before SQLAlchemy is loaded) shows exactly the rows
the repository shows, and only for a database at the program's revision, touching nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kimdesk.domain.model import Paper
from kimdesk.services.demo import load_demo
from kimdesk.services.ports import PaperQuery
from kimdesk.storage.database import Database
from kimdesk.storage.peek import ListPeek, sqlite_file_of


def _fill(db: Database, extra: int) -> None:
    load_demo(db.uow_factory)
    with db.uow_factory() as uow:
        for number in range(extra):
            created = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=number)
            paper = Paper(reference=f"24/{number + 1:04d}", title=f"Vorlage {number}", created_at=created)
            paper.modified_at = created + timedelta(hours=3, microseconds=number)
            uow.papers.add(paper)
        uow.commit()


def test_peek_shows_the_same_rows_and_count_as_the_repository(sqlite_url):
    db = Database.open(sqlite_url)
    try:
        _fill(db, 30)
        peek = ListPeek.open(sqlite_url)
        assert peek is not None
        with db.uow_factory() as uow:
            assert peek.count() == uow.papers.count(PaperQuery()) == 33
            for offset, limit in ((0, 10), (10, 10), (25, 100)):
                real = uow.papers.query(PaperQuery(offset=offset, limit=limit))
                assert peek.page(offset, limit) == real
        # the demo papers have committees, departments, meeting dates
        assert any(s.committee and s.lead_department and s.meeting_date for s in peek.page(0, 100) or [])
    finally:
        db.close()


def test_peek_refuses_other_revisions_and_leaves_the_file_untouched(sqlite_url):
    db = Database.open(sqlite_url)
    load_demo(db.uow_factory)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    before = path.read_bytes()
    files = sorted(p.name for p in path.parent.iterdir())
    assert ListPeek.open(sqlite_url) is None
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == files


def test_peek_is_only_for_existing_sqlite_files(tmp_path):
    assert ListPeek.open(f"sqlite:///{tmp_path / 'fehlt.sqlite'}") is None
    assert not (tmp_path / "fehlt.sqlite").exists()
    assert ListPeek.open("postgresql+psycopg://kim@127.0.0.1:1/kimdesk") is None
    assert ListPeek.open("sqlite://") is None
    assert sqlite_file_of("sqlite:///relativ/kimdesk.sqlite") == Path("relativ/kimdesk.sqlite")
    assert sqlite_file_of("sqlite:////abs/kimdesk.sqlite") == Path("/abs/kimdesk.sqlite")
    assert sqlite_file_of("sqlite:///x.sqlite?mode=ro") is None
