"""Arabic, Persian and Hebrew names are set joined and right to left, inside German text too."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import RichText
from kimdesk.pdf import rtl
from kimdesk.pdf.text import plain_markup, shown_text
from tests.pdf.readback import flat, page_texts

ROOT = Path(__file__).resolve().parents[2]
NAME = "محمد رضایی"
COLLEAGUE = "زینب احمدی"


def readable(text: str) -> str:
    """Extracted PDF text with presentation forms folded back to letters (as a search would)."""
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def test_letters_take_their_joined_forms_in_visual_order() -> None:
    shown = shown_text(NAME)
    # رضایی then محمد, each read right to left: ی(final) ی(initial) ا(final) ض(initial) ر  ·  د م ح م
    assert shown == "\ufbfd\ufbfe\ufe8e\ufebf\ufead\u00a0\ufeaa\ufee4\ufea4\ufee3"
    assert readable(shown) == NAME[::-1]


def test_persian_letters_and_lam_alef() -> None:
    # گ چ پ joined on both sides, ژ only to the right; lam + alef is one ligature
    assert shown_text("گچپژ") == "\ufb8b\ufb59\ufb7d\ufb94"
    assert shown_text("لا") == "\ufefb"
    assert shown_text("سلام") == "\ufee1\ufefc\ufeb3"


def test_mixed_line_keeps_german_order_and_digits() -> None:
    shown = shown_text(f"Frau {COLLEAGUE} (Sprachmittlerin) seit 2021")
    assert shown.startswith("Frau ") and shown.endswith(" (Sprachmittlerin) seit 2021")
    assert readable(shown) == f"Frau {COLLEAGUE[::-1]} (Sprachmittlerin) seit 2021"
    # In right-to-left text the digits keep their order and brackets turn round.
    assert readable(shown_text("שלום (2021)")) == "(2021) םולש"


def test_text_without_rtl_characters_is_untouched() -> None:
    text = "Straße <b>&amp; 12,50 € (Anlage 1)"
    assert shown_text(text) == text
    assert plain_markup(text) == "Straße &lt;b&gt;&amp;amp; 12,50 € (Anlage 1)"


def test_markup_in_rtl_text_is_still_escaped() -> None:
    assert plain_markup("<b>محمد</b>") == "&lt;b&gt;\ufeaa\ufee4\ufea4\ufee3&lt;/b&gt;"


def test_rapporteur_and_begruendung_read_back(render: Callable[[Paper], bytes], seed: Paper) -> None:
    consultation = seed.consultations[0]
    assert consultation.rapporteur is not None
    consultation.rapporteur = dataclasses.replace(consultation.rapporteur, name=f"Dr. {NAME}")
    seed.rationale = RichText.from_plain(f"Die Beratung übernimmt Frau {COLLEAGUE} ab dem 01.03.2021.")
    text = readable(flat(" ".join(page_texts(render(seed)))))
    assert f"Dr. {NAME[::-1]}" in text
    assert f"Die Beratung übernimmt Frau {COLLEAGUE[::-1]} ab dem 01.03.2021." in text
    assert "\ufffd" not in text


def test_rtl_code_is_loaded_only_for_rtl_text() -> None:
    code = (
        "import sys\n"
        "from kimdesk.pdf.text import shown_text\n"
        "shown_text('Kommunales Integrationsmanagement')\n"
        "print('kimdesk.pdf.rtl' in sys.modules)\n"
        f"shown_text({NAME!r})\n"
        "print('kimdesk.pdf.rtl' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


RTL_LETTERS = st.sampled_from(list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأإةىي" + "אבגדהוזחטיכלמנסעפצקרשת"))
WORDS = st.one_of(
    st.text(RTL_LETTERS, min_size=1, max_size=8),
    st.sampled_from(
        ["Frau", "Herr", "Dr.", "und", "12", "2021", "(", ")", "«", "»", ",", "-", "ـ", "\u064e"]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=4),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WORDS, min_size=1, max_size=12))
def test_any_mix_of_german_and_rtl_text_renders(
    render: Callable[[Paper], bytes], seed: Paper, words: list[str]
) -> None:
    line = " ".join(words)
    seed.title = line
    seed.rationale = RichText.from_plain(f"Erster Satz {line} Ende.\n\n{line}")
    data = render(seed)
    text = readable(flat(" ".join(page_texts(data))))
    # (A line break in the words may start a right-to-left line, where the full stop goes left.)
    assert "Erster Satz" in text and "Ende" in text
    # Every Arabic or Hebrew letter that went in comes out (as a letter or its presentation form).
    wanted = [
        c for c in line if (rtl._joining(ord(c)) in ("D", "R") and c != "ـ") or "\u05d0" <= c <= "\u05ea"
    ]
    for letter in set(wanted):
        assert unicodedata.normalize("NFKC", letter) in text, letter


def test_levels_and_reorder() -> None:
    assert rtl.levels("ab אב 12") == [0, 0, 0, 1, 1, 1, 2, 2]
    assert rtl.reorder(list("abcd"), [0, 1, 1, 0]) == list("acbd")
