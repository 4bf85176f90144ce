"""Rich texts with a table, nested lists and numbered decision items, as a clerk would write them."""

from __future__ import annotations

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span


def statistics_table() -> Block:
    return Block(
        BlockKind.TABLE,
        rows=[
            [[Span("Jahr")], [Span("Fälle")], [Span("Bemerkung")]],
            [[Span("2023")], [Span("412")], [Span("davon "), Span("130", bold=True), Span(" Familien")]],
            [[Span("2024")], [Span("455")], [Span("Zuzug\nLandeszuweisung", italic=True)]],
            [[Span("2025")], [], [Span("noch offen")]],
        ],
        header_rows=1,
    )


def rationale_with_structures() -> RichText:
    return RichText(
        [
            Block(BlockKind.HEADING, [Span("Sachstand")], level=1),
            Block(BlockKind.PARAGRAPH, [Span("Die Fallzahlen der Beratung:")]),
            statistics_table(),
            Block(
                BlockKind.BULLET_LIST,
                items=[[Span("Innenstadt")], [Span("Sprachcafé")], [Span("Familienberatung")], [Span("Süd")]],
                levels=[0, 1, 1, 0],
            ),
            Block(
                BlockKind.NUMBERED_LIST,
                items=[[Span("Antrag")], [Span("Formblatt")], [Span("Anlagen")], [Span("Bescheid")]],
                levels=[0, 1, 2, 0],
            ),
        ]
    )


def numbered_decision() -> RichText:
    return RichText(
        [
            Block(BlockKind.PARAGRAPH, [Span("Der Rat beschließt:")]),
            Block(
                BlockKind.NUMBERED_LIST,
                items=[
                    [
                        Span("Die Verwaltung wird beauftragt, die Fördermittel zu "),
                        Span("beantragen", bold=True),
                    ],
                    [Span("Die Eigenanteile werden bereitgestellt.")],
                ],
            ),
        ]
    )
