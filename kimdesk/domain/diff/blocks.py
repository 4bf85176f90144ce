"""Difference of two Begründungen block by block: paragraphs, headings and lists (item by item).

Blocks are aligned by their kind and text; a block of a kind this module does not know is compared as its
plain text, so new kinds of the rich-text model still show their changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from kimdesk.domain.diff.change import Change
from kimdesk.domain.diff.text import TextDiff, diff_text, equal_text, similarity
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span

#: Two blocks at the same place whose words agree at least this much are one block changed, not two.
SAME_BLOCK = 0.5
#: How many blocks ahead a changed block looks for its partner (keeps a long run of changes linear).
LOOKAHEAD = 8

BLOCK_KIND_LABELS = {
    BlockKind.PARAGRAPH: "Absatz",
    BlockKind.HEADING: "Überschrift",
    BlockKind.BULLET_LIST: "Aufzählung",
    BlockKind.NUMBERED_LIST: "Nummerierte Liste",
}


def block_kind_label(block: Block) -> str:
    return BLOCK_KIND_LABELS.get(block.kind, "Abschnitt")


@dataclass(frozen=True, slots=True)
class BlockDiff:
    """One block of either Begründung, in reading order.

    ``old``/``new`` is the block on each side (None where it is missing: added, removed, or moved away
    from here). A moved block appears twice: at its old place (``new is None``, ``new_index`` says where
    it went) and at its new place (``old is None``, ``old_index`` says where it came from).
    ``text`` compares the whole block's text; for lists, ``items`` compares item by item.
    """

    change: Change
    old: Block | None
    new: Block | None
    old_index: int | None
    new_index: int | None
    text: TextDiff
    items: tuple[TextDiff, ...] = ()
    #: The words are the same but bold/italic, the heading level or the kind changed.
    format_changed: bool = False

    @property
    def block(self) -> Block:
        block = self.new if self.new is not None else self.old
        assert block is not None
        return block

    @property
    def label(self) -> str:
        return block_kind_label(self.block)


def diff_rich_text(old: RichText, new: RichText) -> tuple[BlockDiff, ...]:
    old_blocks, new_blocks = old.blocks, new.blocks
    old_keys = [_key(b) for b in old_blocks]
    new_keys = [_key(b) for b in new_blocks]
    out: list[BlockDiff] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                out.append(_same(old_blocks[i], new_blocks[j], i, j))
            continue
        old_texts = [k[2] for k in old_keys]
        new_texts = [k[2] for k in new_keys]
        for oi, nj in _pair_texts(old_texts, new_texts, range(i1, i2), range(j1, j2)):
            if oi is not None and nj is not None:
                out.append(_changed(old_blocks[oi], new_blocks[nj], oi, nj))
            elif oi is not None:
                out.append(_removed(old_blocks[oi], oi))
            elif nj is not None:
                out.append(_added(new_blocks[nj], nj))
    return tuple(_mark_moves(out))


def _key(block: Block) -> tuple[str, int, str]:
    return (str(block.kind), block.level, block.plain_text())


def _styles(block: Block) -> tuple[tuple[tuple[str, bool, bool], ...], ...]:
    runs = [block.spans, *block.items]
    return tuple(tuple((s.text, s.bold, s.italic) for s in _merged(run)) for run in runs)


def _merged(spans: list[Span]) -> list[Span]:
    """Adjacent spans of one style as one (the same text may be split differently)."""
    out: list[Span] = []
    for span in spans:
        if out and (out[-1].bold, out[-1].italic) == (span.bold, span.italic):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            out.append(span)
    return out


def _item_texts(block: Block) -> list[str]:
    return ["".join(s.text for s in item) for item in block.items]


def _same(old: Block, new: Block, i: int, j: int) -> BlockDiff:
    format_changed = _styles(old) != _styles(new)
    change = Change.CHANGED if format_changed else Change.UNCHANGED
    items = tuple(equal_text(t) for t in _item_texts(new)) if new.is_list else ()
    return BlockDiff(change, old, new, i, j, equal_text(new.plain_text()), items, format_changed)


def _changed(old: Block, new: Block, i: int, j: int) -> BlockDiff:
    text = diff_text(old.plain_text(), new.plain_text())
    items = _item_diffs(_item_texts(old), _item_texts(new)) if old.is_list and new.is_list else ()
    format_changed = (old.kind, old.level) != (new.kind, new.level)
    return BlockDiff(Change.CHANGED, old, new, i, j, text, items, format_changed)


def _removed(old: Block, i: int) -> BlockDiff:
    items = tuple(diff_text(t, "") for t in _item_texts(old)) if old.is_list else ()
    return BlockDiff(Change.REMOVED, old, None, i, None, diff_text(old.plain_text(), ""), items)


def _added(new: Block, j: int) -> BlockDiff:
    items = tuple(diff_text("", t) for t in _item_texts(new)) if new.is_list else ()
    return BlockDiff(Change.ADDED, None, new, None, j, diff_text("", new.plain_text()), items)


def _item_diffs(old: list[str], new: list[str]) -> tuple[TextDiff, ...]:
    """List items aligned like blocks: equal ones kept, like ones compared word by word."""
    out: list[TextDiff] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(equal_text(t) for t in old[i1:i2])
            continue
        for i, j in _pair_texts(old, new, range(i1, i2), range(j1, j2)):
            out.append(diff_text(old[i] if i is not None else "", new[j] if j is not None else ""))
    return tuple(out)


def _pair_texts(
    old: list[str], new: list[str], olds: range, news: range
) -> list[tuple[int | None, int | None]]:
    """Pair the changed runs ``old[olds]`` and ``new[news]`` in order: each old one with the next new one it
    resembles (looking a few ahead); new ones passed over are added, old ones without a partner removed."""
    out: list[tuple[int | None, int | None]] = []
    next_new = news.start
    for i in olds:
        window = range(next_new, min(news.stop, next_new + LOOKAHEAD))
        partner = next((j for j in window if similarity(old[i], new[j]) >= SAME_BLOCK), None)
        if partner is None:
            out.append((i, None))
            continue
        out.extend((None, j) for j in range(next_new, partner))
        out.append((i, partner))
        next_new = partner + 1
    out.extend((None, j) for j in range(next_new, news.stop))
    return out


def _mark_moves(blocks: list[BlockDiff]) -> list[BlockDiff]:
    """A removed block that stands unchanged elsewhere as added has moved: both become MOVED."""
    added: dict[tuple[str, int, str], list[int]] = {}
    for position, diff in enumerate(blocks):
        if diff.change is Change.ADDED and diff.new is not None:
            added.setdefault(_key(diff.new), []).append(position)
    if not added:
        return blocks
    out = list(blocks)
    for position, diff in enumerate(blocks):
        if diff.change is not Change.REMOVED or diff.old is None:
            continue
        targets = added.get(_key(diff.old))
        if not targets:
            continue
        target = targets.pop(0)
        arrival = blocks[target]
        text = equal_text(diff.old.plain_text())
        items = tuple(equal_text(t) for t in _item_texts(diff.old)) if diff.old.is_list else ()
        out[position] = BlockDiff(
            Change.MOVED, diff.old, None, diff.old_index, arrival.new_index, text, items
        )
        out[target] = BlockDiff(
            Change.MOVED, None, arrival.new, diff.old_index, arrival.new_index, text, items
        )
    return out
