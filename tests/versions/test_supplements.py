"""Ergänzungs- and Änderungsvorlagen: numbered after the original, linked both ways, printed with
„Ergänzung zu Vorlage …“, offered on the agenda right after the original, in OParl as sub/superordinated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kimdesk.domain.model import ImpactChoice, PaperStatus
from kimdesk.domain.numbering import list_sort_key
from kimdesk.domain.supplements import SupplementKind
from kimdesk.services import exchange, signoff
from kimdesk.services.demo import apply_demo_signoffs
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.services.supplements import create_supplement, supplements_of
from tests.pdf.readback import page_texts

ORIGINAL = "20/0270"


def pdf_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


@pytest.fixture
def demo(uow_factory: Callable[[], Any]) -> Callable[[], Any]:
    apply_demo_signoffs(uow_factory)
    return uow_factory


def test_numbered_linked_both_ways_and_own_umlauf(demo: Callable[[], Any]) -> None:
    original = get_paper(demo, ORIGINAL)
    assert original.status is PaperStatus.RELEASED  # a released Vorlage gets supplements, unchanged
    first = create_supplement(demo, ORIGINAL, SupplementKind.SUPPLEMENT)
    second = create_supplement(demo, ORIGINAL, SupplementKind.AMENDMENT)
    assert (first.reference, second.reference) == ("20/0270-1", "20/0270-2")
    stored = get_paper(demo, "20/0270-1")
    assert stored.status is PaperStatus.DRAFT and not stored.sign_offs
    assert stored.supplement_to is not None
    assert (stored.supplement_to.kind, stored.supplement_to.reference) == (
        SupplementKind.SUPPLEMENT,
        ORIGINAL,
    )
    assert stored.supplement_to.paper_id == original.id
    assert [(r.reference, r.paper_id) for r in stored.related_papers] == [(ORIGINAL, original.id)]
    assert [c.committee.name for c in stored.consultations if c.committee] == [
        c.committee.name for c in original.consultations if c.committee
    ]
    assert supplements_of(demo, original.id) == ["20/0270-1", "20/0270-2"]
    assert get_paper(demo, ORIGINAL).status is PaperStatus.RELEASED
    stored.rationale = original.rationale
    stored.financial_impact.choice = ImpactChoice.NONE
    stored.climate_impact = ImpactChoice.NONE
    save_paper(demo, stored)
    signoff.start(demo, "20/0270-1", roles=["first_deputy"])
    assert get_paper(demo, "20/0270-1").status is PaperStatus.IN_SIGN_OFF
    assert get_paper(demo, ORIGINAL).status is PaperStatus.RELEASED


def test_the_list_sorts_a_supplement_beside_its_original() -> None:
    keys = sorted(
        list_sort_key("{yy}/{n:04}", r, 2020) for r in ("20/0271", "20/0270-1", "20/0270", "20/0269")
    )
    assert [k.split(" ", 1)[1] for k in keys] == ["20/0269", "20/0270", "20/0270-1", "20/0271"]


def test_printed_with_ergaenzung_zu(demo: Callable[[], Any]) -> None:
    from kimdesk.pdf.renderer import PaperPdfRenderer
    from kimdesk.services.office import get_office

    create_supplement(demo, ORIGINAL, SupplementKind.SUPPLEMENT)
    create_supplement(demo, ORIGINAL, SupplementKind.AMENDMENT)
    renderer, office = PaperPdfRenderer(), get_office(demo)
    first = pdf_text(renderer.render_paper(get_paper(demo, "20/0270-1"), office))
    second = pdf_text(renderer.render_paper(get_paper(demo, "20/0270-2"), office))
    assert "Ergänzung zu Vorlage 20/0270" in first
    assert "Änderung zu Vorlage 20/0270" in second
    assert "zu Vorlage" not in pdf_text(renderer.render_paper(get_paper(demo, ORIGINAL), office))


def test_the_link_survives_export_and_import(demo: Callable[[], Any], tmp_path: Any) -> None:
    from kimdesk.storage.database import Database

    create_supplement(demo, ORIGINAL, SupplementKind.AMENDMENT)
    path = tmp_path / "x.json"
    exchange.export_file(demo, path, [ORIGINAL, "20/0270-1"])
    target = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        exchange.import_file(target.uow_factory, path)
        copy = get_paper(target.uow_factory, "20/0270-1")
        assert copy.supplement_to is not None and copy.supplement_to.kind is SupplementKind.AMENDMENT
        assert copy.supplement_to.paper_id == get_paper(target.uow_factory, ORIGINAL).id
    finally:
        target.close()


def test_offered_on_the_agenda_right_after_the_original(uow_factory: Callable[[], Any]) -> None:
    from kimdesk.services.demo import load_full_demo
    from kimdesk.services.meetings import list_candidates

    load_full_demo(uow_factory)
    create_supplement(uow_factory, "20/0311", SupplementKind.SUPPLEMENT)
    offered = [c.paper.reference for c in list_candidates(uow_factory, "IR-2020-11-04")]
    assert offered[offered.index("20/0311") + 1] == "20/0311-1"


def test_oparl_links_original_and_supplement(demo: Callable[[], Any]) -> None:
    from kimdesk.services.office import get_office, list_organizations, list_persons
    from kimdesk.services.oparl import OparlMapper
    from kimdesk.services.oparl_data import OparlData

    supplement = create_supplement(demo, ORIGINAL, SupplementKind.SUPPLEMENT)
    supplement = get_paper(demo, supplement.reference)
    supplement.status = PaperStatus.RELEASED  # only released Vorlagen are published
    original = get_paper(demo, ORIGINAL)
    data = OparlData(
        office=get_office(demo),
        organizations=list_organizations(demo),
        persons=list_persons(demo),
        meetings=[],
        papers=[original, supplement],
    )
    docs = OparlMapper(data, "https://ris.example.org/oparl/").documents()
    mine, theirs = docs[f"paper/{supplement.id}"], docs[f"paper/{original.id}"]
    assert mine["superordinatedPaper"] == [theirs["id"]]
    assert theirs["subordinatedPaper"] == [mine["id"]]
    assert theirs["id"] in mine["relatedPaper"]
    assert "superordinatedPaper" not in theirs and "subordinatedPaper" not in mine
