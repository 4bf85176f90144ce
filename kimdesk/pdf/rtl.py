"""Right-to-left text (Arabic, Persian, Hebrew) for a PDF renderer that sets glyphs left to right.

ReportLab draws the characters of a string in the order it is given, one glyph per character. So
right-to-left text is turned into its *visual* form by two maintained libraries:

* **Shaping** (Arabic script) by ``arabic-reshaper``: each letter becomes the presentation form
  (isolated, initial, medial, final) its neighbours call for, lam + alef become one ligature. Vowel
  signs (harakat) are kept. A form the font lacks is set as the plain letter (readable, not joined).
* **Reordering** by ``python-bidi``, which wraps the Rust crate ``unicode-bidi`` (the full Unicode
  bidirectional algorithm, bracket pairs included), base direction from the first strong character
  of each line. Mirrored characters (brackets, guillemets) at a right-to-left level take their
  mirror glyph (rule L4) from python-bidi's table.

python-bidi returns only the reordered string, no levels and no index map. Bold and italic must
travel with their characters, and mirroring needs each character's level, so :func:`visual_order`
derives both from the library's own output: every character it may tag gets a pair of combining
marks (class NSM) right after it. Rule W1 gives a mark its base character's type, so the marks
change no level, and they come out beside their character: after it at an even level, before it at
an odd one (reversed). The few classes a mark would disturb (separators, spaces, boundary neutrals)
are told apart by substituting characters of the same class bit by bit over a few calls. The
Unicode conformance file ``BidiCharacterTest.txt`` checks this in tests/pdf/test_bidi_conformance.py.

Only modules that find a right-to-left character import this one (``needs_bidi`` is the cheap test),
so exporting a Vorlage without such text costs nothing and gives the very same bytes as before.

Shaping happens when the markup is made (``text.span_markup``); reordering happens per line, once
a paragraph is broken into lines (``kimdesk.pdf.bidipara``), or at once for a one-line canvas string
(``text.shown_text``). Reordering a line on its own keeps the paragraph's base direction, but
resolves neutrals at its ends without the next line's characters: at a break between a number and
a neutral the two may resolve differently than the unbroken paragraph would (UAX #9 resolves levels
per paragraph); within a line, the order is exactly the library's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.ligatures import LIGATURES
from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

T = TypeVar("T")

# --- shaping ------------------------------------------------------------------------------------------
#: The ligatures Arabic typography requires (lam + alef and its hamza/madda variants); the optional
#: word and letter ligatures stay off, as in a word processor.
_LAM_ALEF = {name for name, _ in LIGATURES if name.startswith("ARABIC LIGATURE LAM WITH ALEF")} - {
    "ARABIC LIGATURE LAM WITH ALEF MAKSURA"
}
_RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,  # nothing typed is dropped
        "delete_tatweel": False,
        "support_ligatures": True,
        **{name: name in _LAM_ALEF for name, _ in LIGATURES},
    }
)
#: Each ligature character and the letters it stands for.
_LIGATURE_LETTERS = {
    form: match for name, (match, forms) in LIGATURES if name in _LAM_ALEF for form in forms if form
}


def shape(chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool]) -> list[tuple[str, T]]:
    """Arabic letters in their joined forms; each output character keeps its letter's attribute.

    arabic-reshaper keeps the logical order and emits one character per letter or haraka, except
    that a ligature stands for several letters (the later ones vanish); that is the whole mapping.
    """
    shaped = _RESHAPER.reshape("".join(c for c, _ in chars))
    out: list[tuple[str, T]] = []
    src = absorbed = 0
    for char in shaped:
        while absorbed and not HARAKAT_RE.match(chars[src][0]):
            src, absorbed = src + 1, absorbed - 1  # a letter drawn by the previous ligature
        source, attr = chars[src]
        letters = source if char == source else _LIGATURE_LETTERS.get(char, source)
        absorbed = len(letters) - 1
        if has_glyph(ord(char)):
            out.append((char, attr))
        else:  # no glyph for the joined form: the letters as typed (readable, just not joined)
            out.extend((letter, attr) for letter in letters)
        src += 1
    return out


# --- reordering ---------------------------------------------------------------------------------------
#: Two marks after a character tag it: one from each range, 64 × 64 characters per call of the library.
_TAG_FIRST = [chr(c) for c in range(0x0300, 0x0340)]
_TAG_SECOND = [chr(c) for c in range(0x1DC0, 0x1E00)]
_FIRST = {c: i for i, c in enumerate(_TAG_FIRST)}
_SECOND = {c: i for i, c in enumerate(_TAG_SECOND)}
_PER_CALL = len(_TAG_FIRST) * len(_TAG_SECOND)
#: Classes a mark after the character would disturb (W4 counts single separators, L1 trailing
#: whitespace), with two stand-ins each of the same class: bit 0 and bit 1.
STAND_INS = {
    "ES": ("+", "-"),
    "CS": (",", "."),
    "WS": (" ", "\u2002"),
    "BN": ("\u00ad", "\u2061"),
    "S": ("\t", "\x1f"),
}
_BIT_ONE = frozenset(pair[1] for pair in STAND_INS.values())
#: Stand-in (class NSM, outside both tag ranges) for a mark the user typed from those ranges.
_MARK = "\u0483"


def visual_order(text: str, base: str | None = None) -> list[tuple[int, bool]]:
    """For each visual position of one line: (logical index, whether its level is odd, i.e. RTL).

    ``base`` is ``"L"`` or ``"R"`` to set the paragraph direction, ``None`` to take it from the text.

    The level is only known (and only needed, for mirroring) for characters outside
    ``STAND_INS``; for those the flag is ``False``.
    """
    classes = [unicodedata.bidirectional(c) for c in text]
    plain = [i for i, cls in enumerate(classes) if cls in STAND_INS]
    tagged = [i for i, cls in enumerate(classes) if cls not in STAND_INS]
    logical = [-1] * len(text)
    odd = [False] * len(text)
    ranks = [0] * len(text)  # per visual position of a plain character: its rank among them, bit by bit
    calls = max(1, -(-len(tagged) // _PER_CALL), (len(plain) - 1).bit_length())
    for call in range(calls):
        chunk = tagged[call * _PER_CALL : (call + 1) * _PER_CALL]
        shown = get_display(_probe(text, classes, plain, chunk, call), base_dir=base)
        for position, (tag, rtl, bit) in enumerate(_read_probe(shown)):
            if tag is not None:
                logical[position], odd[position] = chunk[tag], rtl
            ranks[position] |= bit << call
    order = [
        (index if index >= 0 else plain[rank] if rank < len(plain) else -1, rtl)
        for index, rtl, rank in zip(logical, odd, ranks, strict=True)
    ]
    if sorted(index for index, _ in order) != list(range(len(text))):
        return _matched_order(text, base)
    return order


def _matched_order(text: str, base: str | None) -> list[tuple[int, bool]]:
    """Fallback should the library classify a character differently from ``unicodedata`` (a newer
    Unicode version): its visual string, each character matched to its first unused occurrence."""
    unused: dict[str, list[int]] = {}
    for index in reversed(range(len(text))):
        unused.setdefault(text[index], []).append(index)
    return [(unused[char].pop(), False) for char in str(get_display(text, base_dir=base))]


def _probe(text: str, classes: list[str], plain: list[int], chunk: list[int], call: int) -> str:
    """The line for one call: tagged characters of ``chunk`` followed by their marks, plain ones
    replaced by the stand-in for bit ``call`` of their rank."""
    rank = {index: r for r, index in enumerate(plain)}
    tag = {index: k for k, index in enumerate(chunk)}
    out = []
    for i, char in enumerate(text):
        if i in rank:
            out.append(STAND_INS[classes[i]][rank[i] >> call & 1])
            continue
        out.append(_MARK if char in _FIRST or char in _SECOND else char)
        if i in tag:
            first, second = divmod(tag[i], len(_TAG_SECOND))
            out.append(_TAG_FIRST[first] + _TAG_SECOND[second])
    return "".join(out)


def _read_probe(shown: str) -> list[tuple[int | None, bool, int]]:
    """Per visual character of the library's answer: (tag number or None, at an odd level, stand-in bit)."""
    out: list[tuple[int | None, bool, int]] = []
    j = 0
    while j < len(shown):
        ahead = shown[j : j + 3]
        if len(ahead) == 3 and ahead[0] in _SECOND and ahead[1] in _FIRST:  # reversed: mark, mark, char
            out.append((_FIRST[ahead[1]] * len(_TAG_SECOND) + _SECOND[ahead[0]], True, 0))
            j += 3
        elif len(ahead) == 3 and ahead[1] in _FIRST and ahead[2] in _SECOND:  # char, mark, mark
            out.append((_FIRST[ahead[1]] * len(_TAG_SECOND) + _SECOND[ahead[2]], False, 0))
            j += 3
        else:
            out.append((None, False, int(ahead[0] in _BIT_ONE)))
            j += 1
    return out


