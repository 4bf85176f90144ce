"""Exchange format 2: Aktenzeichen, Bezugsvorlagen and the new roles travel; what another system did not
record may be left out and stays unknown; format-1 files (today's demo) import as before."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.model import ConsultationRole, OwnContribution, RelatedPaper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.resources import resource_path
from kimdesk.services.demo import load_demo
from kimdesk.services.exchange import VERSION, check_document, export_document, import_document
from kimdesk.services.papers import get_paper
from tests.pdf.readback import flat, page_texts
from tests.storage.builders import full_paper

DEMO_FILE = resource_path("demo", "demo-office.kimdesk.json")


def _demo_v1() -> dict:
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert document["version"] == 1
    return document


def test_the_demo_file_of_format_1_imports_unchanged(uow_factory):
    document = _demo_v1()
    import_document(uow_factory, document)
    for data in document["papers"]:
        paper = get_paper(uow_factory, data["reference"])
        assert [c.public for c in paper.consultations] == [c["public"] for c in data.get("consultations", [])]
        assert [c.role.value for c in paper.consultations] == [
            c["role"] for c in data.get("consultations", [])
        ]
        assert paper.file_number == "" and paper.related_papers == []
        assert paper.created_at.isoformat() == data["created"]


def test_export_writes_version_2_and_round_trips_the_new_fields(uow_factory, make_uow_factory):
    load_demo(uow_factory)
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference("20/0311")
        paper.file_number = "51.2-0815/2020"
        paper.related_papers = [RelatedPaper("20/0270"), RelatedPaper("19/0112")]
        paper.consultations[0].role = ConsultationRole.LEAD
        paper.consultations[0].public = None
        uow.papers.update(paper)
        uow.commit()
    document = export_document(uow_factory)
    assert document["version"] == VERSION == 2
    data = next(p for p in document["papers"] if p["reference"] == "20/0311")
    assert data["fileNumber"] == "51.2-0815/2020"
    assert data["relatedPapers"] == ["20/0270", "19/0112"]
    assert data["consultations"][0]["role"] == "lead" and "public" not in data["consultations"][0]
    assert check_document(document) == []

    other = make_uow_factory()
    import_document(other, document)
    arrived = get_paper(other, "20/0311")
    assert arrived.file_number == "51.2-0815/2020"
    seed = get_paper(other, "20/0270")
    assert arrived.related_papers == [RelatedPaper("20/0270", seed.id), RelatedPaper("19/0112", None)]
    assert arrived.consultations[0].role is ConsultationRole.LEAD
    assert arrived.consultations[0].public is None
    assert export_document(other) == document


def test_public_left_out_in_format_2_stays_unknown_and_is_not_printed(uow_factory):
    document = copy.deepcopy(_demo_v1())
    document["version"] = 2
    for paper in document["papers"]:
        for consultation in paper.get("consultations", []):
            del consultation["public"]
    import_document(uow_factory, document)
    paper = get_paper(uow_factory, "20/0270")
    assert paper.consultations and all(c.public is None for c in paper.consultations)
    with uow_factory() as uow:
        office = uow.office.get()
    text = flat(page_texts(PaperPdfRenderer().render_paper(paper, office))[0])
    assert "Zuständigkeit" in text and "öffentliche Sitzung" not in text


def test_format_1_keeps_its_rules(uow_factory):
    document = _demo_v1()
    del document["papers"][0]["consultations"][0]["public"]
    problems = check_document(document)
    assert [p.field for p in problems] == ["$.papers[0].consultations[0]"]
    assert "public" in problems[0].message

    document = _demo_v1()
    document["papers"][0]["consultations"][0]["role"] = "lead"
    document["papers"][0]["fileNumber"] = "4711"
    with pytest.raises(ValidationError) as info:
        import_document(uow_factory, document)
    paths = {p.field for p in info.value.problems}
    assert paths == {"$.papers[0].consultations[0].role", "$.papers[0]"}


def test_format_2_names_a_bad_bezugsvorlage(uow_factory, tmp_path: Path):
    document = copy.deepcopy(_demo_v1())
    document["version"] = 2
    document["papers"][0]["relatedPapers"] = ["19/0112", ""]
    problems = check_document(document)
    assert [p.field for p in problems] == ["$.papers[0].relatedPapers[1]"]
    assert "leer" in problems[0].message


def test_funding_by_months_sources_and_extra_amount_travel_in_format_2(uow_factory, make_uow_factory):
    paper = full_paper()
    with uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    document = export_document(uow_factory)
    (module, plain) = document["papers"][0]["fundingModules"]
    assert (module["startMonth"], module["endMonth"]) == (7, 6)
    assert module["ownContribution"] == "1334.56"
    assert module["ownSources"] == [
        {"amount": "1234.56", "source": "Integrationspauschale § 14c TIntG"},
        {"amount": "100.00"},
    ]
    assert (module["extraAmount"], module["extraReason"]) == ("-250.50", "laut Bescheid vom 01.03.2026")
    assert "startMonth" not in plain and "ownSources" not in plain
    assert check_document(document) == []
    other = make_uow_factory()
    import_document(other, document)
    assert (
        get_paper(other, paper.reference).funding_modules
        == get_paper(uow_factory, paper.reference).funding_modules
    )


def test_a_format_1_eigenanteil_becomes_one_source_without_text(uow_factory):
    document = _demo_v1()
    import_document(uow_factory, document)
    for data in document["papers"]:
        modules = get_paper(uow_factory, data["reference"]).funding_modules
        for module, raw in zip(modules, data.get("fundingModules", []), strict=True):
            own = Decimal(raw["ownContribution"])
            assert module.own_sources == ([OwnContribution(own, "")] if own else [])
            assert module.whole_years and module.extra_amount == 0
