"""Generated Vorlagen (any Unicode, huge texts, extreme amounts) survive save → load exactly."""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from kimdesk.domain.model import FinanceRow, FinancialImpact, Paper, Period
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.storage.database import Database
from tests.strategies import amounts, papers

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _round_trip(db: Database, paper: Paper) -> Paper:
    paper.reference = f"H/{uuid.uuid4().hex[:12]}"  # unique across examples in one database
    expected = copy.deepcopy(paper)
    with db.uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    with db.uow_factory() as uow:
        loaded = uow.papers.get(paper.id)
    expected.version = 1
    assert loaded == expected
    return loaded


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory):
    db = Database.open(f"sqlite:///{tmp_path_factory.mktemp('props') / 'kimdesk.sqlite'}")
    yield db
    db.close()


@SETTINGS
@given(paper=papers())
def test_generated_papers_survive_on_sqlite(sqlite_db, paper):
    _round_trip(sqlite_db, paper)


@given(value=amounts)
@settings(max_examples=60, deadline=None)
def test_amounts_come_back_digit_for_digit_on_sqlite(sqlite_db, value):
    paper = Paper(financial_impact=FinancialImpact(amounts={(FinanceRow.EXPENSE, Period.ANNUAL): value}))
    loaded = _round_trip(sqlite_db, paper)
    stored = loaded.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)]
    assert str(stored) == str(value.quantize(Decimal("0.01")))


def _huge_text(seed: str) -> str:
    # ~1 MB of mixed scripts, emoji, RTL marks and zero-width characters, many distinct words
    words = [f"{seed}wort{i} Straße 😀👩🏽‍💻 محمد‮ a\u200bb ünd" for i in range(30_000)]
    return " ".join(words)[:1_000_000]


def test_huge_texts_survive(database):
    text = _huge_text("x")
    paper = Paper(
        title=text[:200_000],
        rationale=RichText([Block(BlockKind.PARAGRAPH, [Span(text, bold=True)])]),
        draft_resolution=RichText.from_plain_exact(text),
        climate_text=text,
    )
    _round_trip(database, paper)


@pytest.mark.postgres
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paper=papers())
def test_generated_papers_survive_on_postgresql(pg_url, paper):
    # one database for all examples of this test (function-scoped fixture reused on purpose)
    db = _pg_databases.get(pg_url) or _pg_databases.setdefault(pg_url, Database.open(pg_url))
    _round_trip(db, paper)


_pg_databases: dict[str, Database] = {}


@pytest.fixture(autouse=True)
def _close_pg_databases():
    yield
    while _pg_databases:
        _pg_databases.popitem()[1].close()
