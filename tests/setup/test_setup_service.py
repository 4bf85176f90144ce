"""The set-up assistant's use case and master-data deactivation, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.form_profile import OfficeKind
from kimdesk.domain.masterdata import Organization, OrganizationKind, Person, numbering_example
from kimdesk.domain.model import Paper
from kimdesk.services.office import (
    create_organization,
    get_office,
    is_new_office,
    list_organizations,
    list_persons,
    save_organization,
    save_person,
)
from kimdesk.services.papers import count_papers
from kimdesk.services.ports import PaperQuery
from kimdesk.services.settings_rows import RoleRow, TextRow
from kimdesk.services.setup import OfficeSetup, set_up_office


def _setup(**changes: object) -> OfficeSetup:
    mayor, treasurer, clerk = (str(uuid.uuid4()) for _ in range(3))
    setup = OfficeSetup(
        kind=OfficeKind.CITY,
        municipality="Stadt Beispielhausen",
        numbering_format="{yyyy}/{n:04d}",
        letterhead=["Stadt Beispielhausen", "Der Bürgermeister"],
        departments=[
            TextRow(["Hauptamt", "10", ""]),
            TextRow(["Kämmerei", "20", ""]),
            TextRow(["Bauamt", "", ""]),
        ],
        committees=[TextRow(["Rat", "", "Rates"]), TextRow(["Bauausschuss", "BA", "Bauausschusses"])],
        persons=[
            TextRow(["Anna Berg", "Bürgermeisterin"], mayor),
            TextRow(["Jonas Kraft", "Kämmerer"], treasurer),
            TextRow(["Lea Sommer", "Sachbearbeiterin"], clerk),
        ],
        roles=[
            RoleRow("mayor", "Bürgermeisterin", mayor, treasurer),
            RoleRow("treasurer", "Stadtkämmerer", treasurer),
        ],
    )
    return replace(setup, **changes)  # type: ignore[arg-type]


def _empty(uow_factory) -> bool:
    return is_new_office(
        list_organizations(uow_factory), list_persons(uow_factory), count_papers(uow_factory, PaperQuery())
    )


def test_a_new_office_is_written_with_its_profile_roles_and_numbering(uow_factory) -> None:
    from kimdesk.services.verification import verify

    assert _empty(uow_factory)
    office = set_up_office(uow_factory, _setup())
    assert not _empty(uow_factory)
    stored = get_office(uow_factory)
    assert stored.municipality == "Stadt Beispielhausen" and office.municipality == stored.municipality
    assert stored.form_profile.kind is OfficeKind.CITY
    assert stored.form_profile.letterhead == ["Stadt Beispielhausen", "Der Bürgermeister"]
    assert numbering_example(stored.numbering_format, 2026) == "2026/0001"
    orgs = list_organizations(uow_factory)
    assert sorted(o.name for o in orgs if o.kind is OrganizationKind.DEPARTMENT) == [
        "Bauamt",
        "Hauptamt",
        "Kämmerei",
    ]
    council = next(o for o in orgs if o.name == "Rat")
    assert council.kind is OrganizationKind.COMMITTEE and council.genitive == "Rates"
    roles = {role.key: role for role in stored.sign_off_roles}
    assert roles["mayor"].label == "Bürgermeisterin"
    assert roles["mayor"].holder.name == "Anna Berg" and roles["mayor"].deputy.name == "Jonas Kraft"
    assert stored.default_signatory is not None and stored.default_signatory.name == "Anna Berg"
    assert sorted(p.name for p in list_persons(uow_factory)) == ["Anna Berg", "Jonas Kraft", "Lea Sommer"]
    with uow_factory() as uow:  # recorded in the audit log, who and what
        entry = uow.audit.entries()[-1]
    assert entry.details["office"] == "Stadt Beispielhausen" and entry.os_account
    assert "Hauptamt" in entry.details["organizations"] and "Lea Sommer" in entry.details["persons"]
    assert verify(uow_factory).findings == []  # the chain stays intact


@pytest.mark.parametrize("kind", [OfficeKind.DISTRICT, OfficeKind.MUNICIPALITY])
def test_kreis_and_gemeinde_get_their_own_form(uow_factory, kind: OfficeKind) -> None:
    set_up_office(uow_factory, _setup(kind=kind, roles=[]))
    assert get_office(uow_factory).form_profile.kind is kind


def test_a_refused_set_up_writes_nothing(uow_factory) -> None:
    with pytest.raises(ValidationError, match="Kommune"):
        set_up_office(uow_factory, _setup(municipality="  "))
    bad_person = _setup(persons=[TextRow(["x" * 300, ""])], roles=[])
    with pytest.raises(ValidationError, match="Person"):
        set_up_office(uow_factory, bad_person)
    assert _empty(uow_factory)


def test_a_referenced_amt_is_deactivated_never_deleted_and_old_vorlagen_keep_it(uow_factory) -> None:
    amt = Organization("Ordnungsamt", OrganizationKind.DEPARTMENT)
    save_organization(uow_factory, amt)
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    paper = Paper(
        title="Alte Vorlage", reference="26/0001", lead_department=amt, created_at=when, modified_at=when
    )
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    save_organization(uow_factory, replace(amt, active=False))
    stored = next(o for o in list_organizations(uow_factory) if o.id == amt.id)
    assert not stored.active
    with uow_factory() as uow:
        assert uow.papers.get_by_reference("26/0001").lead_department.name == "Ordnungsamt"
    # Typed again in the editor: the same record comes back, active.
    again = create_organization(uow_factory, "ordnungsamt", OrganizationKind.DEPARTMENT)
    assert again.id == amt.id and again.active
    assert [o.name for o in list_organizations(uow_factory)].count("Ordnungsamt") == 1


def test_a_person_is_deactivated_and_activated_again(uow_factory) -> None:
    person = Person("Max Alt", "Amtsleiter")
    save_person(uow_factory, person)
    save_person(uow_factory, replace(person, active=False))
    assert [p.active for p in list_persons(uow_factory)] == [False]
    save_person(uow_factory, replace(person, active=True))
    assert [p.active for p in list_persons(uow_factory)] == [True]


def test_an_import_keeps_what_this_office_deactivated(uow_factory, tmp_path) -> None:
    from kimdesk.services.demo import load_demo
    from kimdesk.services.exchange import export_file, import_file

    load_demo(uow_factory)
    path = tmp_path / "amt.kimdesk.json"
    export_file(uow_factory, path)
    council = next(o for o in list_organizations(uow_factory) if o.name == "Rat")
    save_organization(uow_factory, replace(council, active=False))
    import_file(uow_factory, path)
    assert not next(o for o in list_organizations(uow_factory) if o.id == council.id).active
    assert all(o.active for o in list_organizations(uow_factory) if o.id != council.id)
