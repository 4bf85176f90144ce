"""Two states of a long Vorlage for the comparison tests and bench/bench_diff.py.

The Begründung is built from the demo Vorlagen' own texts (seed 20/0270 and the others), chapter after chapter
with headings, until it has the length of about ``pages`` printed pages; the revision changes a share of the
words at random (deterministic seed), inserts, deletes and moves a paragraph, as a clerk revising it after a
rejection would.
"""

from __future__ import annotations

import copy
import random
import re

from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.demo_files import demo_document
from tests.demo_data import demo_organizations, demo_persons, seed_paper

#: Words on a printed page of the Vorlage (11 pt, A4, the form's margins).
WORDS_PER_PAGE = 450
_REPLACEMENTS = ("Kommune", "Förderung", "Landesmittel", "Integrationszentrum", "Stellenanteil", "Haushalt")


def demo_rationales() -> list[RichText]:
    return [RichText.from_data(p["rationale"]) for p in demo_document()["papers"] if p.get("rationale")]


def long_rationale(pages: int) -> RichText:
    """About ``pages`` pages of Begründung: the demo texts in numbered chapters."""
    sources = [b for r in demo_rationales() for b in r.blocks if b.plain_text().strip()]
    blocks: list[Block] = []
    words = chapter = 0
    while words < pages * WORDS_PER_PAGE:
        chapter += 1
        blocks.append(Block(BlockKind.HEADING, [Span(f"{chapter}. Abschnitt {chapter} der Begründung")]))
        for block in sources:
            copied = copy.deepcopy(block)
            if not copied.is_list:
                copied.spans = [Span(f"({chapter}) "), *copied.spans]
            blocks.append(copied)
            words += len(copied.plain_text().split())
    return RichText(blocks)


def revise(rationale: RichText, share: float, seed: int = 20) -> RichText:
    """A revision: ``share`` of the words replaced, one paragraph inserted, one deleted, one moved."""
    rng = random.Random(seed)
    revised = copy.deepcopy(rationale)
    for block in revised.blocks:
        runs = [block.spans, *block.items]
        for run in runs:
            for index, span in enumerate(run):
                run[index] = Span(_change_words(span.text, share, rng), span.bold, span.italic)
    paragraphs = [i for i, b in enumerate(revised.blocks) if b.kind is BlockKind.PARAGRAPH]
    moved = revised.blocks.pop(paragraphs[len(paragraphs) // 3])
    revised.blocks.insert(paragraphs[2 * len(paragraphs) // 3], moved)
    del revised.blocks[paragraphs[-2]]
    addition = "Ergänzend weist die Verwaltung darauf hin, dass die Stellen befristet besetzt werden."
    revised.blocks.insert(paragraphs[len(paragraphs) // 2], Block(BlockKind.PARAGRAPH, [Span(addition)]))
    return revised


def _change_words(text: str, share: float, rng: random.Random) -> str:
    parts = re.split(r"(\s+)", text)
    for index in range(0, len(parts), 2):
        if parts[index] and rng.random() < share:
            parts[index] = rng.choice(_REPLACEMENTS)
    return "".join(parts)


def long_versions(pages: int = 20, share: float = 0.05) -> tuple[Paper, Paper]:
    """The seed Vorlage with a Begründung of ``pages`` pages, before and after a revision."""
    old = seed_paper(demo_organizations(), demo_persons())
    old.rationale = long_rationale(pages)
    new = copy.deepcopy(old)
    new.rationale = revise(old.rationale, share)
    new.draft_resolution = old.draft_resolution.replace("Kenntnis", "zustimmenden Kenntnis")
    return old, new
