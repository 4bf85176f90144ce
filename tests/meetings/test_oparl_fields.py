"""OParl: Bezugsvorlagen as ``relatedPaper`` (only those the export publishes), the Aktenzeichen under
the kimdesk prefix (OParl's ``reference`` is the Vorlage Nr.), the new roles as labels."""

from __future__ import annotations

from kimdesk.domain.model import ConsultationRole, RelatedPaper
from tests.meetings.conftest import DemoData
from tests.meetings.oparl_schemas import schema_problems
from tests.meetings.test_oparl import BASE, export, objects


def test_related_papers_link_to_published_vorlagen_only_and_the_file_number_is_kept(demo: DemoData) -> None:
    seed = demo.papers["20/0270"]
    published = demo.papers["20/0262"]
    draft = demo.papers["20/0311"]
    seed.file_number = "51.2-0815/2020"
    seed.related_papers = [
        RelatedPaper(published.reference, published.id),
        RelatedPaper(draft.reference, draft.id),  # a draft is not in a public export
        RelatedPaper("19/0112"),  # not in the database
    ]
    seed.consultations[0].role = ConsultationRole.LEAD
    docs = export(demo)
    paper = docs[f"paper/{seed.id}"]
    assert paper["relatedPaper"] == [f"{BASE}/paper/{published.id}"]
    assert paper["kimdesk:fileNumber"] == "51.2-0815/2020"
    assert paper["reference"] == "20/0270"
    assert paper["consultation"][0]["role"] == "federführend"
    assert [p for path, obj in objects(docs) for p in schema_problems(obj, path)] == []
    internal = export(demo, include_non_public=True)[f"paper/{seed.id}"]
    assert internal["relatedPaper"] == [f"{BASE}/paper/{published.id}", f"{BASE}/paper/{draft.id}"]


def test_a_vorlage_without_related_papers_or_file_number_emits_neither(demo: DemoData) -> None:
    paper = export(demo)[f"paper/{demo.papers['20/0270'].id}"]
    assert "relatedPaper" not in paper and "kimdesk:fileNumber" not in paper
