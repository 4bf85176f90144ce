"""Comparing two states of a Vorlage: every kind of field, and the cases a clerk runs into."""

from __future__ import annotations

import copy
import uuid
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.diff import Change, SegmentKind, TextDiff, diff_papers, diff_text, format_diff_text
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinanceRow,
    FundingModule,
    ImpactChoice,
    Paper,
    Period,
    ResolutionEntry,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from tests import strategies
from tests.demo_data import demo_organizations, demo_persons, funding_papers, seed_paper


@pytest.fixture(scope="module")
def seed() -> Paper:
    return seed_paper(demo_organizations(), demo_persons())


def revised(paper: Paper) -> Paper:
    return copy.deepcopy(paper)


def rebuilt(text: TextDiff) -> tuple[str, str]:
    return "".join(s.text for s in text.old_segments()), "".join(s.text for s in text.new_segments())


# --- words ------------------------------------------------------------------------------------------------
def test_words_are_marked_and_both_texts_survive() -> None:
    old = "Die Stadt Musterstadt beantragt 25.000,50 € für Ärzte."
    new = "Die Stadt Musterdorf beantragt 26.000,50 € für Ärztinnen und Ärzte!"
    diff = diff_text(old, new)
    assert diff.marked() == (
        "Die Stadt [-Musterstadt-]{+Musterdorf+} beantragt [-25.000,50-]{+26.000,50+} € "
        "für {+Ärztinnen und +}Ärzte[-.-]{+!+}"
    )
    assert rebuilt(diff) == (old, new)
    assert diff.change_count == 4


def test_neighbouring_changed_words_are_one_change() -> None:
    diff = diff_text("eins zwei drei vier", "eins zwo dreii vier")
    assert diff.marked() == "eins [-zwei drei-]{+zwo dreii+} vier"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", "Neuer Text"),
        ("Alter Text", ""),
        ("x y", "x y z"),
        ("  a b\n\nc", "a b\nc d"),
        ("Größe: 1,5 Stellen (§ 14c TIntG)", "Größe: 2 Stellen (§ 14 TIntG)."),
        ("Übersicht über Änderungen", "Übersicht über Änderungen"),
    ],
)
def test_old_and_new_text_are_rebuilt_exactly(old: str, new: str) -> None:
    diff = diff_text(old, new)
    assert rebuilt(diff) == (old, new)
    assert diff.changed is (old != new)


def test_umlauts_and_compounds_are_whole_words() -> None:
    diff = diff_text("Die Einbürgerungsbehörde prüft.", "Die Ausländerbehörde prüft.")
    assert diff.marked() == "Die [-Einbürgerungsbehörde-]{+Ausländerbehörde+} prüft."
    hyphen = diff_text("die KIM-Förderung", "die KIM-Förderrichtlinie")
    assert [s.text for s in hyphen.segments if s.kind is SegmentKind.DELETED] == ["KIM-Förderung"]


def test_the_report_shortens_long_unchanged_text() -> None:
    words = " ".join(f"Wort{n}" for n in range(100))
    diff = diff_text(words + " alt", words + " neu")
    marked = diff.marked(context=3)
    assert marked.startswith("…") and "Wort99 [-alt-]{+neu+}" in marked
    assert "Wort50" not in marked


# --- whole Vorlagen ---------------------------------------------------------------------------------------
def test_identical_states_have_no_changes(seed: Paper) -> None:
    diff = diff_papers(seed, revised(seed))
    assert not diff.changed
    assert format_diff_text(diff) == "Keine Änderungen.\n"


def test_empty_vorlagen_compare(seed: Paper) -> None:
    empty = Paper()
    assert not diff_papers(empty, Paper()).changed
    diff = diff_papers(empty, seed)
    assert diff.title.new == seed.title and diff.title.old == ""
    assert all(b.change is Change.ADDED for b in diff.rationale)
    assert "Betrifft:" in format_diff_text(diff)


