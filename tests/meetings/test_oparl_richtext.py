"""OParl export: the Begründung and the Beschlussentwurf as HTML, with tables and nested lists."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from tests.meetings.conftest import DemoData
from tests.meetings.oparl_schemas import schema_problems
from tests.meetings.test_oparl import export, objects
from tests.rich_samples import numbered_decision, rationale_with_structures


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.path: list[str] = []
        self.seen: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.seen.append((*self.path, tag))
        if tag != "br":  # a void element: it has no end tag
            self.path.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.path and self.path[-1] == tag, f"</{tag}> schließt {self.path}"
        self.path.pop()


def _tags(html: str) -> list[tuple[str, ...]]:
    parser = _Tags()
    parser.feed(html)
    assert parser.path == []
    return parser.seen


def test_the_paper_carries_its_text_as_html(demo: DemoData) -> None:
    paper = demo.papers["20/0270"]
    paper.rationale = rationale_with_structures()
    paper.draft_resolution = numbered_decision()
    docs = export(demo)
    found = [obj for _path, obj in objects(docs) if obj.get("reference") == "20/0270"]
    assert found
    obj = found[0]
    assert schema_problems(obj, "paper") == []
    html = obj["kimdesk:rationaleHtml"]
    tags = _tags(html)
    assert ("table", "thead", "tr", "th") in tags and ("table", "tbody", "tr", "td") in tags
    assert "<th>Jahr</th><th>Fälle</th><th>Bemerkung</th>" in html
    assert "<td>davon <strong>130</strong> Familien</td>" in html
    assert ("ul", "li", "ul", "li") in tags  # the sub-items inside their item
    assert ("ol", "li", "ol", "li", "ol", "li") in tags
    assert "<li>Innenstadt<ul><li>Sprachcafé</li><li>Familienberatung</li></ul></li><li>Süd</li>" in html
    decision = obj["kimdesk:draftResolutionHtml"]
    assert decision.startswith("<p>Der Rat beschließt:</p><ol><li>")
    assert obj["kimdesk:draftResolution"] == numbered_decision().plain_text()
