"""Aktenzeichen, Bezugsvorlagen, the new roles, an unknown "öffentlich" and the list order, stored on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Consultation, ConsultationRole, Paper, RelatedPaper
from kimdesk.services.demo import load_demo
from kimdesk.services.ports import PaperQuery
from tests.demo_data import demo_organizations


def _paper(reference: str, year: int = 2023, **kwargs) -> Paper:
    when = datetime(year, 3, 1, 9, 0, tzinfo=UTC)
    return Paper(
        title=f"Vorlage {reference}", reference=reference, created_at=when, modified_at=when, **kwargs
    )


def _add(uow_factory, *papers: Paper) -> None:
    with uow_factory() as uow:
        for paper in papers:
            uow.papers.add(paper)
        uow.commit()


def _refs(uow_factory, **kwargs) -> list[str]:
    with uow_factory() as uow:
        return [s.reference for s in uow.papers.query(PaperQuery(**kwargs))]


def test_aktenzeichen_is_stored_and_found_by_the_search(uow_factory):
    load_demo(uow_factory)
    _add(uow_factory, _paper("23/0001", file_number="51.2-0815/2023"))
    with uow_factory() as uow:
        assert uow.papers.get_by_reference("23/0001").file_number == "51.2-0815/2023"
    assert _refs(uow_factory, text="51.2-0815/2023") == ["23/0001"]
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference("23/0001")
        paper.file_number = "Schulverwaltung 40.1"
        uow.papers.update(paper)
        uow.commit()
    assert _refs(uow_factory, text="51.2-0815/2023") == []
    assert _refs(uow_factory, text="Schulverwaltung") == ["23/0001"]


def test_bezugsvorlagen_are_linked_where_they_exist_and_kept_as_text_where_not(uow_factory):
    load_demo(uow_factory)
    with uow_factory() as uow:
        seed_id = uow.papers.get_by_reference("20/0270").id
    related = [RelatedPaper("20/0270"), RelatedPaper("19/0112")]
    _add(uow_factory, _paper("23/0001", related_papers=related))
    with uow_factory() as uow:
        stored = uow.papers.get_by_reference("23/0001").related_papers
    assert stored == [RelatedPaper("20/0270", seed_id), RelatedPaper("19/0112", None)]

    # The earlier Vorlage arrives later (e.g. an import): the reference to it is linked now.
    earlier = _paper("19/0112", year=2019)
    _add(uow_factory, earlier)
    with uow_factory() as uow:
        stored = uow.papers.get_by_reference("23/0001").related_papers
    assert stored == [RelatedPaper("20/0270", seed_id), RelatedPaper("19/0112", earlier.id)]

    # Deleted: the number stays, as text.
    with uow_factory() as uow:
        uow.papers.delete(earlier.id)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.papers.get_by_reference("23/0001").related_papers
    assert stored == [RelatedPaper("20/0270", seed_id), RelatedPaper("19/0112", None)]


def test_every_role_and_an_unknown_public_are_stored(uow_factory):
    orgs = demo_organizations()
    consultations = [
        Consultation(orgs["social_committee"], role, public=public)
        for role, public in zip(ConsultationRole, (True, False, None, True, None), strict=True)
    ]
    _add(uow_factory, _paper("23/0001", consultations=consultations))
    with uow_factory() as uow:
        stored = uow.papers.get_by_reference("23/0001").consultations
    assert [(c.role, c.public) for c in stored] == [(c.role, c.public) for c in consultations]
    assert [c.role.label for c in stored] == [
        "federführend",
        "Vorberatung",
        "Empfehlung",
        "Entscheidung",
        "Kenntnisnahme",
    ]


def test_list_sorts_by_year_and_number_with_a_number_first_scheme(uow_factory):
    with uow_factory() as uow:
        uow.office.save(Office(numbering_format="{n}/{yy}"))
        uow.commit()
    _add(
        uow_factory,
        _paper("362/21", 2021),
        _paper("197/23", 2023),
        _paper("1000/21", 2021),
        _paper("9/23", 2023),
    )
    assert _refs(uow_factory) == ["197/23", "9/23", "1000/21", "362/21"]
    assert _refs(uow_factory, year=2021) == ["1000/21", "362/21"]
    assert _refs(uow_factory, limit=2, offset=1) == ["9/23", "1000/21"]
    assert _refs(uow_factory, text="Vorlage") == ["197/23", "9/23", "1000/21", "362/21"]


def test_list_sorts_a_running_counter_with_prefix_by_number(uow_factory):
    with uow_factory() as uow:
        uow.office.save(Office(numbering_format="SV-9-{n:04d}"))
        uow.commit()
    _add(uow_factory, _paper("SV-9-0009", 2024), _paper("SV-9-0010", 2024), _paper("SV-9-0002", 2025))
    assert _refs(uow_factory) == ["SV-9-0002", "SV-9-0010", "SV-9-0009"]
    with uow_factory() as uow:
        created = uow.papers.next_reference(2025, "SV-9-{n:04d}")
    assert created == "SV-9-0003"
