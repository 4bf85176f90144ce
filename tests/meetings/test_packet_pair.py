"""Both Sitzungsmappen as one job (members' and public), read back: the full one complete, the public one
without any non-public text — in pages, bookmarks, page labels, metadata, streams and unused objects —
with its own page numbers, and the Vorlagen it shows alike laid out once, page for page as in the full one."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from kimdesk.cli import main
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.packets import Cancelled, export_packet, export_packets
from tests.demo_data import NON_PUBLIC_MARKER
from tests.meetings.pdfs import tiny_pdf

UowFactory = Callable[[], Any]
HELD = "IR-2020-09-09"
#: Texts of the non-public part: a non-public TOP's Vorlage, its title and Anlage, a public Vorlage's
#: non-public Anlage, and what the public Mitzeichnungen leave out (names, Prüfsumme).
SECRETS = (
    NON_PUBLIC_MARKER,
    "Besetzung der Koordinierungsstelle",
    "20/0281",
    "TOP 7",
    "BEWERBERLISTE ZUGANG",
    "GEHEIMANLAGE ZUGANG",
    "Intern.pdf",
    "Dr. Sabine Möller",
    "Prüfsumme",
)
#: Written as plain text into the Anlagen (Helvetica): found byte for byte in decompressed streams.
IN_STREAMS = ("BEWERBERLISTE ZUGANG", "GEHEIMANLAGE ZUGANG")


@pytest.fixture(scope="module")
def pair_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UowFactory]:
    """The demo office: 20/0270 (TOP 4) with a public Anlage, 20/0262 (TOP 5) with a public and a
    non-public one, the non-public 20/0281 (TOP 7) with one."""
    from kimdesk.domain.attachment import new_attachment
    from kimdesk.services.demo import load_full_demo
    from kimdesk.storage.database import Database

    path = tmp_path_factory.mktemp("pair") / "kimdesk.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_full_demo(db.uow_factory)
    with db.uow_factory() as uow:
        for reference, name, text, public in (
            ("20/0270", "Statistik.pdf", "ANLAGE STATISTIK", True),
            ("20/0262", "Plan.pdf", "ANLAGE PLAN", True),
            ("20/0262", "Intern.pdf", "GEHEIMANLAGE ZUGANG", False),
            ("20/0281", "Bewerber.pdf", "BEWERBERLISTE ZUGANG", True),
        ):
            paper = uow.papers.get_by_reference(reference)
            data = tiny_pdf(text, 2)
            order = len(uow.attachments.list(paper.id))
            attachment = new_attachment(paper.id, name, data, order)
            uow.attachments.add(attachment if public else _non_public(attachment), [data])
        uow.commit()
    yield db.uow_factory
    db.close()


def _non_public(attachment: Any) -> Any:
    from dataclasses import replace

    return replace(attachment, public=False)


@pytest.fixture(scope="module")
def both(pair_db: UowFactory, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("beide")
    full, public = export_packets(
        pair_db,
        PacketPdfRenderer(),
        HELD,
        (folder / "mitglieder.pdf", folder / "oeffentlich.pdf"),
        warn=lambda message: pytest.fail(message),
    )
    return full, public


@pytest.fixture(scope="module")
def alone(pair_db: UowFactory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public packet as its own job, as before."""
    target = tmp_path_factory.mktemp("allein") / "oeffentlich.pdf"
    return export_packet(pair_db, PacketPdfRenderer(), HELD, target, public=True)


def texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def outline(path: Path) -> list[tuple[int, str, int]]:
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def stream_texts(path: Path) -> str:
    """Every object of the file as text: streams decompressed, strings decoded — whether a page uses it
    or not."""
    parts: list[str] = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    data = obj.read_raw_bytes()
                parts.append(data.decode("latin-1"))
            parts.append(repr(obj) if not isinstance(obj, pikepdf.Stream) else repr(obj.stream_dict))
    raw = path.read_bytes()
    parts.append(raw.decode("latin-1"))
    for compressed in re.findall(rb"stream\r?\n(.*?)endstream", raw, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(compressed).decode("latin-1"))
    return "\n".join(parts)


