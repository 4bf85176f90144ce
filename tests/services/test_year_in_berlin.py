"""New Year's night: a Vorlage written at 00:30 in Recklinghausen belongs to the new year."""

from __future__ import annotations

from datetime import UTC, datetime

from kimdesk.domain.model import Paper
from kimdesk.services.papers import list_papers
from kimdesk.services.ports import PaperQuery


def test_year_is_the_offices_calendar_year(uow_factory) -> None:
    paper = Paper(title="Silvester", created_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert paper.year == 2027  # 00:30 on 1 January in Europe/Berlin
    with uow_factory() as uow:
        paper.reference = uow.papers.next_reference(paper.year, "{yy}/{n:04d}")
        uow.papers.add(paper)
        uow.commit()
    assert paper.reference == "27/0001"
    assert [r.reference for r in list_papers(uow_factory, PaperQuery(year=2027))] == ["27/0001"]
    assert list_papers(uow_factory, PaperQuery(year=2026)) == []
