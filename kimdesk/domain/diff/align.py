"""Pairing the entries of two lists (Beratungsfolge, Anlagen, Fördermodule) by what they are, not where."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True, slots=True)
class Pair:
    """Indexes into the old and new list (None: missing on that side); ``moved``: it changed its place."""

    old: int | None
    new: int | None
    moved: bool = False


def align(
    old_keys: Sequence[Hashable],
    new_keys: Sequence[Hashable],
    old_loose: Sequence[Hashable] | None = None,
    new_loose: Sequence[Hashable] | None = None,
) -> list[Pair]:
    """Pair equal keys (in order first, then those that changed their place); entries left over are paired
    by their ``loose`` key (e.g. the same body with another role). The result is in the new list's order,
    each removed entry after the one that preceded it in the old list."""
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    for block in matcher.get_matching_blocks():
        pairs.extend(Pair(block.a + k, block.b + k) for k in range(block.size))
    pairs.extend(_pair_rest(pairs, old_keys, new_keys, moved=True))
    if old_loose is not None and new_loose is not None:
        pairs.extend(_pair_rest(pairs, old_loose, new_loose, moved=False))
    used_old = {p.old for p in pairs}
    used_new = {p.new for p in pairs}
    pairs.extend(Pair(i, None) for i in range(len(old_keys)) if i not in used_old)
    pairs.extend(Pair(None, j) for j in range(len(new_keys)) if j not in used_new)
    return sorted(pairs, key=lambda p: _place(p, pairs))


def _pair_rest(
    pairs: list[Pair], old_keys: Sequence[Hashable], new_keys: Sequence[Hashable], *, moved: bool
) -> list[Pair]:
    used_old = {p.old for p in pairs}
    used_new = {p.new for p in pairs}
    waiting: dict[Hashable, list[int]] = {}
    for j, key in enumerate(new_keys):
        if j not in used_new:
            waiting.setdefault(key, []).append(j)
    out: list[Pair] = []
    for i, key in enumerate(old_keys):
        if i in used_old or not waiting.get(key):
            continue
        out.append(Pair(i, waiting[key].pop(0), moved=moved))
    return out


def _place(pair: Pair, pairs: list[Pair]) -> tuple[float, int]:
    if pair.new is not None:
        return (pair.new, 0)
    assert pair.old is not None
    before = [p.new for p in pairs if p.old is not None and p.new is not None and p.old < pair.old]
    return (max(before, default=-1) + 0.5, pair.old)


def unique_anchors(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs of equal keys that occur exactly once in each list, as many as keep their order (the longest
    increasing run, as in "patience diff"), by old index."""
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    new_place = {key: j for j, key in enumerate(new_keys) if new_count[key] == 1}
    candidates = [
        (i, new_place[key]) for i, key in enumerate(old_keys) if old_count[key] == 1 and key in new_place
    ]
    # Longest increasing subsequence of the new indexes (patience sorting with back links).
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for position, (_, j) in enumerate(candidates):
        slot = bisect.bisect_left(tails, j)
        if slot == len(tails):
            tails.append(j)
            tail_at.append(position)
        else:
            tails[slot] = j
            tail_at[slot] = position
        back.append(tail_at[slot - 1] if slot > 0 else -1)
    chain: list[tuple[int, int]] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        chain.append(candidates[position])
        position = back[position]
    return chain[::-1]
