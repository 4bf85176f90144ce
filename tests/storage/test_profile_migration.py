"""Migration 0006: a database from before form profiles keeps printing the seed form (with its own
Beschlussvermerk bodies); a profile saved afterwards is stored; Vorlagenarten count their own numbers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kimdesk.domain.form_profile import FormProfile
from kimdesk.domain.model import Paper, PaperType
from kimdesk.domain.timezone import BERLIN
from kimdesk.services.form_profiles import shipped_profile
from kimdesk.services.office import get_office, save_office, use_profile
from kimdesk.services.papers import new_paper
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.storage.database import Database
from tests.storage.test_atomic_migration import _url, downgrade, revision


def test_an_existing_database_gets_the_seed_form_with_its_record_bodies(tmp_path: Path) -> None:
    path = tmp_path / "kimdesk.sqlite"
    db = Database.open(_url(path))
    head = db.head_revision
    try:
        office = get_office(db.uow_factory)
        office.municipality = "Stadt Recklinghausen"
        office.form_profile.bodies.record_bodies = ["Rates", "Integrationsrates"]
        save_office(db.uow_factory, office)
    finally:
        db.close()
    downgrade(path, "0005")
    assert revision(path) == "0005"

    db = Database.open(_url(path))  # upgrades again, as a new version of kimdesk would
    try:
        assert revision(path) == head
        office = get_office(db.uow_factory)
        expected = FormProfile()
        expected.bodies.record_bodies = ["Rates", "Integrationsrates"]
        assert office.form_profile == expected
        assert office.municipality == "Stadt Recklinghausen"

        use_profile(db.uow_factory, shipped_profile("kreis"))
        stored = get_office(db.uow_factory)
        assert stored.form_profile == shipped_profile("kreis")
        assert stored.signature_heading == "Der Landrat"
        assert [r.label for r in stored.sign_off_roles][:2] == ["Landrat", "Kreisdirektor"]
    finally:
        db.close()


def _new(uow_factory: UnitOfWorkFactory, paper_type: PaperType) -> str:
    return new_paper(uow_factory, Paper(title="Test", paper_type=paper_type)).reference


def test_each_vorlagenart_counts_its_own_numbers_and_a_running_counter_runs_on(
    uow_factory: UnitOfWorkFactory,
) -> None:
    assert _new(uow_factory, PaperType.RESOLUTION).count("/") == 1  # the office's {yy}/{n:04d}
    use_profile(uow_factory, shipped_profile("kreis"))
    year = datetime.now(BERLIN).year
    assert _new(uow_factory, PaperType.RESOLUTION) == f"BV/{year}/001"
    assert _new(uow_factory, PaperType.RESOLUTION) == f"BV/{year}/002"
    assert _new(uow_factory, PaperType.INFORMATION) == f"MV/{year}/001"
    assert _new(uow_factory, PaperType.REPORT) == "SV-9-0001"
    assert _new(uow_factory, PaperType.REPORT) == "SV-9-0002"
    # an Antrag has no numbering of its own in this profile: the office's format and shared counter
    assert _new(uow_factory, PaperType.MOTION).endswith("/0002")


def test_an_explicit_number_of_a_series_moves_that_series_on(uow_factory: UnitOfWorkFactory) -> None:
    use_profile(uow_factory, shipped_profile("kreis"))
    year = datetime.now(BERLIN).year
    given = Paper(title="Übernommen", paper_type=PaperType.RESOLUTION, reference=f"BV/{year}/007")
    assert new_paper(uow_factory, given).reference == f"BV/{year}/007"
    assert _new(uow_factory, PaperType.RESOLUTION) == f"BV/{year}/008"
    running = Paper(title="Übernommen", paper_type=PaperType.REPORT, reference="SV-9-0041")
    new_paper(uow_factory, running)
    assert _new(uow_factory, PaperType.REPORT) == "SV-9-0042"
    assert _new(uow_factory, PaperType.INFORMATION) == f"MV/{year}/001"  # its own series is untouched
