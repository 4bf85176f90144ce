"""The form's money sections: Finanzielle Auswirkungen (the NKF table) and the Fördermodule."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.flowables import CondPageBreak

from kimdesk.domain.model import FinanceRow, ImpactChoice, Paper, Period
from kimdesk.pdf.cells import CELL_INSET, NOTHING, box, field_cell, make_table, para
from kimdesk.pdf.flowables import KeepTogetherUnlessGap, cached_paragraph
from kimdesk.pdf.fonts import BOLD, ITALIC, REGULAR
from kimdesk.pdf.formats import format_money, format_posts
from kimdesk.pdf.funding import computable, funding_years, module_label
from kimdesk.pdf.funding_notes import module_notes
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, LIGHT_FILL, Styles
from kimdesk.pdf.text import escape

OVERRIDE_MARK = "*"
OVERRIDE_NOTE = "* von der Berechnung abweichend eingetragen"
#: More free space than this on a page and the finance block splits rather than moving on.
MAX_FINANCE_GAP = 85 * mm
#: The NKF table's columns einmalig and jährlich.
AMOUNT_WIDTH = 42 * mm

#: The NKF table in form order: block headings (str) and rows (row, label, indented).
FINANCE_LAYOUT: Sequence[str | tuple[FinanceRow, str, bool]] = (
    "Ergebnisrechnung",
    (FinanceRow.INCOME, "Ertrag", False),
    (FinanceRow.INCOME_GRANTS, "Zuwendungen und Zuschüsse", True),
    (FinanceRow.EXPENSE, "Aufwand", False),
    (FinanceRow.EXPENSE_PERSONNEL, "Personalaufwand", True),
    (FinanceRow.EXPENSE_MATERIAL, "Sach- und Dienstleistungen", True),
    (FinanceRow.EXPENSE_TRANSFER, "Transferaufwand", True),
    "investiver Finanzplan",
    (FinanceRow.INVESTMENT_RECEIPTS, "Einzahlung", False),
    (FinanceRow.INVESTMENT_GRANTS, "Zuschüsse", True),
    (FinanceRow.INVESTMENT_THIRD_PARTY, "Beiträge Dritter", True),
    (FinanceRow.INVESTMENT_PAYMENTS, "Auszahlung", False),
)


def financial_impact(paper: Paper, st: Styles, heading: str = "Finanzielle Auswirkungen:") -> list[Flowable]:
    """Finanzielle Auswirkungen: the NKF table, the override note and the budget line, kept together."""
    impact = paper.financial_impact
    choice = impact.choice
    head = cached_paragraph(
        f"{box(choice is ImpactChoice.NONE)} keine&nbsp;&nbsp;&nbsp;&nbsp;"
        f"{box(choice is ImpactChoice.FOLLOWING)} folgende",
        st.body,
    )
    # Fixed labels are plain strings: no user text, and much cheaper to lay out than Paragraphs; the
    # amounts are the Vorlage's fields, set over the shared form. Every row has a label of one line
    # in the same font, so a cell without an amount can be NOTHING.
    rows: list[list[object]] = [[NOTHING, "einmalig", "jährlich"]]
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ]
    seen_parent: set[FinanceRow] = set()
    for entry in FINANCE_LAYOUT:
        index = len(rows)
        if isinstance(entry, str):
            commands.append(("SPAN", (0, index), (-1, index)))
            commands.append(("BACKGROUND", (0, index), (-1, index), LIGHT_FILL))
            commands.append(("FONTNAME", (0, index), (0, index), BOLD))
            rows.append([entry, "", ""])
            continue
        row, label, indented = entry
        parent = row.parent
        if indented and parent is not None and parent not in seen_parent:
            seen_parent.add(parent)
            commands.append(("FONTNAME", (0, index), (0, index), ITALIC))
            rows.append(["darin enthalten:", NOTHING, NOTHING])
            index += 1
        amounts: list[object] = []
        for period in (Period.ONE_OFF, Period.ANNUAL):
            value = impact.get(row, period)
            if value is None:
                amounts.append(NOTHING)
                continue
            text = format_money(value)
            if (row, period) in impact.overridden:
                text += OVERRIDE_MARK
            amounts.append(field_cell(text, st.cell_right, AMOUNT_WIDTH - 2 * CELL_INSET))
        if indented:
            commands.append(("LEFTPADDING", (0, index), (0, index), 6 + 4 * mm))
        else:
            commands.append(("FONTNAME", (0, index), (0, index), BOLD))
        rows.append([label if indented else f"{label} €", *amounts])
    widths = [FRAME_WIDTH - 2 * AMOUNT_WIDTH, AMOUNT_WIDTH, AMOUNT_WIDTH]
    table = make_table(
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *commands,
        ],
        repeat_rows=1,
        font=(REGULAR, st.cell.fontSize, st.cell.leading),
        shared=True,
    )
    out: list[Flowable] = [cached_paragraph(escape(heading), st.label), head, table]
    if any(cell in impact.amounts for cell in impact.overridden):
        out.append(cached_paragraph(OVERRIDE_NOTE, st.small))
    available = impact.budget_available
    out.append(Spacer(1, 2 * mm))
    out.append(
        cached_paragraph(
            f"Haushaltsmittel stehen:&nbsp;&nbsp;{box(available is True)} zur Verfügung"
            f"&nbsp;&nbsp;&nbsp;&nbsp;{box(available is False)} nicht zur Verfügung",
            st.body,
        )
    )
    # Like the paper form, the block stays on one page when it can — unless moving it would
    # leave a large part of the page empty.
    return [CondPageBreak(45 * mm), KeepTogetherUnlessGap(out, max_gap=MAX_FINANCE_GAP)]


def funding_modules(paper: Paper, st: Styles, heading: str = "Fördermodule:") -> list[Flowable]:
    """Fördermodule: one row per year and component, the sums, then each module's notes."""
    if not paper.funding_modules:
        return []
    rows: list[list[object]] = [
        [cached_paragraph(h, st.cell_bold) for h in ("Jahr", "Baustein")]
        + [cached_paragraph(h, st.cell_right_bold) for h in ("Stellen", "Zuschuss", "Eigenanteil")]
    ]
    total_grant = Decimal("0.00")
    total_own = Decimal("0.00")
    for year in funding_years(paper.funding_modules):
        total_grant += year.grant
        total_own += year.own_contribution
        rows.append(
            [
                cached_paragraph(str(year.year), st.cell),
                para(year.component, st.cell),
                cached_paragraph(format_posts(year.posts), st.cell_right),
                cached_paragraph(format_money(year.grant), st.cell_right),
                cached_paragraph(format_money(year.own_contribution), st.cell_right),
            ]
        )
    rows.append(
        [
            cached_paragraph("Summe", st.cell_bold),
            "",
            "",
            cached_paragraph(format_money(total_grant), st.cell_right_bold),
            cached_paragraph(format_money(total_own), st.cell_right_bold),
        ]
    )
    widths = [14 * mm, 0.0, 19 * mm, 30 * mm, 30 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    out: list[Flowable] = [
        CondPageBreak(30 * mm),
        cached_paragraph(escape(heading), st.label),
        make_table(
            rows,
            widths,
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                ("SPAN", (0, -1), (2, -1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ],
            repeat_rows=1,
        ),
    ]
    for module in paper.funding_modules:
        label = module_label(module)
        if not computable(module):
            out.append(
                para(
                    f"{label}: noch nicht berechenbar (Pauschale, Stellen oder Zeitraum fehlen).",
                    st.small,
                )
            )
        elif module.rate is not None and module.rate.guideline:
            out.append(para(f"{label}: {module.rate.guideline}", st.small))
        out.extend(module_notes(module, label, st))
        if module.notes.strip():
            out.append(para(f"{label}: {module.notes}", st.small))
    return out
