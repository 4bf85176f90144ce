"""Validation of a Vorlage: what is wrong and what is missing for release, in German, per field.

Drafts may be incomplete: nothing here stops a save. Every problem returned blocks release.
"""

from __future__ import annotations

from decimal import Decimal

from kimdesk.domain.errors import Problem
from kimdesk.domain.funding.module import module_problems
from kimdesk.domain.limits import paper_limit_problems
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
FIELD_TYPE = "Vorlageart"
#: What an unknown value (imported from a system that did not record it) needs before the Umlauf.
UNKNOWN = "nicht bekannt (aus einem anderen System übernommen) – bitte auswählen"


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
    """The rules of the Finanzielle Auswirkungen, each problem naming its cell.

    "keine" means no amounts; "folgende" needs at least one amount and the Haushaltsmittel
    statement; *darin enthalten* parts never exceed their total in the same period; every amount
    is 0 … 999.999.999,99 € with at most cents.
    """
    problems: list[Problem] = []
    for cell, value in sorted(impact.amounts.items(), key=lambda kv: _cell_order(kv[0])):
        problems.extend(validate_amount(cell_label(cell), value))
    entered = sorted(impact.amounts, key=_cell_order)
    filled = [cell for cell in entered if impact.amounts[cell] != 0]
    if impact.choice is None:
        problems.append(Problem(FIELD_FINANCE, "„keine“ oder „folgende“ ankreuzen"))
    elif impact.choice is ImpactChoice.NONE:
        if entered:
            names = ", ".join(cell_label(c) for c in entered)
            problems.append(
                Problem(FIELD_FINANCE, f"bei „keine“ dürfen keine Beträge eingetragen sein ({names})")
            )
        if impact.budget_available is not None:
            problems.append(Problem(FIELD_BUDGET, "bei „keine“ finanziellen Auswirkungen nicht ankreuzen"))
    else:
        if not filled:
            problems.append(Problem(FIELD_FINANCE, "bei „folgende“ mindestens einen Betrag eintragen"))
        if impact.budget_available is None:
            problems.append(
                Problem(FIELD_BUDGET, "bei „folgende“ „zur Verfügung“ oder „nicht zur Verfügung“ ankreuzen")
            )
    for parent in dict.fromkeys(FINANCE_ROW_PARENTS.values()):
        parts = [row for row, p in FINANCE_ROW_PARENTS.items() if p is parent]
        for period in Period:
            total = impact.amounts.get((parent, period))
            contained = sum((impact.amounts.get((row, period)) or Decimal(0) for row in parts), Decimal(0))
            if contained <= 0 or contained <= (total or Decimal(0)):
                continue
            if total is None:
                message = "Summe fehlt, obwohl darin enthaltene Beträge eingetragen sind"
            else:
                message = "darin enthaltene Beträge übersteigen die Summe"
            problems.append(Problem(cell_label((parent, period)), message))
    return problems


def validate_funding_modules(paper: Paper) -> list[Problem]:
    """Each module computable with a frozen rate, and the table not claiming "keine" beside them."""
    problems: list[Problem] = []
    for number, module in enumerate(paper.funding_modules, start=1):
        where = f"Fördermodul {number}"
        problems.extend(module_problems(module, where))
        if module.rate is None:
            problems.append(Problem(f"{where}, Pauschale", "noch nicht berechnet (Pauschale zuordnen)"))
    if paper.funding_modules and paper.financial_impact.choice is ImpactChoice.NONE:
        problems.append(
            Problem(FIELD_FINANCE, "Fördermodule sind beantragt – „folgende“ ankreuzen und Beträge eintragen")
        )
    return problems


def validate_paper(paper: Paper) -> list[Problem]:
    """Every problem that stands between this Vorlage and its release, in form order.

    First what no Vorlage may hold at all (text beyond the limits, NUL, lone surrogates): no save takes it.
    """
    problems: list[Problem] = paper_limit_problems(paper)
    if paper.paper_type is None:
        problems.append(Problem(FIELD_TYPE, UNKNOWN))
    if paper.lead_department is None:
        problems.append(Problem("Federführendes Amt", "fehlt"))
    if not paper.consultations:
        problems.append(Problem("Beratungsfolge", "mindestens ein Gremium angeben"))
    for number, consultation in enumerate(paper.consultations, start=1):
        where = f"Beratungsfolge, Zeile {number}"
        if consultation.committee is None:
            problems.append(Problem(where, "Gremium fehlt"))
        if consultation.role is None:
            problems.append(Problem(f"{where}, Zuständigkeit", UNKNOWN))
    if not paper.title.strip():
        problems.append(Problem("Betrifft", "fehlt"))
    if paper.rationale.is_empty():
        problems.append(Problem("Begründung", "fehlt"))
    if paper.minutes_extracts is not None and paper.minutes_extracts < 0:
        problems.append(Problem("Zahl der erforderlichen Protokollauszüge", "darf nicht negativ sein"))
    problems.extend(validate_financial_impact(paper.financial_impact))
    problems.extend(validate_funding_modules(paper))
    if paper.climate_impact is None:
        problems.append(Problem(FIELD_CLIMATE, "„keine“ oder „folgende“ ankreuzen"))
    elif paper.climate_impact is ImpactChoice.FOLLOWING and not paper.climate_text.strip():
        problems.append(Problem(FIELD_CLIMATE, "bei „folgende“ die Auswirkungen beschreiben"))
    if paper.paper_type is PaperType.RESOLUTION and paper.draft_resolution.is_empty():
        problems.append(Problem("Beschlussentwurf", "fehlt"))
    if not paper.signature.name.strip():
        problems.append(Problem("Unterschrift", "Name fehlt"))
    return problems


_ROW_ORDER = {row: i for i, row in enumerate(FinanceRow)}


def _cell_order(cell: tuple[FinanceRow, Period]) -> tuple[int, int]:
    return (_ROW_ORDER[cell[0]], 0 if cell[1] is Period.ONE_OFF else 1)
