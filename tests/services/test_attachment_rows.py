"""The Anlagen table's rules without Qt: what a row shows, when a typed title is a change, where moves go."""

from __future__ import annotations

import uuid

from kimdesk.domain.attachment import Attachment
from kimdesk.services.attachment_rows import AnlageRow, anlage_rows, drop_target, step_target, title_changed

PAPER = uuid.uuid4()


def _anlage(filename: str, *, title: str = "", size: int = 0, public: bool = True) -> Attachment:
    return Attachment(PAPER, filename, size=size, title=title, public=public)


def test_rows_are_numbered_titled_and_show_the_size_in_bytes() -> None:
    rows = anlage_rows(
        [
            _anlage("Lageplan.pdf", title="Lageplan Nord", size=1_234_567),
            _anlage("Vertrag.PDF", size=999, public=False),  # no own title: the file name without ".pdf"
            _anlage("Kosten.txt", title="  ", size=0),
        ]
    )
    assert rows == [
        AnlageRow("1.", "Lageplan Nord", True, "Lageplan.pdf", "1.234.567 Bytes"),
        AnlageRow("2.", "Vertrag", False, "Vertrag.PDF", "999 Bytes"),
        AnlageRow("3.", "Kosten.txt", True, "Kosten.txt", "0 Bytes"),
    ]
    assert [row.public_text for row in rows] == ["öffentlich", "nichtöffentlich", "öffentlich"]
    assert anlage_rows([]) == []


def test_a_title_is_a_change_unless_only_spaces_differ() -> None:
    anlage = _anlage("Lageplan.pdf", title="Lageplan Nord")
    assert not title_changed(anlage, "Lageplan Nord")
    assert not title_changed(anlage, "  Lageplan   Nord \n")
    assert title_changed(anlage, "Lageplan Süd")
    assert title_changed(anlage, "lageplan nord")  # case is the clerk's choice
    assert title_changed(anlage, "   ")  # refused when stored, with a message naming the file
    assert not title_changed(_anlage("Vertrag.pdf"), "Vertrag")  # the shown default title


def test_moves_stay_inside_the_list_and_need_a_chosen_row() -> None:
    assert step_target(0, 1, 3) == 1 and step_target(2, -1, 3) == 1
    assert step_target(0, -1, 3) is None and step_target(2, 1, 3) is None  # at the ends
    assert step_target(-1, 1, 3) is None  # nothing chosen
    assert step_target(0, 1, 1) is None and step_target(0, 1, 0) is None


def test_a_dropped_row_takes_the_place_it_was_dropped_on_or_goes_last() -> None:
    assert drop_target(0, 3) == 0 and drop_target(2, 3) == 2
    assert drop_target(-1, 3) == 2  # below the last row
    assert drop_target(7, 3) == 2
