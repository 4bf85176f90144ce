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
from kimdesk.domain.richtext import Block, RichText, Span
from kimdesk.pdf import rtl
from kimdesk.pdf.styles import FRAME_WIDTH, LEFT_MARGIN
from kimdesk.pdf.text import needs_bidi, plain_markup, shown_text, span_markup
from tests.pdf.readback import flat, page_texts, text_lines

ROOT = Path(__file__).resolve().parents[2]
NAME = "محمد رضایی"
COLLEAGUE = "زینب احمدی"


def readable(text: str) -> str:
    """Extracted PDF text with presentation forms folded back to letters (as a search would)."""
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def test_letters_take_their_joined_forms_in_visual_order() -> None:
    shown = shown_text(NAME)
    # رضایی then محمد, each read right to left: ی(final) ی(initial) ا(final) ض(initial) ر  ·  د م ح م
    assert shown == "\ufbfd\ufbfe\ufe8e\ufebf\ufead \ufeaa\ufee4\ufea4\ufee3"
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
    # Paragraph markup keeps the logical order (lines are reordered once broken), shaped and escaped.
    assert plain_markup("<b>محمد</b>") == "&lt;b&gt;\ufee3\ufea4\ufee4\ufeaa&lt;/b&gt;"


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


RTL_LETTERS_TEXT = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأإةىي" + "אבגדהוזחטיכלמנסעפצקרשת"
RTL_LETTERS = st.sampled_from(list(RTL_LETTERS_TEXT))
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
    wanted = [c for c in line if c in RTL_LETTERS_TEXT]
    for letter in set(wanted):
        assert unicodedata.normalize("NFKC", letter) in text, letter


def pdf_line(render: Callable[[Paper], bytes], seed: Paper, text: str) -> str:
    """The PDF line (read back, presentation forms folded) on which ``text``'s Begründung is set."""
    seed.rationale = RichText.from_plain(text)
    lines = [readable(str(line["text"])) for line in text_lines(render(seed))]
    first = text.split()[0] + " "
    return next(line for line in lines if line.startswith(first))


def test_hebrew_after_a_number_reads_right_to_left_in_the_pdf(
    render: Callable[[Paper], bytes], seed: Paper
) -> None:
    # The number stays left of the Hebrew word; the word's letters are set last letter first.
    assert pdf_line(render, seed, "Raum 12 שלום") == "Raum 12 םולש"


def test_persian_name_in_german_text_in_the_pdf(render: Callable[[Paper], bytes], seed: Paper) -> None:
    # The surname comes first (leftmost), each word reads right to left, the German stays in order.
    assert pdf_line(render, seed, f"Herr {NAME} (Beirat)") == f"Herr {NAME[::-1]} (Beirat)"


def test_brackets_around_hebrew_pair_up_in_the_pdf(render: Callable[[Paper], bytes], seed: Paper) -> None:
    # Rule N0: the bracket pair around Hebrew inside Hebrew text goes with the Hebrew and turns
    # round (mirrored); without it the text reads "Anhörung דג) בא) heute".
    line = pdf_line(render, seed, "Anhörung אב (גד) heute")
    assert line == "Anhörung (דג) בא heute"


def test_numbers_and_punctuation_inside_rtl_text() -> None:
    # Digits keep their order, the comma and the full stop stay with the Hebrew they follow.
    assert readable(shown_text("שלום (2021)")) == "(2021) םולש"
    assert readable(shown_text("גד 1.250,50 אב.")) == ".בא 1.250,50 דג"
    assert readable(shown_text("Herr אב, Frau גד.")) == "Herr בא, Frau דג."


