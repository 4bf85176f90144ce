"""RichText tables and nested lists: their plain text (search, Protokollauszug) and their data round trip."""

from __future__ import annotations

import json

from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from tests.rich_samples import numbered_decision, rationale_with_structures


def _via_json(rich: RichText) -> RichText:
    return RichText.from_data(json.loads(json.dumps(rich.to_data(), ensure_ascii=False)))


def test_tables_and_nested_lists_round_trip_through_their_data() -> None:
    rich = rationale_with_structures()
    assert _via_json(rich) == rich
    data = rich.to_data()
    assert data[2]["kind"] == "table" and data[2]["headerRows"] == 1 and len(data[2]["rows"]) == 4
    assert data[3]["levels"] == [0, 1, 1, 0]


def test_flat_lists_keep_their_old_data_shape() -> None:
    """A list without sub-items writes no "levels": older files and content hashes stay the same."""
    flat = Block(BlockKind.BULLET_LIST, items=[[Span("a")], [Span("b")]])
    assert RichText([flat]).to_data() == [
        {"kind": "bullet_list", "items": [[{"text": "a"}], [{"text": "b"}]]}
    ]


def test_plain_text_holds_every_cell_and_item_with_word_markers() -> None:
    text = rationale_with_structures().plain_text()
    assert "Jahr\tFälle\tBemerkung\n2023\t412\tdavon 130 Familien" in text
    assert "2025\t\tnoch offen" in text
    assert "• Innenstadt\n    – Sprachcafé\n    – Familienberatung\n• Süd" in text
    assert "1. Antrag\n    a) Formblatt\n        i. Anlagen\n2. Bescheid" in text


def test_sub_items_count_again_under_each_item() -> None:
    block = Block(
        BlockKind.NUMBERED_LIST,
        items=[[Span(t)] for t in "ABCDE"],
        levels=[0, 1, 1, 0, 1],
    )
    assert block.markers() == ["1.", "a)", "b)", "2.", "a)"]


def test_a_plain_beschlussentwurf_of_older_data_keeps_every_character() -> None:
    for old in ["", "Der Rat beschließt.", "1. Erstens\n2. Zweitens", "a\n\n\nb  \n\n", "\n\nx"]:
        rich = RichText.from_plain_exact(old)
        assert rich.plain_text() == old
        assert rich.rich_data_beside_plain() is None  # nothing to store beside the plain text
        assert RichText.from_plain_and_data(old, None) == rich


def test_a_rich_beschlussentwurf_is_stored_beside_its_plain_text_which_wins_when_changed() -> None:
    rich = numbered_decision()
    plain = rich.plain_text()
    assert plain == (
        "Der Rat beschließt:\n\n1. Die Verwaltung wird beauftragt, die Fördermittel zu beantragen\n"
        "2. Die Eigenanteile werden bereitgestellt."
    )
    data = rich.rich_data_beside_plain()
    assert data is not None
    assert RichText.from_plain_and_data(plain, data) == rich
    # an older program (or a script) changed only the plain text: that text is what counts
    changed = RichText.from_plain_and_data("Der Rat beschließt etwas anderes.", data)
    assert changed.plain_text() == "Der Rat beschließt etwas anderes."