def reorder(
    chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool], base: str | None = None
) -> list[tuple[str, T]]:
    """One line of (shaped) (character, attribute) pairs → visual order, mirrored where RTL.

    The attribute (e.g. the span a character came from) travels with its character. ``base`` as
    in :func:`visual_order`.
    """
    out: list[tuple[str, T]] = []
    for index, rtl in visual_order("".join(c for c, _ in chars), base):
        char, attr = chars[index]
        mirror = MIRRORED.get(char) if rtl else None
        out.append((mirror if mirror and has_glyph(ord(mirror)) else char, attr))
    return out


def base_direction(text: str) -> str:
    """``"R"`` if the first strong character of ``text`` is right-to-left, else ``"L"`` (rules P2, P3)."""
    return "R" if text and get_base_level(text) else "L"


def visual(chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool]) -> list[tuple[str, T]]:
    """A text of (character, attribute) pairs, shaped and line by line (``\\n`` separates) in visual order."""
    out: list[tuple[str, T]] = []
    line: list[tuple[str, T]] = []
    for pair in shape(chars, has_glyph):
        if pair[0] == "\n":
            out.extend(reorder(line, has_glyph))
            out.append(pair)
            line = []
        else:
            line.append(pair)
    out.extend(reorder(line, has_glyph))
    return out