def test_bold_letters_inside_a_hebrew_word_stay_bold(render: Callable[[Paper], bytes], seed: Paper) -> None:
    # שלום with ל bold: in the PDF (left to right: ם ו ל ש) the third glyph is the bold one.
    seed.rationale = RichText(
        [
            Block(
                spans=[Span("Raum "), Span("ש"), Span("ל", bold=True), Span("ום"), Span(" Ende", italic=True)]
            )
        ]
    )
    line = next(line for line in text_lines(render(seed)) if str(line["text"]).startswith("Raum "))
    chars = [c for c in line["chars"] if isinstance(c, dict) and c["text"].strip()]  # type: ignore[union-attr]
    # Per glyph, left to right: its letter, and b for bold, i for italic, - for regular.
    shown = [
        (c["text"], "b" if "Bold" in c["fontname"] else "i" if "Oblique" in c["fontname"] else "-")
        for c in chars
    ]
    assert "".join(t for t, _ in shown) == "Raumםולש" + "Ende"
    assert "".join(f for _, f in shown) == "------b-" + "iiii"


def test_visual_order_tells_the_level_of_mirrored_characters() -> None:
    # «» around Hebrew in a Hebrew line are at an odd level (mirrored), () around a Latin letter
    # at an even one; the Latin part keeps its order at the left.
    order = rtl.visual_order("אב «גד» x (y)")
    assert [index for index, _ in order] == [8, 9, 10, 11, 12, 7, 6, 5, 4, 3, 2, 1, 0]
    odd = dict(order)
    assert odd[3] and odd[6]  # « » at the right-to-left level
    assert not odd[10] and not odd[12]  # ( ) around the German letter


def test_a_bold_letter_after_lam_alef_stays_bold() -> None:
    # سلام with the final م bold: ل + ا become one ligature, and the م after it is still the bold one.
    markup = span_markup([("سلا", False, False), ("م", True, False)])
    assert markup == '\ufeb3\ufefc<font name="DejaVuSans-Bold">\ufee1</font>'


def test_a_wrapping_hebrew_paragraph_starts_on_the_top_line(
    render: Callable[[Paper], bytes], seed: Paper
) -> None:
    # 60 different Hebrew words, more than two lines' worth: read right to left, top line first,
    # the lines give the words in the order they were typed (the top line holds the first ones).
    letters = "אבגדהוזחטיכלמנסעפצקרשת"
    words = [letters[i % 22] + letters[(i * 7 + 3) % 22] + letters[(i // 3) % 22] for i in range(60)]
    seed.rationale = RichText.from_plain(" ".join(words))
    rtl_lines = [line for line in text_lines(render(seed)) if needs_bidi(str(line["text"]))]
    lines = [str(line["text"]) for line in rtl_lines]
    assert len(lines) >= 2
    assert [word for line in lines for word in line[::-1].split()] == words
    # A paragraph of right-to-left lines is aligned right: each line ends at the right margin.
    assert all(abs(float(line["x1"]) - (LEFT_MARGIN + FRAME_WIDTH)) < 1 for line in rtl_lines)


def test_a_hebrew_paragraph_longer_than_a_page_keeps_its_order(
    render: Callable[[Paper], bytes], seed: Paper
) -> None:
    # 1,500 words over several pages: the paragraph splits at page ends and reads on in order.
    letters = "אבגדהוזחטיכלמנסעפצקרשת"
    words = [letters[i % 22] + letters[(i // 22) % 22] + letters[(i // 484) % 22] for i in range(1500)]
    seed.rationale = RichText.from_plain(" ".join(words))
    rtl_lines = [line for line in text_lines(render(seed)) if needs_bidi(str(line["text"]))]
    assert len({line["page"] for line in rtl_lines}) >= 2
    assert [word for line in rtl_lines for word in str(line["text"])[::-1].split()] == words


def test_an_empty_line_in_a_paragraph_with_rtl_text(render: Callable[[Paper], bytes], seed: Paper) -> None:
    # Found by the property test: a bold Arabic name followed by a line break that ends the paragraph.
    seed.rationale = RichText([Block(spans=[Span(NAME, bold=True), Span("\n")])])
    assert rtl.base_direction("") == "L"
    assert NAME.split()[1][::-1] in readable(flat(" ".join(page_texts(render(seed)))))
