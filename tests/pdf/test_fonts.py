"""Characters beyond U+FFFF that DejaVu draws come back out of the PDF, without patching ReportLab."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase import ttfonts

from kimdesk.domain.model import Paper
from kimdesk.pdf.fonts import REGULAR, register_fonts
from tests.pdf.readback import page_texts

TETRAGRAM = "\U0001d300"  # 𝌀, drawn by DejaVu Sans
MOUSE = "\U0001f42d"  # 🐭, drawn by DejaVu Sans


def test_characters_beyond_the_basic_plane_copy_out(render: Callable[[Paper], bytes], seed: Paper) -> None:
    assert register_fonts().has_glyph(REGULAR, TETRAGRAM) and register_fonts().has_glyph(REGULAR, MOUSE)
    seed.title = f"Zeichen {TETRAGRAM} und Maus {MOUSE} im Titel"
    text = " ".join(page_texts(render(seed)))
    assert f"Zeichen {TETRAGRAM} und Maus {MOUSE} im Titel" in text


def test_reportlab_module_is_left_as_shipped() -> None:
    register_fonts()
    assert ttfonts.makeToUnicodeCMap.__module__ == "reportlab.pdfbase.ttfonts"
