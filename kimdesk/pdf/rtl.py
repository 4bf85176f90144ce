"""Right-to-left text (Arabic, Persian, Hebrew) for a PDF renderer that sets glyphs left to right.

ReportLab draws the characters of a string in the order it is given, one glyph per character. So a
paragraph holding right-to-left text is turned into its *visual* form before it becomes markup:

* **Shaping** (Arabic script): each letter becomes the presentation form (isolated, initial, medial,
  final; lam-alef ligatures) that its neighbours call for, so the letters join. The forms come from
  the Unicode database (``unicodedata.decomposition``: ``<initial> 0628`` …), no table of our own. A
  form the font lacks is left as the plain letter (still readable, just not joined there).
* **Reordering**: the Unicode bidirectional algorithm for text without explicit embeddings (rules
  P2–P3, W1–W7, N1–N2, I1–I2, L1–L2, mirrored brackets), with the base direction taken from the
  first strong character of each line of the text. A German sentence with an Arabic name stays left
  to right, the name reads right to left; digits keep their order.

Only modules that find a right-to-left character import this one (``needs_bidi`` is the cheap test),
so exporting a Vorlage without such text costs nothing and gives the very same bytes as before.

Limit: the order is resolved per paragraph (per line break the user typed) before ReportLab breaks
the paragraph into lines. A right-to-left passage that itself wraps onto a second line is therefore
set with its *lines* in the wrong order (every line still reads right). Names and short phrases, the
case in a Vorlage, are kept together with no-break spaces so they never wrap inside.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

T = TypeVar("T")

#: A right-to-left run up to this many characters is kept on one line (its spaces do not break).
KEEP_TOGETHER = 40
NBSP = "\u00a0"

_FORMS = ("isolated", "final", "initial", "medial")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_STRONG_RTL = ("R", "AL")
_NEUTRAL = ("B", "S", "WS", "ON", "BN")
TATWEEL = 0x0640


@cache
def _tables() -> tuple[dict[int, dict[str, int]], dict[tuple[int, int], dict[str, int]]]:
    """Presentation forms by base letter, and lam-alef ligatures by (lam, alef)."""
    forms: dict[int, dict[str, int]] = {}
    ligatures: dict[tuple[int, int], dict[str, int]] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) < 2 or parts[0][1:-1] not in _FORMS:
            continue
        form, bases = parts[0][1:-1], tuple(int(p, 16) for p in parts[1:])
        if len(bases) == 1:
            forms.setdefault(bases[0], {}).setdefault(form, code)
        elif len(bases) == 2 and bases[0] == 0x0644:  # lam + alef variants
            ligatures.setdefault((bases[0], bases[1]), {}).setdefault(form, code)
    return forms, ligatures


def _joining(code: int) -> str:
    """``D`` joins on both sides, ``R`` only to the preceding letter, ``T`` transparent, ``U`` none."""
    if code == TATWEEL:
        return "D"
    if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf"):
        return "T"
    forms = _tables()[0].get(code)
    if not forms:
        return "U"
    return "D" if "initial" in forms or "medial" in forms else ("R" if "final" in forms else "U")


def shape(text: str, has_glyph: Callable[[int], bool]) -> str:
    """``text`` (logical order) with Arabic letters in their joined presentation forms."""
    forms, ligatures = _tables()
    codes = [ord(c) for c in text]
    joining = [_joining(c) for c in codes]
    out: list[str] = []
    index = 0
    while index < len(codes):
        code, kind = codes[index], joining[index]
        if kind not in ("D", "R") or code == TATWEEL:
            out.append(chr(code))
            index += 1
            continue
        prev = _neighbour(joining, index, -1)
        nxt = _neighbour(joining, index, +1)
        joins_prev = prev is not None and joining[prev] == "D"
        joins_next = kind == "D" and nxt is not None and joining[nxt] in ("D", "R")
        if nxt is not None and (code, codes[nxt]) in ligatures and nxt == index + 1:
            ligature = ligatures[(code, codes[nxt])].get("final" if joins_prev else "isolated")
            if ligature is not None and has_glyph(ligature):
                out.append(chr(ligature))
                index += 2
                continue
        form = (
            ("medial" if joins_next else "final") if joins_prev else ("initial" if joins_next else "isolated")
        )
        shaped = forms.get(code, {}).get(form)
        out.append(chr(shaped) if shaped is not None and has_glyph(shaped) else chr(code))
        index += 1
    return "".join(out)


def _neighbour(joining: Sequence[str], index: int, step: int) -> int | None:
    """The next non-transparent character's index in direction ``step``."""
    index += step
    while 0 <= index < len(joining):
        if joining[index] != "T":
            return index
        index += step
    return None


