"""Tables, nested lists and the numbered Beschlussentwurf in the PDF, read back with pdfplumber."""

from __future__ import annotations

import io
from collections.abc import Callable

import pdfplumber

from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from tests.pdf.readback import page_texts, text_lines

Render = Callable[[Paper], bytes]


def _table(rows: int) -> Block:
    header = [[Span("Jahr")], [Span("Fälle")], [Span("Bemerkung")]]
    body = [
        [[Span(str(2000 + r))], [Span(str(400 + r))], [Span(f"Zeile {r} der Statistik")]] for r in range(rows)
    ]
    return Block(BlockKind.TABLE, rows=[header, *body], header_rows=1)


def _line_starting(lines: list[dict[str, object]], text: str) -> dict[str, object]:
    found = [line for line in lines if str(line["text"]).startswith(text)]
    assert found, f"{text!r} fehlt im PDF"
    return found[0]


def test_a_long_table_repeats_its_header_row_on_the_next_page(render: Render, seed: Paper) -> None:
    seed.rationale = RichText([Block(BlockKind.PARAGRAPH, [Span("Fallzahlen:")]), _table(120)])
    pdf = render(seed)
    texts = page_texts(pdf)
    with_rows = [
        i for i, t in enumerate(texts) if "Zeile 0 der Statistik" in t or "Zeile 119 der Statistik" in t
    ]
    first, last = with_rows[0], with_rows[-1]
    assert last > first, "die Tabelle sollte über mehrere Seiten gehen"
    for page in range(first, last + 1):
        assert "Jahr Fälle Bemerkung" in texts[page], f"Kopfzeile fehlt auf Seite {page + 1}"
    # every row once, in order, nothing lost at the page break
    lines = [str(line["text"]) for line in text_lines(pdf)]
    rows = [line for line in lines if "der Statistik" in line]
    assert rows == [f"{2000 + r} {400 + r} Zeile {r} der Statistik" for r in range(120)]
    # the header row is bold (as in the office's form); body cells are not
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    header_fonts = {c["fontname"] for c in chars if c["text"] == "J"}
    body_fonts = {c["fontname"] for c in chars if c["text"] == "Z"}
    assert any("Bold" in f for f in header_fonts) and not any("Bold" in f for f in body_fonts)


def test_nested_list_items_are_indented_one_step_per_level(render: Render, seed: Paper) -> None:
    seed.rationale = RichText(
        [
            Block(
                BlockKind.BULLET_LIST,
                items=[
                    [Span("Oberpunkt Alpha")],
                    [Span("Unterpunkt Beta")],
                    [Span("Unterpunkt Gamma")],
                    [Span("Oberpunkt Delta")],
                ],
                levels=[0, 1, 1, 0],
            ),
            Block(
                BlockKind.NUMBERED_LIST,
                items=[[Span("Erster Schritt")], [Span("Teilschritt")], [Span("Zweiter Schritt")]],
                levels=[0, 1, 0],
            ),
        ]
    )
    lines = text_lines(render(seed))
    alpha, beta = _line_starting(lines, "• Oberpunkt Alpha"), _line_starting(lines, "– Unterpunkt Beta")
    gamma, delta = _line_starting(lines, "– Unterpunkt Gamma"), _line_starting(lines, "• Oberpunkt Delta")
    step = float(beta["x0"]) - float(alpha["x0"])  # type: ignore[arg-type]
    assert 12 < step < 30
    assert abs(float(gamma["x0"]) - float(beta["x0"])) < 0.5  # type: ignore[arg-type]
    assert abs(float(delta["x0"]) - float(alpha["x0"])) < 0.5  # type: ignore[arg-type]
    first, sub, second = (
        _line_starting(lines, "1. Erster Schritt"),
        _line_starting(lines, "a) Teilschritt"),
        _line_starting(lines, "2. Zweiter Schritt"),
    )
    assert float(sub["x0"]) - float(first["x0"]) > 12  # type: ignore[arg-type]
    assert abs(float(second["x0"]) - float(first["x0"])) < 0.5  # type: ignore[arg-type]


def test_numbered_decision_items_hang_their_second_line_under_the_text(render: Render, seed: Paper) -> None:
    long_item = (
        "Die Verwaltung wird beauftragt, beim Land Nordrhein-Westfalen die Fördermittel für das Kommunale "
        "Integrationsmanagement in voller Höhe zu beantragen und dem Rat über den Bescheid zu berichten."
    )
    seed.draft_resolution = RichText(
        [
            Block(BlockKind.PARAGRAPH, [Span("Der Rat beschließt:")]),
            Block(
                BlockKind.NUMBERED_LIST,
                items=[[Span(long_item)], [Span("Die Eigenanteile werden im Haushalt bereitgestellt.")]],
            ),
        ]
    )
    pdf = render(seed)
    lines = text_lines(pdf)
    intro = _line_starting(lines, "Der Rat beschließt:")
    first = _line_starting(lines, "1. Die Verwaltung wird beauftragt")
    second = _line_starting(lines, "2. Die Eigenanteile")
    index = lines.index(first)
    continuation = lines[index + 1]
    assert not str(continuation["text"]).startswith("2.")
    # the number hangs left, the second line starts under the text, not under the number
    chars = first["chars"]
    assert isinstance(chars, list)
    text_start = next(float(c["x0"]) for c in chars if c["text"] == "D")
    assert abs(float(continuation["x0"]) - text_start) < 1  # type: ignore[arg-type]
    assert float(continuation["x0"]) - float(first["x0"]) > 8  # type: ignore[arg-type]
    assert abs(float(first["x0"]) - float(intro["x0"])) < 0.5  # type: ignore[arg-type]
    assert abs(float(second["x0"]) - float(first["x0"])) < 0.5  # type: ignore[arg-type]


def test_a_plain_text_beschlussentwurf_of_older_data_prints_as_before(render: Render, seed: Paper) -> None:
    seed.draft_resolution = RichText.from_plain_exact("Der Rat beschließt:\n1. Erstens\n\n\nAbsatz danach")
    text = " ".join(page_texts(render(seed)))
    assert "Der Rat beschließt:" in text and "1. Erstens" in text and "Absatz danach" in text


def test_a_cell_longer_than_a_page_goes_on_on_the_next_page(render: Render, seed: Paper) -> None:
    long = " ".join(f"Wort{i}" for i in range(3000))
    seed.rationale = RichText(
        [
            Block(
                BlockKind.TABLE,
                rows=[[[Span("Kopf")], [Span("B")]], [[Span(long)], [Span("x")]]],
                header_rows=1,
            )
        ]
    )
    texts = page_texts(render(seed))
    with_words = [t for t in texts if "Wort" in t]
    assert len(with_words) > 2 and all("Kopf" in t for t in with_words)
    joined = " ".join(texts)
    assert all(f"Wort{i}" in joined for i in (0, 1500, 2999))
