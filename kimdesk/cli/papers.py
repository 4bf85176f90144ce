"""``kimdesk list``, ``show``, ``new``, ``demo``: Vorlagen on the command line."""

from __future__ import annotations

import argparse
from dataclasses import replace

from kimdesk.cli.common import Context
from kimdesk.cli.door import whole_number
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.limits import EARLIEST_YEAR, LATEST_YEAR
from kimdesk.domain.model import (
    FinanceRow,
    ImpactChoice,
    Paper,
    PaperStatus,
    Period,
)
from kimdesk.domain.validation import validate_paper
from kimdesk.l10n.formatting import format_date, format_datetime, format_money, format_posts
from kimdesk.services.demo import load_full_demo
from kimdesk.services.papers import count_papers, get_paper, list_papers, new_paper
from kimdesk.services.ports import PaperQuery

STATUS_BY_WORD = {s.label.lower(): s for s in PaperStatus} | {s.value: s for s in PaperStatus}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="Vorlagen auflisten (Filter und Volltextsuche)")
    p.add_argument("text", nargs="?", default="", metavar="SUCHTEXT", help="Nr., Betrifft oder Begründung")
    p.add_argument("--year", type=whole_number(EARLIEST_YEAR, LATEST_YEAR), metavar="JAHR")
    p.add_argument("--status", metavar="STATUS", help="Entwurf, „In Mitzeichnung“, Freigegeben, …")
    p.add_argument("--committee", metavar="GREMIUM", help="Name oder Kurzname, z. B. HFA")
    p.add_argument("--limit", type=whole_number(1, 100_000), default=200, metavar="N")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="eine Vorlage mit allen Feldern anzeigen")
    p.add_argument("reference", metavar="NR", help="Vorlage Nr., z. B. 20/0270")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("new", help="eine neue Vorlage (Entwurf) mit der nächsten Nummer anlegen")
    p.add_argument("title", metavar="BETRIFFT")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("demo", help="das Demo-Amt laden (Vorlage 20/0270 mit Integrationsrat u. a.)")
    p.set_defaults(handler=cmd_demo)


def _status(word: str | None) -> PaperStatus | None:
    if word is None:
        return None
    try:
        return STATUS_BY_WORD[word.strip().lower()]
    except KeyError:
        allowed = ", ".join(s.label for s in PaperStatus)
        raise KimdeskError(f"Status: „{word}“ gibt es nicht (möglich: {allowed}).") from None


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:

    committee_id = None
    if args.committee:
        with ctx.app.uow_factory() as uow:
            committee = uow.organizations.find(args.committee)
        if committee is None:
            raise KimdeskError(f"Gremium: „{args.committee}“ ist nicht bekannt.")
        committee_id = committee.id
    query = PaperQuery(text=args.text, year=args.year, status=_status(args.status), committee_id=committee_id)
    total = count_papers(ctx.app.uow_factory, query)
    rows = list_papers(ctx.app.uow_factory, replace(query, limit=args.limit))
    if not rows:
        print("Keine Vorlagen gefunden.")
        return 0
    width = max(len(r.reference) for r in rows)
    for r in rows:
        meeting = format_date(r.meeting_date) or "–"
        print(
            f"{r.reference:<{width}}  {r.status.label:<15}  {r.committee or '–':<6}  {meeting:<10}  {r.title}"
        )
    if total > len(rows):
        print(f"… {total - len(rows)} weitere (--limit erhöhen)")
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:

    paper = get_paper(ctx.app.uow_factory, args.reference)
    print(render_paper_text(paper))
    return 0


def cmd_new(ctx: Context, args: argparse.Namespace) -> int:

    paper = new_paper(ctx.app.uow_factory, Paper(title=args.title))
    print(f"Vorlage {paper.reference} angelegt (Entwurf).")
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:

    # The released and decided Vorlagen get their signed PDFs, as the program makes them.
    added, meetings = load_full_demo(ctx.app.uow_factory, maker=ctx.app.signed_pdf_maker)
    if added or meetings:
        print(f"Demo-Amt geladen: {len(added)} Vorlage(n) ({', '.join(sorted(added))}).")
        if meetings:
            print(f"Sitzungen: {', '.join(meetings)}")
    else:
        print("Demo-Amt ist bereits geladen.")
    return 0


def _check(flag: bool) -> str:
    return "☒" if flag else "☐"


