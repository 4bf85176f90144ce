"""Exchange format 2 without ``created``, ``modified`` and ``status``: an office's Vorlagen from another
system enter kimdesk without an invented value, on SQLite and PostgreSQL, and come back out the same."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.model import PaperStatus
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.exchange import check_document, export_document, import_document
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


def test_oparl_leaves_the_unknown_times_out(uow_factory: Any) -> None:
    import_document(uow_factory, foreign_document())
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
    objects = [obj for doc in documents.values() for obj in doc.get("data", [doc])]
    unknown = {o["id"]: o for o in objects if o["type"].endswith("/Paper") and o["reference"] == "23/0197"}
    assert len(unknown) == 1  # the same object in the list and on its own
    paper = next(iter(unknown.values()))
    assert not {"created", "modified", "date"} & set(paper)
    assert not {"created", "modified", "date"} & set(paper["mainFile"])
    assert all("created" not in c for c in paper["consultation"])
    assert [p for o in objects for p in schema_problems(o, o["id"])] == []
