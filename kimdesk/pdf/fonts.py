"""The bundled DejaVu TTFs: registration as one embedded family and the glyph coverage of each face."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

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
    """ReportLab's ToUnicode CMap, but with characters beyond U+FFFF as UTF-16 surrogate pairs."""
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


class SurrogateSafeTTFont(ttfonts.TTFont):
    """A TTFont whose ToUnicode CMaps write characters beyond U+FFFF as UTF-16 surrogate pairs.

    ReportLab 5.1 writes e.g. ``<1D300>``, an odd-length string that readers reject, so a character
    beyond U+FFFF that DejaVu draws (𝌀, 🐭, mathematical letters) would not come back out of the PDF
    as text. ReportLab has no option for this; the public ``addObjects`` is extended instead: it lets
    ReportLab build the font objects, then rewrites the CMap of each subset holding such a character.
    """

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        wide = [
            (self.getSubsetInternalName(number, doc)[1:], subset)
            for number, subset in enumerate(state.subsets if state else [])
            if max(subset, default=0) > 0xFFFF
        ]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for internal_name, subset in wide:
            pdf_font = fonts[internal_name]
            cmap = doc.idToObject[pdf_font.ToUnicode.name]
            cmap.content = _to_unicode_cmap(pdf_font.BaseFont, subset)


@cache
def _register() -> FontSet:
    # Plain Flate streams: ASCII85 on top only makes the file bigger and the export slower. rl_config
    # is ReportLab's documented settings interface ("set to 0 to disable"); setting it here also keeps
    # a clerk's ~/.reportlab_settings from changing the exported files.
    rl_config.useA85 = 0
    coverage: dict[str, frozenset[int]] = {}
    for name in _FACES.values():
        font = SurrogateSafeTTFont(name, str(resource_path("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FontSet(coverage)


def register_fonts() -> FontSet:
    """Register the family once per process (thread-safe) and return its coverage."""
    with _lock:
        return _register()
