"""What the editor's Anlagen panel stores, on SQLite and PostgreSQL: add (checked), rename, public or not,
reorder, remove — and the Vorlage's PDF, the exchange file and the migration carry title and public."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.domain.errors import ValidationError
from kimdesk.services import attachment_edits as edits
from kimdesk.services.demo import load_demo
from kimdesk.services.export import export_paper_pdf
from kimdesk.services.papers import get_paper, new_paper
from kimdesk.storage.database import Database
from tests.meetings.pdfs import tiny_pdf


def _files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    for name in ("Lageplan.pdf", "Vertrag.pdf", "Kosten.pdf"):
        files[name] = tmp_path / name
        files[name].write_bytes(tiny_pdf(name.upper()))
    return files


def _text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_the_panel_steps_are_stored_in_order_and_listed_on_the_vorlage(database: Any, tmp_path: Path) -> None:
    from kimdesk.pdf.renderer import PaperPdfRenderer

    uow = database.uow_factory
    load_demo(uow)
    paper = new_paper(uow)
    files = _files(tmp_path)
    for path in files.values():
        listed = edits.add_anlage(uow, paper.id, path)
    assert [a.shown_title for a in listed] == ["Lageplan", "Vertrag", "Kosten"]
    assert [a.order for a in listed] == [0, 1, 2] and all(a.public for a in listed)

    lageplan, vertrag, kosten = listed
    listed = edits.rename_anlage(uow, paper.id, lageplan.id, "  Lageplan   Nord ")
    assert listed[0].title == "Lageplan Nord"
    listed = edits.set_anlage_public(uow, paper.id, vertrag.id, False)
    assert [a.public for a in listed] == [True, False, True]
    listed = edits.move_anlage(uow, paper.id, kosten.id, 0)
    assert [a.shown_title for a in listed] == ["Kosten", "Lageplan Nord", "Vertrag"]
    assert [a.order for a in listed] == [0, 1, 2]

    extra = tmp_path / "Alt.pdf"
    extra.write_bytes(tiny_pdf("ALT"))
    listed = edits.add_anlage(uow, paper.id, extra)
    listed = edits.remove_anlage(uow, paper.id, listed[1].id)  # Lageplan Nord
    assert [(a.shown_title, a.order) for a in listed] == [("Kosten", 0), ("Vertrag", 1), ("Alt", 2)]

    reference = get_paper(uow, paper.reference).reference
    pdf = export_paper_pdf(uow, PaperPdfRenderer(), reference, tmp_path / "v.pdf").read_bytes()
    assert "Anlagen: 1. Kosten 2. Vertrag (nichtöffentlich) 3. Alt" in _text(pdf)


def test_refused_files_and_titles_are_named_and_nothing_is_stored(database: Any, tmp_path: Path) -> None:
    uow = database.uow_factory
    load_demo(uow)
    paper = new_paper(uow)
    text = tmp_path / "Notiz.pdf"
    text.write_text("kein PDF")
    with pytest.raises(ValidationError, match=r"Notiz\.pdf“ ist keine PDF-Datei"):
        edits.add_anlage(uow, paper.id, text)
    files = _files(tmp_path)
    listed = edits.add_anlage(uow, paper.id, files["Lageplan.pdf"])
    with pytest.raises(ValidationError, match=r"„Lageplan\.pdf“ ist der Vorlage .* schon angefügt"):
        edits.add_anlage(uow, paper.id, files["Lageplan.pdf"])
    with pytest.raises(ValidationError, match=r"^Titel der Anlage „Lageplan\.pdf“: Bitte einen Titel"):
        edits.rename_anlage(uow, paper.id, listed[0].id, "   ")
    with pytest.raises(ValidationError, match="höchstens 300 Zeichen"):
        edits.rename_anlage(uow, paper.id, listed[0].id, "x" * 301)
    assert [(a.shown_title, a.public) for a in edits.anlagen(uow, paper.id)] == [("Lageplan", True)]


def test_a_released_vorlage_keeps_its_anlagen(database: Any, tmp_path: Path) -> None:
    from kimdesk.services.demo import load_full_demo

    uow = database.uow_factory
    load_full_demo(uow)
    with uow() as work:
        seed = next(p for p in (work.papers.get(i) for i in work.papers.all_ids()) if p.is_locked)
    with pytest.raises(ValidationError, match="nur im Entwurf"):
        edits.add_anlage(uow, seed.id, _files(tmp_path)["Lageplan.pdf"])
    assert edits.anlagen(uow, seed.id) == []  # the full demo has no Anlagen


def test_the_exchange_file_carries_title_and_public(tmp_path: Path) -> None:
    from kimdesk.services.exchange import export_file, import_file

    source = Database.open(f"sqlite:///{(tmp_path / 'a.sqlite').as_posix()}")
    target = Database.open(f"sqlite:///{(tmp_path / 'b.sqlite').as_posix()}")
    try:
        load_demo(source.uow_factory)
        paper = new_paper(source.uow_factory)
        files = _files(tmp_path)
        first = edits.add_anlage(source.uow_factory, paper.id, files["Lageplan.pdf"])[0]
        edits.add_anlage(source.uow_factory, paper.id, files["Vertrag.pdf"])
        edits.rename_anlage(source.uow_factory, paper.id, first.id, "Lageplan Nord")
        edits.set_anlage_public(source.uow_factory, paper.id, first.id, False)
        exported = tmp_path / "vorlagen.json"
        export_file(source.uow_factory, exported)
        import_file(target.uow_factory, exported)
        stored = edits.anlagen(target.uow_factory, paper.id)
        assert [(a.shown_title, a.public) for a in stored] == [("Lageplan Nord", False), ("Vertrag", True)]
    finally:
        source.close()
        target.close()


def test_migration_0012_keeps_existing_anlagen_public_under_their_file_name(
    db_url: str, tmp_path: Path
) -> None:
    from alembic import command

    db = Database.open(db_url)
    try:
        load_demo(db.uow_factory)
        paper = new_paper(db.uow_factory)
        first = edits.add_anlage(db.uow_factory, paper.id, _files(tmp_path)["Vertrag.pdf"])[0]
        edits.rename_anlage(db.uow_factory, paper.id, first.id, "Vertrag mit dem Träger")
        config = Database._alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0011_meetings")
    finally:
        db.close()
    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0011_meetings"
        stored = edits.anlagen(db.uow_factory, paper.id)
        assert [(a.filename, a.title, a.shown_title, a.public) for a in stored] == [
            ("Vertrag.pdf", "", "Vertrag", True)
        ]
        assert edits.set_anlage_public(db.uow_factory, paper.id, first.id, False)[0].public is False
    finally:
        db.close()


def test_kimdesk_attach_lists_title_and_part(
    demo_sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kimdesk.cli import main

    db = Database.open(demo_sqlite_url)
    try:
        paper = get_paper(db.uow_factory, "20/0325")  # a draft of the demo
        files = _files(tmp_path)
        first = edits.add_anlage(db.uow_factory, paper.id, files["Lageplan.pdf"])[0]
        edits.add_anlage(db.uow_factory, paper.id, files["Vertrag.pdf"])
        edits.rename_anlage(db.uow_factory, paper.id, first.id, "Lageplan Nord")
        edits.set_anlage_public(db.uow_factory, paper.id, first.id, False)
    finally:
        db.close()
    assert main(["--db", demo_sqlite_url, "attach", "20/0325"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0].startswith("1. Lageplan Nord – Lageplan.pdf  (") and ", nichtöffentlich, SHA-256" in lines[0]
    )
    assert lines[1].startswith("2. Vertrag.pdf  (") and "nichtöffentlich" not in lines[1]
    # Removing the first by number closes up the list, as the editor does: the next file is Anlage 2.
    assert main(["--db", demo_sqlite_url, "attach", "20/0325", "--remove", "1"]) == 0
    assert capsys.readouterr().out == "Anlage „Lageplan.pdf“ entfernt.\n"
    assert main(["--db", demo_sqlite_url, "attach", "20/0325", str(files["Lageplan.pdf"])]) == 0
    assert capsys.readouterr().out.startswith("Anlage 2 „Lageplan.pdf“")
    assert main(["--db", demo_sqlite_url, "attach", "20/0325"]) == 0
    listed = [line[:16] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["1. Vertrag.pdf  ", "2. Lageplan.pdf "]


def test_oparl_names_anlagen_by_title_and_publishes_non_public_ones_only_in_the_full_export(
    demo_sqlite_url: str, tmp_path: Path
) -> None:
    import json

    from kimdesk.domain.attachment import new_attachment
    from kimdesk.pdf.renderer import PaperPdfRenderer
    from kimdesk.services.oparl_export import export_oparl

    db = Database.open(demo_sqlite_url)
    try:
        with db.uow_factory() as uow:  # 20/0270 is released: its Anlagen are stored as the CLI does
            seed = uow.papers.get_by_reference("20/0270")
            for order, (name, public) in enumerate((("Plan.pdf", True), ("Vertrag.pdf", False))):
                data = tiny_pdf(name)
                anlage = new_attachment(seed.id, name, data, order)
                anlage.title, anlage.public = f"{name[:-4]} (Titel)", public
                uow.attachments.add(anlage, [data])
            uow.commit()
        for full in (False, True):
            folder = tmp_path / ("voll" if full else "oeffentlich")
            export_oparl(
                db.uow_factory,
                PaperPdfRenderer(),
                folder,
                "https://ris.example.de/oparl",
                include_non_public=full,
            )
            papers = [json.loads(p.read_text("utf-8")) for p in folder.rglob("*.json")]
            seed_doc = next(d for d in papers if d.get("reference") == "20/0270")
            names = [f["name"] for f in seed_doc.get("auxiliaryFile", [])]
            assert names == (["Plan (Titel)", "Vertrag (Titel)"] if full else ["Plan (Titel)"])
    finally:
        db.close()
