"""Migration 0013_unknown_roles on an existing database (SQLite and PostgreSQL): every Vorlage keeps its
Vorlagenart, Beratungsfolge, children and search entry, every organization its kind; afterwards all three
may be stored as not known; a downgrade gives the older program values it can read."""

from __future__ import annotations

from typing import Any

from kimdesk.domain.masterdata import OrganizationKind
from kimdesk.domain.model import ConsultationRole, PaperType
from kimdesk.services.exchange import import_document
from kimdesk.services.office import list_organizations
from kimdesk.services.papers import get_paper, list_papers
from kimdesk.services.ports import PaperQuery
from kimdesk.storage.database import Database
from tests.exchange.test_unknown import roleless_document
from tests.storage.downgrade import downgrade


def _state(uow_factory: Any) -> list[tuple[Any, ...]]:
    """What a user sees of every Vorlage: number, Vorlagenart, Beratungsfolge with roles, children."""
    with uow_factory() as uow:
        papers = [uow.papers.get(paper_id) for paper_id in uow.papers.all_ids()]
    return sorted(
        (
            p.reference,
            p.paper_type,
            tuple((c.committee.name if c.committee else "", c.role, c.meeting_date) for c in p.consultations),
            p.lead_department.name if p.lead_department else "",
            len(p.funding_modules),
            len(p.sign_offs),
            len(p.resolution_record),
        )
        for p in papers
    )


def _kinds(uow_factory: Any) -> dict[str, OrganizationKind | None]:
    return {o.name: o.kind for o in list_organizations(uow_factory)}


def test_existing_data_survives_and_unknown_type_role_and_kind_can_be_stored_after_it(db_url: str) -> None:
    from kimdesk.services.demo import load_full_demo

    db = Database.open(db_url)
    try:
        load_full_demo(db.uow_factory)
        before, kinds = _state(db.uow_factory), _kinds(db.uow_factory)
        search = PaperQuery(text="Integrationsmanagement")
        found = [r.reference for r in list_papers(db.uow_factory, search)]
        downgrade(db, "0012_versions")
        assert db.current_revision() == "0012_versions"
    finally:
        db.close()

    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0012_versions"
        assert db.current_revision() == db.head_revision
        assert _state(db.uow_factory) == before
        assert _kinds(db.uow_factory) == kinds
        assert [r.reference for r in list_papers(db.uow_factory, search)] == found and found

        report = import_document(db.uow_factory, roleless_document())
        assert sorted(report.unknown_fields) == ["21/0362", "23/0197"]
        unknown = get_paper(db.uow_factory, "21/0362")
        assert (unknown.paper_type, [c.role for c in unknown.consultations]) == (None, [None])
        assert _kinds(db.uow_factory)["Beirat"] is None

        downgrade(db, "0012_versions")  # the older program needs values: they are filled
    finally:
        db.close()

    db = Database.open(db_url)
    try:
        filled = get_paper(db.uow_factory, "21/0362")
        assert filled.paper_type is PaperType.RESOLUTION
        assert [c.role for c in filled.consultations] == [ConsultationRole.NOTING]
        assert _kinds(db.uow_factory)["Beirat"] is OrganizationKind.COMMITTEE
        assert _kinds(db.uow_factory)["Amt 50 – Soziales"] is OrganizationKind.DEPARTMENT
        assert set(before) <= set(_state(db.uow_factory))  # the other Vorlagen as they were
    finally:
        db.close()
