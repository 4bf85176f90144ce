"""User text to safe ReportLab paragraph markup: escaping, glyph fallback, invisible characters.

Every string a clerk typed passes through here before it reaches a ``Paragraph``; nothing is ever
pasted into markup as it is. Rules:

* ``<``, ``>``, ``&`` and quotes are escaped, so ``</para>`` or ``<font>`` print literally.
* Zero-width and bidi-control characters (U+200B–U+200F, U+202A–U+202E, U+2060, U+2066–U+2069,
  U+FEFF) are dropped: they are invisible anyway and the PDF reads the same without them.
* Other control characters (except line breaks and tabs) and lone surrogates become U+FFFD "�".
* A character the span's face lacks but the regular face has (e.g. Arabic inside italics) is set in
  the regular face; a character no face has (emoji …) is replaced visibly by U+FFFD, never dropped.
* Line breaks become ``<br/>``, tabs a space.
* Right-to-left text (Arabic, Persian, Hebrew) is shaped by ``kimdesk.pdf.rtl``, imported only
  when a paragraph holds such a character; such a paragraph is put in visual order line by line
  once it is broken into lines (``kimdesk.pdf.bidipara``), a canvas string (``shown_text``) at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kimdesk.pdf.fonts import REGULAR, FontSet, register_fonts

REPLACEMENT = "\ufffd"

INVISIBLE = frozenset(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\t": " "})
# xml.sax.saxutils.escape would do, but importing it pulls in urllib and http (~30 ms at start-up).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


#: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic presentation forms, and the
#: right-to-left blocks beyond the BMP: a paragraph without any of these is set as it is.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def needs_bidi(text: str) -> bool:
    """Whether ``text`` holds a right-to-left character (and so needs shaping and reordering)."""
    return _RTL.search(text) is not None


def visual_spans(spans: list[tuple[str, bool, bool]], fonts: FontSet) -> list[tuple[str, bool, bool]]:
    """Normalised spans of one paragraph, shaped and in visual order (see ``kimdesk.pdf.rtl``)."""
    from kimdesk.pdf import rtl

    return _spans_of(rtl.visual(_pairs(spans), fonts.coverage[REGULAR].__contains__))


def shaped_spans(spans: list[tuple[str, bool, bool]], fonts: FontSet) -> list[tuple[str, bool, bool]]:
    """Normalised spans with Arabic letters joined, still in logical order: a paragraph is put in
    visual order line by line once it is broken into lines (``kimdesk.pdf.bidipara``)."""
    from kimdesk.pdf import rtl

    return _spans_of(rtl.shape(_pairs(spans), fonts.coverage[REGULAR].__contains__))


def _pairs(spans: list[tuple[str, bool, bool]]) -> list[tuple[str, tuple[bool, bool]]]:
    return [(char, (bold, italic)) for text, bold, italic in spans for char in text]


def _spans_of(pairs: list[tuple[str, tuple[bool, bool]]]) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    for char, (bold, italic) in pairs:
        if out and out[-1][1:] == (bold, italic):
            out[-1] = (out[-1][0] + char, bold, italic)
        else:
            out.append((char, bold, italic))
    return out


def escape(text: str) -> str:
    """``&``, ``<``, ``>`` and both quotes as XML entities."""
    return text.translate(_ESCAPES)


def normalise(text: str) -> str:
    """Line breaks to ``\\n``, tabs to spaces, invisible characters out, control characters visible."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    if text.replace("\n", "").isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if code in INVISIBLE:
            continue
        if char != "\n" and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            out.append(REPLACEMENT)
        else:
            out.append(char)
    return "".join(out)


def runs(text: str, face: str, fonts: FontSet) -> list[tuple[str, str]]:
    """Split normalised ``text`` into (face, text) runs every character of which the face can show."""
    coverage = fonts.coverage[face]
    if all(ord(c) in coverage for c in set(text) - {"\n"}):
        return [(face, text)] if text else []
    regular = fonts.coverage[REGULAR]
    result: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        if char == "\n" or code in coverage:
            target, shown = face, char
        elif code in regular:
            target, shown = REGULAR, char
        else:
            target, shown = (face if ord(REPLACEMENT) in coverage else REGULAR), REPLACEMENT
        if result and result[-1][0] == target:
            result[-1] = (target, result[-1][1] + shown)
        else:
            result.append((target, shown))
    return result


def markup_run(face: str, text: str, base_face: str) -> str:
    body = escape(text).replace("\n", "<br/>")
    if face == base_face:
        return body
    return f'<font name="{face}">{body}</font>'


def span_markup(
    spans: Iterable[tuple[str, bool, bool]],
    *,
    base_bold: bool = False,
    base_italic: bool = False,
    fonts: FontSet | None = None,
) -> str:
    """Markup for (text, bold, italic) spans in a paragraph whose style sets ``base_*``."""
    fonts = fonts or register_fonts()
    base_face = fonts.face(base_bold, base_italic)
    parts: list[str] = []
    clean = [(normalise(text), bold, italic) for text, bold, italic in spans]
    if any(needs_bidi(text) for text, _, _ in clean):
        clean = shaped_spans(clean, fonts)
    for text, bold, italic in clean:
        face = fonts.face(base_bold or bold, base_italic or italic)
        for run_face, run_text in runs(text, face, fonts):
            parts.append(markup_run(run_face, run_text, base_face))
    return "".join(parts)


def plain_markup(text: str, *, bold: bool = False, italic: bool = False, fonts: FontSet | None = None) -> str:
    """Markup for one plain string typed by a user, in a style of the given weight and slant."""
    return span_markup([(text, False, False)], base_bold=bold, base_italic=italic, fonts=fonts)


def shown_text(text: str, face: str = REGULAR, fonts: FontSet | None = None) -> str:
    """The text as it will read in the PDF (for canvas strings such as the running header)."""
    fonts = fonts or register_fonts()
    text = normalise(text).replace("\n", " ")
    if needs_bidi(text):
        text = "".join(t for t, _, _ in visual_spans([(text, False, False)], fonts))
    return "".join(t for _, t in runs(text, face, fonts))
