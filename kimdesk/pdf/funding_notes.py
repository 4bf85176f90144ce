"""The lines under the Fördermodule table that explain one module: period by months, the Eigenanteil's
sources, an amount the catalogue lacks."""

from __future__ import annotations

import calendar

from reportlab.platypus import Flowable

from kimdesk.domain.model import FundingModule
from kimdesk.pdf.cells import para
from kimdesk.pdf.formats import format_money
from kimdesk.pdf.styles import Styles


def period_text(module: FundingModule) -> str:
    """``01.07.2020–30.06.2023``."""
    last = calendar.monthrange(module.end_year, module.end_month)[1]
    return (
        f"01.{module.start_month:02d}.{module.start_year}–{last:02d}.{module.end_month:02d}.{module.end_year}"
    )


def module_notes(module: FundingModule, label: str, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if not module.whole_years:
        out.append(
            para(
                f"{label}: Förderzeitraum {period_text(module)}; "
                "Beträge angebrochener Jahre anteilig je Monat.",
                st.small,
            )
        )
    if any(s.source for s in module.own_sources) or len(module.own_sources) > 1:
        parts = ", ".join(f"{format_money(s.amount)} {s.source}".strip() for s in module.own_sources)
        out.append(para(f"{label}: Eigenanteil je Jahr: {parts}", st.small))
    if module.extra_amount:
        out.append(
            para(
                f"{label}: im Zuschuss enthalten je Jahr {format_money(module.extra_amount)} "
                f"ohne Pauschale des Förderkatalogs – {module.extra_reason}",
                st.small,
            )
        )
    return out
