"""Reading a PDF back: page texts without the ENTWURF mark, text lines with positions, tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest


def _rotated(char: dict[str, object]) -> bool:
    matrix = char["matrix"]
    assert isinstance(matrix, tuple)
    return abs(matrix[1]) > 1e-6 or abs(matrix[2]) > 1e-6


def _upright(obj: dict[str, object]) -> bool:
    """Drops the diagonal ENTWURF mark's characters, keeps everything else."""
    return obj.get("object_type") != "char" or not _rotated(obj)


def page_texts(data: bytes) -> list[str]:
    """The text of each page as a reader sees it (layout order), without the ENTWURF mark."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.filter(_upright).extract_text() or "" for page in pdf.pages]


def mark_text(data: bytes) -> str:
    """The characters drawn at an angle (the ENTWURF mark), page by page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "|".join("".join(c["text"] for c in page.chars if _rotated(c)) for page in pdf.pages)


def text_lines(data: bytes) -> list[dict[str, object]]:
    """pdfplumber text lines (with their characters and positions) of every page."""
    out: list[dict[str, object]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for line in page.filter(_upright).extract_text_lines():
                line["page"] = number
                out.append(line)
    return out


def flat(text: str) -> str:
    """Whitespace normalised to single spaces (no-break spaces included)."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def find_in_order(text: str, needles: list[str]) -> None:
    """Assert every needle occurs in ``text``, each after the previous one."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, f"{needle!r} fehlt nach Position {position}: …{text[position : position + 200]!r}"
        position = found + len(needle)


def tool(name: str) -> str:
    """A poppler/qpdf program; the test script installs poppler-utils and qpdf."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} fehlt: apt-get install -y poppler-utils qpdf")
    return path


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool(name), *args], capture_output=True, text=True, timeout=60, check=False)


def grid_cells(data: bytes, columns: int = 6) -> list[str]:
    """The text of each Mitzeichnungen cell at the foot of page 1, left to right."""
    from kimdesk.pdf.styles import FRAME_WIDTH, LEFT_MARGIN

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].filter(_upright)
        words = page.extract_words()
        top = next(w["bottom"] for w in words if w["text"] == "Mitzeichnungen")
        bottom = next(w["top"] for w in words if w["text"] == "Zahl" and w["top"] > top)
        width = FRAME_WIDTH / columns
        boxes = [
            (LEFT_MARGIN + i * width, top + 1, LEFT_MARGIN + (i + 1) * width, bottom - 1)
            for i in range(columns)
        ]
        return [flat(page.within_bbox(box).extract_text()) for box in boxes]


def poppler_pages(data: bytes) -> list[str]:
    """Page texts by pdftotext: much faster than pdfplumber for long documents."""
    result = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        timeout=120,
        check=True,
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
