"""Tables, nested lists and the numbered Beschlussentwurf travel in the exchange format, are stored on both
databases, found by the search, and old files and signed Vorlagen read exactly as before."""

from __future__ import annotations

import copy

from kimdesk.domain.richtext import RichText
from kimdesk.domain.signoff import canonical_content, content_hash
from kimdesk.services.demo import load_demo
from kimdesk.services.exchange import check_document, export_document, import_document
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.services.ports import PaperQuery
from tests.rich_samples import numbered_decision, rationale_with_structures


def _give_structures(uow_factory) -> None:
    paper = get_paper(uow_factory, "20/0311")
    paper.rationale = rationale_with_structures()
    paper.draft_resolution = numbered_decision()
    save_paper(uow_factory, paper)


def test_tables_lists_and_rich_decision_travel_between_databases(uow_factory, make_uow_factory):
    load_demo(uow_factory)
    _give_structures(uow_factory)
    document = export_document(uow_factory)
    data = next(p for p in document["papers"] if p["reference"] == "20/0311")
    assert check_document(document) == []
    assert any(b["kind"] == "table" and b["headerRows"] == 1 for b in data["rationale"])
    # the plain text stays for readers that only know it; the rich form goes beside it
    assert data["draftResolution"] == numbered_decision().plain_text()
    assert data["draftResolutionRich"] == numbered_decision().to_data()

    other = make_uow_factory()
    import_document(other, document)
    arrived = get_paper(other, "20/0311")
    assert arrived.rationale == rationale_with_structures()
    assert arrived.draft_resolution == numbered_decision()
    assert export_document(other) == document


def test_the_schema_refuses_a_broken_table(uow_factory):
    load_demo(uow_factory)
    _give_structures(uow_factory)
    document = copy.deepcopy(export_document(uow_factory))
    data = next(p for p in document["papers"] if p["reference"] == "20/0311")
    table = next(b for b in data["rationale"] if b["kind"] == "table")
    table["rows"][0][0] = "Jahr"  # a cell is a list of spans, not a string
    problems = check_document(document)
    assert problems and "rationale" in problems[0].field


def test_a_file_with_a_plain_beschlussentwurf_reads_as_before(uow_factory):
    load_demo(uow_factory)
    document = export_document(uow_factory)
    data = next(p for p in document["papers"] if p["reference"] == "20/0270")
    assert "draftResolutionRich" not in data
    data["draftResolution"] = "Der Rat beschließt:\n1. erstens\n\n\n2. zweitens "
    data["reference"] = "20/0999"
    data["id"] = "6f1c2f0a-0000-4000-8000-000000000001"
    data.pop("signOffs", None)
    data["status"] = "draft"
    document["papers"] = [data]
    import_document(uow_factory, document)
    arrived = get_paper(uow_factory, "20/0999")
    assert arrived.draft_resolution.plain_text() == "Der Rat beschließt:\n1. erstens\n\n\n2. zweitens "


def test_the_signed_content_of_a_plain_beschlussentwurf_does_not_change(uow_factory):
    """Signatures made before this version bind the plain text: its hash must stay the same."""
    load_demo(uow_factory)
    paper = get_paper(uow_factory, "20/0270")
    content = canonical_content(paper)
    assert "draftResolutionRich" not in content
    assert content["draftResolution"] == paper.draft_resolution.plain_text() != ""
    before = content_hash(paper)
    paper.draft_resolution = RichText.from_plain_exact(paper.draft_resolution.plain_text())
    assert content_hash(paper) == before


def test_the_search_finds_words_in_table_cells_and_sub_items(uow_factory):
    load_demo(uow_factory)
    _give_structures(uow_factory)
    with uow_factory() as uow:
        in_cell = [s.reference for s in uow.papers.query(PaperQuery(text="Landeszuweisung"))]
        in_sub_item = [s.reference for s in uow.papers.query(PaperQuery(text="Familienberatung"))]
    assert in_cell == ["20/0311"] and in_sub_item == ["20/0311"]
