"""A search finds the same Vorlagen in the same order whichever plan SQLite uses: sorting the
matches (few) or walking the list order and testing each row (many), with filters and paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.ports import PaperQuery
from kimdesk.storage import search


def _papers(uow_factory) -> dict[str, tuple[str, int, PaperStatus]]:
    made = {}
    with uow_factory() as uow:
        for number in range(60):
            created = datetime(2023 + number % 2, 1, 1, tzinfo=UTC) + timedelta(days=number)
            words = "Haushalt Radweg" if number % 3 else "Haushalt Friedhof"
            status = PaperStatus.DRAFT if number % 4 else PaperStatus.RELEASED
            reference = f"{created.year % 100}/{number + 1:04d}"
            paper = Paper(
                reference=reference,
                title=f"Vorlage {number}",
                rationale=RichText([Block(BlockKind.PARAGRAPH, [Span(words)])]),
                created_at=created,
                status=status,
            )
            uow.papers.add(paper)
            made[reference] = (words, created.year, status)
        uow.commit()
    return made


def _refs(uow_factory, **kwargs) -> list[str]:
    with uow_factory() as uow:
        return [s.reference for s in uow.papers.query(PaperQuery(**kwargs))]


def _count(uow_factory, **kwargs) -> int:
    with uow_factory() as uow:
        return int(uow.papers.count(PaperQuery(**kwargs)))


@pytest.mark.parametrize("walk_from", [1, 10**9])
def test_common_and_rare_words_give_the_same_rows_with_either_plan(sqlite_url, monkeypatch, walk_from):
    from kimdesk.storage.database import Database

    monkeypatch.setattr(search, "WALK_FROM_MATCHES", walk_from)
    monkeypatch.setattr(search, "_MATCHES", type(search._MATCHES)())
    db = Database.open(sqlite_url)
    try:
        made = _papers(db.uow_factory)
        newest_first = sorted(made, reverse=True)
        cases = [
            ({"text": "Haushalt"}, lambda w, y, s: True),
            ({"text": "Radw"}, lambda w, y, s: "Radweg" in w),
            ({"text": "Friedhof"}, lambda w, y, s: "Friedhof" in w),
            ({"text": "Haushalt", "year": 2024}, lambda w, y, s: y == 2024),
            (
                {"text": "radweg", "status": PaperStatus.RELEASED},
                lambda w, y, s: "Radweg" in w and s is PaperStatus.RELEASED,
            ),
            ({"text": "Schwimmbad"}, lambda w, y, s: False),
        ]
        for kwargs, wanted in cases:
            expected = [r for r in newest_first if wanted(*made[r])]
            assert _count(db.uow_factory, **kwargs) == len(expected), kwargs
            assert _refs(db.uow_factory, **kwargs) == expected, kwargs
            assert _refs(db.uow_factory, offset=5, limit=7, **kwargs) == expected[5:12], kwargs
    finally:
        db.close()


def test_search_count_follows_new_and_deleted_vorlagen(sqlite_url):
    from kimdesk.storage.database import Database

    db = Database.open(sqlite_url)
    try:
        made = _papers(db.uow_factory)
        assert _count(db.uow_factory, text="Friedhof") == 20
        with db.uow_factory() as uow:
            first = next(r for r, v in made.items() if "Friedhof" in v[0])
            uow.papers.delete(uow.papers.get_by_reference(first).id)
            uow.commit()
        assert _count(db.uow_factory, text="Friedhof") == 19
    finally:
        db.close()
