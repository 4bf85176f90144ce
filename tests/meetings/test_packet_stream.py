"""The Sitzungsmappe with Anlagen of a few MB: merged from files (pikepdf), read back with pypdf; a
cancelled export leaves no file behind."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from kimdesk.domain.attachment import chunked, new_attachment
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.packets import Cancelled, export_packet, export_packets

SCAN = (900, 1270)


def scan_pdf(pages: int) -> bytes:
    """Random-noise JPEG pages (a scan that does not compress away): about 0.5 MB a page."""
    images = [Image.frombytes("L", SCAN, os.urandom(SCAN[0] * SCAN[1])) for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=100, quality=70)
    return out.getvalue()


@pytest.fixture
def scanned(demo_uow: Callable[[], Any]) -> tuple[Callable[[], Any], list[bytes]]:
    scans = [scan_pdf(3), scan_pdf(4)]
    with demo_uow() as uow:
        paper = uow.papers.get_by_reference("20/0270")
        for order, data in enumerate(scans):
            uow.attachments.add(new_attachment(paper.id, f"Scan {order + 1}.pdf", data, order), chunked(data))
        uow.commit()
    return demo_uow, scans


def test_a_packet_with_megabytes_of_scans_has_every_page_bookmark_and_label(
    scanned: tuple[Callable[[], Any], list[bytes]], tmp_path: Path
) -> None:
    uow, scans = scanned
    assert sum(map(len, scans)) > 3 * 2**20
    seen: list[tuple[int, int]] = []
    path = export_packet(
        uow,
        PacketPdfRenderer(),
        "IR-2020-09-09",
        tmp_path / "mappe.pdf",
        progress=lambda d, t: not seen.append((d, t)),
    )
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert path.stat().st_size > sum(map(len, scans))  # the scans are in it, not referenced
    assert seen[-1] == (pages, pages) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    _moves_forward(seen, pages)
    titles = [entry.title for entry in _flat(reader.outline)]
    assert "Anlage 1: Scan 1" in titles and "Anlage 2: Scan 2" in titles
    first = next(i for i, entry in enumerate(_flat(reader.outline)) if entry.title == "Anlage 1: Scan 1")
    start = reader.get_destination_page_number(_flat(reader.outline)[first])
    # Seven scan pages in a row, each with its header and an image placed under it.
    for index in range(start, start + 7):
        text = reader.pages[index].extract_text()
        assert "Vorlage Nr. 20/0270 – Anlage" in text and f"Seite {index + 1} von {pages}" in text
        assert _has_image(reader.pages[index])
    assert not _has_image(reader.pages[start + 7]) if start + 7 < pages else True
    # As a reader sees it: the scan between header and page number, neither covered nor cut off.
    header, middle, footer = _ink(path, start)
    assert header > 0.002 and footer > 0.0005 and middle > 0.3
    labels = reader.page_labels
    assert labels[0] == "Einladung · 1"
    assert labels[start] == f"TOP 4 · {start + 1}"


def test_both_packets_with_scans_count_every_page_from_the_start(
    scanned: tuple[Callable[[], Any], list[bytes]], tmp_path: Path
) -> None:
    uow, _ = scanned
    seen: list[tuple[int, int]] = []
    full, public = export_packets(
        uow,
        PacketPdfRenderer(),
        "IR-2020-09-09",
        (tmp_path / "mappe.pdf", tmp_path / "mappe_oeffentlich.pdf"),
        progress=lambda d, t: not seen.append((d, t)),
    )
    pages = len(PdfReader(full).pages) + len(PdfReader(public).pages)
    assert seen[-1] == (pages, pages)
    _moves_forward(seen, pages)


def _moves_forward(seen: list[tuple[int, int]], pages: int) -> None:
    """What the progress dialog shows: a total near the real one from the first call (every Anlage page
    reserved counts, not one per Anlage) and a bar that does not go back (the Vorlagen's own pages are
    an estimate until laid out: a few per cent)."""
    assert 0.75 * pages <= seen[0][1] <= 1.25 * pages, (seen[0], pages)
    shares = [done / total for done, total in seen]
    assert all(later >= earlier - 0.05 for earlier, later in pairwise(shares)), seen


def test_a_cancelled_packet_leaves_no_file_and_keeps_the_old_one(
    scanned: tuple[Callable[[], Any], list[bytes]], tmp_path: Path
) -> None:
    uow, _ = scanned
    folder = tmp_path / "Mappen"
    folder.mkdir()
    fresh, old = folder / "neu.pdf", folder / "alt.pdf"
    old.write_bytes(b"die Mappe von gestern")
    for target in (fresh, old):
        for stop_at in (2, 10_000):  # while laying out, and while qpdf writes the Anlagen

            def progress(done: int, total: int, stop_at: int = stop_at) -> bool:
                return done < stop_at and not (stop_at > 2 and done >= total // 2 + 1)

            with pytest.raises(Cancelled, match="abgebrochen"):
                export_packet(uow, PacketPdfRenderer(), "IR-2020-09-09", target, progress=progress)
    assert not fresh.exists() and old.read_bytes() == b"die Mappe von gestern"
    assert sorted(p.name for p in folder.iterdir()) == ["alt.pdf"]


def _ink(path: Path, index: int) -> tuple[float, float, float]:
    """Share of dark pixels in the top 15 mm, the middle and the bottom 15 mm of a page (pypdfium2)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    image = document[index].render(scale=2).to_pil().convert("L")
    document.close()
    width, height = image.size
    band = int(height * 15 / 297)  # the scan begins 16 mm from the edges

    def dark(box: tuple[int, int, int, int]) -> float:
        part = image.crop(box)
        return part.point(lambda value: 255 if value < 160 else 0).histogram()[255] / (
            part.width * part.height
        )

    return (
        dark((0, 0, width, band)),
        dark((0, height // 3, width, 2 * height // 3)),
        dark((0, height - band, width, height)),
    )


def _flat(outline: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for entry in outline:
        flat += _flat(entry) if isinstance(entry, list) else [entry]
    return flat


def _has_image(page: Any) -> bool:
    """An image somewhere in the page's XObjects (the scan sits in a Form XObject)."""
    stack = [page.get("/Resources")]
    while stack:
        resources = stack.pop()
        resources = resources.get_object() if resources is not None else None
        for xobject in (resources or {}).get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                return True
            stack.append(xobject.get("/Resources"))
    return False
