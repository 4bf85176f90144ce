"""Whichever plan a search takes — walking the list order (a word in most Vorlagen) or collecting the
matches and sorting them (a rare word) — it finds the same Vorlagen in the same order as the plain
filter, with every other filter and page, on SQLite and PostgreSQL; a capped count never says a wrong
number; and on PostgreSQL a common word really walks the list order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import product
from typing import Any

import pytest
from sqlalchemy import event

from kimdesk.domain.masterdata import Organization
from kimdesk.domain.model import Consultation, Paper, PaperStatus
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.list_head import read_list_head
from kimdesk.services.ports import PaperQuery
from kimdesk.storage import pg_walk, search

TEXTS = ["Haushalt", "radw", "Friedhof Haushalt", "Kita", "Foerder", "Schwimmbad", "Radweg Friedhof"]
WINDOWS = [(0, None), (0, 7), (5, 7), (100, 50)]


def _words(n: int) -> list[str]:
    words = ["Haushalt", "Radweg" if n % 3 else "Friedhof"]  # in all, in 2/3, in 1/3
    if n % 40 == 7:
        words.append("Kita")  # rare
    if n % 5 == 0:
        words.append("Fördermittel")  # found as "Foerder"
    return words


def _matches(text: str, words: list[str]) -> bool:
    folded = [search.fold(w).casefold() for w in words]
    return all(any(w.startswith(t.casefold()) for w in folded) for t in text.split())


def _make(uow_factory: Callable[[], Any], count: int = 240) -> tuple[dict[str, Any], Organization]:
    """``count`` Vorlagen; returns reference → (words, year, status, in the committee), newest first."""
    committee = Organization("Ausschuss für Stadtentwicklung")
    made: dict[str, Any] = {}
    with uow_factory() as uow:
        uow.organizations.save(committee)
        for n in range(count):
            year = 2023 + n % 2
            status = PaperStatus.DRAFT if n % 4 else PaperStatus.RELEASED
            paper = Paper(
                reference=f"{year % 100}/{n + 1:04d}",
                title=f"Vorlage {n}",
                rationale=RichText([Block(BlockKind.PARAGRAPH, [Span(" ".join(_words(n)))])]),
                consultations=[Consultation(committee)] if n % 2 == 0 else [],
                created_at=datetime(year, 6, 1, tzinfo=UTC) + timedelta(hours=n),
                status=status,
            )
            uow.papers.add(paper)
            made[paper.reference] = (_words(n), year, status, n % 2 == 0, (year, n + 1))
        uow.commit()
    newest_first = dict(sorted(made.items(), key=lambda item: item[1][4], reverse=True))
    return newest_first, committee


def _queries(committee: Organization) -> Iterator[PaperQuery]:
    for text, year, status, in_committee in product(
        TEXTS, [None, 2024], [None, PaperStatus.RELEASED], [None, committee.id]
    ):
        yield PaperQuery(text=text, year=year, status=status, committee_id=in_committee)


def _expected(made: dict[str, Any], query: PaperQuery) -> list[str]:
    return [
        reference
        for reference, (words, year, status, in_committee, _key) in made.items()
        if _matches(query.text, words)
        and query.year in (None, year)
        and query.status in (None, status)
        and (query.committee_id is None or in_committee)
    ]


@contextmanager
def _plan(dialect: str, walk: bool) -> Iterator[None]:
    """Every search walks (``walk``) or none does; the remembered plan choices are forgotten."""
    if dialect == "sqlite":
        name, value, memo = "WALK_FROM_MATCHES", (1 if walk else 10**9), search._MATCHES
        module: Any = search
    else:
        name, value, memo = "WALK_FROM_SHARE", (0.0 if walk else 2.0), pg_walk._PROBED
        module = pg_walk
    before = getattr(module, name)
    setattr(module, name, value)
    memo.clear()
    try:
        yield
    finally:
        setattr(module, name, before)
        memo.clear()


@pytest.mark.parametrize("walk", [True, False], ids=["walk", "sort"])
def test_every_plan_gives_the_rows_and_counts_of_the_plain_filter(uow_factory, db_url, walk):
    made, committee = _make(uow_factory)
    dialect = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    with _plan(dialect, walk):
        for query in _queries(committee):
            expected = _expected(made, query)
            with uow_factory() as uow:
                assert uow.papers.count(query) == len(expected), query
                for at_most in (1, 10, 500):
                    assert uow.papers.count(query, at_most) == min(len(expected), at_most), (query, at_most)
                for offset, limit in WINDOWS:
                    window = replace(query, offset=offset, limit=limit)
                    found = [s.reference for s in uow.papers.query(window)]
                    end = None if limit is None else offset + limit
                    assert found == expected[offset:end], window


def test_the_head_of_the_list_says_more_than_only_when_there_are_more(uow_factory):
    made, _committee = _make(uow_factory, count=60)
    everything = list(made)
    head = read_list_head(uow_factory, PaperQuery(text="Haushalt"), rows=20, up_to=50)
    assert (head.total, head.exact) == (51, False)  # „mehr als 50“: there are 60
    assert [s.reference for s in head.rows] == everything[:20]
    head = read_list_head(uow_factory, PaperQuery(text="Haushalt"), rows=20, up_to=60)
    assert (head.total, head.exact) == (60, True)
    head = read_list_head(uow_factory, PaperQuery(text="Haushalt"), rows=80, up_to=10)
    assert (head.total, head.exact) == (60, True)  # every row read: the number is known
    assert [s.reference for s in head.rows] == everything
    head = read_list_head(uow_factory, PaperQuery(text="Kita"), rows=20, up_to=50)
    assert (head.total, head.exact, len(head.rows)) == (2, True, 2)


@contextmanager
def _statements(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.postgres
def test_a_common_word_walks_the_list_order_and_a_rare_one_sorts_its_matches(pg_url):
    from kimdesk.storage.database import Database

    db = Database.open(pg_url)
    try:
        _make(db.uow_factory)
        with db.uow_factory() as uow:  # statistics, as a database in use has them
            uow.session.connection().exec_driver_sql("ANALYZE papers")
            uow.commit()
        pg_walk._PROBED.clear()
        plans = {}
        for word in ("Haushalt", "Kita"):
            with db.uow_factory() as uow:
                with _statements(uow.session.get_bind()) as seen:
                    uow.papers.query(PaperQuery(text=word, status=PaperStatus.DRAFT, offset=150, limit=20))
                at = next(i for i, (s, _p) in enumerate(seen) if "first_consultation" in s)
                page, parameters = seen[at]
                walked = "coalesce(papers.search_vector" in page  # the condition the GIN index cannot serve
                if seen[at - 1][0].startswith("SET LOCAL"):  # plan it as it was planned
                    uow.session.connection().exec_driver_sql(*seen[at - 1])
                explained = uow.session.connection().exec_driver_sql("EXPLAIN " + page, parameters)
                plans[word] = (walked, "\n".join(row[0] for row in explained))
        walked, plan = plans["Haushalt"]  # in every Vorlage: the status index, backwards, no sort
        assert walked and "Index Scan Backward using ix_papers_status_sort_key" in plan, plan
        assert "Sort Key" not in plan and "Bitmap" not in plan, plan
        walked, plan = plans["Kita"]  # in 6 of 240: its matches, sorted
        assert not walked and "CTE matches" in plan and "Sort Key: matches.sort_key DESC" in plan, plan
    finally:
        db.close()
