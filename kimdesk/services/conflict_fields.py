"""A save conflict's two versions compared field by field, as short German texts (no Qt)."""

from __future__ import annotations

from kimdesk.domain.funding.module import format_period
from kimdesk.domain.model import Paper
from kimdesk.l10n.formatting import format_date, format_money
from kimdesk.l10n.i18n import _


def readable_fields(paper: Paper) -> dict[str, str]:
    """Every field of the form as a short German text, for comparing two versions."""
    impact = paper.financial_impact
    consultations = "; ".join(
        ", ".join(
            part
            for part in (
                c.committee.name if c.committee else "?",
                _(c.role.label) if c.role else "",
                format_date(c.meeting_date),
                _("TOP {number}").format(number=c.agenda_item) if c.agenda_item else "",
                "" if c.public is None else _("öffentlich") if c.public else _("nicht öffentlich"),
                c.rapporteur.name if c.rapporteur else "",
            )
            if part
        )
        for c in paper.consultations
    )
    amounts = "; ".join(
        f"{_(row.label)} {_(period.label)}: {format_money(value)}"
        for (row, period), value in sorted(
            impact.amounts.items(), key=lambda kv: (kv[0][0].value, kv[0][1].value)
        )
    )
    signature = paper.signature
    return {
        _("Vorlageart"): _(paper.paper_type.label) if paper.paper_type else "",
        _("Federführendes Amt"): paper.lead_department.name if paper.lead_department else "",
        _("Aktenzeichen"): paper.file_number,
        _("Bezugsvorlagen"): ", ".join(r.reference for r in paper.related_papers),
        _("Beratungsfolge"): consultations,
        _("Betrifft"): paper.title,
        _("Begründung"): paper.rationale.plain_text(),
        _("Finanzielle Auswirkungen"): (_(impact.choice.label) if impact.choice else "")
        + (f" – {amounts}" if amounts else ""),
        _("Haushaltsmittel"): {
            None: "",
            True: _("stehen zur Verfügung"),
            False: _("stehen nicht zur Verfügung"),
        }[impact.budget_available],
        _("Fördermodule"): "; ".join(
            f"{m.programme}/{m.component} {m.posts} ({format_period(m)})"
            + "".join(f", {format_money(o.amount)} {o.source}".rstrip() for o in m.own_sources)
            + (
                f", {format_money(m.extra_amount)} {m.extra_reason}"
                if m.extra_amount or m.extra_reason
                else ""
            )
            for m in paper.funding_modules
        ),
        _("Klimarelevante Auswirkungen"): (_(paper.climate_impact.label) if paper.climate_impact else "")
        + (f" – {paper.climate_text}" if paper.climate_text else ""),
        _("Beschlussentwurf"): paper.draft_resolution.plain_text(),
        _("Unterschrift"): " / ".join(
            p
            for p in (
                signature.heading,
                _("i. V.") if signature.on_behalf else "",
                signature.name,
                signature.function,
            )
            if p
        ),
        _("Protokollauszüge"): "" if paper.minutes_extracts is None else str(paper.minutes_extracts),
        _("Status"): _(paper.status.label),
    }


def differences(mine: Paper, stored: Paper) -> list[tuple[str, str, str]]:
    a, b = readable_fields(mine), readable_fields(stored)
    return [(name, a[name], b[name]) for name in a if a[name] != b[name]]
