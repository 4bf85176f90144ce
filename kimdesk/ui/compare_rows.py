"""What the comparison view shows: a PaperDiff laid out as sections of rows, old beside new (no Qt here).

Each row has a label and, on each side, pieces of text with a style; the widget only paints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kimdesk.domain.diff import (
    BlockDiff,
    CellDiff,
    Change,
    FieldDiff,
    ItemDiff,
    PaperDiff,
    Segment,
    SegmentKind,
    TextDiff,
)
from kimdesk.domain.richtext import BlockKind
from kimdesk.l10n.i18n import N_, _


class Style(StrEnum):
    EQUAL = "equal"
    DELETED = "deleted"
    INSERTED = "inserted"
    MOVED = "moved"
    #: A field name inside a cell ("Sitzung: ").
    NAME = "name"


_SEGMENT_STYLES = {
    SegmentKind.EQUAL: Style.EQUAL,
    SegmentKind.DELETED: Style.DELETED,
    SegmentKind.INSERTED: Style.INSERTED,
}

Piece = tuple[str, Style]


@dataclass(slots=True)
class Row:
    label: str
    change: Change
    #: None: the entry does not exist on that side (added, removed, moved away).
    old: list[Piece] | None
    new: list[Piece] | None
    heading: bool = False
    note: str = ""

    @property
    def changed(self) -> bool:
        return self.change is not Change.UNCHANGED


@dataclass(slots=True)
class Section:
    title: str
    rows: list[Row]

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


def sections_of(diff: PaperDiff) -> list[Section]:
    """The sections in the order of the form."""
    return [
        Section(_("Betrifft"), [_field_row(diff.title)]),
        Section(_("Kopfdaten"), [_field_row(f) for f in diff.head if f.old or f.new]),
        Section(_("Beratungsfolge"), [_item_row(i) for i in diff.consultations]),
        Section(_("Begründung"), _block_rows(diff.rationale)),
        Section(
            _("Finanzielle Auswirkungen"),
            [_field_row(f) for f in diff.finance if f.old or f.new] + [_cell_row(c) for c in diff.cells],
        ),
        Section(_("Fördermodule"), [_item_row(i) for i in diff.funding]),
        Section(_("Klimarelevante Auswirkungen"), [_field_row(f) for f in diff.climate if f.old or f.new]),
        Section(_("Beschlussentwurf"), [_field_row(diff.draft_resolution)]),
        Section(_("Unterschrift"), [_field_row(f) for f in diff.signature if f.old or f.new]),
        Section(_("Anlagen"), [_item_row(i) for i in diff.attachments]),
        Section(_("Beschlussvermerk"), [_item_row(i) for i in diff.resolutions]),
    ]


def old_pieces(text: TextDiff) -> list[Piece]:
    return [_piece(s) for s in text.old_segments()]


def new_pieces(text: TextDiff) -> list[Piece]:
    return [_piece(s) for s in text.new_segments()]


def _piece(segment: Segment) -> Piece:
    return (segment.text, _SEGMENT_STYLES[segment.kind])


def _field_row(field: FieldDiff) -> Row:
    change = Change.CHANGED if field.changed else Change.UNCHANGED
    if field.changed and not field.old:
        change = Change.ADDED
    elif field.changed and not field.new:
        change = Change.REMOVED
    return Row(_(field.label), change, old_pieces(field.text), new_pieces(field.text))


def _cell_row(cell: CellDiff) -> Row:
    change = Change.CHANGED if cell.changed else Change.UNCHANGED
    text = cell.text
    return Row(f"{_(cell.row_label)} / {_(cell.period_label)}", change, old_pieces(text), new_pieces(text))


def _item_row(item: ItemDiff) -> Row:
    old: list[Piece] | None = [] if item.change is not Change.ADDED else None
    new: list[Piece] | None = [] if item.change is not Change.REMOVED else None
    for field in item.fields:
        if not (field.old or field.new):
            continue
        name = (f"{_(field.label)}: ", Style.NAME)
        for side, pieces in ((old, old_pieces(field.text)), (new, new_pieces(field.text))):
            if side is not None:
                if side:
                    side.append(("\n", Style.EQUAL))
                side.extend([name, *pieces])
    position = item.new_position if item.new_position is not None else item.old_position
    note = ""
    if item.change is Change.MOVED:
        note = _("vorher an Stelle {old}").format(old=item.old_position)
    return Row(f"{position}. {item.label}", item.change, old, new, note=note)


_BLOCK_LABELS = {
    BlockKind.PARAGRAPH: N_("Absatz"),
    BlockKind.HEADING: N_("Überschrift"),
    BlockKind.BULLET_LIST: N_("Aufzählung"),
    BlockKind.NUMBERED_LIST: N_("Nummerierte Liste"),
}


def _block_rows(blocks: tuple[BlockDiff, ...]) -> list[Row]:
    rows: list[Row] = []
    for block in blocks:
        label = _(_BLOCK_LABELS.get(block.block.kind, N_("Abschnitt")))
        heading = block.block.kind is BlockKind.HEADING
        if block.change is Change.MOVED:
            rows.append(_moved_row(block, label, heading))
        elif block.items:
            rows.extend(_list_rows(block, label))
        else:
            old = old_pieces(block.text) if block.old is not None else None
            new = new_pieces(block.text) if block.new is not None else None
            note = _("nur Formatierung geändert") if block.format_changed and not block.text.changed else ""
            rows.append(Row(label, block.change, old, new, heading=heading, note=note))
    return rows


def _moved_row(block: BlockDiff, label: str, heading: bool) -> Row:
    """At the old place the old text (edits struck through), at the new place the new one (edits marked)."""
    if block.new is None:
        old = old_pieces(block.text) if block.text.changed else [(block.text.old, Style.MOVED)]
        note = _("verschoben, jetzt an Stelle {number}").format(number=(block.new_index or 0) + 1)
        return Row(label, Change.MOVED, old, None, heading=heading, note=note)
    new = new_pieces(block.text) if block.text.changed else [(block.text.new, Style.MOVED)]
    note = _("verschoben, vorher an Stelle {number}").format(number=(block.old_index or 0) + 1)
    return Row(label, Change.MOVED, None, new, heading=heading, note=note)


def _list_rows(block: BlockDiff, label: str) -> list[Row]:
    rows = []
    numbered = block.block.kind is BlockKind.NUMBERED_LIST
    old_number = new_number = 0
    for item in block.items:
        old: list[Piece] | None = None
        new: list[Piece] | None = None
        if item.old or not item.new:
            old_number += 1
            old = [(f"{old_number}. " if numbered else "• ", Style.NAME), *old_pieces(item)]
        if item.new or not item.old:
            new_number += 1
            new = [(f"{new_number}. " if numbered else "• ", Style.NAME), *new_pieces(item)]
        if block.old is None:
            old = None
        if block.new is None:
            new = None
        change = Change.UNCHANGED
        if item.changed:
            change = Change.ADDED if not item.old else Change.REMOVED if not item.new else Change.CHANGED
        number = new_number if new is not None else old_number
        rows.append(Row(_("{list}, Punkt {number}").format(list=label, number=number), change, old, new))
    return rows