def test_head_fields(seed: Paper) -> None:
    new = revised(seed)
    new.file_number = "32.1-KIM"
    new.lead_department = Organization("Amt für Soziales")
    new.minutes_extracts = 3
    diff = diff_papers(seed, new)
    changed = {f.label: (f.old, f.new) for f in diff.head if f.changed}
    assert changed == {
        "Aktenzeichen": ("", "32.1-KIM"),
        "Federführendes Amt": ("Amt für Integration und Sport", "Amt für Soziales"),
        "Protokollauszüge": ("", "3"),
    }
    text = format_diff_text(diff)
    assert "Aktenzeichen: (leer) → 32.1-KIM" in text
    assert "Federführendes Amt: Amt für Integration und Sport → Amt für Soziales" in text


def test_an_unknown_vorlagenart_and_role_read_unbekannt_not_empty(seed: Paper) -> None:
    """An import left them out: the comparison says what the editor says, „unbekannt“, not „(leer)“."""
    old = revised(seed)
    old.paper_type = None
    old.consultations[0].role = None
    text = format_diff_text(diff_papers(old, seed))
    assert f"Vorlagenart: unbekannt → {seed.paper_type.label}" in text
    assert "(leer)" not in text


def test_title_and_draft_resolution_word_by_word(seed: Paper) -> None:
    new = revised(seed)
    new.title = "Kommunales Integrationsmanagement – Sachstand 2021"
    new.draft_resolution = RichText.from_plain_exact(
        seed.draft_resolution.plain_text().replace("nimmt", "nimmt zustimmend")
    )
    diff = diff_papers(seed, new)
    assert diff.title.text.marked() == "Kommunales Integrationsmanagement{+ – Sachstand 2021+}"
    assert "nimmt {+zustimmend +}den Bericht" in diff.draft_resolution.text.marked()
    text = format_diff_text(diff)
    assert text.index("Betrifft:") < text.index("Beschlussentwurf:")


def test_changed_paragraph_shows_its_words(seed: Paper) -> None:
    new = revised(seed)
    block = new.rationale.blocks[0]
    block.spans = [Span(block.plain_text().replace("drei Jahren", "vier Jahren"))]
    diff = diff_papers(seed, new)
    changed = [b for b in diff.rationale if b.change is not Change.UNCHANGED]
    assert len(changed) == 1 and changed[0].old_index == changed[0].new_index == 0
    assert "[-drei-]{+vier+} Jahren" in changed[0].text.marked()
    assert "Absatz 1 (geändert):" in format_diff_text(diff)


def test_added_and_removed_paragraphs(seed: Paper) -> None:
    new = revised(seed)
    removed = new.rationale.blocks.pop(4)
    new.rationale.blocks.insert(1, Block(BlockKind.PARAGRAPH, [Span("Ein ganz neuer Absatz über Fristen.")]))
    diff = diff_papers(seed, new)
    kinds = {b.change for b in diff.rationale}
    assert kinds == {Change.UNCHANGED, Change.ADDED, Change.REMOVED}
    gone = next(b for b in diff.rationale if b.change is Change.REMOVED)
    assert gone.old is not None and gone.old.plain_text() == removed.plain_text()
    text = format_diff_text(diff)
    assert "Absatz 2 (neu):" in text and "{+Ein ganz neuer Absatz über Fristen.+}" in text


def test_moved_paragraph_is_moved_not_rewritten(seed: Paper) -> None:
    new = revised(seed)
    new.rationale.blocks.insert(0, new.rationale.blocks.pop(3))
    diff = diff_papers(seed, new)
    moved = [b for b in diff.rationale if b.change is Change.MOVED]
    assert len(moved) == 2
    assert {(b.old_index, b.new_index) for b in moved} == {(3, 0)}
    assert all(not b.text.changed for b in moved)
    assert not any(b.change in (Change.ADDED, Change.REMOVED) for b in diff.rationale)
    assert "verschoben von 4" in format_diff_text(diff)


