"""The PDF file itself: valid for qpdf, only embedded fonts, nothing from the base 14."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kimdesk.domain.model import Paper
from tests.pdf.readback import run_tool


def _write(tmp_path: Path, data: bytes, name: str = "vorlage.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_qpdf_finds_no_errors(tmp_path: Path, seed_pdf: bytes) -> None:
    result = run_tool("qpdf", "--check", str(_write(tmp_path, seed_pdf)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def _fonts(path: Path) -> list[list[str]]:
    result = run_tool("pdffonts", str(path))
    assert result.returncode == 0, result.stderr
    return [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]


def test_every_font_is_embedded_and_none_is_helvetica(tmp_path: Path, seed_pdf: bytes) -> None:
    fonts = _fonts(_write(tmp_path, seed_pdf))
    names = [row[0] for row in fonts]
    assert any(name.endswith("+DejaVuSans") for name in names)
    assert any(name.endswith("+DejaVuSans-Bold") for name in names)
    for row in fonts:
        # name type encoding emb sub uni object ID
        assert row[-5] == "yes", f"nicht eingebettet: {row}"
        assert "Helvetica" not in row[0] and "Times" not in row[0] and "Courier" not in row[0]


def test_hostile_text_file_is_still_valid(
    tmp_path: Path, render: Callable[[Paper], bytes], seed: Paper
) -> None:
    seed.title = "</para><font name='Helvetica'>x</font> & <b>fett</b> \U0001f600 محمد رضایی \u200b"
    path = _write(tmp_path, render(seed))
    assert run_tool("qpdf", "--check", str(path)).returncode == 0
    assert all("Helvetica" not in row[0] and row[-5] == "yes" for row in _fonts(path))
