"""Validation of a Vorlage: what is wrong and what is missing for release, in German, per field.

Drafts may be incomplete: nothing here stops a save. Every problem returned blocks release.
"""

from __future__ import annotations

from decimal import Decimal

from kimdesk.domain.errors import Problem
from kimdesk.domain.model import (
    FINANCE_ROW_PARENTS,
    FinanceRow,
    FinancialImpact,
    ImpactChoice,
    Paper,
    PaperType,
    Period,
    cell_label,
)
from kimdesk.domain.money import MAX_AMOUNT, has_at_most_cents

FIELD_FINANCE = "Finanzielle Auswirkungen"
FIELD_BUDGET = "Haushaltsmittel stehen"
FIELD_CLIMATE = "Wesentliche klimarelevante Auswirkungen"


def validate_amount(label: str, value: Decimal) -> list[Problem]:
    """Range and cent checks that every amount passes, wherever it was typed."""
    if not value.is_finite():
        return [Problem(label, "ist keine Zahl")]
    problems = []
    if value < 0:
        problems.append(Problem(label, "Beträge dürfen nicht negativ sein"))
    if value > MAX_AMOUNT:
        problems.append(Problem(label, "Beträge dürfen höchstens 999.999.999,99 € betragen"))
    if not has_at_most_cents(value):
        problems.append(Problem(label, "Beträge haben höchstens zwei Nachkommastellen (Cent)"))
    return problems


def validate_financial_impact(impact: FinancialImpact) -> list[Problem]:
    problems: list[Problem] = []
    for cell, value in sorted(impact.amounts.items(), key=lambda kv: _cell_order(kv[0])):
        problems.extend(validate_amount(cell_label(cell), value))
    filled = {cell for cell, value in impact.amounts.items() if value != 0}
    if impact.choice is None:
        problems.append(Problem(FIELD_FINANCE, "„keine“ oder „folgende“ ankreuzen"))
    elif impact.choice is ImpactChoice.NONE:
        if filled:
            names = ", ".join(cell_label(c) for c in sorted(filled, key=_cell_order))
            problems.append(
                Problem(FIELD_FINANCE, f"bei „keine“ dürfen keine Beträge eingetragen sein ({names})")
            )
        if impact.budget_available is not None:
            problems.append(Problem(FIELD_BUDGET, "bei „keine“ finanziellen Auswirkungen nicht ankreuzen"))
    else:
        if not filled:
            problems.append(Problem(FIELD_FINANCE, "bei „folgende“ mindestens einen Betrag eintragen"))
        if impact.budget_available is None:
            problems.append(Problem(FIELD_BUDGET, "„zur Verfügung“ oder „nicht zur Verfügung“ ankreuzen"))
    for parent in dict.fromkeys(FINANCE_ROW_PARENTS.values()):
        parts = [row for row, p in FINANCE_ROW_PARENTS.items() if p is parent]
        for period in Period:
            total = impact.amounts.get((parent, period)) or Decimal(0)
            contained = sum((impact.amounts.get((row, period)) or Decimal(0) for row in parts), Decimal(0))
            if contained > total:
                problems.append(
                    Problem(
                        cell_label((parent, period)),
                        "darin enthaltene Beträge übersteigen die Summe",
                    )
                )
    return problems


def validate_paper(paper: Paper) -> list[Problem]:
    """Every problem that stands between this Vorlage and its release, in form order."""
    problems: list[Problem] = []
    if paper.lead_department is None:
        problems.append(Problem("Federführendes Amt", "fehlt"))
    if not paper.consultations:
        problems.append(Problem("Beratungsfolge", "mindestens ein Gremium angeben"))
    for number, consultation in enumerate(paper.consultations, start=1):
        where = f"Beratungsfolge, Zeile {number}"
        if consultation.committee is None:
            problems.append(Problem(where, "Gremium fehlt"))
    if not paper.title.strip():
        problems.append(Problem("Betrifft", "fehlt"))
    if paper.rationale.is_empty():
        problems.append(Problem("Begründung", "fehlt"))
    if paper.minutes_extracts is not None and paper.minutes_extracts < 0:
        problems.append(Problem("Zahl der erforderlichen Protokollauszüge", "darf nicht negativ sein"))
    problems.extend(validate_financial_impact(paper.financial_impact))
    for number, module in enumerate(paper.funding_modules, start=1):
        where = f"Fördermodul {number}"
        if module.posts <= 0:
            problems.append(Problem(f"{where}, Stellen", "muss größer als 0 sein"))
        if module.end_year < module.start_year:
            problems.append(Problem(f"{where}, Förderzeitraum", "Ende liegt vor dem Beginn"))
        problems.extend(validate_amount(f"{where}, Eigenanteil", module.own_contribution))
    if paper.climate_impact is None:
        problems.append(Problem(FIELD_CLIMATE, "„keine“ oder „folgende“ ankreuzen"))
    elif paper.climate_impact is ImpactChoice.FOLLOWING and not paper.climate_text.strip():
        problems.append(Problem(FIELD_CLIMATE, "bei „folgende“ die Auswirkungen beschreiben"))
    if paper.paper_type is PaperType.RESOLUTION and not paper.draft_resolution.strip():
        problems.append(Problem("Beschlussentwurf", "fehlt"))
    if not paper.signature.name.strip():
        problems.append(Problem("Unterschrift", "Name fehlt"))
    return problems


_ROW_ORDER = {row: i for i, row in enumerate(FinanceRow)}


def _cell_order(cell: tuple[FinanceRow, Period]) -> tuple[int, int]:
    return (_ROW_ORDER[cell[0]], 0 if cell[1] is Period.ONE_OFF else 1)
