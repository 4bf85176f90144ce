"""Any text a clerk types renders: markup prints literally, missing glyphs show, long text flows."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Callable

import pdfplumber
import pytest
from bidi.mirror import MIRRORED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.styles import PAGE_HEIGHT, PAGE_WIDTH
from kimdesk.pdf.text import REPLACEMENT, needs_bidi, normalise, plain_markup, runs, shown_text
from tests.pdf.readback import flat, page_texts, poppler_pages

Render = Callable[[Paper], bytes]
HOSTILE = '</para><para> <b>fett</b> <font name="Courier">x</font> &amp; & < > "Zitat" \'x\' ]]> &#0;'


def squeeze(text: str) -> str:
    return "".join(text.split())


def all_text(data: bytes) -> str:
    return " ".join(page_texts(data))


def test_markup_characters_are_escaped() -> None:
    markup = plain_markup(HOSTILE)
    assert "<b>" not in markup and "</para>" not in markup
    assert "&lt;/para&gt;" in markup and "&amp;amp;" in markup and "&quot;Zitat&quot;" in markup


def test_invisible_and_control_characters() -> None:
    assert normalise("a\u200bb\u200dc\ufeffd\u2060e\u200ff") == "abcdef"
    assert normalise("a\x00b\x07c\x1bd") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d"
    assert normalise("Zeile 1\r\nZeile 2\rZeile 3\tTab") == "Zeile 1\nZeile 2\nZeile 3 Tab"


def test_missing_glyphs_are_replaced_and_arabic_falls_back_to_the_regular_face() -> None:
    fonts = register_fonts()
    assert shown_text("Gruß \U0001f44d 漢!") == f"Gruß {REPLACEMENT} {REPLACEMENT}!"
    arabic = "محمد"
    assert not fonts.has_glyph(ITALIC, arabic[0])
    assert runs(arabic, ITALIC, fonts) == [(REGULAR, arabic)]
    assert runs("fett", BOLD, fonts) == [(BOLD, "fett")]


def test_hostile_text_prints_literally(render: Render, seed: Paper) -> None:
    seed.status = PaperStatus.RELEASED
    seed.title = HOSTILE
    seed.rationale = RichText(
        [
            Block(BlockKind.PARAGRAPH, [Span(HOSTILE, bold=True), Span(" und " + HOSTILE, italic=True)]),
            Block(BlockKind.NUMBERED_LIST, items=[[Span(HOSTILE)], [Span("<i>zwei</i>")]]),
            Block(BlockKind.HEADING, [Span("<h1>Überschrift</h1>")], level=1),
        ]
    )
    seed.draft_resolution = RichText.from_plain_exact(HOSTILE)
    text = squeeze(all_text(render(seed)))
    expected = squeeze(shown_text(HOSTILE))
    assert text.count(expected) >= 5
    assert squeeze("<i>zwei</i>") in text and squeeze("<h1>Überschrift</h1>") in text


def test_emoji_shows_a_visible_replacement(render: Render, seed: Paper) -> None:
    seed.rationale = RichText.from_plain(
        "Danke an alle Ehrenamtlichen \U0001f44d\U0001f3fd und \u2764\ufe0f!"
    )
    text = flat(all_text(render(seed)))
    assert f"Danke an alle Ehrenamtlichen {REPLACEMENT}{REPLACEMENT} und " in text


def test_right_to_left_names_render(render: Render, seed: Paper) -> None:
    name = "محمد رضایی"  # Persian: with ی and no reshaping
    seed.consultations[0].rapporteur = Person(name, "مدیر پروژه")
    seed.rationale = RichText(
        [Block(BlockKind.PARAGRAPH, [Span("Bericht von "), Span("علی احمدی", italic=True), Span(".")])]
    )
    text = unicodedata.normalize("NFKC", all_text(render(seed)))
    # Shaped into presentation forms and set right to left: read back (NFKC) in visual order.
    for word in ("محمد", "رضایی", "مدیر", "پروژه", "علی", "احمدی"):
        assert word[::-1] in text


def _chars_inside_margins(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                if abs(char["matrix"][1]) > 1e-6:  # the diagonal ENTWURF mark
                    continue
                assert char["x0"] >= 0 and char["x1"] <= PAGE_WIDTH, char
                assert char["top"] >= 0 and char["bottom"] <= PAGE_HEIGHT, char


LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmütze" * 15
LONG_URL = "https://www.example.org/" + "/".join(f"abschnitt{i}" for i in range(150))


@pytest.mark.parametrize("word", [LONG_WORD, LONG_URL], ids=["word", "url"])
def test_very_long_words_wrap_and_lose_nothing(render: Render, seed: Paper, word: str) -> None:
    seed.title = word[:300]
    seed.rationale = RichText.from_plain(word)
    data = render(seed)
    assert squeeze(word) in squeeze(page_texts(data)[0])
    _chars_inside_margins(data)


def test_enormous_names_flow_across_pages(render: Render, seed: Paper) -> None:
    seed.status = PaperStatus.RELEASED
    seed.consultations[0].rapporteur = Person("Erika Mustermann " * 300, "Beigeordnete " * 200)
    seed.signature.name = "Max Mustermann " * 300
    seed.consultations[0].committee = Organization("Ausschuss" * 40)
    data = render(seed)
    text = flat(all_text(data))
    assert "Ausschuss" * 40 in squeeze(text)
    # page breaks put the running header and footer between some first and last names
    assert text.count("Erika") == 300 and text.count("Max") == 300
    assert text.count("Mustermann") == 600
    _chars_inside_margins(data)


def _long_rationale(paragraphs: int) -> RichText:
    filler = "Die Verwaltung berichtet ausführlich über die Umsetzung des Programms im Quartier. " * 6
    return RichText(
        [
            Block(BlockKind.PARAGRAPH, [Span(f"Absatz{n:04d} beginnt hier. {filler}")])
            for n in range(paragraphs)
        ]
    )


def test_thirty_pages_of_begruendung_flow_with_nothing_lost(render: Render, seed: Paper) -> None:
    seed.status = PaperStatus.RELEASED
    seed.rationale = _long_rationale(220)
    pages = poppler_pages(render(seed))
    assert len(pages) >= 30
    text = flat(" ".join(pages))
    positions = [text.find(f"Absatz{n:04d} beginnt hier.") for n in range(220)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in page


def test_pasted_text_without_blank_lines_splits_across_pages(render: Render, seed: Paper) -> None:
    lines = [
        f"Zeile{n:04d} eines eingefügten Textes ohne Leerzeilen, wie er aus E-Mails kommt."
        for n in range(900)
    ]
    seed.status = PaperStatus.RELEASED
    seed.rationale = RichText([Block(BlockKind.PARAGRAPH, [Span("\n".join(lines))])])
    text = flat(" ".join(poppler_pages(render(seed))))
    assert all(f"Zeile{n:04d} eines" in text for n in range(900))


@pytest.mark.slow
def test_two_hundred_pages_render(renderer: PaperPdfRenderer, office: Office, seed: Paper) -> None:
    seed.status = PaperStatus.RELEASED
    seed.rationale = _long_rationale(1500)
    pages = poppler_pages(renderer.render_paper(seed, office))
    assert len(pages) >= 200
    assert "Absatz1499 beginnt hier." in pages[-1] or "Absatz1499 beginnt hier." in " ".join(pages[-3:])


# -- property test: generated hostile Vorlagen ---------------------------------------------------

FRAGMENTS = [
    "<",
    ">",
    "&",
    "&amp;",
    "</para>",
    "<b>",
    "</b>",
    "<font color=red>",
    "<br/>",
    '"',
    "'",
    "\U0001f600",
    "\U0001f1e9\U0001f1ea",
    "محمد",
    "رضایی",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x1b",
    "\t",
    "\n",
    "€",
    "☐☒",
    "ẞß",
    "Ärger",
    "x" * 150,
]
ALPHABET = st.characters(
    codec="utf-8",
    # Format characters come from FRAGMENTS (zero-width ones); a random soft hyphen would legitimately
    # read back as "-" where the line breaks.
    exclude_categories=("Cs", "Co", "Cn", "Cf", "Zl", "Zp", "Mn", "Me", "Mc"),
    max_codepoint=0x2FFFF,
)
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=12)), max_size=12).map(
    "".join
)


def expected_words(*parts: tuple[str, str]) -> str:
    """What must read back of (text, face) parts: as shown (missing glyphs replaced), no whitespace."""
    shown = "".join(shown_text(text, face) for text, face in parts)
    # A non-spacing or format character the font draws as nothing may not come back out; readers
    # expand ligatures such as "ﬀ", hence the comparison in NFKC.
    return squeeze(unicodedata.normalize("NFKC", "".join(c for c in shown if c.isspace() or c.isprintable())))


def assert_reads_back(text: str, *parts: tuple[str, str]) -> None:
    """The parts come back out of the PDF text: in order, or, for right-to-left text (whose lines
    are each put in visual order once the paragraph is broken, see tests/pdf/test_rtl.py for the
    order), every character of them."""
    expected = expected_words(*parts)
    if not needs_bidi("".join(t for t, _ in parts)):
        assert expected in text
        return
    # A bracket may be mirrored in one context and not in another: count a pair as one character.
    missing = Counter(_unmirrored(expected)) - Counter(_unmirrored(text))
    assert not missing, f"fehlt: {dict(missing)!r}"


def _unmirrored(text: str) -> str:
    return "".join(min(c, MIRRORED.get(c, c)) for c in text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, paragraph=TEXT, bold=TEXT, item=TEXT, resolution=TEXT, name=TEXT)
def test_generated_hostile_vorlagen_render_and_read_back(
    renderer: PaperPdfRenderer,
    office: Office,
    seed: Paper,
    title: str,
    paragraph: str,
    bold: str,
    item: str,
    resolution: str,
    name: str,
) -> None:
    paper = Paper(
        reference="26/0099",
        title=title,
        status=PaperStatus.RELEASED,
        rationale=RichText(
            [
                Block(BlockKind.PARAGRAPH, [Span(paragraph), Span(bold, bold=True), Span(item, italic=True)]),
                Block(BlockKind.BULLET_LIST, items=[[Span(item)], [Span(bold, bold=True, italic=True)]]),
                Block(BlockKind.HEADING, [Span(title)], level=2),
            ]
        ),
        consultations=[seed.consultations[0]],
        draft_resolution=RichText.from_plain_exact(resolution),
        lead_department=seed.lead_department,
    )
    paper.signature.name = name
    data = renderer.render_paper(paper, office)
    assert data.startswith(b"%PDF-")
    text = squeeze(unicodedata.normalize("NFKC", all_text(data)))
    # Faces differ in coverage (the bold one has some mathematical letters the regular lacks).
    assert_reads_back(text, (title, BOLD))
    assert_reads_back(text, (paragraph, REGULAR), (bold, BOLD), (item, ITALIC))
    assert_reads_back(text, (resolution, REGULAR))
    assert_reads_back(text, (name, REGULAR))