def render_paper_text(paper: Paper) -> str:
    """The Vorlage as readable text, in the order of the form."""
    out: list[str] = []
    add = out.append
    kind = paper.paper_type.label if paper.paper_type else "Vorlagenart unbekannt"
    add(f"Vorlage Nr. {paper.reference}    {kind}    Status: {paper.status.label}")
    if paper.source_status:
        add(f"Status im Herkunftssystem: {paper.source_status}")
    add(f"Federf. Amt: {paper.lead_department.name if paper.lead_department else '–'}")
    if paper.file_number:
        add(f"Aktenzeichen: {paper.file_number}")
    add("")
    add("Beratungsfolge:")
    if not paper.consultations:
        add("  –")
    for c in paper.consultations:
        rapporteur = f"{c.rapporteur.name} {c.rapporteur.function}".strip() if c.rapporteur else "–"
        role = c.role.label if c.role else "Zuständigkeit unbekannt"
        add(
            f"  {c.committee.name if c.committee else '–'} | Berichterstatter: {rapporteur} | "
            f"{role} | Sitzung am {format_date(c.meeting_date) or '–'} | Punkt {c.agenda_item or '–'}"
            + {True: " | öffentliche Sitzung", False: " | nicht-öffentliche Sitzung", None: ""}[c.public]
        )
    add("")
    add(f"Betrifft: {paper.title}")
    if paper.related_papers:
        add(f"Bezugsvorlage(n): {', '.join(r.reference for r in paper.related_papers)}")
    add("")
    add("Begründung:")
    add(paper.rationale.plain_text())
    add("")
    add("Mitzeichnungen:")
    signed = paper.active_sign_offs
    if not signed:
        add("  –")
    for s in signed:
        when = format_datetime(s.signed_at) if s.signed_at else "offen"
        who = f"{'i. V. ' if s.as_deputy else ''}{s.person_name}"
        decision = s.decision.label if s.decision else ""
        add(f"  {s.role_label}: {who} {decision} {when}".rstrip())
    add(f"Zahl der erforderlichen Protokollauszüge: {paper.minutes_extracts or '–'}")
    add("")
    impact = paper.financial_impact
    add(
        f"Finanzielle Auswirkungen: {_check(impact.choice is ImpactChoice.NONE)} keine  "
        f"{_check(impact.choice is ImpactChoice.FOLLOWING)} folgende"
    )
    for row in FinanceRow:
        values = [impact.get(row, period) for period in Period]
        if any(v is not None for v in values):
            cells = "  ".join(
                f"{period.label}: {format_money(v)}"
                + (" (überschrieben)" if (row, period) in impact.overridden else "")
                for period, v in zip(Period, values, strict=True)
                if v is not None
            )
            add(f"  {row.label}: {cells}")
    if impact.budget_available is not None:
        add(
            f"Haushaltsmittel stehen: {_check(impact.budget_available)} zur Verfügung  "
            f"{_check(not impact.budget_available)} nicht zur Verfügung"
        )
    for module in paper.funding_modules:
        add(
            f"  Fördermodul {module.programme}/{module.component}: {format_posts(module.posts)} Stellen, "
            f"{module.start_year}–{module.end_year}"
        )
    add(
        "Wesentliche klimarelevante Auswirkungen: "
        f"{_check(paper.climate_impact is ImpactChoice.NONE)} keine  "
        f"{_check(paper.climate_impact is ImpactChoice.FOLLOWING)} folgende"
    )
    if paper.climate_text:
        add(f"  {paper.climate_text}")
    add("")
    add("Beschlussentwurf:")
    add(paper.draft_resolution.plain_text() or "–")
    add("")
    sig = paper.signature
    add(sig.heading)
    if sig.on_behalf:
        add("i. V.")
    add(sig.name)
    add(sig.function)
    if paper.resolution_record:
        add("")
        add("Beschlussvermerk:")
        for r in paper.resolution_record:
            part = " (nicht-öffentlicher Teil)" if r.non_public else ""
            add(f"  {r.committee_name} am {format_date(r.meeting_date)}{part}: {r.result} {r.text}".rstrip())
    problems = validate_paper(paper)
    if problems and paper.status is PaperStatus.DRAFT:
        add("")
        add("Fehlt noch für die Freigabe:")
        for problem in problems:
            add(f"  – {problem}")
    return "\n".join(out)
