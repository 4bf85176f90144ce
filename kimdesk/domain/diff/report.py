"""The difference of two states as readable German text (``kimdesk diff REF A B``).

Only what changed is listed, section by section; inside texts ``[-gestrichen-]`` and ``{+eingefügt+}``
mark the words, and long unchanged stretches are shortened to a few words around each change.
"""

from __future__ import annotations

from kimdesk.domain.diff.blocks import BlockDiff
from kimdesk.domain.diff.change import Change, FieldDiff, ItemDiff
from kimdesk.domain.diff.paper import PaperDiff
from kimdesk.domain.diff.text import TextDiff

#: Unchanged words kept on each side of a change in the text report.
CONTEXT_WORDS = 8
NO_CHANGES = "Keine Änderungen."


def format_diff_text(diff: PaperDiff) -> str:
    sections: list[tuple[str, list[str]]] = [
        ("Betrifft", _text_lines(diff.title.text)),
        ("Kopfdaten", _field_lines(diff.head)),
        ("Beratungsfolge", _item_lines(diff.consultations)),
        ("Begründung", _block_lines(diff.rationale)),
        (
            "Finanzielle Auswirkungen",
            _field_lines(diff.finance) + [c.describe() for c in diff.cells if c.changed],
        ),
        ("Fördermodule", _item_lines(diff.funding)),
        ("Klimarelevante Auswirkungen", _field_lines(diff.climate)),
        ("Beschlussentwurf", _text_lines(diff.draft_resolution.text)),
        ("Unterschrift", _field_lines(diff.signature)),
        ("Anlagen", _item_lines(diff.attachments)),
        ("Beschlussvermerk", _item_lines(diff.resolutions)),
    ]
    out: list[str] = []
    for heading, lines in sections:
        if lines:
            out.append(f"{heading}:")
            out.extend(f"  {line}" for line in lines)
    if not out:
        return NO_CHANGES + "\n"
    count = diff.change_count
    out.insert(0, f"{count} Änderung{'en' if count != 1 else ''}.")
    return "\n".join(out) + "\n"


def _text_lines(text: TextDiff) -> list[str]:
    if not text.changed:
        return []
    return text.marked(CONTEXT_WORDS).splitlines() or [""]


def _field_lines(fields: tuple[FieldDiff, ...]) -> list[str]:
    return [_field_line(f) for f in fields if f.changed]


def _field_line(field: FieldDiff) -> str:
    if "\n" in field.old or "\n" in field.new or len(field.old) + len(field.new) > 80:
        return f"{field.label}: {field.text.marked(CONTEXT_WORDS)}"
    return f"{field.label}: {field.old or '(leer)'} → {field.new or '(leer)'}"


def _item_lines(items: tuple[ItemDiff, ...]) -> list[str]:
    out: list[str] = []
    for item in items:
        if not item.changed:
            continue
        out.append(f"{_position(item.old_position, item.new_position)} {item.label} ({_item_state(item)})")
        if item.change is Change.CHANGED or item.change is Change.MOVED:
            out.extend(f"    {_field_line(f)}" for f in item.changed_fields)
    return out


def _item_state(item: ItemDiff) -> str:
    if item.change is Change.MOVED:
        return f"verschoben von Position {item.old_position}"
    return item.change.label


def _position(old: int | None, new: int | None) -> str:
    return f"{new if new is not None else old}."


def _block_lines(blocks: tuple[BlockDiff, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.change is Change.UNCHANGED:
            continue
        out.append(_block_heading(block))
        if block.change is Change.MOVED and (block.new is None or not block.text.changed):
            continue
        if block.items:
            for number, item in enumerate(block.items, start=1):
                if item.changed:
                    out.append(f"    Punkt {number}: {item.marked(CONTEXT_WORDS)}")
        elif block.text.changed:
            out.extend(f"    {line}" for line in block.text.marked(CONTEXT_WORDS).splitlines())
        if block.format_changed and not block.text.changed:
            out.append("    (nur die Formatierung)")
    return out


def _block_heading(block: BlockDiff) -> str:
    label = block.label
    if block.change is Change.MOVED:
        if block.new is None:
            return f"{label} {_number(block.old_index)} verschoben nach {_number(block.new_index)}"
        edited = " und geändert:" if block.text.changed else ""
        return f"{label} {_number(block.new_index)} verschoben von {_number(block.old_index)}{edited}"
    if block.change is Change.REMOVED:
        return f"{label} {_number(block.old_index)} (entfernt):"
    if block.change is Change.ADDED:
        return f"{label} {_number(block.new_index)} (neu):"
    return f"{label} {_number(block.new_index)} (geändert):"


def _number(index: int | None) -> str:
    """Blocks are counted from 1 as a reader counts them."""
    return str(index + 1) if index is not None else "?"
