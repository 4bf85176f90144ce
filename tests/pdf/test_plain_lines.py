"""A one-line paragraph without markup is set as a string (``LaidOutParagraph.plain``): on the page it
must look exactly as ReportLab's own Paragraph sets it, in the page's flow, in table cells, across
a page break and where it does not fit on one line."""

from __future__ import annotations

from PIL import ImageChops
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from kimdesk.pdf.cells import make_table, text_cell
from kimdesk.pdf.flowables import LaidOutParagraph, cached_paragraph
from kimdesk.pdf.styles import Styles, styles
from tests.pdf.story_pixels import page_pictures, story_pdf

#: Markup of the form's one-line texts: labels, check boxes (entities), names, right-aligned numbers.
LINES = (
    ("Begründung:", "label"),
    ("☒ keine&nbsp;&nbsp;&nbsp;&nbsp;☐ folgende", "body"),
    ("Müller &amp; Söhne – „Beschluss“ &lt;Entwurf&gt;", "value_bold"),
    ("Vorlage Nr. 20/0270", "reference"),
    ("1.234.567,89 €", "cell_right_bold"),
    ("Zahl der erforderlichen Protokollauszüge: ______", "small"),
)
LONG = "Ein Satz, der nicht auf eine Zeile passt, " * 4


def _story(make: type[Paragraph] | None, st: Styles, filler: float = 0) -> list[Flowable]:
    def para(markup: str, style: ParagraphStyle) -> Paragraph:
        return cached_paragraph(markup, style) if make is None else make(markup, style)

    story: list[Flowable] = [Spacer(1, filler)] if filler else []
    for markup, name in LINES:
        story.append(para(markup, getattr(st, name)))
    story.append(para(LONG, st.body))
    indented = ParagraphStyle("indented", st.body, leftIndent=30, firstLineIndent=-12, rightIndent=20)
    story.append(para("eingerückt, mit hängendem Einzug", indented))
    story.append(para("rechts mit Abstand", ParagraphStyle("right-indented", st.cell_right, rightIndent=25)))
    story.append(
        Table(
            [[para(markup, getattr(st, name)) for markup, name in LINES[:3]]],
            colWidths=[60 * 72 / 25.4, 50 * 72 / 25.4, 45 * 72 / 25.4],
            style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")],
        )
    )
    return story


def _assert_samepage_pictures(ours: bytes, reportlab: bytes) -> None:
    mine, theirs = page_pictures(ours), page_pictures(reportlab)
    assert len(mine) == len(theirs)
    for number, (a, b) in enumerate(zip(mine, theirs, strict=True), start=1):
        assert ImageChops.difference(a, b).getbbox() is None, f"Seite {number} weicht ab"  # type: ignore[arg-type]


def test_one_line_paragraphs_are_set_as_strings() -> None:
    st = styles()
    for markup, name in LINES:
        paragraph = cached_paragraph(markup, getattr(st, name))
        assert isinstance(paragraph, LaidOutParagraph) and paragraph.plain is not None, markup
    assert cached_paragraph("<b>Federf. Amt:</b> Amt 50", st.body).plain is None  # two fonts
    assert cached_paragraph("Name<br/>Funktion", st.body).plain is None  # two lines


def test_a_plain_line_looks_as_reportlab_sets_the_paragraph() -> None:
    st = styles()
    _assert_samepage_pictures(story_pdf(_story(None, st)), story_pdf(_story(Paragraph, st)))


def test_a_plain_line_at_the_foot_of_a_page_moves_on_as_reportlab_moves_it() -> None:
    st = styles()
    # Fill the page so that the lines fall across the page break, one after the other.
    for filler in (560.0, 590.0, 620.0, 650.0, 665.0, 680.0):
        ours = story_pdf(_story(None, st, filler))
        assert len(page_pictures(ours)) == 2
        _assert_samepage_pictures(ours, story_pdf(_story(Paragraph, st, filler)))


def test_a_cell_text_reads_as_its_paragraph() -> None:
    """A cell's text set as a string looks as ReportLab's own Paragraph of it: a soft hyphen where the word
    is not broken stays invisible ("Integrationsrat", not "Integrations-rat"), a no-break space stays."""
    st = styles()
    for text in ("Integrations\xadrat", "1.000,00\xa0€", "Vorlage für den"):
        ours = story_pdf([make_table([[text_cell(text, st.cell, 150)]], [170], [])])
        theirs = story_pdf([Table([[Paragraph(text, st.cell)]], colWidths=[170])])
        _assert_samepage_pictures(ours, theirs)
