"""Every field of every dataclass survives save → load, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from kimdesk.domain.errors import ConflictError, NotFoundError
from kimdesk.domain.masterdata import Office, Organization, Person, SignOffRole
from kimdesk.domain.model import FinanceRow, Period
from kimdesk.services.demo import load_demo
from tests.demo_data import demo_office, demo_persons
from tests.storage.builders import demo_seed, full_paper


def test_demo_seed_paper_survives_save_and_load(uow_factory):
    load_demo(uow_factory)
    expected = demo_seed()
    with uow_factory() as uow:
        loaded = uow.papers.get_by_reference("20/0270")
    expected.version = 1
    assert loaded == expected
    assert loaded.lead_department is not None
    assert loaded.lead_department.name == "Amt für Integration und Sport"
    assert loaded.consultations[0].rapporteur is not None
    assert loaded.consultations[0].rapporteur.name == "Rainer Weichelt"


def test_paper_with_every_field_survives_save_and_load(uow_factory):
    paper = full_paper()
    original = copy.deepcopy(paper)
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    assert paper.version == 1
    with uow_factory() as uow:
        loaded = uow.papers.get(paper.id)
    original.version = 1
    assert loaded == original
    # Exact digits, not just equal numbers (they enter content hashes and the PDF).
    amounts = loaded.financial_impact.amounts
    assert str(amounts[(FinanceRow.INCOME_GRANTS, Period.ANNUAL)]) == "999999999.99"
    assert str(amounts[(FinanceRow.EXPENSE, Period.ANNUAL)]) == "0.01"
    assert str(loaded.funding_modules[0].posts) == "0.5"
    assert str(loaded.funding_modules[1].posts) == "1.00"
    assert loaded.consultations[0].rapporteur is not None
    assert loaded.consultations[0].rapporteur.pin_hash == original.consultations[0].rapporteur.pin_hash
    assert loaded.sign_offs[0].signed_at == original.sign_offs[0].signed_at
    assert loaded.sign_offs[0].signed_at is not None and loaded.sign_offs[0].signed_at.tzinfo is not None


def test_update_saves_every_change_and_counts_the_version(uow_factory):
    paper = full_paper()
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    paper.title = "Geänderter Betreff"
    paper.consultations.pop(0)
    paper.sign_offs = []
    paper.funding_modules[0].rate = None
    paper.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ONE_OFF)] = Decimal("12.34")
    paper.financial_impact.overridden.clear()
    with uow_factory() as uow:
        uow.papers.update(paper)
        # Read back inside the same unit of work: no stale cached rows.
        assert uow.papers.get(paper.id) == paper
        uow.commit()
    assert paper.version == 2
    with uow_factory() as uow:
        assert uow.papers.get(paper.id) == paper


def test_leaving_without_commit_keeps_nothing(uow_factory):
    paper = full_paper()
    with uow_factory() as uow:
        uow.papers.add(paper)
    with uow_factory() as uow, pytest.raises(NotFoundError):
        uow.papers.get(paper.id)


def test_unknown_reference_is_a_german_not_found_error(uow_factory):
    with uow_factory() as uow, pytest.raises(NotFoundError, match=r"Vorlage Nr\. 99/9999"):
        uow.papers.get_by_reference("99/9999")


def test_duplicate_reference_is_refused(uow_factory):
    with uow_factory() as uow:
        uow.papers.add(full_paper("26/0001"))
        uow.commit()
    with uow_factory() as uow, pytest.raises(ConflictError, match="26/0001"):
        uow.papers.add(full_paper("26/0001"))


def test_deleting_a_paper_removes_its_parts(database, uow_factory):
    from sqlalchemy import func, select

    from kimdesk.storage.models import ConsultationRow, FinanceCellRow, FundingModuleRow, SignOffRow

    paper = full_paper()
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    with uow_factory() as uow:
        uow.papers.delete(paper.id)
        uow.commit()
    with database.session() as session:
        for table in (ConsultationRow, FinanceCellRow, FundingModuleRow, SignOffRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0
    with uow_factory() as uow:
        assert uow.papers.all_ids() == []
        # Master data stays: only the Vorlage and its parts go.
        assert uow.organizations.find("HFA") is not None


def test_master_data_round_trip_and_find(uow_factory):
    org = Organization("Ausschuss für Ärzte und Ämter", short_name="AÄÄ", name_genitive="Ausschusses")
    person = Person("Yasemin Aydın", "Leiterin", pin_hash="hash")
    with uow_factory() as uow:
        uow.organizations.save(org)
        uow.persons.save(person)
        uow.commit()
    with uow_factory() as uow:
        assert uow.organizations.get(org.id) == org
        assert uow.organizations.find("aää") == org
        assert uow.organizations.find("ausschuss für ärzte und ämter") == org
        assert uow.persons.find("yasemin aydın") == person
        assert uow.persons.list() == [person]
    org.name = "Umbenannt"
    person.function = "Leiterin des Rechtsamts"
    person.pin_hash = None  # a stale copy without the PIN (e.g. the settings dialog's)
    with uow_factory() as uow:
        uow.organizations.save(org)
        uow.persons.save(person)
        uow.commit()
    with uow_factory() as uow:
        assert uow.organizations.list() == [org]
        stored = uow.persons.get(person.id)
        assert stored.function == "Leiterin des Rechtsamts"
        assert stored.pin_hash == "hash"  # only set_pin_hash changes a PIN
        uow.persons.set_pin_hash(person.id, None)
        uow.commit()
    with uow_factory() as uow:
        assert uow.persons.get(person.id) == person


def test_office_defaults_then_round_trip(uow_factory):
    with uow_factory() as uow:
        assert uow.office.get() == Office()
    persons = demo_persons()
    office = demo_office(persons)
    office.form_profile.bodies.record_bodies = ["Rates", "Integrationsrates"]
    office.numbering_format = "{yyyy}-{n:05d}"
    with uow_factory() as uow:
        uow.office.save(office)
        uow.commit()
    with uow_factory() as uow:
        assert uow.office.get() == office
    office.sign_off_roles = [SignOffRole("mayor", "Oberbürgermeisterin", 3)]
    office.default_signatory = None
    with uow_factory() as uow:
        uow.office.save(office)
        uow.commit()
    with uow_factory() as uow:
        assert uow.office.get() == office


def test_settings_store(uow_factory):
    with uow_factory() as uow:
        uow.settings.put("autosave:1", {"title": "Entwurf ✓", "n": [1, 2]})
        uow.settings.put("autosave:2", ["a"])
        uow.settings.put("funding_catalogue", {"rates": []})
        uow.settings.put("autosave_%", {"x": 1})
        uow.commit()
    with uow_factory() as uow:
        assert uow.settings.get("autosave:1") == {"title": "Entwurf ✓", "n": [1, 2]}
        assert uow.settings.get("missing") is None
        assert uow.settings.keys("autosave:") == ["autosave:1", "autosave:2"]
        uow.settings.put("autosave:1", {"title": "neu"})
        uow.settings.delete("autosave:2")
        uow.settings.delete("not-there")
        uow.commit()
    with uow_factory() as uow:
        assert uow.settings.get("autosave:1") == {"title": "neu"}
        assert uow.settings.keys("autosave") == ["autosave:1", "autosave_%"]
        with pytest.raises(TypeError):
            uow.settings.put("x", "not a dict")  # type: ignore[arg-type]