def test_moved_and_edited_paragraph_shows_its_edits(seed: Paper) -> None:
    new = revised(seed)
    moved = new.rationale.blocks.pop(3)
    moved.spans = [Span(moved.plain_text().replace("flächendeckende", "landesweite"))]
    new.rationale.blocks.insert(0, moved)
    diff = diff_papers(seed, new)
    moves = [b for b in diff.rationale if b.change is Change.MOVED]
    assert len(moves) == 2
    (arrival,) = (b for b in moves if b.old is None)
    assert (arrival.old_index, arrival.new_index) == (3, 0)
    assert "[-flächendeckende-]{+landesweite+}" in arrival.text.marked()
    text = format_diff_text(diff)
    assert "Absatz 1 verschoben von 4 und geändert:" in text
    assert "[-flächendeckende-]{+landesweite+}" in text


def test_repeated_blocks_do_not_pull_chapters_out_of_place() -> None:
    """The same list under two headings: deleting a paragraph in chapter 1 changes nothing in chapter 2."""

    def paragraph(text: str) -> Block:
        return Block(BlockKind.PARAGRAPH, [Span(text)])

    def chapter(number: int, text: str) -> list[Block]:
        same_list = Block(BlockKind.BULLET_LIST, items=[[Span("Ausländerbehörde")], [Span("Einbürgerung")]])
        return [Block(BlockKind.HEADING, [Span(f"{number}. Kapitel")]), paragraph(text), same_list]

    first = "Die Stadt beantragt Fördermittel für zwei halbe Stellen in der Ausländerbehörde."
    second = "Die Stellen werden zum ersten Januar besetzt und nach Entgeltgruppe 9b vergütet."
    old = Paper(rationale=RichText([*chapter(1, first), *chapter(2, second)]))
    new = revised(old)
    del new.rationale.blocks[1]
    new.rationale.blocks[3].spans = [Span(second.replace("ersten Januar", "ersten März"))]
    diff = diff_papers(old, new)
    assert [(b.change, b.old_index, b.new_index) for b in diff.rationale] == [
        (Change.UNCHANGED, 0, 0),
        (Change.REMOVED, 1, None),
        (Change.UNCHANGED, 2, 1),
        (Change.UNCHANGED, 3, 2),
        (Change.CHANGED, 4, 3),
        (Change.UNCHANGED, 5, 4),
    ]


def test_list_items_compared_item_by_item(seed: Paper) -> None:
    new = revised(seed)
    lists = [b for b in new.rationale.blocks if b.is_list]
    assert lists, "the seed Begründung has a numbered list"
    items = lists[0].items
    second = "".join(s.text for s in items[1])
    items[1] = [Span(second.replace("Pauschale", "Förderpauschale"))]
    items.append([Span("Ein vierter Punkt")])
    diff = diff_papers(seed, new)
    block = next(b for b in diff.rationale if b.items)
    assert [i.changed for i in block.items] == [False, True, False, True]
    assert "[-Pauschale-]{+Förderpauschale+}" in block.items[1].marked()
    assert block.items[3].marked() == "{+Ein vierter Punkt+}"
    assert "Punkt 4: {+Ein vierter Punkt+}" in format_diff_text(diff)


def test_formatting_only_change(seed: Paper) -> None:
    new = revised(seed)
    block = new.rationale.blocks[0]
    block.spans = [Span(s.text, bold=True) for s in block.spans]
    diff = diff_papers(seed, new)
    first = diff.rationale[0]
    assert first.change is Change.CHANGED and first.format_changed and not first.text.changed
    assert "(nur die Formatierung)" in format_diff_text(diff)


def test_unknown_block_kind_degrades_to_its_text() -> None:
    """A kind added later (tables …) is compared by its plain text."""
    old = Paper(rationale=RichText([Block(BlockKind.PARAGRAPH, [Span("Tabelle: Jahr 2020 50.000")])]))
    new = Paper(rationale=RichText([Block(BlockKind.PARAGRAPH, [Span("Tabelle: Jahr 2021 50.000")])]))
    new.rationale.blocks[0].kind = "table"  # type: ignore[assignment]
    diff = diff_papers(old, new)
    assert diff.rationale[0].text.marked() == "Tabelle: Jahr [-2020-]{+2021+} 50.000"
    assert diff.rationale[0].label == "Abschnitt"


