"""The session packet read back: order, bookmarks, page numbers, TOP labels, Anlagen, public variant."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from kimdesk.domain.errors import ValidationError
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.meetings import get_meeting
from kimdesk.services.packets import Cancelled, build_minutes_extract, build_packet, export_packet
from tests.demo_data import NON_PUBLIC_MARKER

UowFactory = Callable[[], Any]
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def full(packet_db: UowFactory) -> bytes:
    return build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09")


@pytest.fixture(scope="module")
def public(packet_db: UowFactory) -> bytes:
    return build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", public=True)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark in order."""
    reader = PdfReader(io.BytesIO(data))
    out: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                out.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return out


def test_the_packet_opens_with_the_invitation_and_the_whole_agenda(full: bytes) -> None:
    first = pages_text(full)[0]
    assert "Einladung" in first and "Sitzung des Integrationsrates am 09.09.2020, 17:00 Uhr" in first
    for title in (
        "Eröffnung der Sitzung",
        "Mitteilungen der Verwaltung",
        "Anfragen",
        "nichtöffentlicher Teil",
    ):
        assert title in first
    assert first.index("Kommunales Integrationsmanagement") < first.index("nichtöffentlicher Teil")
    assert first.index("nichtöffentlicher Teil") < first.index("Besetzung der Koordinierungsstelle")


def test_one_bookmark_per_top_in_agenda_order_pointing_at_its_vorlage(full: bytes) -> None:
    marks = outline(full)
    titles = [t for _, t, _ in marks]
    assert titles[0] == "Einladung und Tagesordnung"
    tops = [t.split(" – ")[0] for lvl, t, _ in marks if t.startswith("TOP")]
    assert tops == [f"TOP {n}" for n in range(1, 8)]
    texts = pages_text(full)
    by_title = {t: p for _, t, p in marks}
    seed_page = by_title["TOP 4 – Kommunales Integrationsmanagement (20/0270)"]
    assert "Vorlage Nr. 20/0270" in texts[seed_page - 1]
    staff_page = next(p for _, t, p in marks if t.startswith("TOP 7"))
    assert "Vorlage Nr. 20/0281" in texts[staff_page - 1]
    # TOPs without Vorlage lead to the agenda.
    assert by_title["TOP 6 – Anfragen"] == 1
    vorlagen_pages = [p for _, t, p in marks if t.startswith("TOP") and "(" in t]
    assert vorlagen_pages == sorted(vorlagen_pages)


def test_page_numbers_run_across_the_whole_packet(full: bytes) -> None:
    texts = pages_text(full)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Seite {number} von {total}" in text


def test_every_page_of_a_vorlage_and_its_anlagen_carries_its_top_number(full: bytes) -> None:
    texts = pages_text(full)
    marks = [(t, p) for _, t, p in outline(full) if t.startswith("TOP") and "(" in t]
    for (title, start), (_, stop) in zip(marks, [*marks[1:], ("end", len(texts) + 1)], strict=True):
        label = title.split(" – ")[0]
        for page in range(start, stop):
            assert re.search(rf"{label}\b", texts[page - 1]), (title, page)


def test_anlagen_follow_their_vorlage_with_bookmarks_and_fit_on_a4(full: bytes) -> None:
    marks = outline(full)
    anlagen = [(lvl, t, p) for lvl, t, p in marks if t.startswith("Anlage")]
    assert [(lvl, t) for lvl, t, _ in anlagen] == [
        (1, "Anlage 1: Statistik"),
        (1, "Anlage 2: Karte quer"),
    ]
    texts = pages_text(full)
    statistik, karte = anlagen[0][2], anlagen[1][2]
    assert "ANLAGE STATISTIK 1" in texts[statistik - 1] and "ANLAGE STATISTIK 2" in texts[statistik]
    assert "ANLAGE KARTE 1" in texts[karte - 1]
    assert "Anlage 2: Karte quer" in texts[karte - 1]
    next_vorlage = next(p for _, t, p in marks if t.startswith("TOP 5"))
    assert statistik < karte < next_vorlage
    reader = PdfReader(io.BytesIO(full))
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
            round(A4[0], 1),
            round(A4[1], 1),
        )


def test_the_public_packet_never_contains_a_non_public_item(full: bytes, public: bytes) -> None:
    assert NON_PUBLIC_MARKER in "".join(pages_text(full))
    with pdfplumber.open(io.BytesIO(public)) as pdf:
        plumber_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    pypdf_text = "\n".join(pages_text(public))
    raw = PdfReader(io.BytesIO(public))
    metadata = str(raw.metadata) + str([t for _, t, _ in outline(public)])
    for text in (plumber_text, pypdf_text, metadata):
        assert NON_PUBLIC_MARKER not in text
        assert "Besetzung der Koordinierungsstelle" not in text
        assert "20/0281" not in text
        assert "TOP 7" not in text
    assert "öffentlicher Teil" in pypdf_text and "Kommunales Integrationsmanagement" in pypdf_text


def test_building_reports_progress_and_can_be_cancelled(packet_db: UowFactory) -> None:
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    data = build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", progress=record)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert seen[0][0] == 0 and seen[-1] == (pages, pages)  # counted in pages
    assert len(seen) > pages // 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(Cancelled, match="abgebrochen"):
        build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", progress=lambda d, t: d < 2)


def test_the_packet_file_is_valid_pdf(packet_db: UowFactory, tmp_path: Path) -> None:
    path = export_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", tmp_path / "mappe.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf not installed")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_protokollauszug_per_agenda_item(packet_db: UowFactory) -> None:
    data = build_minutes_extract(packet_db, PacketPdfRenderer(), "IR-2020-09-09", "5")
    [text] = pages_text(data)
    text = " ".join(text.split())
    assert "Protokollauszug" in text and "Einladung" not in text
    assert "Sitzung des Integrationsrates am 09.09.2020 (öffentlicher Teil)" in text
    assert "TOP 5: Interkulturelle Woche 2020" in text and "Vorlage Nr. 20/0262" in text
    assert "einstimmig beschlossen" in text and "Zuschuss von 2.500,00 €" in text
    with pytest.raises(ValidationError, match="noch kein Ergebnis"):
        build_minutes_extract(packet_db, PacketPdfRenderer(), "IR-2020-09-09", "6")


def test_the_protokollauszug_comes_in_the_required_number_of_copies(packet_db: UowFactory) -> None:
    meeting = get_meeting(packet_db, "IR-2020-09-09")
    item = meeting.item_by_number("4")
    with packet_db() as uow:
        paper = uow.papers.get(item.paper_id)
        office = uow.office.get()
    paper.minutes_extracts = 3
    texts = pages_text(PacketPdfRenderer().render_minutes_extract(meeting, item, paper, office))
    assert len(texts) == 3
    assert ["Ausfertigung 1 von 3" in texts[0], "Ausfertigung 3 von 3" in texts[2]] == [True, True]
    assert all("zur Kenntnis genommen" in t for t in texts)