def levels(text: str) -> list[int]:
    """Resolved embedding levels of one line of text (no explicit embeddings, no paragraph breaks)."""
    types = [unicodedata.bidirectional(c) or "L" for c in text]
    base = next((1 if t in _STRONG_RTL else 0 for t in types if t in ("L", "R", "AL")), 0)
    sor = "R" if base else "L"
    # W1–W3
    prev, strong = sor, sor
    for i, t in enumerate(types):
        if t == "NSM":
            t = types[i] = prev
        if t == "EN" and strong == "AL":
            types[i] = "AN"
        if t in ("L", "R", "AL"):
            strong = t
        prev = types[i]
    types = ["R" if t == "AL" else t for t in types]
    # W4
    for i in range(1, len(types) - 1):
        if types[i] == "ES" and types[i - 1] == types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: European terminators next to European numbers
    for i, t in enumerate(types):
        if t != "ET":
            continue
        end = i
        while end < len(types) and types[end] == "ET":
            end += 1
        if (i > 0 and types[i - 1] == "EN") or (end < len(types) and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
    # W6, W7
    strong = sor
    for i, t in enumerate(types):
        if t in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"
    # N1–N2
    i = 0
    while i < len(types):
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < len(types) and types[end] in _NEUTRAL:
            end += 1
        before = sor if i == 0 else ("R" if types[i - 1] in ("R", "EN", "AN") else "L")
        after = sor if end == len(types) else ("R" if types[end] in ("R", "EN", "AN") else "L")
        resolved = before if before == after else sor
        types[i:end] = [resolved] * (end - i)
        i = end
    # I1–I2
    result = []
    for t in types:
        if base == 0:
            result.append(1 if t == "R" else 2 if t in ("AN", "EN") else 0)
        else:
            result.append(2 if t in ("L", "EN", "AN") else 1)
    # L1: trailing whitespace at the base level
    end = len(text)
    while end > 0 and unicodedata.bidirectional(text[end - 1]) in ("WS", "S", "BN"):
        end -= 1
        result[end] = base
    return result


def reorder(items: Sequence[T], item_levels: Sequence[int]) -> list[T]:
    """Rule L2: reverse every run at or above each odd level, from the highest level down."""
    order = list(range(len(items)))
    if not item_levels:
        return []
    top = max(item_levels)
    lowest_odd = min((lv for lv in item_levels if lv % 2), default=top + 1)
    lv_of = list(item_levels)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if lv_of[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and lv_of[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    return [items[k] for k in order]


def visual_line(chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool]) -> list[tuple[str, T]]:
    """One line of (character, attribute) pairs in logical order → shaped, in visual order.

    The attribute (e.g. the span a character came from) travels with its character.
    """
    if not chars:
        return []
    shaped = _shape_pairs(chars, has_glyph)
    text = "".join(c for c, _ in shaped)
    line_levels = levels(text)
    out = []
    for (char, attr), level in zip(shaped, line_levels, strict=True):
        if level % 2:
            char = char.translate(_MIRROR)
        out.append((char, attr))
    _keep_short_rtl_runs_together(out, line_levels)
    return reorder(out, line_levels)


def _shape_pairs(chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool]) -> list[tuple[str, T]]:
    """Shape the joined text, keeping each output character's attribute (ligatures take the first)."""
    result: list[tuple[str, T]] = []
    text = "".join(c for c, _ in chars)
    shaped = shape(text, has_glyph)
    if len(shaped) == len(text):
        return [(s, attr) for s, (_, attr) in zip(shaped, chars, strict=True)]
    # Ligatures made the text shorter: shape again letter by letter to map the attributes.
    src = 0
    for out_char in shaped:
        result.append((out_char, chars[src][1]))
        decomposed = unicodedata.decomposition(out_char).split()
        src += 2 if len(decomposed) == 3 and decomposed[0][1:-1] in _FORMS else 1
    return result


def _keep_short_rtl_runs_together(chars: list[tuple[str, T]], line_levels: Sequence[int]) -> None:
    """Spaces inside a short right-to-left run (a name) become no-break spaces, in place."""
    i = 0
    while i < len(chars):
        if line_levels[i] % 2 == 0:
            i += 1
            continue
        end = i
        while end < len(chars) and line_levels[end] % 2:
            end += 1
        # trim the run to its letters: spaces at its edges may still break
        start, stop = i, end
        while start < stop and chars[start][0] == " ":
            start += 1
        while stop > start and chars[stop - 1][0] == " ":
            stop -= 1
        if stop - start <= KEEP_TOGETHER:
            for k in range(start, stop):
                if chars[k][0] == " ":
                    chars[k] = (NBSP, chars[k][1])
        i = end


def visual(chars: Sequence[tuple[str, T]], has_glyph: Callable[[int], bool]) -> list[tuple[str, T]]:
    """A text of (character, attribute) pairs, line by line (``\\n`` separates), in visual order."""
    out: list[tuple[str, T]] = []
    line: list[tuple[str, T]] = []
    for pair in chars:
        if pair[0] == "\n":
            out.extend(visual_line(line, has_glyph))
            out.append(pair)
            line = []
        else:
            line.append(pair)
    out.extend(visual_line(line, has_glyph))
    return out
