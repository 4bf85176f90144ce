"""A table that recurs unchanged (the NKF table of every Vorlage without financial impact) is drawn once
per PDF and shown again as a form: the pages look exactly as with the table drawn each time, a table
that differs in one cell is not taken for it, and one that splits across pages still splits. Tables
that differ only in their fields (the amounts, the bodies) share one form, the fields set over it."""

from __future__ import annotations

import io

from PIL import ImageChops
from pypdf import PdfReader
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from kimdesk.pdf.cells import NOTHING, TextCell, field_cell, make_table
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.fonts import BOLD
from kimdesk.pdf.shared_table import SharedTable
from kimdesk.pdf.styles import GRID_COLOR, LIGHT_FILL, styles
from tests.pdf.story_pixels import page_pictures, story_pdf


def _table(amount: str, *, shared: bool, rows: int = 12) -> Flowable:
    data: list[list[object]] = [[NOTHING, "einmalig", "jährlich"]]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 1), (-1, 1), LIGHT_FILL),
    ]
    for row in range(rows):
        data.append([f"Zeile {row + 1} €", amount if row % 3 == 0 else NOTHING, ""])
    return make_table(data, [200, 120, 120], commands, repeat_rows=1, shared=shared)


def _box(body: str, *, shared: bool) -> Flowable:
    """A Beschlussvermerk-like box: one cell of paragraphs and spacers."""
    st = styles()
    cell = [
        cached_paragraph("Beschlussvermerk", st.small_bold),
        Spacer(1, 3),
        cached_paragraph("In der Sitzung des", st.body),
        cached_paragraph(f"– {body}", st.body),
        cached_paragraph("am ______ wurde wie folgt beschlossen:", st.body),
        Spacer(1, 40),
    ]
    return make_table([[cell]], [440], [("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR)], shared=shared)


def _story(shared: bool) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = []
    for body in ("Integrationsrates", "Rates", "Integrationsrates", "Rates", "Integrationsrates"):
        story.append(_box(body, shared=shared))
    for amount in ("", "1.000,00", "", "", "2.500,00", ""):
        story += [Paragraph("Finanzielle Auswirkungen:", st.label), _table(amount, shared=shared)]
    story += [PageBreak(), Spacer(1, 560), _table("", shared=shared, rows=30)]  # splits, heading repeated
    return story


def _forms(data: bytes) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        names.update(str(name) for name in xobjects)
    return names


def test_a_recurring_table_looks_the_same_and_is_drawn_once() -> None:
    assert isinstance(_table("", shared=True), SharedTable)
    shared, drawn = story_pdf(_story(True)), story_pdf(_story(False))
    mine, theirs = page_pictures(shared), page_pictures(drawn)
    assert len(mine) == len(theirs) >= 3
    for number, (a, b) in enumerate(zip(mine, theirs, strict=True), start=1):
        assert ImageChops.difference(a, b).getbbox() is None, f"Seite {number} weicht ab"  # type: ignore[arg-type]
    # Four empty tables and two with amounts: one form for the empty one, shown three times after the
    # first; each table with amounts is drawn where it stands. Likewise one form for each box.
    assert len(_forms(shared)) == 3 and not _forms(drawn)


def test_a_table_of_other_flowables_is_not_shared() -> None:
    st = styles()
    assert isinstance(_box("Rates", shared=True), SharedTable)
    inner = make_table([["a"]], [50], [])
    assert not isinstance(make_table([[[inner]]], [100], [], shared=True), SharedTable)
    bullet = cached_paragraph("Punkt", st.body, bullet="1.")
    assert not isinstance(make_table([[bullet]], [100], [], shared=True), SharedTable)


def _nkf(amount: str, *, shared: bool, rows: int = 12) -> Flowable:
    """An NKF-like table whose amounts are the Vorlage's fields (right-aligned, some on two lines)."""
    st = styles()
    data: list[list[object]] = [[NOTHING, "einmalig", "jährlich"]]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 1), (-1, 1), LIGHT_FILL),
    ]
    for row in range(rows):
        once = field_cell(amount, st.cell_right, 108) if row % 3 == 0 else NOTHING
        yearly = TextCell((amount, "ab 2027"), st.cell, 108, field=True) if row % 4 == 1 else NOTHING
        data.append([f"Zeile {row + 1} €", once, yearly])
    return make_table(data, [200, 120, 120], commands, repeat_rows=1, shared=shared)


def _record(body: str, *, shared: bool) -> Flowable:
    """A Beschlussvermerk whose bodies are fields among the cell's paragraphs."""
    st = styles()
    cell = [
        cached_paragraph("Beschlussvermerk", st.small_bold),
        cached_paragraph("In der Sitzung des", st.body),
        field_cell(f"– {body}", st.body, 428),
        field_cell("– Rates", st.body, 428),
        cached_paragraph("am ______ wurde wie folgt beschlossen:", st.body),
        Spacer(1, 40),
    ]
    return make_table([[cell]], [440], [("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR)], shared=shared)


def _vorlagen(shared: bool) -> list[Flowable]:
    story: list[Flowable] = []
    for number, amount in enumerate(("1.000,00 €", "2.500,00 €", "17,50 €", "99.999,99 €")):
        story += [_record(f"Ausschusses {number}", shared=shared), _nkf(amount, shared=shared)]
    story += [PageBreak(), Spacer(1, 560), _nkf("3,00 €", shared=shared, rows=30)]  # splits
    return story


def test_tables_that_differ_in_their_fields_share_one_form() -> None:
    """The NKF tables of different Vorlagen differ only in their amounts, the Beschlussvermerke only
    in their bodies: each is one form, and every Vorlage's texts stand where the table would set
    them, on the page that splits one too."""
    shared, drawn = story_pdf(_vorlagen(True)), story_pdf(_vorlagen(False))
    mine, theirs = page_pictures(shared), page_pictures(drawn)
    assert len(mine) == len(theirs) >= 4
    for number, (a, b) in enumerate(zip(mine, theirs, strict=True), start=1):
        assert ImageChops.difference(a, b).getbbox() is None, f"Seite {number} weicht ab"  # type: ignore[arg-type]
    assert len(_forms(shared)) == 2 and not _forms(drawn)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(shared)).pages)
    for amount in ("1.000,00 €", "2.500,00 €", "17,50 €", "99.999,99 €", "3,00 €", "Ausschusses 3"):
        assert amount in text