def test_finance_cells_with_overrides() -> None:
    old, _ = funding_papers(demo_organizations(), demo_persons())
    new = revised(old)
    cell = (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)
    new.financial_impact.amounts[cell] = Decimal("60000.00")
    new.financial_impact.overridden.add(cell)
    new.financial_impact.amounts[(FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF)] = Decimal("1500.00")
    new.financial_impact.budget_available = False
    diff = diff_papers(old, new)
    changed = {c.cell: c for c in diff.cells if c.changed}
    assert set(changed) == {cell, (FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF)}
    personnel = changed[cell]
    assert personnel.old.amount == Decimal("50000.00") and not personnel.old.overridden
    assert personnel.new.overridden and personnel.new.computed == Decimal("50000.00")
    text = format_diff_text(diff)
    euro = "\u00a0€"
    computed = f"(von Hand; berechnet 50.000,00{euro})"
    assert f"Personalaufwand / jährlich: 50.000,00{euro} → 60.000,00{euro} {computed}" in text
    assert "Sach- und Dienstleistungen / einmalig: leer → 1.500,00\u00a0€" in text
    assert "Haushaltsmittel: stehen zur Verfügung → stehen nicht zur Verfügung" in text
    unchanged = [c for c in diff.cells if not c.changed]
    assert unchanged, "unchanged cells stay in the diff (the view shows them dimmed)"


def test_funding_modules_field_by_field() -> None:
    old, _ = funding_papers(demo_organizations(), demo_persons())
    new = revised(old)
    module = new.funding_modules[0]
    module.posts = Decimal("1.5")
    module.end_year = 2023
    new.funding_modules.append(FundingModule("kim-nrw", "b2-case-management", Decimal("2"), 2021, 2022))
    diff = diff_papers(old, new)
    first, added = diff.funding
    assert first.change is Change.CHANGED
    assert {f.label: (f.old, f.new) for f in first.changed_fields} == {
        "Stellen": ("1", "1,5"),
        "Förderzeitraum": ("2020–2022", "2020–2023"),
    }
    assert added.change is Change.ADDED and added.new_position == 2
    text = format_diff_text(diff)
    assert "Stellen: 1 → 1,5" in text and "2. kim-nrw b2-case-management (neu)" in text


def committee(name: str) -> Organization:
    return Organization(name, id=uuid.uuid5(uuid.NAMESPACE_URL, name))


def test_beratungsfolge_item_by_item_and_reordered() -> None:
    council, hfa, social = (
        committee("Rat"),
        committee("Haupt- und Finanzausschuss"),
        committee("Sozialausschuss"),
    )
    old = Paper(
        consultations=[
            Consultation(social, ConsultationRole.PRELIMINARY, date(2026, 3, 2)),
            Consultation(hfa, ConsultationRole.RECOMMENDATION, date(2026, 3, 10)),
            Consultation(council, ConsultationRole.DECISION, date(2026, 3, 19)),
        ]
    )
    new = revised(old)
    new.consultations = [new.consultations[1], new.consultations[0], new.consultations[2]]
    new.consultations[2].meeting_date = date(2026, 3, 26)
    new.consultations[2].public = False
    diff = diff_papers(old, new)
    by_label = {i.label: i for i in diff.consultations}
    assert [i.label for i in diff.consultations] == [
        "Haupt- und Finanzausschuss – Empfehlung",
        "Sozialausschuss – Vorberatung",
        "Rat – Entscheidung",
    ]
    moved = [i for i in diff.consultations if i.change is Change.MOVED]
    assert len(moved) == 1 and (moved[0].old_position, moved[0].new_position) in {(1, 2), (2, 1)}
    rat = by_label["Rat – Entscheidung"]
    assert rat.change is Change.CHANGED
    assert {f.label: (f.old, f.new) for f in rat.changed_fields} == {
        "Sitzung": ("19.03.2026", "26.03.2026"),
        "Öffentlichkeit": ("öffentlich", "nicht öffentlich"),
    }
    assert "Sitzung: 19.03.2026 → 26.03.2026" in format_diff_text(diff)


def test_consultation_role_change_is_one_entry_changed() -> None:
    council = committee("Rat")
    old = Paper(consultations=[Consultation(council, ConsultationRole.NOTING)])
    new = Paper(consultations=[Consultation(council, ConsultationRole.DECISION)])
    (item,) = diff_papers(old, new).consultations
    assert item.change is Change.CHANGED
    assert [(f.label, f.old, f.new) for f in item.changed_fields] == [
        ("Rolle", "Kenntnisnahme", "Entscheidung")
    ]


