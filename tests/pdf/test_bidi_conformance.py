"""Unicode's conformance file BidiCharacterTest.txt, run through kimdesk's bidi layer.

python-bidi (the Rust crate unicode-bidi) resolves the levels; ``rtl.visual_order`` reads the
visual order *and* each character's level parity back out of it (see ``kimdesk.pdf.rtl``). Every
line kimdesk can be given is checked: the visual order field and, for the characters whose level
the layer reports, odd or even against the levels field. Lines with explicit embedding or isolate
controls or paragraph separators are left out: ``text.normalise`` drops those controls and splits
paragraphs before layout, so they never reach ``visual_order``.
"""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

from kimdesk.pdf import rtl

DATA = Path(__file__).parent / "unicode" / "BidiCharacterTest-15.0.0.txt.gz"
NEVER_GIVEN = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "B"}
DIRECTION = {"0": "L", "1": "R", "2": None}


def test_every_applicable_line_of_bidi_character_test_passes() -> None:
    checked = 0
    failures: list[str] = []
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            codes, direction, _, levels_field, order_field = line.rstrip("\n").split(";")
            text = "".join(chr(int(code, 16)) for code in codes.split())
            classes = [unicodedata.bidirectional(char) for char in text]
            if any(cls in NEVER_GIVEN or not cls for cls in classes):
                continue
            checked += 1
            levels = levels_field.split()
            got = rtl.visual_order(text, DIRECTION[direction])
            order = [index for index, _ in got if levels[index] != "x"]
            parity = all(
                odd == (int(levels[index]) % 2 == 1)
                for index, odd in got
                if classes[index] not in rtl.STAND_INS and levels[index] != "x"
            )
            if order != [int(i) for i in order_field.split()] or not parity:
                failures.append(f"line {number}: {codes} → {order} (parity ok: {parity})")
    assert checked > 90_000
    assert failures == [], f"{len(failures)} of {checked} lines fail, e.g. {failures[:5]}"
