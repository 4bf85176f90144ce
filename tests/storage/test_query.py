"""The Vorlagen list: full-text search, filters, order and paging, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kimdesk.domain.masterdata import Organization
from kimdesk.domain.model import Consultation, ConsultationRole, Paper, PaperStatus
from kimdesk.domain.richtext import RichText
from kimdesk.services.demo import load_demo
from kimdesk.services.ports import PaperQuery
from tests.demo_data import demo_organizations


def refs(uow_factory, **kwargs) -> list[str]:
    with uow_factory() as uow:
        return [s.reference for s in uow.papers.query(PaperQuery(**kwargs))]


def count(uow_factory, **kwargs) -> int:
    with uow_factory() as uow:
        return int(uow.papers.count(PaperQuery(**kwargs)))


def test_search_by_title_word_rationale_word_and_reference(uow_factory):
    load_demo(uow_factory)
    assert refs(uow_factory, text="Integrationsmanagement") == ["20/0270"]
    assert refs(uow_factory, text="Sprachcafés") == ["20/0311"]  # Betrifft
    assert refs(uow_factory, text="Migrantenselbstorganisationen") == ["20/0325"]  # Begründung only
    assert refs(uow_factory, text="20/0270") == ["20/0270"]
    assert refs(uow_factory, text="Kommunales Integrationsmanagement") == ["20/0270"]
    assert refs(uow_factory, text="Integrationsmanagement Sprachcafés") == []
    assert count(uow_factory, text="Migrantenselbstorganisationen") == 1


def test_search_is_case_insensitive_and_safe_with_odd_input(uow_factory):
    load_demo(uow_factory)
    assert refs(uow_factory, text="integrationsMANAGEMENT") == ["20/0270"]
    for odd in ['"', "'", "NEAR(", "a:b", "-", "*", "\\", "AND OR NOT", "()", "😀", "%_"]:
        refs(uow_factory, text=odd)  # never an SQL or FTS syntax error
    assert refs(uow_factory, text="   ") == ["20/0325", "20/0311", "20/0270"]


def test_filters_by_year_status_and_committee(uow_factory):
    load_demo(uow_factory)
    orgs = demo_organizations()
    new = Paper(
        title="Neuer Integrationsplan",
        reference="26/0001",
        status=PaperStatus.RELEASED,
        consultations=[
            Consultation(orgs["social_committee"], ConsultationRole.PRELIMINARY, date(2026, 2, 1)),
            Consultation(orgs["council"], ConsultationRole.DECISION),
        ],
        created_at=datetime(2026, 1, 15, 10, 0, tzinfo=UTC),
        modified_at=datetime(2026, 1, 15, 10, 0, tzinfo=UTC),
    )
    with uow_factory() as uow:
        uow.papers.add(new)
        uow.commit()
    assert refs(uow_factory, year=2026) == ["26/0001"]
    assert refs(uow_factory, year=2020) == ["20/0325", "20/0311", "20/0270"]
    assert refs(uow_factory, status=PaperStatus.RELEASED) == ["26/0001"]
    assert count(uow_factory, status=PaperStatus.DRAFT) == 3
    # any consultation's committee, not only the first
    assert refs(uow_factory, committee_id=orgs["council"].id) == ["26/0001", "20/0311"]
    assert refs(uow_factory, committee_id=orgs["integration_council"].id) == ["20/0325", "20/0311", "20/0270"]
    assert refs(uow_factory, committee_id=orgs["council"].id, year=2020, text="Sprachcafés") == ["20/0311"]
    assert count(uow_factory, committee_id=orgs["hfa"].id, year=2026) == 0


def test_summary_rows_show_the_list_columns(uow_factory):
    load_demo(uow_factory)
    with uow_factory() as uow:
        rows = uow.papers.query(PaperQuery(text="20/0270"))
    assert len(rows) == 1
    row = rows[0]
    assert row.title == "Kommunales Integrationsmanagement"
    assert row.lead_department == "Amt für Integration und Sport"
    assert row.committee == "Integrationsrat"
    assert row.meeting_date == date(2020, 9, 9)
    assert row.status is PaperStatus.DRAFT
    assert row.modified_at == datetime(2020, 8, 24, 9, 30, tzinfo=UTC)


def test_paging_newest_first(uow_factory):
    created = datetime(2026, 5, 1, tzinfo=UTC)
    with uow_factory() as uow:
        for n in range(1, 26):
            uow.papers.add(
                Paper(
                    title=f"Vorlage {n}",
                    reference=f"26/{n:04d}",
                    rationale=RichText.from_plain("Gemeinsamer Text für alle"),
                    created_at=created,
                    modified_at=created,
                )
            )
        uow.commit()
    assert count(uow_factory) == 25
    page1 = refs(uow_factory, offset=0, limit=10)
    page3 = refs(uow_factory, offset=20, limit=10)
    assert page1 == [f"26/{n:04d}" for n in range(25, 15, -1)]
    assert page3 == [f"26/{n:04d}" for n in range(5, 0, -1)]
    assert refs(uow_factory, text="gemeinsamer", offset=10, limit=5) == [
        f"26/{n:04d}" for n in range(15, 10, -1)
    ]
    assert count(uow_factory, text="gemeinsamer") == 25


def test_search_follows_updates_and_deletes(uow_factory):
    paper = Paper(title="Alter Betreff", reference="26/0100", rationale=RichText.from_plain("Erstfassung"))
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    paper.title = "Neuer Betreff"
    paper.rationale = RichText.from_plain("Zweitfassung")
    with uow_factory() as uow:
        uow.papers.update(paper)
        uow.commit()
    assert refs(uow_factory, text="Alter") == []
    assert refs(uow_factory, text="Erstfassung") == []
    assert refs(uow_factory, text="Neuer") == ["26/0100"]
    assert refs(uow_factory, text="Zweitfassung") == ["26/0100"]
    with uow_factory() as uow:
        uow.papers.delete(paper.id)
        uow.commit()
    assert refs(uow_factory, text="Neuer") == []


def test_committee_names_in_summary_survive_missing_committee(uow_factory):
    paper = Paper(title="Ohne Gremium", reference="26/0200", consultations=[Consultation(None)])
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.organizations.save(Organization("Rat"))
        uow.commit()
    with uow_factory() as uow:
        (row,) = uow.papers.query(PaperQuery())
    assert row.committee == ""
    assert row.lead_department == ""


def test_postgresql_search_uses_the_fulltext_index(database):
    if database.dialect != "postgresql":
        return
    from sqlalchemy import select

    from kimdesk.storage.models import PaperRow
    from kimdesk.storage.search import text_filter

    stmt = select(PaperRow.id).where(text_filter("postgresql", "Integrationsmanagement"))
    sql = str(stmt.compile(database.engine, compile_kwargs={"literal_binds": True}))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
    assert "ix_papers_fulltext" in plan


def test_search_folds_umlauts_and_sharp_s(uow_factory):
    """Issue 17: ä = ae, ö = oe, ü = ue, ß = ss, in both directions, in Betrifft, Begründung and the
    Aktenzeichen, on SQLite and PostgreSQL."""
    papers = [
        Paper(title="Fortführung der Sprachkurse", reference="26/0001", file_number="51.2-Übersicht"),
        Paper(
            title="Radweg",
            reference="26/0002",
            rationale=RichText.from_plain("Ausbau der Straße am Großen Teich für Schüler"),
        ),
        Paper(title="Fortfuehrung des Haushalts in Muenster", reference="26/0003"),
    ]
    with uow_factory() as uow:
        for paper in papers:
            uow.papers.add(paper)
        uow.commit()
    assert refs(uow_factory, text="Fortfuehrung") == ["26/0003", "26/0001"]
    assert refs(uow_factory, text="Fortführung") == ["26/0003", "26/0001"]
    assert refs(uow_factory, text="FORTFÜHRUNG") == ["26/0003", "26/0001"]
    assert refs(uow_factory, text="Strasse") == ["26/0002"]
    assert refs(uow_factory, text="Straße Grossen Schueler") == ["26/0002"]
    assert refs(uow_factory, text="Münster") == ["26/0003"]
    assert refs(uow_factory, text="Uebersicht") == ["26/0001"]
    assert count(uow_factory, text="Strasse") == 1
    with uow_factory() as uow:  # an edited Betrifft is folded by the update trigger too
        stored = uow.papers.get(papers[1].id)
        stored.title = "Radweg an der Hauptstraße"
        uow.papers.update(stored)
        uow.commit()
    assert refs(uow_factory, text="Hauptstrasse") == ["26/0002"]
