"""A Vorlage past Entwurf keeps the names it was signed with: renaming a Gremium or a person in the settings
(or by an import of master data) leaves what it prints and what its signatures cover as they were; back in
Entwurf it takes the new names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kimdesk.domain.supplements import SupplementKind
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services import office as office_service
from kimdesk.services import signoff
from kimdesk.services.consultation_rows import ConsultationRow, read_rows
from kimdesk.services.exchange import export_file, import_file
from kimdesk.services.papers import duplicate_paper, get_paper
from kimdesk.services.ports import PaperQuery
from kimdesk.services.supplements import create_supplement
from kimdesk.services.versions import list_versions, load_version
from tests.pdf.readback import page_texts
from tests.signoff.red_team_office import Office, build_office, raw_rows, raw_sql
from tests.storage.downgrade import downgrade

OLD, NEW = "Integrationsrat", "Ausländerbeirat"
OLD_PERSON, NEW_PERSON = "Wolfgang Krämer", "Wolfgang Krämer-Schulz"


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    yield from build_office(db_url, tmp_path)


def _rename_in_settings(office: Office) -> None:
    """What the Sitzungsdienst does in Einstellungen → Gremien and Personen → Speichern."""
    orgs = [o for o in office_service.list_organizations(office.uow) if o.name == OLD]
    persons = [p for p in office_service.list_persons(office.uow) if p.name == OLD_PERSON]
    assert orgs and persons
    kept = office_service.save_master_data(
        office.uow,
        None,
        [replace(orgs[0], name=NEW, name_genitive="Ausländerbeirates")],
        [replace(persons[0], name=NEW_PERSON, function="Ratsmitglied")],
    )
    # The settings say which Vorlagen keep the names (the rejected 20/0311 is an Entwurf again).
    assert kept == ["20/0325", "20/0270"]


def _printed(office: Office, reference: str) -> str:
    paper = get_paper(office.uow, reference)
    office_settings = office_service.get_office(office.uow)
    return "\n".join(page_texts(PaperPdfRenderer().render_paper(paper, office_settings)))


def _committees(office: Office, reference: str) -> list[str]:
    return [c.committee.name for c in get_paper(office.uow, reference).consultations if c.committee]


def test_renaming_in_the_settings_leaves_signed_vorlagen_as_signed(office: Office) -> None:
    _rename_in_settings(office)
    report = office.verify()
    assert report.ok, report.findings
    # Decided (20/0270) and circulating (20/0325): the names they were signed with, on screen and on paper.
    assert _committees(office, "20/0270") == [OLD]
    waiting = get_paper(office.uow, "20/0325")
    assert waiting.consultations[0].rapporteur is not None
    assert waiting.consultations[0].rapporteur.name == OLD_PERSON
    text = _printed(office, "20/0325")
    assert OLD_PERSON in text and OLD in text
    assert NEW not in text and NEW_PERSON not in text
    # A draft takes the new names at once (20/0311 went back to Entwurf when it was rejected).
    assert _committees(office, "20/0311")[0] == NEW
    assert NEW in _printed(office, "20/0311")
    # The list of Vorlagen shows each one as it reads.
    with office.uow() as uow:
        listed = {s.reference: s.committee for s in uow.papers.query(PaperQuery())}
    assert (listed["20/0270"], listed["20/0325"], listed["20/0311"]) == (OLD, OLD, NEW)


def test_back_in_entwurf_a_vorlage_takes_the_new_names_and_keeps_them_for_its_next_round(
    office: Office,
) -> None:
    _rename_in_settings(office)
    signoff.back_to_draft(office.uow, "20/0325")
    assert _committees(office, "20/0325") == [NEW]
    signoff.start(office.uow, "20/0325", roles=["mayor"])
    office.sign("20/0325", "mayor", "Christoph Tesche")
    # Renamed once more: the new round keeps what it was signed with.
    orgs = [o for o in office_service.list_organizations(office.uow) if o.name == NEW]
    kept = office_service.save_master_data(office.uow, None, [replace(orgs[0], name="Integrationsbeirat")])
    assert kept == ["20/0325", "20/0270"]
    assert _committees(office, "20/0325") == [NEW]
    assert _committees(office, "20/0270") == [OLD]
    report = office.verify()
    assert report.ok, report.findings


def test_a_rename_in_the_database_does_not_reach_a_signed_vorlage(office: Office) -> None:
    raw_sql(office.url, f"UPDATE organizations SET name = '{NEW}' WHERE name = '{OLD}'")
    assert _committees(office, "20/0270") == [OLD]
    assert office.verify().ok


def test_the_upgrade_gives_signed_vorlagen_back_the_names_they_were_signed_with(office: Office) -> None:
    """A database of the previous kimdesk (0014), where the Berichterstatter of the decided 20/0270 was
    renamed after the signatures: the upgrade takes the names the signatures cover, and ``verify`` is
    content again. (The renamed person is not named by 20/0325, whose entry in the audit log this kimdesk
    wrote before the downgrade: an older kimdesk would not have written its names' digest.)"""
    downgrade(office.db, "0014_attachment_list_index")
    raw_sql(office.url, "UPDATE persons SET name = 'Rainer Wechsel' WHERE name = 'Rainer Weichelt'")
    office.db.close()
    office.db = type(office.db).open(office.url)
    try:
        _check_upgraded(office)
    finally:
        office.db.close()


def _rapporteurs(office: Office, reference: str) -> list[str]:
    return [c.rapporteur.name for c in get_paper(office.uow, reference).consultations if c.rapporteur]


def _check_upgraded(office: Office) -> None:
    assert office.db.migration is not None
    assert office.db.migration.from_revision == "0014_attachment_list_index"
    report = office.verify()
    assert report.ok, report.findings
    assert _rapporteurs(office, "20/0270") == ["Rainer Weichelt"]
    # In Mitzeichnung without a signature yet: the names as the master data has them (kept from now on).
    assert raw_rows(office.url, "SELECT printed_names FROM papers WHERE reference = '20/0325'")[0][0]
    # A draft is not touched: it names the person as the master data does.
    assert _rapporteurs(office, "20/0311")[0] == "Rainer Wechsel"


def test_the_editor_reads_a_signed_vorlage_back_with_its_kept_names(office: Office) -> None:
    """The fields of 20/0325 read back (preview, print, checks) as kept, also when only a function or a
    short name changed, and when another body has since taken the kept name."""
    orgs = {o.name: o for o in office_service.list_organizations(office.uow)}
    persons = [p for p in office_service.list_persons(office.uow) if p.name == OLD_PERSON]
    office_service.save_master_data(
        office.uow,
        None,
        [replace(orgs[OLD], name=NEW, short_name="AB"), replace(orgs["Rat"], name=OLD)],  # a swap
        [replace(persons[0], function="Ratsmitglied")],  # the function only
    )
    kept = get_paper(office.uow, "20/0325").consultations[0]
    rows = [ConsultationRow.of(c) for c in get_paper(office.uow, "20/0325").consultations]
    read, problems = read_rows(
        rows, office_service.list_organizations(office.uow), office_service.list_persons(office.uow)
    )
    assert problems == []
    assert read[0].committee is not None and kept.committee is not None
    assert (read[0].committee.id, read[0].committee.short_name) == (kept.committee.id, "IR")
    assert read[0].rapporteur is not None and read[0].rapporteur.function == kept.rapporteur.function  # type: ignore[union-attr]
    assert read[0].rapporteur.function != "Ratsmitglied"


def test_a_copy_or_supplement_of_a_signed_vorlage_is_a_draft_with_the_new_names(office: Office) -> None:
    _rename_in_settings(office)
    copy = duplicate_paper(office.uow, "20/0270")
    supplement = create_supplement(office.uow, "20/0270", SupplementKind.SUPPLEMENT)
    for draft in (copy, supplement):
        assert [c.committee.name for c in draft.consultations if c.committee] == [NEW]
        assert _committees(office, draft.reference) == [NEW]


def test_an_export_of_signed_vorlagen_carries_the_master_data_as_it_is(
    office: Office, tmp_path: Path
) -> None:
    """The file's master data is the office's, renamed — else importing it elsewhere would rename back."""
    _rename_in_settings(office)
    path = tmp_path / "signed.kimdesk.json"
    export_file(office.uow, path, ["20/0325"])
    document = json.loads(path.read_text("utf-8"))
    assert NEW in {o["name"] for o in document["organizations"]}
    assert OLD not in {o["name"] for o in document["organizations"]}
    assert NEW_PERSON in {p["name"] for p in document["persons"]}


def test_an_import_that_renames_a_gremium_names_the_signed_vorlagen_that_keep_the_old_name(
    office: Office, tmp_path: Path
) -> None:
    """A file from elsewhere that renames master data: the report says what the settings would say."""
    path = tmp_path / "draft.kimdesk.json"
    export_file(office.uow, path, ["20/0311"])  # an Entwurf (rejected): the file updates it
    document = json.loads(path.read_text("utf-8"))
    for org in document["organizations"]:
        if org["name"] == OLD:
            org["name"] = NEW
    path.write_text(json.dumps(document), "utf-8")
    report = import_file(office.uow, path)
    assert report.updated == ["20/0311"]
    assert report.kept_names == ["20/0325", "20/0270"]
    assert [m for m in report.messages() if "20/0325, 20/0270" in m] == [
        office_service.kept_names_message(["20/0325", "20/0270"])
    ]
    assert _committees(office, "20/0270") == [OLD] and _committees(office, "20/0311")[0] == NEW
    assert office.verify().ok


def test_the_fassungen_of_a_signed_vorlage_read_with_its_kept_names(office: Office) -> None:
    _rename_in_settings(office)
    numbers = [info.number for info in list_versions(office.uow, "20/0325")]
    assert numbers
    for number in numbers:
        version = load_version(office.uow, "20/0325", number)
        assert [c.committee.name for c in version.paper.consultations if c.committee] == [OLD]


@pytest.mark.parametrize("damage", ["{kaputt", "[" * 100_000])
def test_unreadable_kept_names_stop_neither_the_list_nor_verify(office: Office, damage: str) -> None:
    """Damage (or an insider) leaves unreadable text: the list, the Vorlage and ``verify`` still work; it
    reads with the master data's names, which are still the signed ones."""
    assert raw_sql(office.url, "UPDATE papers SET printed_names = ? WHERE reference = '20/0270'", damage) == 1
    with office.uow() as uow:
        assert "20/0270" in {s.reference for s in uow.papers.query(PaperQuery())}
    assert _committees(office, "20/0270") == [OLD]
    assert office.verify().ok


def test_kept_names_changed_before_the_first_signature_are_named(office: Office) -> None:
    """20/0325 is in Mitzeichnung and nobody has signed yet: no signature covers its names, the audit log
    does (the digest of its names when it entered Mitzeichnung)."""
    changed = raw_sql(
        office.url,
        f"UPDATE papers SET printed_names = REPLACE(printed_names, '{OLD}', '{NEW}') "
        "WHERE reference = '20/0325'",
    )
    assert changed == 1 and _committees(office, "20/0325") == [NEW]
    report = office.verify()
    assert report.tampered_references == ["20/0325"]
    assert any("weichen vom letzten Eintrag im Prüfprotokoll ab" in str(f) for f in report.findings)
