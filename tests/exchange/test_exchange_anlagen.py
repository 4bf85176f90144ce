"""Anlagen travel as files beside the exchange file: export → import → export round-trips, the JSON
holds no bytes, and a missing, changed or escaping file stops the import with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kimdesk.domain.attachment import chunked, new_attachment
from kimdesk.domain.errors import ValidationError
from kimdesk.services.attachments import list_attachments
from kimdesk.services.demo import load_demo
from kimdesk.services.exchange import export_file, import_file
from tests.meetings.pdfs import tiny_pdf


def _attach(uow_factory, reference: str, *anlagen: tuple[str, bytes]) -> None:
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        for order, (name, data) in enumerate(anlagen):
            uow.attachments.add(new_attachment(paper.id, name, data, order), chunked(data, 700))
        uow.commit()


def _bytes(uow_factory, reference: str) -> list[tuple[str, bytes]]:
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        return [(a.filename, b"".join(uow.attachments.chunks(a.id))) for a in uow.attachments.list(paper.id)]


def test_anlagen_round_trip_as_files_beside_the_exchange_file(uow_factory, make_uow_factory, tmp_path: Path):
    load_demo(uow_factory)
    statistik, karte = tiny_pdf("STATISTIK", 3), tiny_pdf("KARTE", 1, landscape=True)
    _attach(uow_factory, "20/0270", ("Statistik 2019.pdf", statistik), ("Karte.pdf", karte))
    first = tmp_path / "erste" / "vorlagen.json"
    first.parent.mkdir()
    export_file(uow_factory, first)
    text = first.read_text(encoding="utf-8")
    assert "STATISTIK" not in text and len(text) < 200_000  # references, not bytes
    document = json.loads(text)
    assert [a["fileName"] for a in document["attachments"]] == ["Statistik 2019.pdf", "Karte.pdf"]
    assert sorted(p.name for p in (tmp_path / "erste" / "vorlagen.anlagen").iterdir()) == sorted(
        f"{a['sha256']}.pdf" for a in document["attachments"]
    )

    other = make_uow_factory()
    import_file(other, first)
    assert _bytes(other, "20/0270") == [("Statistik 2019.pdf", statistik), ("Karte.pdf", karte)]
    import_file(other, first)  # again: the same Anlagen are not added twice
    assert [a.filename for a in list_attachments(other, "20/0270")] == ["Statistik 2019.pdf", "Karte.pdf"]
    second = tmp_path / "zweite.json"
    export_file(other, second)
    assert second.read_text(encoding="utf-8") == text.replace("vorlagen.anlagen/", "zweite.anlagen/")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda entry, folder: (folder / entry["file"]).unlink(), "gibt es nicht"),
        (lambda entry, folder: (folder / entry["file"]).write_bytes(tiny_pdf("ANDERS")), "Prüfsumme"),
        (lambda entry, folder: entry.update(file="../../etc/passwd"), "im Anlagen-Ordner"),
    ],
    ids=["fehlt", "geändert", "außerhalb"],
)
def test_a_missing_changed_or_escaping_anlage_stops_the_import(
    uow_factory, make_uow_factory, tmp_path: Path, change, message
):
    load_demo(uow_factory)
    _attach(uow_factory, "20/0270", ("Statistik.pdf", tiny_pdf("STATISTIK")))
    path = tmp_path / "vorlagen.json"
    export_file(uow_factory, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["attachments"][0], tmp_path)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    other = make_uow_factory()
    with pytest.raises(ValidationError) as caught:
        import_file(other, path)
    [problem] = caught.value.problems
    assert problem.field == "$.attachments[0].file" and message in problem.message
    with other() as uow:
        assert uow.papers.all_ids() == []  # nothing was imported
