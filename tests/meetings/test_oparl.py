"""OParl 1.1 export: every object passes the official schemas, timestamps are right, nothing empty."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from kimdesk.services.oparl import OparlMapper
from kimdesk.services.oparl_data import ExportedFile, OparlData
from tests.demo_data import NON_PUBLIC_MARKER
from tests.meetings.conftest import DemoData
from tests.meetings.oparl_schemas import schema_problems, schemas

BASE = "https://ris.example.org/oparl"


def export(demo: DemoData, *, include_non_public: bool = False) -> dict[str, Any]:
    files = {
        p.id: ExportedFile(
            id=p.id,
            name=f"Vorlage {p.reference}",
            file_name=f"Vorlage_{p.reference.replace('/', '-')}.pdf",
            path=f"files/{p.id}.pdf",
            size=1234,
            sha512="0" * 128,
            created=p.created_at,
            modified=p.modified_at,
        )
        for p in demo.papers.values()
    }
    data = OparlData(
        office=demo.office,
        organizations=list(demo.orgs.values()),
        persons=list(demo.persons.values()),
        meetings=demo.meetings,
        papers=list(demo.papers.values()),
        main_files=files,
    )
    return OparlMapper(data, BASE + "/", include_non_public=include_non_public).documents()


def objects(docs: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path, doc in docs.items():
        for obj in doc.get("data", [doc]):
            found.append((path, obj))
    return found


def walk(value: Any, where: str = "") -> list[tuple[str, Any]]:
    out = [(where, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            out += walk(child, f"{where}/{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += walk(child, f"{where}/{index}")
    return out


def test_every_object_passes_the_official_schemas(demo: DemoData) -> None:
    docs = export(demo)
    problems = [p for path, obj in objects(docs) for p in schema_problems(obj, path)]
    assert problems == []
    types = {obj["type"].rsplit("/", 1)[-1] for _, obj in objects(docs)}
    assert {
        "System",
        "Body",
        "Organization",
        "Person",
        "Meeting",
        "Paper",
        "AgendaItem",
        "Consultation",
        "File",
        "LegislativeTerm",
    } <= types


def test_the_vendored_schemas_reject_what_oparl_forbids(demo: DemoData) -> None:
    """The schemas ship with the repository and really check: a Paper without id or with a bad date fails."""
    paper = next(obj for _, obj in objects(export(demo)) if obj["type"].endswith("/Paper"))
    assert schema_problems(paper, "paper") == []
    broken = {key: value for key, value in paper.items() if key != "id"} | {"date": "4. November 2020"}
    problems = schema_problems(broken, "paper")
    assert any("'id' is a required property" in p for p in problems)
    assert any(p.startswith("paper: date:") for p in problems)
    assert schema_problems({"type": "https://schema.oparl.org/1.1/Vorlage"}, "x") == [
        "x: unknown or missing type 'https://schema.oparl.org/1.1/Vorlage'"
    ]


def test_no_empty_optional_field_is_emitted(demo: DemoData) -> None:
    docs = export(demo, include_non_public=True)
    empty = [where for where, value in walk(docs) if value is None or value in ("", [], {})]
    assert empty == []


def test_every_object_has_created_and_modified_from_its_record(demo: DemoData) -> None:
    docs = export(demo)
    for path, obj in objects(docs):
        for key, value in walk(obj):
            if isinstance(value, dict) and "type" in value:
                created = datetime.fromisoformat(value["created"])
                modified = datetime.fromisoformat(value["modified"])
                assert created.tzinfo is not None and created <= modified, (path, key)
    seed = demo.papers["20/0270"]
    paper = docs[f"paper/{seed.id}"]
    assert datetime.fromisoformat(paper["created"]) == seed.created_at
    assert datetime.fromisoformat(paper["modified"]) == seed.modified_at.replace(microsecond=0)
    assert paper["created"] == "2020-08-24T11:30:00+02:00"  # Berlin summer time
    meeting = docs[f"meeting/{demo.held.id}"]
    assert datetime.fromisoformat(meeting["modified"]) == demo.held.modified_at.replace(microsecond=0)
    assert meeting["start"] == "2020-09-09T17:00:00+02:00"


def test_the_seed_vorlage_maps_to_paper_consultation_and_agenda_item(demo: DemoData) -> None:
    docs = export(demo)
    seed = demo.papers["20/0270"]
    paper = docs[f"paper/{seed.id}"]
    assert paper["reference"] == "20/0270"
    assert paper["name"] == "Kommunales Integrationsmanagement"
    assert paper["paperType"] == "Mitteilungsvorlage"
    assert paper["underDirectionOf"] == [f"{BASE}/organization/{demo.orgs['integration_dept'].id}"]
    assert paper["mainFile"]["accessUrl"] == f"{BASE}/files/{seed.id}.pdf"
    assert paper["kimdesk:financialImpact"] == {"choice": "none"}
    assert paper["kimdesk:climateImpact"] == {"choice": "keine"}
    [consultation] = paper["consultation"]
    assert consultation["role"] == "Kenntnisnahme" and consultation["authoritative"] is False
    item = docs[consultation["agendaItem"].removeprefix(BASE + "/")]
    assert (item["number"], item["order"], item["public"]) == ("4", 4, True)
    assert item["result"] == "zur Kenntnis genommen"
    assert item["consultation"] == consultation["id"]
    assert consultation["meeting"] == item["meeting"] == f"{BASE}/meeting/{demo.held.id}"


def test_fields_oparl_lacks_carry_the_kimdesk_prefix(demo: DemoData) -> None:
    for path, obj in objects(export(demo)):
        allowed = set(schemas()[obj["type"].rsplit("/", 1)[-1]]["properties"])
        foreign = [k for k in obj if k not in allowed and not k.startswith("kimdesk:")]
        assert foreign == [], path


def test_every_url_in_the_export_can_be_walked_to(demo: DemoData) -> None:
    docs = export(demo)
    assert docs["system"]["body"] == f"{BASE}/body"
    for where, value in walk(docs):
        if (
            isinstance(value, str)
            and value.startswith(BASE + "/")
            and not where.endswith("accessUrl")
            and not where.endswith("downloadUrl")
        ):
            assert value.removeprefix(BASE + "/") in docs, (where, value)


def test_non_public_items_and_unreleased_vorlagen_stay_out_of_the_public_export(demo: DemoData) -> None:
    docs = export(demo)
    text = str(docs)
    assert NON_PUBLIC_MARKER not in text
    assert "Besetzung der Koordinierungsstelle" not in text
    staff = demo.held.item_by_number("7")
    item = docs[f"agendaItem/{staff.id}"]
    assert item == {
        k: item[k]
        for k in ("id", "type", "meeting", "number", "order", "name", "public", "created", "modified")
    }
    assert item["name"] == "Nichtöffentlicher Tagesordnungspunkt" and item["public"] is False
    # 20/0311 and 20/0325 are drafts: not published.
    for reference in ("20/0281", "20/0311", "20/0325"):
        assert f"paper/{demo.papers[reference].id}" not in docs
    internal = export(demo, include_non_public=True)
    assert f"paper/{demo.papers['20/0281'].id}" in internal
    assert internal[f"agendaItem/{staff.id}"]["name"].startswith("Besetzung der Koordinierungsstelle")


@pytest.mark.parametrize("bad", ["", "  "])
def test_a_meeting_without_place_has_no_location(demo: DemoData, bad: str) -> None:
    demo.planned.location = bad
    docs = export(demo)
    assert "location" not in docs[f"meeting/{demo.planned.id}"]
    assert uuid.UUID(docs[f"meeting/{demo.planned.id}"]["id"].rsplit("/", 1)[-1]) == demo.planned.id
