"""Export → import → export is identical; a broken import changes nothing and names every problem."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.model import PaperStatus
from kimdesk.services.demo import load_demo
from kimdesk.services.exchange import export_file, import_file
from kimdesk.services.papers import get_paper, list_papers
from kimdesk.services.ports import PaperQuery


def _references(uow_factory) -> list[str]:
    return sorted(r.reference for r in list_papers(uow_factory, PaperQuery()))


def test_export_import_export_is_identical(uow_factory, tmp_path: Path, make_uow_factory):
    load_demo(uow_factory)
    first = tmp_path / "first.json"
    assert export_file(uow_factory, first) >= 3

    other = make_uow_factory()
    report = import_file(other, first)
    assert "20/0270" in report.added and report.updated == []
    second = tmp_path / "second.json"
    export_file(other, second)
    assert second.read_bytes() == first.read_bytes()
    assert get_paper(other, "20/0270") == get_paper(uow_factory, "20/0270")


def test_single_reference_export_carries_its_master_data(uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    path = tmp_path / "one.json"
    assert export_file(uow_factory, path, ["20/0270"]) == 1
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [p["reference"] for p in document["papers"]] == ["20/0270"]
    names = {o["name"] for o in document["organizations"]}
    assert names == {"Amt für Integration und Sport", "Integrationsrat"}
    assert [p["name"] for p in document["persons"]] == ["Rainer Weichelt"]


def test_a_filtered_export_writes_the_vorlagen_the_list_shows_and_all_master_data(
    uow_factory, tmp_path: Path, make_uow_factory
):
    load_demo(uow_factory)
    everything = _references(uow_factory)
    for query in (
        PaperQuery(text="Integrationsmanagement"),
        PaperQuery(status=PaperStatus.DRAFT, year=2020, text="Bericht"),
        PaperQuery(text="Sprachcafés", offset=3, limit=1),  # the list's window does not narrow the export
    ):
        shown = sorted(s.reference for s in list_papers(uow_factory, replace(query, offset=0, limit=None)))
        assert shown and len(shown) < len(everything), query
        path = tmp_path / "gefiltert.kimdesk.json"
        assert export_file(uow_factory, path, query=query) == len(shown)
        document = json.loads(path.read_text(encoding="utf-8"))
        assert sorted(p["reference"] for p in document["papers"]) == shown
        with uow_factory() as uow:
            assert len(document["organizations"]) == len(uow.organizations.list())
            assert len(document["persons"]) == len(uow.persons.list())

    other = make_uow_factory()  # the last file: the one Vorlage about the Sprachcafés
    assert import_file(other, path).added == shown == ["20/0311"]


def test_reimport_updates_in_place(uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["papers"][0]["title"] = "Geänderter Betreff"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = import_file(uow_factory, path)
    assert report.added == [] and len(report.updated) == len(document["papers"])
    assert get_paper(uow_factory, document["papers"][0]["reference"]).title == "Geänderter Betreff"


def test_broken_import_reports_every_problem_and_changes_nothing(uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    before = _references(uow_factory)
    # one good new Vorlage, then three mistakes further down
    new = json.loads(json.dumps(document["papers"][0]))
    new["id"] = "0f0f0f0f-0000-4000-8000-000000000001"
    new["reference"] = "99/0001"
    new["title"] = "Darf nicht ankommen"
    document["papers"].insert(0, new)
    document["papers"][1]["financialImpact"] = {"amounts": {"expense": {"annual": "12,50"}}}
    document["papers"][2]["consultations"][0]["committee"] = "0f0f0f0f-0000-4000-8000-0000000000ff"
    document["papers"][3]["status"] = "beschlossen"  # words, not a state (left out it would be "not known")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(ValidationError) as info:
        import_file(uow_factory, path)
    fields = [p.field for p in info.value.problems]
    assert "$.papers[1].financialImpact.amounts.expense.annual" in fields
    assert "$.papers[3].status" in fields
    assert "nichts wurde geändert" in info.value.message
    assert _references(uow_factory) == before


def test_second_pass_problems_are_reported_with_paths(uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["papers"][1]["consultations"][0]["committee"] = "0f0f0f0f-0000-4000-8000-0000000000ff"
    document["papers"][2]["reference"] = document["papers"][0]["reference"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        import_file(uow_factory, path)
    messages = [str(p) for p in info.value.problems]
    assert any(m == "$.papers[1].consultations[0].committee: unbekanntes Gremium" for m in messages)
    assert any(m.startswith("$.papers[2].reference: Vorlage Nr.") for m in messages)


def test_import_refuses_a_reference_held_by_another_vorlage(uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path, ["20/0270"])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["papers"][0]["id"] = "0f0f0f0f-0000-4000-8000-000000000002"
    document["papers"][0]["title"] = "Andere Vorlage, gleiche Nummer"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError, match="bereits eine andere Vorlage"):
        import_file(uow_factory, path)
    assert get_paper(uow_factory, "20/0270").title == "Kommunales Integrationsmanagement"


def test_not_json_is_a_clear_error(uow_factory, tmp_path: Path):
    path = tmp_path / "kaputt.json"
    path.write_text('{"format": "kimdesk-exchange",', encoding="utf-8")
    with pytest.raises(ValidationError, match="kein gültiges JSON"):
        import_file(uow_factory, path)


def test_imported_signed_vorlagen_arrive_as_drafts_and_verify(uow_factory, tmp_path: Path, make_uow_factory):
    """The file carries no personal signatures: nothing it claims past Entwurf is taken on trust."""
    from kimdesk.services.demo import load_full_demo
    from kimdesk.services.verification import verify

    load_full_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path)
    other = make_uow_factory()
    report = import_file(other, path)
    assert "20/0270" in report.demoted and "20/0311" in report.demoted
    assert "keine prüfbaren Signaturen" in report.demoted_message()
    seed = get_paper(other, "20/0270")
    assert seed.status.label == "Entwurf" and not seed.sign_offs and not seed.resolution_record
    assert seed.title == get_paper(uow_factory, "20/0270").title  # the content arrives
    verified = verify(other)
    assert verified.ok, verified.findings


def test_a_signed_vorlage_forged_in_the_file_cannot_arrive_as_signed(
    uow_factory, tmp_path: Path, make_uow_factory
):
    from kimdesk.services.demo import load_full_demo
    from kimdesk.services.verification import verify

    load_full_demo(uow_factory)
    path = tmp_path / "all.json"
    export_file(uow_factory, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    seed = next(p for p in document["papers"] if p["reference"] == "20/0270")
    seed["draftResolution"] = "Der Integrationsrat beschließt etwas anderes."
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    other = make_uow_factory()
    import_file(other, path)
    forged = get_paper(other, "20/0270")
    assert forged.status.label == "Entwurf" and not forged.sign_offs
    assert verify(other).ok


def test_import_never_changes_a_decided_vorlage(uow_factory, tmp_path: Path):
    from kimdesk.domain.signoff import content_hash
    from kimdesk.services.demo import load_full_demo
    from kimdesk.services.verification import verify

    load_full_demo(uow_factory)
    path = tmp_path / "one.json"
    export_file(uow_factory, path, ["20/0270"])
    document = json.loads(path.read_text(encoding="utf-8"))
    forged = document["papers"][0]
    forged["draftResolution"] = "Der Integrationsrat beschließt etwas anderes."
    for number, sign_off in enumerate(forged["signOffs"]):  # new ids and matching hashes: a forgery
        sign_off["id"] = f"0f0f0f0f-0000-4000-8000-00000000010{number}"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = get_paper(uow_factory, "20/0270")
    with pytest.raises(ValidationError, match=r"Beschlossen.*nicht geändert"):
        import_file(uow_factory, path)
    after = get_paper(uow_factory, "20/0270")
    assert after == before and content_hash(after) == content_hash(before)
    assert verify(uow_factory).ok


def test_an_older_file_does_not_overwrite_newer_work(uow_factory, tmp_path: Path):
    from kimdesk.services.papers import save_paper

    load_demo(uow_factory)
    path = tmp_path / "old.json"
    export_file(uow_factory, path, ["20/0311"])
    newer = get_paper(uow_factory, "20/0311")
    newer.title = "Inzwischen überarbeitet"
    save_paper(uow_factory, newer)
    with pytest.raises(ValidationError, match="ältere Fassung überschreibt keine neuere"):
        import_file(uow_factory, path)
    assert get_paper(uow_factory, "20/0311").title == "Inzwischen überarbeitet"


def test_reimport_of_a_draft_keeps_its_workflow_state(uow_factory, tmp_path: Path):
    from kimdesk.services import signoff, verification

    load_demo(uow_factory)
    path = tmp_path / "draft.json"
    export_file(uow_factory, path, ["20/0311"])
    from tests.signing import PIN, keys_for

    keys_for(uow_factory, "Christoph Tesche")
    signoff.start(uow_factory, "20/0311", roles=["mayor"])
    signoff.reject(
        uow_factory, "20/0311", role_key="mayor", person_name="Christoph Tesche", remark="Nein", pin=PIN
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    document["papers"][0]["modified"] = "2099-01-01T00:00:00+00:00"
    document["papers"][0]["title"] = "Neuer Betreff aus der Datei"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    import_file(uow_factory, path)
    stored = get_paper(uow_factory, "20/0311")
    assert stored.title == "Neuer Betreff aus der Datei"
    assert signoff.status(uow_factory, "20/0311").rejection is not None
    assert verification.verify(uow_factory).ok
