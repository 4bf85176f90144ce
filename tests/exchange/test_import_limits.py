"""What the import accepts and handles: a copied exchange file becomes a new Vorlage with ids of its own,
and a Vorlage at every limit at once is imported and renders to PDF (timed in bench/bench_limits.py)."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import pytest

from bench.limits_sample import paper_at_limits
from kimdesk.domain.errors import ValidationError
from kimdesk.domain.limits import MAX_TITLE
from kimdesk.domain.richtext import RichText
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.demo import load_full_demo
from kimdesk.services.exchange import build_document, check_document, export_document, import_file
from kimdesk.services.papers import get_paper, new_paper, save_paper


def test_a_copied_file_with_a_new_number_starts_a_new_vorlage(uow_factory, tmp_path: Path):
    """An office copies an exchange file, gives the Vorlage a new id and number and imports it: the funding
    module and Mitzeichnung ids it kept belong to the original — the copy gets its own, the original stays."""
    load_full_demo(uow_factory)
    document = export_document(uow_factory, ["20/0340", "20/0270"])
    original = get_paper(uow_factory, "20/0340")
    signed = get_paper(uow_factory, "20/0270")
    copied = copy.deepcopy(next(p for p in document["papers"] if p["reference"] == "20/0340"))
    copied["id"] = str(uuid.uuid4())
    copied["reference"] = "99/0001"
    copied["signOffs"] = [next(p for p in document["papers"] if p["reference"] == "20/0270")["signOffs"][0]]
    document["papers"] = [copied]
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    report = import_file(uow_factory, path)

    assert report.added == ["99/0001"]
    copy_ = get_paper(uow_factory, "99/0001")
    assert [m.posts for m in copy_.funding_modules] == [m.posts for m in original.funding_modules]
    assert {m.id for m in copy_.funding_modules}.isdisjoint(m.id for m in original.funding_modules)
    # The copied Mitzeichnung is no signature of the copy: it arrives as Entwurf without it.
    assert report.demoted == ["99/0001"] and not copy_.sign_offs
    assert get_paper(uow_factory, "20/0340") == original
    assert get_paper(uow_factory, "20/0270") == signed


def test_a_vorlage_at_every_limit_passes_the_door_is_stored_and_renders(uow_factory, tmp_path: Path):
    paper, office = paper_at_limits()
    orgs = {c.committee.id: c.committee for c in paper.consultations if c.committee}
    if paper.lead_department:
        orgs[paper.lead_department.id] = paper.lead_department
    document = json.loads(json.dumps(build_document([paper], list(orgs.values()), [])))
    assert check_document(document) == []
    path = tmp_path / "limits.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    assert import_file(uow_factory, path).added == [paper.reference]

    stored = get_paper(uow_factory, paper.reference)
    assert len(stored.title) == MAX_TITLE
    pdf = PaperPdfRenderer().render_paper(stored, office)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title", "x" * (MAX_TITLE + 1), "Betrifft: ist zu lang: 1.001 Zeichen, höchstens 1.000"),
        ("title", "Betreff\x00", "Betrifft: enthält ein Nullzeichen"),
        (
            "draft_resolution",
            RichText.from_plain_exact("\ud800"),
            "Beschlussentwurf: enthält ein ungültiges Zeichen",
        ),
    ],
)
def test_saving_beyond_a_limit_is_refused_and_the_stored_draft_stays(uow_factory, field, value, words):
    paper = new_paper(uow_factory)
    setattr(paper, field, value)
    with pytest.raises(ValidationError) as info:
        save_paper(uow_factory, paper)
    assert words in info.value.message
    assert get_paper(uow_factory, paper.reference).title == ""
