"""Exchange format 2 without ``created``, ``modified`` and ``status``, without Vorlagenart, Zuständigkeit
and kind of organization: an office's Vorlagen from another system enter kimdesk without an invented value,
on SQLite and PostgreSQL, and come back out the same."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import ValidationError, WorkflowError
from kimdesk.domain.masterdata import OrganizationKind
from kimdesk.domain.model import ConsultationRole, PaperStatus, PaperType
from kimdesk.domain.signoff import start_circulation
from kimdesk.domain.validation import validate_paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.resources import resource_path
from kimdesk.services.exchange import check_document, export_document, import_document
from kimdesk.services.office import create_organization, list_organizations
from kimdesk.services.oparl import OparlMapper
from kimdesk.services.oparl_data import ExportedFile, OparlData
from kimdesk.services.paper_form import dates_text
from kimdesk.services.papers import get_paper, list_papers, save_paper
from kimdesk.services.ports import PaperQuery
from tests.meetings.oparl_schemas import schema_problems
from tests.pdf.readback import flat, page_texts

#: Four Vorlagen as another system exports them: no creation or change time and no state (left out or
#: null), one number that names no year, one Vorlage with its times. Also used by the screenshots.
FOREIGN_FILE = Path(__file__).with_name("foreign-office.kimdesk.json")


def foreign_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(FOREIGN_FILE.read_text(encoding="utf-8"))
    return document


def test_a_file_without_times_and_state_imports_as_entwurf_and_says_so(uow_factory: Any) -> None:
    document = foreign_document()
    assert check_document(document) == []
    report = import_document(uow_factory, document)
    assert sorted(report.added) == ["21/0362", "22/0015", "23/0197", "SV-0009"]
    assert sorted(report.unknown_status) == ["21/0362", "22/0015", "23/0197", "SV-0009"]
    message = report.unknown_status_message()
    assert message.startswith("Als Entwurf übernommen (die Datei nennt keinen Status): ")
    assert report.unknown_status_message() in report.messages()
    for reference in ("21/0362", "23/0197", "SV-0009"):
        paper = get_paper(uow_factory, reference)
        assert (paper.created_at, paper.modified_at, paper.status) == (None, None, PaperStatus.DRAFT)
        assert paper.year is None
        assert dates_text(paper) == "Angelegt: unbekannt · Zuletzt geändert: unbekannt"
    known = get_paper(uow_factory, "22/0015")
    assert known.created_at is not None and known.created_at.isoformat() == "2022-03-01T08:00:00+00:00"


def test_the_list_shows_them_sorts_by_year_and_number_and_filters_by_the_year_of_the_number(
    uow_factory: Any,
) -> None:
    import_document(uow_factory, foreign_document())
    rows = list_papers(uow_factory, PaperQuery())
    # Newest year first; the number without a year (year not known) below every known year.
    assert [r.reference for r in rows] == ["23/0197", "22/0015", "21/0362", "SV-0009"]
    unknown = {r.reference: r.modified_at for r in rows}
    assert unknown["23/0197"] is None and unknown["22/0015"] is not None
    assert [r.reference for r in list_papers(uow_factory, PaperQuery(year=2021))] == ["21/0362"]
    assert [r.reference for r in list_papers(uow_factory, PaperQuery(status=PaperStatus.DRAFT))] == [
        "23/0197",
        "22/0015",
        "21/0362",
        "SV-0009",
    ]
    assert [r.reference for r in list_papers(uow_factory, PaperQuery(text="Ratsinformationssystem"))][-1] == (
        "SV-0009"
    )


def test_export_leaves_the_unknown_out_and_round_trips(uow_factory: Any, make_uow_factory: Any) -> None:
    import_document(uow_factory, foreign_document())
    document = export_document(uow_factory)
    by_reference = {p["reference"]: p for p in document["papers"]}
    for reference in ("21/0362", "23/0197", "SV-0009"):
        assert "created" not in by_reference[reference] and "modified" not in by_reference[reference]
        assert by_reference[reference]["status"] == "draft"  # kimdesk's own state since the import
    assert by_reference["22/0015"]["created"] == "2022-03-01T08:00:00+00:00"
    assert check_document(document) == []

    other = make_uow_factory()
    report = import_document(other, document)
    assert report.unknown_status == []  # the state is known now: Entwurf
    assert get_paper(other, "23/0197").created_at is None
    assert export_document(other) == document
    # The same file again over the same Vorlagen: nothing says it is older, so it is taken.
    assert sorted(import_document(other, document).updated) == ["21/0362", "22/0015", "23/0197", "SV-0009"]


def test_the_first_save_sets_a_real_change_time_the_creation_stays_unknown(uow_factory: Any) -> None:
    import_document(uow_factory, foreign_document())
    paper = get_paper(uow_factory, "21/0362")
    paper.title = "Geändert in kimdesk"
    save_paper(uow_factory, paper)
    saved = get_paper(uow_factory, "21/0362")
    assert saved.created_at is None and saved.modified_at is not None
    assert dates_text(saved).startswith("Angelegt: unbekannt · Zuletzt geändert: ")
    assert "unbekannt" not in dates_text(saved).split("·")[1]
    assert list_papers(uow_factory, PaperQuery(year=2021))[0].modified_at == saved.modified_at

    # A file that does not know when it was changed does not overwrite work done in kimdesk since.
    stale = foreign_document()
    with pytest.raises(ValidationError) as info:
        import_document(uow_factory, stale)
    assert "nennt keinen Änderungszeitpunkt" in info.value.message
    assert get_paper(uow_factory, "21/0362").title == "Geändert in kimdesk"


def test_the_pdf_invents_no_date_no_state_and_no_public_session(uow_factory: Any) -> None:
    import_document(uow_factory, foreign_document())
    paper = get_paper(uow_factory, "23/0197")
    with uow_factory() as uow:
        office = uow.office.get()
    pages = page_texts(PaperPdfRenderer().render_paper(paper, office))
    text = flat(" ".join(pages))
    assert "17.06.2021" in text  # the one date the file gave
    dates = {word for word in text.split() if word.count(".") == 2 and word[:2].isdigit()}
    assert dates <= {"17.06.2021"}, dates
    for invented in ("Beschlossen", "Freigegeben", "öffentliche Sitzung", "nichtöffentliche"):
        assert invented not in text


def test_a_state_known_only_as_words_is_kept_for_information(uow_factory: Any, make_uow_factory: Any) -> None:
    document = foreign_document()
    document["papers"][1]["sourceStatus"] = "beschlossen (Kreistag, 17.06.2021)"
    report = import_document(uow_factory, document)
    assert "23/0197" in report.unknown_status
    paper = get_paper(uow_factory, "23/0197")
    assert paper.status is PaperStatus.DRAFT and paper.source_status == "beschlossen (Kreistag, 17.06.2021)"
    assert dates_text(paper).endswith(" · Status im Herkunftssystem: beschlossen (Kreistag, 17.06.2021)")
    with uow_factory() as uow:
        office = uow.office.get()
    text = flat(" ".join(page_texts(PaperPdfRenderer().render_paper(paper, office))))
    assert "beschlossen (Kreistag" not in text  # the PDF shows kimdesk's state, not the other system's
    exported = export_document(uow_factory)
    assert next(p for p in exported["papers"] if p["reference"] == "23/0197")["sourceStatus"] == (
        "beschlossen (Kreistag, 17.06.2021)"
    )
    other = make_uow_factory()
    import_document(other, exported)
    assert get_paper(other, "23/0197").source_status == "beschlossen (Kreistag, 17.06.2021)"


def test_null_and_left_out_are_the_same_and_a_bad_time_is_still_named(uow_factory: Any) -> None:
    document = foreign_document()
    document["papers"][0]["created"] = "gestern"
    document["papers"][1]["status"] = "beschlossen"
    fields = {p.field for p in check_document(document)}
    assert fields == {"$.papers[0].created", "$.papers[1].status"}


def _oparl_objects(uow_factory: Any, document: dict[str, Any]) -> list[dict[str, Any]]:
    """``document`` imported, then every object of the OParl export (lists and single objects)."""
    import_document(uow_factory, document)
    with uow_factory() as uow:
        office = uow.office.get()
        organizations, persons = uow.organizations.list(), uow.persons.list()
        papers = [uow.papers.get(paper_id) for paper_id in uow.papers.all_ids()]
    files = {
        p.id: ExportedFile(p.id, p.reference, "v.pdf", f"files/{p.id}.pdf", 1, "0" * 128, None, None)
        for p in papers
    }
    data = OparlData(office, organizations, persons, [], copy.deepcopy(papers), main_files=files)
    documents = OparlMapper(data, "https://ris.example.org/oparl/", include_non_public=True).documents()
    return [obj for doc in documents.values() for obj in doc.get("data", [doc])]


def test_oparl_leaves_the_unknown_times_out(uow_factory: Any) -> None:
    objects = _oparl_objects(uow_factory, foreign_document())
    unknown = {o["id"]: o for o in objects if o["type"].endswith("/Paper") and o["reference"] == "23/0197"}
    assert len(unknown) == 1  # the same object in the list and on its own
    paper = next(iter(unknown.values()))
    assert not {"created", "modified", "date"} & set(paper)
    assert not {"created", "modified", "date"} & set(paper["mainFile"])
    assert all("created" not in c for c in paper["consultation"])
    assert [p for o in objects for p in schema_problems(o, o["id"])] == []


# -- Vorlagenart, Zuständigkeit and the kind of an organization -------------------------------------------


def roleless_document() -> dict[str, Any]:
    """The foreign office's file from a system without Vorlagenarten, roles and kinds of organization:
    21/0362 and 23/0197 without ``paperType``, their Beratungsfolge without ``role`` (left out, null), no
    organization with a ``kind``, and a third organization the file never uses."""
    document = foreign_document()
    for organization in document["organizations"]:
        del organization["kind"]
    document["organizations"].append({"id": "7b1c4a52-4f7e-4a41-9f0e-6f1f4a6a0003", "name": "Beirat"})
    first, second = document["papers"][0], document["papers"][1]
    del first["paperType"]
    second["paperType"] = None
    del first["consultations"][0]["role"]
    second["consultations"][0]["role"] = None
    return document


def test_a_file_without_type_role_and_kind_keeps_them_unknown_and_says_so(uow_factory: Any) -> None:
    document = roleless_document()
    assert check_document(document) == []
    report = import_document(uow_factory, document)
    for reference in ("21/0362", "23/0197"):
        paper = get_paper(uow_factory, reference)
        assert paper.paper_type is None
        assert [c.role for c in paper.consultations] == [None]
    assert get_paper(uow_factory, "SV-0009").paper_type is PaperType.RESOLUTION
    assert report.unknown_fields == {
        "21/0362": ["Vorlageart", "Zuständigkeit in der Beratungsfolge, Zeile 1"],
        "23/0197": ["Vorlageart", "Zuständigkeit in der Beratungsfolge, Zeile 1"],
    }
    assert report.unknown_fields_message() == (
        "Nicht bekannt, weil die Datei sie nicht nennt (vor dem Umlauf bitte auswählen): "
        "21/0362 (Vorlageart, Zuständigkeit in der Beratungsfolge, Zeile 1); "
        "23/0197 (Vorlageart, Zuständigkeit in der Beratungsfolge, Zeile 1)"
    )
    # What the file shows is recorded, not invented: the federführendes Amt is an Amt, the body of the
    # Beratungsfolge a Gremium; only the organization it never uses stays unknown.
    kinds = {o.name: o.kind for o in list_organizations(uow_factory)}
    assert kinds == {
        "Kreistag": OrganizationKind.COMMITTEE,
        "Amt 50 – Soziales": OrganizationKind.DEPARTMENT,
        "Beirat": None,
    }
    assert report.unknown_kinds == ["Beirat"]
    assert report.unknown_kinds_message() in report.messages()
    assert report.unknown_fields_message() in report.messages()
    # The pickers offer only what is known to be an Amt or a Gremium.
    assert [o.name for o in list_organizations(uow_factory, OrganizationKind.COMMITTEE)] == ["Kreistag"]


def test_unknown_type_role_and_kind_export_as_absent_and_round_trip(
    uow_factory: Any, make_uow_factory: Any
) -> None:
    import_document(uow_factory, roleless_document())
    document = export_document(uow_factory)
    by_reference = {p["reference"]: p for p in document["papers"]}
    for reference in ("21/0362", "23/0197"):
        assert "paperType" not in by_reference[reference]
        assert all("role" not in c for c in by_reference[reference]["consultations"])
    assert by_reference["SV-0009"]["paperType"] == "resolution"
    organizations = {o["name"]: o for o in document["organizations"]}
    assert "kind" not in organizations["Beirat"] and organizations["Kreistag"]["kind"] == "committee"
    assert check_document(document) == []

    other = make_uow_factory()
    report = import_document(other, document)
    assert sorted(report.unknown_fields) == ["21/0362", "23/0197"]
    assert get_paper(other, "21/0362").paper_type is None
    assert export_document(other) == document


def test_a_file_that_does_not_know_them_leaves_what_the_database_knows(uow_factory: Any) -> None:
    import_document(uow_factory, foreign_document())
    document = roleless_document()
    for paper in document["papers"]:
        paper["modified"] = "2030-01-01T00:00:00+00:00"  # newer than anything in the database
    report = import_document(uow_factory, document)
    paper = get_paper(uow_factory, "21/0362")
    assert paper.paper_type is PaperType.RESOLUTION
    assert [c.role for c in paper.consultations] == [ConsultationRole.DECISION]
    assert report.unknown_fields == {} and report.unknown_kinds == ["Beirat"]
    kinds = {o.name: o.kind for o in list_organizations(uow_factory)}
    assert kinds["Kreistag"] is OrganizationKind.COMMITTEE


def test_an_organization_used_as_amt_and_gremium_stays_unknown(uow_factory: Any) -> None:
    document = roleless_document()
    amt = document["organizations"][1]["id"]
    document["papers"][2]["consultations"].append({"committee": amt, "role": "noting"})
    report = import_document(uow_factory, document)
    assert report.unknown_kinds == ["Amt 50 – Soziales", "Beirat"]
    # Named again as federführendes Amt by the clerk, it becomes one (not a second Amt of the same name).
    created = create_organization(uow_factory, "Amt 50 – Soziales", OrganizationKind.DEPARTMENT)
    assert str(created.id) == amt and created.kind is OrganizationKind.DEPARTMENT


def test_format_1_still_requires_type_role_and_kind(uow_factory: Any) -> None:
    document = json.loads(resource_path("demo", "demo-office.kimdesk.json").read_text(encoding="utf-8"))
    assert document["version"] == 1
    del document["papers"][0]["paperType"]
    del document["papers"][0]["consultations"][0]["role"]
    del document["organizations"][0]["kind"]
    problems = {p.field: p.message for p in check_document(document)}
    assert problems == {
        "$.organizations[0]": "Pflichtfeld fehlt: kind",
        "$.papers[0]": "Pflichtfeld fehlt: paperType",
        "$.papers[0].consultations[0]": "Pflichtfeld fehlt: role",
    }


def test_the_umlauf_waits_for_the_unknown_type_and_role_a_draft_saves(uow_factory: Any) -> None:
    import_document(uow_factory, roleless_document())
    paper = get_paper(uow_factory, "21/0362")
    paper.title = "Gespeichert, Vorlageart noch unbekannt"
    save_paper(uow_factory, paper)
    assert get_paper(uow_factory, "21/0362").paper_type is None
    problems = {p.field: p.message for p in validate_paper(paper)}
    assert (
        problems["Vorlageart"]
        == problems["Beratungsfolge, Zeile 1, Zuständigkeit"]
        == ("nicht bekannt (aus einem anderen System übernommen) – bitte auswählen")
    )
    with uow_factory() as uow:
        office = uow.office.get()
    with pytest.raises(WorkflowError) as info:
        start_circulation(paper, office, now=utcnow())
    assert "– Vorlageart: nicht bekannt" in info.value.message
    assert "– Beratungsfolge, Zeile 1, Zuständigkeit: nicht bekannt" in info.value.message


def test_oparl_leaves_out_the_unknown_type_role_and_kind(uow_factory: Any) -> None:
    objects = _oparl_objects(uow_factory, roleless_document())
    papers_out = {o["reference"]: o for o in objects if o["type"].endswith("/Paper")}
    assert (
        "paperType" not in papers_out["21/0362"] and papers_out["SV-0009"]["paperType"] == "Beschlussvorlage"
    )
    for consultation in papers_out["21/0362"]["consultation"]:
        assert "role" not in consultation and "authoritative" not in consultation
    assert papers_out["SV-0009"]["consultation"][0]["role"] == "Entscheidung"
    orgs = {o["name"]: o for o in objects if o["type"].endswith("/Organization")}
    assert not {"organizationType", "classification"} & set(orgs["Beirat"])
    assert orgs["Kreistag"]["organizationType"] == "Gremium"
    assert [p for o in objects for p in schema_problems(o, o["id"])] == []
