"""Any number of Vorlagen: the export reads them in batches and writes the same file as ever, the import
reads the file entry by entry and still writes all or nothing; export and import agree on the limits."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain import limits
from kimdesk.domain.errors import ValidationError
from kimdesk.services.demo import load_demo
from kimdesk.services.exchange import build_document, dumps, export_file, import_document, import_file
from kimdesk.services.exchange_reader import file_source
from kimdesk.services.papers import list_papers
from kimdesk.services.ports import PaperQuery


def _references(uow_factory: Any) -> list[str]:
    return sorted(r.reference for r in list_papers(uow_factory, PaperQuery()))


def test_export_in_batches_writes_the_same_sorted_file(uow_factory: Any, tmp_path: Path) -> None:
    load_demo(uow_factory)
    files = []
    for batch in (1, 2, 1000):
        path = tmp_path / f"batch-{batch}.kimdesk.json"
        assert export_file(uow_factory, path, batch=batch) == len(_references(uow_factory))
        files.append(path.read_bytes())
    assert files[0] == files[1] == files[2]

    document = json.loads(files[0])
    assert files[0].decode("utf-8") == dumps(document)  # the layout of json.dumps(…, indent=2)
    with uow_factory() as uow:
        papers = [uow.papers.get(paper_id) for paper_id in uow.papers.all_ids()]
        whole = build_document(papers, uow.organizations.list(), uow.persons.list(), uow.office.get())
    assert {k: v for k, v in document.items() if k not in ("attachments", "versions")} == whole
    references = [p["reference"] for p in document["papers"]]
    assert references == sorted(references) and len(references) >= 3


def _with_new_paper(document: dict[str, Any], reference: str) -> dict[str, Any]:
    """The document with a copy of its first Entwurf appended under ``reference`` and ids of its own."""
    document = copy.deepcopy(document)
    draft = next(p for p in document["papers"] if p.get("status") == "draft")
    paper = copy.deepcopy(draft)
    paper["id"] = str(uuid.uuid4())
    paper["reference"] = reference
    for module in paper.get("fundingModules", []):
        module["id"] = str(uuid.uuid4())
    paper.pop("signOffs", None)
    document["papers"].append(paper)
    return document


def test_a_problem_in_the_last_entry_writes_nothing(
    uow_factory: Any, make_uow_factory: Any, tmp_path: Path
) -> None:
    load_demo(uow_factory)
    exported = tmp_path / "demo.kimdesk.json"
    export_file(uow_factory, exported, batch=2)
    document = json.loads(exported.read_text(encoding="utf-8"))
    target = make_uow_factory()

    # found by the check: the file's last Vorlage has a NUL in its Betreff
    broken = _with_new_paper(document, "99/0002")
    broken["papers"][-1]["title"] = "Betreff\x00"
    path = tmp_path / "broken.kimdesk.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        import_file(target, path)
    last = len(broken["papers"]) - 1
    assert [p.field for p in refused.value.problems] == [f"$.papers[{last}].title"]
    assert _references(target) == []

    # found only while writing: the last Vorlage's number is another Vorlage's in the database
    single = _with_new_paper(document, "99/0003")
    alone = {k: v for k, v in single.items() if k not in ("attachments", "versions")}
    import_document(target, alone | {"papers": single["papers"][-1:]})
    assert _references(target) == ["99/0003"]
    clash = _with_new_paper(document, "99/0003")  # the same number, another id
    path.write_text(json.dumps(clash), encoding="utf-8")
    with pytest.raises(ValidationError, match="99/0003 ist in der Datenbank bereits eine andere Vorlage"):
        import_file(target, path)
    assert _references(target) == ["99/0003"]  # the Vorlagen before it in the file are not there either


def test_export_and_import_agree_on_the_number_of_vorlagen(
    uow_factory: Any, make_uow_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(uow_factory)
    count = len(_references(uow_factory))
    path = tmp_path / "all.kimdesk.json"
    export_file(uow_factory, path)

    monkeypatch.setattr(limits, "MAX_PAPERS", count - 1)
    out = tmp_path / "out"
    out.mkdir()
    refused_path = out / "refused.kimdesk.json"
    with pytest.raises(
        ValidationError, match=f"{count} Vorlagen – eine Austauschdatei fasst höchstens {count - 1}"
    ):
        export_file(uow_factory, refused_path, batch=1)
    assert list(out.iterdir()) == []  # no file, no temporary file left
    target = make_uow_factory()
    with pytest.raises(ValidationError) as refused:
        import_file(target, path)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("$.papers", f"zu viele Einträge: {count}, höchstens {count - 1}")
    ]

    monkeypatch.setattr(limits, "MAX_PAPERS", count)
    assert sorted(import_file(target, path).added) == _references(uow_factory)


def _parts(path: Path) -> list[tuple[Any, Any, Any]]:
    return [(p.key, p.index, p.value) for p in file_source(path)()]


def test_the_reader_gives_each_entry_whole_across_its_chunks(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    numbers = list(range(123_456_700, 123_456_700 + 300_000))  # about 3 MB: numbers cut at every chunk end
    path.write_text(json.dumps({"format": "x", "papers": numbers, "office": {"a": [1, 2]}}), encoding="utf-8")
    parts = _parts(path)
    assert parts[0] == ("format", None, "x") and parts[1] == ("papers", None, [])
    assert [value for key, index, value in parts if key == "papers" and index is not None] == numbers
    assert parts[-1] == ("office", None, {"a": [1, 2]})


def test_broken_json_beyond_the_first_chunk_names_the_line_and_column_json_names(tmp_path: Path) -> None:
    document = {"format": "kimdesk-exchange", "papers": [{"title": f"Vorlage {i}"} for i in range(60_000)]}
    text = json.dumps(document, indent=2)
    cut = text.index('"Vorlage 50000"')
    broken = text[:cut] + "'Vorlage 50000'" + text[cut + 15 :]  # a string in single quotes, ~2,5 MB in
    path = tmp_path / "broken.json"
    path.write_text("\ufeff" + broken, encoding="utf-8")  # with a byte order mark, as Windows editors write
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(broken)
    with pytest.raises(ValidationError) as refused:
        _parts(path)
    where = f"Zeile {expected.value.lineno}, Spalte {expected.value.colno}: ein Wert fehlt"
    assert where in refused.value.message and expected.value.lineno > 100_000


def test_a_vorlage_saved_during_the_export_with_a_new_amt_stops_the_export_without_a_file(
    uow_factory: Any, make_uow_factory: Any, tmp_path: Path
) -> None:
    """The master data is read when the export begins, the Vorlagen batch by batch afterwards: a Vorlage
    saved in between with an Amt made in between would give a file its own import refuses."""
    from kimdesk.domain.masterdata import Organization, OrganizationKind

    load_demo(uow_factory)
    last = _references(uow_factory)[-1]
    calls = 0

    def busy_office() -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:  # the plan is made; another clerk now makes an Amt and saves a Vorlage with it
            with uow_factory() as uow:
                amt = Organization("Amt für Neues", OrganizationKind.DEPARTMENT)
                uow.organizations.save(amt)
                paper = uow.papers.get_by_reference(last)
                paper.lead_department = amt
                uow.papers.update(paper)
                uow.commit()
        return uow_factory()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match=f"Vorlage {last} wurde während des Exports"):
        export_file(busy_office, out / "busy.kimdesk.json", batch=1)
    assert list(out.iterdir()) == []  # neither the file nor a temporary one

    path = tmp_path / "again.kimdesk.json"  # done again, the export takes the new Amt along
    export_file(uow_factory, path, batch=1)
    target = make_uow_factory()
    assert sorted(import_file(target, path).added) == _references(uow_factory)


def test_broken_json_in_a_small_entry_of_a_large_file_is_named_at_once_not_as_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken entry early in a file larger than an entry may be: its line and column, not „Eintrag ist
    größer als …“ (the reader must not keep reading, taking the broken entry for one not yet whole)."""
    monkeypatch.setattr(limits, "MAX_ENTRY_BYTES", 256 * 1024)
    document = {"format": "kimdesk-exchange", "papers": [{"title": f"Vorlage {i}"} for i in range(80_000)]}
    text = json.dumps(document, indent=2)
    cut = text.index('"Vorlage 100"')
    broken = text[:cut] + "Vorlage 100" + text[cut + 13 :]  # the quotes forgotten, ~3 KB into a 3 MB file
    path = tmp_path / "broken.json"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(broken)
    with pytest.raises(ValidationError) as refused:
        _parts(path)
    where = f"Zeile {expected.value.lineno}, Spalte {expected.value.colno}: ein Wert fehlt"
    assert where in refused.value.message