def unreachable(path: Path) -> list[tuple[int, int]]:
    """Objects of the file that nothing refers to (left over from copying)."""
    with pikepdf.open(path) as pdf:
        seen: set[tuple[int, int]] = set()
        todo: list[Any] = [pdf.trailer]
        while todo:
            obj = todo.pop()
            if isinstance(obj, pikepdf.Object) and obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
            if isinstance(obj, pikepdf.Stream):
                todo.extend(obj.stream_dict.values())
            elif isinstance(obj, pikepdf.Dictionary):
                todo.extend(obj.values())
            elif isinstance(obj, pikepdf.Array):
                todo.extend(obj)
        return [o.objgen for o in pdf.objects if o.objgen != (0, 0) and o.objgen not in seen]


def test_the_full_packet_of_the_job_is_complete(both: tuple[Path, Path]) -> None:
    full, _ = both
    text = " ".join(texts(full))
    for secret in SECRETS:
        assert secret in text or secret == "Intern.pdf", secret
    assert "Intern" in text  # the non-public Anlage of 20/0262 is listed and merged
    streams = stream_texts(full)
    for secret in IN_STREAMS:  # the byte-level search below does find what is there
        assert secret in streams
    titles = [title for _, title, _ in outline(full)]
    assert any(title.startswith("TOP 7 – ") for title in titles)
    assert "Anlage 2: Intern" in titles


def test_the_public_packet_of_the_job_holds_nothing_non_public(both: tuple[Path, Path]) -> None:
    _, public = both
    reader = PdfReader(public)
    plain = " ".join(texts(public))
    labels = " ".join(reader.page_labels)
    titles = " ".join(title for _, title, _ in outline(public))
    metadata = str(reader.metadata)
    for secret in SECRETS:
        assert secret not in plain, secret
        assert secret not in labels and secret not in titles and secret not in metadata, secret
    if shutil.which("pdftotext"):
        poppler = subprocess.run(["pdftotext", str(public), "-"], capture_output=True, text=True, check=True)
        for secret in SECRETS:
            assert secret not in " ".join(poppler.stdout.split()), secret
    streams = stream_texts(public)
    for secret in (*IN_STREAMS, "Intern.pdf", NON_PUBLIC_MARKER, "Koordinierungsstelle"):
        for encoded in (secret, secret.encode("utf-16-be").decode("latin-1")):
            assert encoded not in streams, secret
    assert unreachable(public) == []
    assert "ANLAGE STATISTIK" in plain and "ANLAGE PLAN" in plain and "öffentlicher Teil" in plain


def test_the_public_packet_has_its_own_page_numbers_bookmarks_and_labels(
    both: tuple[Path, Path], alone: Path
) -> None:
    full, public = both
    pages = texts(public)
    assert len(pages) < len(texts(full))
    for number, text in enumerate(pages, start=1):  # never the full packet's number or count
        assert re.findall(r"Seite \d+ von \d+", text) == [f"Seite {number} von {len(pages)}"]
    marks = outline(public)
    assert [mark[:2] for mark in marks] == [mark[:2] for mark in outline(alone)]
    for _, title, page in marks:
        if "(20/" in title:
            reference = title.rsplit("(", 1)[1].rstrip(")")
            assert f"Vorlage Nr. {reference}" in pages[page - 1], title
        elif title.startswith("Anlage "):
            assert "Anlage" in pages[page - 1] and "ANLAGE" in pages[page - 1], title
    labels = PdfReader(public).page_labels
    assert labels[0] == "Einladung · 1"
    assert [label.split(" · ")[0] for label in labels] == [
        label.split(" · ")[0] for label in PdfReader(alone).page_labels
    ]


def _vorlage_pages(path: Path, top: str) -> list[str]:
    labels = PdfReader(path).page_labels
    pages = texts(path)
    return [
        re.sub(r"Seite \d+ von \d+", "", text)
        for text, label in zip(pages, labels, strict=True)
        if label.startswith(f"{top} · ") and "ANLAGE" not in text
    ]


