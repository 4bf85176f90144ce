"""Begründung text: QTextDocument ⇄ RichText keeps structure; pasting from Word keeps only structure."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.ui.editor.richtext_edit import RichTextEdit
from kimdesk.ui.richtext_convert import document_to_richtext, richtext_to_document
from kimdesk.ui.richtext_paste import richtext_from_html
from tests.demo_data import SEED_RATIONALE

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>
p.MsoNormal {font-family:"Calibri"; color:#1F497D}</style></head><body lang=DE>
<h1 class=MsoHeading1><span style='font-family:"Arial";color:#2E74B5'>Sachstand</span></h1>
<p class=MsoNormal><span style='font-size:11.0pt;color:red'>Der Verein bietet <b>wöchentlich</b>
Sprachcafés <i>für Frauen</i> an.</span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Innenstadt</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Süd</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span><![endif]>Erstens</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span><![endif]>Zweitens</p>
<ol><li>echte Liste</li></ol>
</body></html>"""


def test_seed_rationale_round_trips(qapp: Any) -> None:
    assert document_to_richtext(richtext_to_document(SEED_RATIONALE)) == SEED_RATIONALE


def test_word_paste_keeps_structure_and_drops_fonts_and_colours(qapp: Any) -> None:
    rich = richtext_from_html(WORD_HTML)
    kinds = [b.kind for b in rich.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.BULLET_LIST,
        BlockKind.NUMBERED_LIST,
    ]
    heading, paragraph, bullets, numbers = rich.blocks
    assert heading.plain_text() == "Sachstand" and heading.level == 1
    assert [s.text for s in paragraph.spans if s.bold] == ["wöchentlich"]
    assert [s.text for s in paragraph.spans if s.italic] == ["für Frauen"]
    assert bullets.plain_text() == "• Innenstadt\n• Süd"
    assert numbers.plain_text() == "1. Erstens\n2. Zweitens\n3. echte Liste"


def test_paste_into_the_editor_goes_through_the_filter(qtbot: Any) -> None:
    edit = RichTextEdit()
    qtbot.addWidget(edit)
    mime = QMimeData()
    mime.setHtml(
        '<p style="color:red;font-size:30pt"><b>fett</b> und normal</p><table><tr><td>Zelle</td></tr></table>'
    )
    edit.insertFromMimeData(mime)
    rich = edit.richtext()
    assert rich.blocks[0].spans == [Span("fett", bold=True), Span(" und normal")]
    html = edit.toHtml()
    assert "30pt" not in html and "color:#ff0000" not in html


_text = st.text(alphabet=st.sampled_from(list("abcäöüß ÄÖÜ€§-.,1")), min_size=1, max_size=12).filter(
    lambda t: t.strip() == t and t.strip()
)
_spans = st.lists(st.builds(Span, _text, st.booleans(), st.booleans()), min_size=1, max_size=3)


def _normal(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    return merged


_block = st.one_of(
    st.builds(lambda s: Block(BlockKind.PARAGRAPH, _normal(s)), _spans),
    st.builds(
        lambda s, lv: Block(BlockKind.HEADING, [Span("".join(x.text for x in s))], level=lv),
        _spans,
        st.integers(1, 3),
    ),
    st.builds(
        lambda items, numbered: Block(
            BlockKind.NUMBERED_LIST if numbered else BlockKind.BULLET_LIST, items=[_normal(i) for i in items]
        ),
        st.lists(_spans, min_size=1, max_size=3),
        st.booleans(),
    ),
)


def _separated(blocks: list[Block]) -> list[Block]:
    """Two lists of the same kind in a row are one list on paper; keep a paragraph between them."""
    out: list[Block] = []
    for block in blocks:
        if out and out[-1].is_list and block.is_list:
            out.append(Block(BlockKind.PARAGRAPH, [Span("Zwischen")]))
        out.append(block)
    return out


@settings(max_examples=40, deadline=None)
@given(st.lists(_block, min_size=1, max_size=5))
def test_any_structure_round_trips(qapp: Any, blocks: list[Block]) -> None:
    rich = RichText(_separated(blocks))
    assert document_to_richtext(richtext_to_document(rich)) == rich


# --- issue 17: a paste never changes the characters -------------------------------------------------------

TRICKY = [
    "§ 9 TIntG regelt die Förderung.",
    "z. B. Sprachkurse",
    "1. FC Köln",
    "a) erstens",
    "- Gedankenstrich",
]

_chunk = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
        blacklist_characters="\u00ad\ufffc",
    )
    | st.sampled_from(["\n", " "]),
    max_size=12,
)
#: Arbitrary text in which paragraphs often start like list markers.
_pasted_text = st.lists(
    st.sampled_from(["", "\n", "\n\n", "§ ", "z. B. ", "1. ", "a) ", "• ", "- "]) | _chunk, max_size=8
).map("".join)


def _pasted(mime: QMimeData) -> str:
    edit = RichTextEdit()
    try:
        edit.insertFromMimeData(mime)
        return edit.richtext().plain_text()
    finally:
        edit.deleteLater()


@given(_pasted_text)
@settings(max_examples=60, deadline=None)
def test_pasting_plain_text_keeps_every_character(qapp: Any, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    assert _pasted(mime).split() == text.split()


@given(st.lists(_pasted_text, min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_pasting_html_keeps_every_character(qapp: Any, lines: list[str]) -> None:
    import html as html_module

    mime = QMimeData()
    paragraphs = "".join(f"<p class=MsoNormal>{html_module.escape(line)}</p>" for line in lines)
    mime.setHtml(f"<html><body>{paragraphs}</body></html>")
    assert _pasted(mime).split() == " ".join(lines).split()


def test_paragraphs_that_look_like_list_markers_stay_text(qtbot: Any) -> None:
    mime = QMimeData()
    mime.setHtml("".join(f"<p class=MsoNormal>{line}</p>" for line in TRICKY))
    edit = RichTextEdit()
    qtbot.addWidget(edit)
    edit.insertFromMimeData(mime)
    rich = edit.richtext()
    assert [b.kind for b in rich.blocks] == [BlockKind.PARAGRAPH] * len(TRICKY)
    assert [b.plain_text() for b in rich.blocks] == TRICKY
