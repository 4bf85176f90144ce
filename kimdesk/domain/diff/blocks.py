"""Difference of two Begründungen block by block: paragraphs, headings and lists (item by item).

Blocks are aligned by their kind and text; a block of a kind this module does not know is compared as its
plain text, so new kinds of the rich-text model still show their changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from kimdesk.domain.diff.align import unique_anchors
from kimdesk.domain.diff.change import Change
from kimdesk.domain.diff.text import TextDiff, diff_text, equal_text, similarity
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span

#: Two blocks at the same place whose words agree at least this much are one block changed, not two.
SAME_BLOCK = 0.5
#: A block at the expected place this alike is taken without looking further.
CLEARLY_SAME = 0.9
#: How many blocks ahead a changed block looks for its partner (keeps a long run of changes linear).
LOOKAHEAD = 8
#: A removed and an added block this much alike are one block moved and edited.
MOVED_AND_EDITED = 0.8
#: Above this many removed × added blocks, only unchanged moves are looked for.
_MAX_MOVE_CANDIDATES = 2500

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
    old_texts = [k[2] for k in old_keys]
    new_texts = [k[2] for k in new_keys]
    out: list[BlockDiff] = []
    # Blocks that occur once on each side anchor the alignment; only between two anchors are repeated
    # blocks (the same list under several headings) matched, so they cannot pull a chapter out of place.
    previous = (0, 0)
    for anchor in [*unique_anchors(old_keys, new_keys), (len(old_keys), len(new_keys))]:
        (i0, j0), (i1, j1) = previous, anchor
        matcher = SequenceMatcher(None, old_keys[i0:i1], new_keys[j0:j1], autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            olds, news = range(i0 + a1, i0 + a2), range(j0 + b1, j0 + b2)
            if tag == "equal":
                out.extend(_same(old_blocks[i], new_blocks[j], i, j) for i, j in zip(olds, news, strict=True))
                continue
            for oi, nj in _pair_texts(old_texts, new_texts, olds, news):
                if oi is not None and nj is not None:
                    out.append(_changed(old_blocks[oi], new_blocks[nj], oi, nj))
                elif oi is not None:
                    out.append(_removed(old_blocks[oi], oi))
                elif nj is not None:
                    out.append(_added(new_blocks[nj], nj))
        if i1 < len(old_keys):
            out.append(_same(old_blocks[i1], new_blocks[j1], i1, j1))
        previous = (i1 + 1, j1 + 1)
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
        partner = _best_partner(old[i], new, range(next_new, min(news.stop, next_new + LOOKAHEAD)))
        if partner is None:
            out.append((i, None))
            continue
        out.extend((None, j) for j in range(next_new, partner))
        out.append((i, partner))
        next_new = partner + 1
    out.extend((None, j) for j in range(next_new, news.stop))
    return out


def _best_partner(text: str, new: list[str], window: range) -> int | None:
    """The most alike of ``new[window]`` (at least SAME_BLOCK); the next one in order wins at once if it is
    clearly the same block, which keeps the usual case to one comparison."""
    best, best_score = None, SAME_BLOCK
    for j in window:
        score = similarity(text, new[j])
        if j == window.start and score >= CLEARLY_SAME:
            return j
        if score >= best_score and (best is None or score > best_score):
            best, best_score = j, score
    return best


def _mark_moves(blocks: list[BlockDiff]) -> list[BlockDiff]:
    """A removed block that stands elsewhere as added has moved: both become MOVED. Unchanged ones are paired
    first, then those still much alike (moved and edited: ``text`` then shows the edits)."""
    removed = [p for p, d in enumerate(blocks) if d.change is Change.REMOVED]
    added = [p for p, d in enumerate(blocks) if d.change is Change.ADDED]
    if not removed or not added:
        return blocks
    out = list(blocks)
    for alike in (_identical, _much_alike):
        for position in list(removed):
            target = next((t for t in added if alike(blocks[position], blocks[t])), None)
            if target is None:
                continue
            removed.remove(position)
            added.remove(target)
            out[position], out[target] = _moved(blocks[position], blocks[target])
        if len(removed) * len(added) > _MAX_MOVE_CANDIDATES:
            break
    return out


def _identical(departure: BlockDiff, arrival: BlockDiff) -> bool:
    assert departure.old is not None and arrival.new is not None
    return _key(departure.old) == _key(arrival.new)


def _much_alike(departure: BlockDiff, arrival: BlockDiff) -> bool:
    assert departure.old is not None and arrival.new is not None
    same_kind = departure.old.kind == arrival.new.kind
    return same_kind and similarity(departure.old.plain_text(), arrival.new.plain_text()) >= MOVED_AND_EDITED


def _moved(departure: BlockDiff, arrival: BlockDiff) -> tuple[BlockDiff, BlockDiff]:
    old, new = departure.old, arrival.new
    assert old is not None and new is not None
    text = diff_text(old.plain_text(), new.plain_text())
    items = _item_diffs(_item_texts(old), _item_texts(new)) if old.is_list and new.is_list else ()
    indexes = (departure.old_index, arrival.new_index)
    return (
        BlockDiff(Change.MOVED, old, None, *indexes, text, items),
        BlockDiff(Change.MOVED, None, new, *indexes, text, items),
    )