def test_anlagen_item_by_item() -> None:
    paper = Paper()
    plan = Attachment(paper.id, "Lageplan.pdf", size=1000, sha256="a" * 64, order=0)
    budget = Attachment(paper.id, "Kostenschätzung.pdf", size=2000, sha256="b" * 64, order=1)
    new_budget = Attachment(paper.id, "Kostenschätzung.pdf", size=2100, sha256="c" * 64, order=0)
    letter = Attachment(paper.id, "Anschreiben.pdf", size=10, sha256="d" * 64, order=1)
    diff = diff_papers(paper, paper, old_attachments=[plan, budget], new_attachments=[letter, new_budget])
    changes = {i.label: i for i in diff.attachments}
    assert changes["Lageplan.pdf"].change is Change.REMOVED
    assert changes["Anschreiben.pdf"].change is Change.ADDED
    replaced = changes["Kostenschätzung.pdf"]
    assert replaced.change is Change.CHANGED
    assert {f.label for f in replaced.changed_fields} == {"Größe", "Prüfsumme (SHA-256)"}
    text = format_diff_text(diff)
    assert "Anlagen:" in text and "Lageplan.pdf (entfernt)" in text


def test_climate_signature_and_resolution_record(seed: Paper) -> None:
    new = revised(seed)
    new.climate_impact = ImpactChoice.FOLLOWING
    new.climate_text = "Weniger Dienstfahrten durch Beratung vor Ort."
    new.signature.name = "Erika Muster"
    new.signature.on_behalf = False
    new.resolution_record.append(
        ResolutionEntry("Integrationsrat", date(2020, 9, 9), result="zur Kenntnis genommen")
    )
    diff = diff_papers(seed, new)
    assert [(f.old, f.new) for f in diff.climate if f.changed] == [
        ("keine", "folgende"),
        ("", "Weniger Dienstfahrten durch Beratung vor Ort."),
    ]
    assert {f.label: f.new for f in diff.signature if f.changed} == {
        "Unterschrift: i. V.": "nein",
        "Unterschrift: Name": "Erika Muster",
    }
    assert diff.resolutions[0].change is Change.ADDED
    text = format_diff_text(diff)
    assert "Klimarelevante Auswirkungen: keine → folgende" in text
    assert "Unterschrift: Name: Rainer Weichelt → Erika Muster" in text
    assert "1. Integrationsrat 09.09.2020 (neu)" in text


def test_the_report_counts_and_orders_sections(seed: Paper) -> None:
    new = revised(seed)
    new.file_number = "1"
    new.draft_resolution = RichText.from_plain_exact("Neu.")
    text = format_diff_text(diff_papers(seed, new))
    assert text.splitlines()[0] == "2 Änderungen."
    assert text.index("Kopfdaten:") < text.index("Beschlussentwurf:")


# --- any input ----------------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(strategies.texts, strategies.texts)
def test_any_two_texts_are_rebuilt_exactly(old: str, new: str) -> None:
    diff = diff_text(old, new)
    assert rebuilt(diff) == (old, new)
    assert diff.changed is (old != new)
    assert all(segment.text for segment in diff.segments)


@settings(max_examples=40, deadline=None)
@given(strategies.papers(), strategies.papers())
def test_any_two_vorlagen_compare(old: Paper, new: Paper) -> None:
    diff = diff_papers(old, new)
    assert sorted(b.old_index for b in diff.rationale if b.old is not None) == list(
        range(len(old.rationale.blocks))
    )
    assert sorted(b.new_index for b in diff.rationale if b.new is not None) == list(
        range(len(new.rationale.blocks))
    )
    assert len([i for i in diff.consultations if i.old_position is not None]) == len(old.consultations)
    assert len([i for i in diff.consultations if i.new_position is not None]) == len(new.consultations)
    assert format_diff_text(diff).endswith("\n")
    assert not diff_papers(new, copy.deepcopy(new)).changed
