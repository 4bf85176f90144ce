"""The bundled DejaVu TTFs: registration as one embedded family and the glyph coverage of each face."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kimdesk.resources import resource_path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FACES = {
    (False, False): REGULAR,
    (True, False): BOLD,
    (False, True): ITALIC,
    (True, True): BOLD_ITALIC,
}

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class FontSet:
    """The registered faces and the code points each of them can show."""

    coverage: dict[str, frozenset[int]]

    def face(self, bold: bool = False, italic: bool = False) -> str:
        return _FACES[(bold, italic)]

    def has_glyph(self, face: str, char: str) -> bool:
        return ord(char) in self.coverage[face]


@cache
def _register() -> FontSet:
    # Plain Flate streams: ASCII85 on top only makes the file bigger and the export slower.
    rl_config.useA85 = 0
    coverage: dict[str, frozenset[int]] = {}
    for name in _FACES.values():
        font = TTFont(name, str(resource_path("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FontSet(coverage)


def register_fonts() -> FontSet:
    """Register the family once per process (thread-safe) and return its coverage."""
    with _lock:
        return _register()