def test_a_vorlage_shown_alike_is_laid_out_once_page_for_page_as_in_the_full_packet(
    both: tuple[Path, Path],
) -> None:
    full, public = both
    mine, theirs = _vorlage_pages(public, "TOP 4"), _vorlage_pages(full, "TOP 4")
    assert len(mine) == len(theirs) >= 2
    # The same text on each page; only the Mitzeichnungen (first page's foot) lose names and Prüfsumme.
    assert mine[0].split("Mitzeichnungen")[0] == theirs[0].split("Mitzeichnungen")[0]
    assert mine[1:] == theirs[1:]
    foot = mine[0].split("Mitzeichnungen")[1]
    assert "Bürgermeister" in foot and "03.09.2020" in foot
    assert "Möller" not in foot and "Prüfsumme" not in foot
    assert "Möller" in theirs[0] and "Prüfsumme" in theirs[0]


def test_progress_counts_both_and_a_cancel_leaves_neither_file(pair_db: UowFactory, tmp_path: Path) -> None:
    paths = (tmp_path / "mitglieder.pdf", tmp_path / "oeffentlich.pdf")
    seen: list[tuple[int, int]] = []
    export_packets(pair_db, PacketPdfRenderer(), HELD, paths, progress=lambda d, t: not seen.append((d, t)))
    pages = len(PdfReader(paths[0]).pages) + len(PdfReader(paths[1]).pages)
    assert seen[-1] == (pages, pages)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and all(d <= t for d, t in seen)
    old = [path.read_bytes() for path in paths]
    full_pages = len(PdfReader(paths[0]).pages)
    with pytest.raises(Cancelled):  # cancelled while the public packet is laid out
        export_packets(pair_db, PacketPdfRenderer(), HELD, paths, progress=lambda d, t: d <= full_pages + 1)
    assert [path.read_bytes() for path in paths] == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mitglieder.pdf", "oeffentlich.pdf"]
    for path in paths:
        path.unlink()
    with pytest.raises(Cancelled):
        export_packets(pair_db, PacketPdfRenderer(), HELD, paths, progress=lambda d, t: d <= full_pages + 1)
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_writes_both_into_a_folder(
    demo_sqlite_url: str, tmp_path: Path, capsys: Any
) -> None:
    folder = tmp_path / "mappen"
    assert main(["--db", demo_sqlite_url, "packet", HELD, "--beide", "-o", str(folder)]) == 0
    written = capsys.readouterr().out.split()
    assert written == [
        str(folder / "Sitzungsmappe_IR-2020-09-09.pdf"),
        str(folder / "Sitzungsmappe_IR-2020-09-09_oeffentlich.pdf"),
    ]
    assert NON_PUBLIC_MARKER in " ".join(texts(Path(written[0])))
    assert NON_PUBLIC_MARKER not in " ".join(texts(Path(written[1])))
    assert main(["--db", demo_sqlite_url, "packet", HELD, "--beide", "--public"]) == 2
    assert "--public ist dabei nicht nötig" in capsys.readouterr().err


def test_when_the_office_shows_names_the_public_packet_of_the_job_names_who_signed_off(
    demo_uow: UowFactory, tmp_path: Path
) -> None:
    from kimdesk.services.packets import set_public_sign_off_names

    set_public_sign_off_names(demo_uow, True)
    full, public = export_packets(
        demo_uow, PacketPdfRenderer(), HELD, (tmp_path / "mitglieder.pdf", tmp_path / "oeffentlich.pdf")
    )
    mine, theirs = _vorlage_pages(public, "TOP 4"), _vorlage_pages(full, "TOP 4")
    assert mine[1:] == theirs[1:]  # laid out once
    assert "Dr. Sabine Möller" in mine[0] and "Prüfsumme" not in " ".join(texts(public))
    assert "Dr. Sabine Möller" in theirs[0] and "Prüfsumme" in theirs[0]
