"""Word-level difference of two texts: segments kept, deleted and inserted, German words kept whole."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

#: Numbers with their separators (``25.000,50``, ``20/0270``, ``15.03.2026``) are one token, so are
#: words with hyphens or apostrophes (``KIM-Förderung``); every other sign is a token of its own, so that
#: punctuation changes show without swallowing the word before it. A token carries the white space after
#: it: half as many tokens, and no run of spaces for the matcher to anchor on (both made long texts slow).
_TOKEN = re.compile(r"^\s+|(?:\d+(?:[.,:/]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s])\s*")
_TRAILING_SPACE = re.compile(r"\s*$")


class SegmentKind(StrEnum):
    EQUAL = "equal"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    text: str


@dataclass(frozen=True, slots=True)
class TextDiff:
    """Old and new text and the segments that turn one into the other.

    The EQUAL and DELETED segments in order give ``old``; EQUAL and INSERTED give ``new``.
    """

    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def old_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind is not SegmentKind.INSERTED]

    def new_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind is not SegmentKind.DELETED]

    @property
    def change_count(self) -> int:
        """How many places changed (a deletion directly followed by an insertion is one place)."""
        count = 0
        previous_equal = True
        for segment in self.segments:
            is_equal = segment.kind is SegmentKind.EQUAL
            if not is_equal and previous_equal:
                count += 1
            previous_equal = is_equal
        return count

    def marked(self, context: int | None = None) -> str:
        """The text with ``[-deleted-]`` and ``{+inserted+}`` marks.

        With ``context``, unchanged runs longer than twice that many words are shortened to their first and
        last ``context`` words around „…“ (the beginning and the end keep only the words next to a change).
        """
        parts: list[str] = []
        last = len(self.segments) - 1
        for index, segment in enumerate(self.segments):
            if segment.kind is SegmentKind.DELETED:
                parts.append(f"[-{segment.text}-]")
            elif segment.kind is SegmentKind.INSERTED:
                parts.append(f"{{+{segment.text}+}}")
            elif context is None:
                parts.append(segment.text)
            else:
                parts.append(_shorten(segment.text, context, head=index > 0, tail=index < last))
        return "".join(parts)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _word(token: str) -> str:
    return token.rstrip() or token


def equal_text(text: str) -> TextDiff:
    return TextDiff(text, text, (Segment(SegmentKind.EQUAL, text),) if text else ())


def diff_text(old: str, new: str) -> TextDiff:
    """Compare word by word (:mod:`difflib` on word tokens)."""
    if old == new:
        return equal_text(old)
    if not old or not new:
        kind = SegmentKind.INSERTED if new else SegmentKind.DELETED
        return TextDiff(old, new, (Segment(kind, new or old),))
    a, b = tokens(old), tokens(new)
    # The same beginning and end are kept as they are; the matcher (quadratic at worst) sees only the middle.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    runs: list[_Run] = [_Run("".join(a[:head]), None)] if head else []
    a, b, ending = a[head : len(a) - tail], b[head : len(b) - tail], "".join(b[len(b) - tail :])
    # Tokens are matched by their word: "Stadt" at the end and "Stadt " before more text are the same.
    matcher = SequenceMatcher(None, [_word(t) for t in a], [_word(t) for t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            runs.append(_Run("".join(a[i1:i2]), "".join(b[j1:j2])))
            continue
        for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
            if before == after:
                runs.append(_Run(before, None))
                continue
            word = _word(before)
            runs.append(_Run(word, None))
            runs.append(_Run(before[len(word) :], after[len(word) :]))
    if ending:
        runs.append(_Run(ending, None))
    return TextDiff(old, new, tuple(_segments(_absorb_spaces(runs))))


def similarity(old: str, new: str) -> float:
    """How alike two texts are by their words (0 … 1); cheap upper bound first."""
    a, b = old.split(), new.split()
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return matcher.quick_ratio()
    return matcher.ratio()


@dataclass(slots=True)
class _Run:
    """An unchanged run (``inserted is None``) or a change: deleted text replaced by inserted text."""

    deleted: str
    inserted: str | None

    @property
    def is_equal(self) -> bool:
        return self.inserted is None

    def shape(self) -> tuple[bool, bool]:
        return bool(self.deleted), bool(self.inserted)


def _absorb_spaces(runs: list[_Run]) -> list[_Run]:
    """Join two replacements split only by white space (``[-a b-]{+c d+}`` rather than
    ``[-a-]{+c+} [-b-]{+d+}``); the space then stands on both sides, so old and new stay as they were."""
    out: list[_Run] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        following = runs[index + 1] if index + 1 < len(runs) else None
        if (
            run.is_equal
            and not run.deleted.strip()
            and out
            and out[-1].shape() == (True, True)
            and following is not None
            and following.shape() == (True, True)
        ):
            previous = out[-1]
            previous.deleted += run.deleted + following.deleted
            previous.inserted = f"{previous.inserted}{run.deleted}{following.inserted}"
            index += 2
            continue
        out.append(_Run(run.deleted, run.inserted))
        index += 1
    return out


def _segments(runs: list[_Run]) -> list[Segment]:
    segments: list[Segment] = []
    for run in runs:
        if run.is_equal:
            segments.append(Segment(SegmentKind.EQUAL, run.deleted))
            continue
        deleted, inserted = run.deleted, run.inserted or ""
        # "[-Stadt-]{+Gemeinde+} " rather than "[-Stadt -]{+Gemeinde +}": the space both share stays plain.
        space = _TRAILING_SPACE.search(deleted).group() if deleted and inserted else ""  # type: ignore[union-attr]
        if space and not inserted.endswith(space):
            space = ""
        if space:
            deleted, inserted = deleted[: -len(space)], inserted[: -len(space)]
        if deleted:
            segments.append(Segment(SegmentKind.DELETED, deleted))
        if inserted:
            segments.append(Segment(SegmentKind.INSERTED, inserted))
        if space:
            segments.append(Segment(SegmentKind.EQUAL, space))
    return _joined(segments)


def _joined(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one kind as one."""
    out: list[Segment] = []
    for segment in segments:
        if out and out[-1].kind is segment.kind:
            out[-1] = Segment(segment.kind, out[-1].text + segment.text)
        else:
            out.append(segment)
    return out


def _shorten(text: str, context: int, *, head: bool, tail: bool) -> str:
    words = re.split(r"(\s+)", text)
    # ``words`` alternates word, space, word …: ``context`` words are 2 * context - 1 pieces.
    keep = 2 * context
    if len(words) <= 2 * keep + 1:
        return text
    start = "".join(words[:keep]) if head else ""
    end = "".join(words[-keep:]) if tail else ""
    return f"{start}…{end}"
