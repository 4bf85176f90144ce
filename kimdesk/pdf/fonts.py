"""The bundled DejaVu TTFs: registration as one embedded family and the glyph coverage of each face."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

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


def _utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, but with characters beyond U+FFFF as UTF-16 surrogate pairs.

    ReportLab writes e.g. ``<1F600>``, an odd-length string that readers reject, so an emoji the
    font draws (DejaVu has some) would not come back out of the PDF as text.
    """
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def _register() -> FontSet:
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    # Plain Flate streams: ASCII85 on top only makes the file bigger and the export slower.
    rl_config.useA85 = 0
    coverage: dict[str, frozenset[int]] = {}
    for name in _FACES.values():
        font = ttfonts.TTFont(name, str(resource_path("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FontSet(coverage)


def register_fonts() -> FontSet:
    """Register the family once per process (thread-safe) and return its coverage."""
    with _lock:
        return _register()
