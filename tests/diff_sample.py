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
from datetime import date
from decimal import Decimal

from kimdesk.domain.funding.proposal import apply_proposal, propose_cells
from kimdesk.domain.model import Consultation, ConsultationRole, FinanceRow, Paper, Period
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from kimdesk.services.demo_files import demo_document
from tests.demo_data import demo_organizations, demo_persons, funding_papers, seed_paper

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


#: How the versions helper labels the two states (the dialog takes any text).
OLD_LABEL = "Fassung 2 vom 30.11.2020, 10:12 Uhr – abgelehnt (Kämmerei)"
NEW_LABEL = "Fassung 3 vom 01.12.2020, 15:40 Uhr – aktuell"


def kim_versions() -> tuple[Paper, Paper]:
    """The KIM Vorlage 20/0340 as rejected and as revised: three half posts instead of two, the table
    recomputed with Personalaufwand typed over, the Sozialausschuss added to the Beratungsfolge, TOP changed,
    a paragraph and a list item added, the Beschlussentwurf adjusted."""
    old, _ = funding_papers(demo_organizations(), demo_persons())
    return old, kim_revision(old)


def kim_revision(old: Paper) -> Paper:
    """Fassung 3 of 20/0340 after the Kämmerei rejected Fassung 2 (see kim_versions)."""
    orgs = demo_organizations()
    new = copy.deepcopy(old)
    new.file_number = "32.1-KIM-B3"
    new.title = old.title.replace("zusätzliche Stellen", "drei zusätzliche halbe Stellen")
    blocks = new.rationale.blocks
    second = blocks[1].plain_text()
    for before, after in (("zwei", "drei"), ("50.000,00", "75.000,00"), ("150.000,00", "225.000,00")):
        second = second.replace(before, after, 1)
    blocks[1].spans = [Span(second)]
    blocks[2].items.append([Span("Servicestelle: Beratung vor Antragstellung")])
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            [
                Span(
                    "Die Personalkosten der dritten halben Stelle liegen über der Pauschale; den Unterschied "
                    "von 5.000,00 € jährlich trägt die Stadt aus dem Budget des Amtes 32."
                )
            ],
        )
    )
    module = new.funding_modules[0]
    module.posts = Decimal("1.5")
    module.notes = "drei halbe Stellen: zwei in der Ausländerbehörde, eine in der Einbürgerungsbehörde"
    personnel = (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)
    new.financial_impact = apply_proposal(new.financial_impact, propose_cells(new.funding_modules))
    new.financial_impact.amounts[personnel] = Decimal("80000.00")
    new.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("80000.00")
    new.financial_impact.overridden |= {personnel, (FinanceRow.EXPENSE, Period.ANNUAL)}
    new.consultations[0].agenda_item = "5"
    social = Consultation(orgs["social_committee"], ConsultationRole.PRELIMINARY, date(2020, 11, 12))
    new.consultations.insert(1, social)
    new.draft_resolution = old.draft_resolution.replace("zwei halbe Stellen", "drei halbe Stellen").replace(
        "der Stellen zu.", "der Stellen zu. Den Eigenanteil von 5.000,00 € jährlich trägt das Amt 32."
    )
    return new
