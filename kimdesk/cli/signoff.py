"""The Mitzeichnung commands: ``kimdesk signoff …``, ``kimdesk verify``, ``kimdesk person set-pin``."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import TYPE_CHECKING

from kimdesk.cli.common import Context
from kimdesk.cli.door import parse_day
from kimdesk.cli.keys import local_keys
from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import SignOff, SignOffDecision
from kimdesk.domain.signoff import short_hash
from kimdesk.l10n.formatting import format_date, format_datetime
from kimdesk.services import signoff, verification
from kimdesk.services.office import get_office

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: SubParsers) -> None:
    signoff = sub.add_parser("signoff", help="Mitzeichnung: Umlauf starten, zeichnen, ablehnen, Status")
    actions = signoff.add_subparsers(dest="signoff_command", metavar="AKTION", required=True)

    p = actions.add_parser("start", help="Umlauf starten (Entwurf → In Mitzeichnung)")
    p.add_argument("reference", metavar="NR", help="Vorlage Nr., z. B. 20/0270")
    p.add_argument(
        "--roles",
        metavar="ROLLEN",
        help="Rollen mit Komma, z. B. mayor,first_deputy oder „Bürgermeister,Stadtkämmerer“ "
        "(Standard: alle besetzten Rollen außer Rechtsamt; Stadtkämmerer bei finanziellen Auswirkungen)",
    )
    p.add_argument("--legal", action="store_true", help="Rechtsamt zeichnet mit")
    p.add_argument("--sequential", action="store_true", help="der Reihe nach statt gleichzeitig")
    p.add_argument("--due", metavar="DATUM", help="Frist, z. B. 01.12.2026 oder 2026-12-01")
    p.set_defaults(handler=cmd_start)

    for name, help_text in (
        ("sign", "mitzeichnen (oder mit --noted: zur Kenntnis nehmen)"),
        ("reject", "ablehnen: die Vorlage geht mit der Bemerkung zurück in den Entwurf"),
    ):
        p = actions.add_parser(name, help=help_text)
        p.add_argument("reference", metavar="NR")
        p.add_argument("--role", required=True, metavar="ROLLE", help="z. B. treasurer oder Stadtkämmerer")
        p.add_argument("--person", required=True, metavar="NAME", help="wer zeichnet")
        p.add_argument("--deputy", action="store_true", help="als Vertretung (i. V.)")
        p.add_argument("--pin", metavar="PIN", help="PIN der Person (sonst wird gefragt)")
        p.add_argument("--remark", default="", metavar="TEXT", help="Bemerkung")
        if name == "sign":
            p.add_argument("--noted", action="store_true", help="„zur Kenntnis genommen“ statt mitgezeichnet")
        p.set_defaults(handler=cmd_sign, decision_command=name)

    p = actions.add_parser("withdraw", help="Vorlage zurückziehen")
    p.add_argument("reference", metavar="NR")
    p.add_argument("--remark", default="", metavar="TEXT")
    p.set_defaults(handler=cmd_withdraw)

    p = actions.add_parser("back", help="zurück in den Entwurf (hebt alle Mitzeichnungen auf)")
    p.add_argument("reference", metavar="NR")
    p.set_defaults(handler=cmd_back)

    p = actions.add_parser("status", help="wer hat gezeichnet, wer ist dran")
    p.add_argument("reference", metavar="NR")
    p.add_argument("--history", action="store_true", help="auch das Prüfprotokoll der Vorlage zeigen")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("verify", help="Prüfprotokoll und Mitzeichnungen auf Manipulation prüfen")
    p.set_defaults(handler=cmd_verify)


# --- helpers ----------------------------------------------------------------------------------------


def parse_due(text: str | None) -> date | None:
    return parse_day(text, "Frist") if text else None


def role_key(office: Office, word: str) -> str:
    """A role by key or German label, case-insensitive."""
    wanted = word.strip().casefold()
    for role in office.sign_off_roles:
        if wanted in (role.key.casefold(), role.label.casefold()):
            return role.key
    known = ", ".join(f"{r.key} ({r.label})" for r in office.sign_off_roles)
    raise ValidationError(f"Rolle: „{word}“ gibt es nicht (möglich: {known}).")


def _office(ctx: Context) -> Office:

    return get_office(ctx.app.uow_factory)


def _signer(row: SignOff) -> str:
    if not row.person_name:
        return "–"
    return f"i. V. {row.person_name}" if row.as_deputy else row.person_name


# --- commands ---------------------------------------------------------------------------------------


def cmd_start(ctx: Context, args: argparse.Namespace) -> int:

    office = _office(ctx)
    roles = None
    if args.roles:
        roles = [role_key(office, word) for word in args.roles.split(",") if word.strip()]
    rows = signoff.start(
        ctx.app.uow_factory,
        args.reference,
        roles=roles,
        include_legal=args.legal,
        sequential=args.sequential,
        due_date=parse_due(args.due),
    )
    how = "der Reihe nach" if args.sequential else "gleichzeitig"
    print(f"Vorlage {args.reference} ist „In Mitzeichnung“ ({how}): " + ", ".join(r.role_label for r in rows))
    return 0


def cmd_sign(ctx: Context, args: argparse.Namespace) -> int:

    key = role_key(_office(ctx), args.role)
    if args.decision_command == "reject":
        decision = SignOffDecision.REJECTED
    else:
        decision = SignOffDecision.NOTED if args.noted else SignOffDecision.APPROVED
    pin = args.pin
    while True:
        try:
            row = signoff.sign(
                ctx.app.uow_factory,
                args.reference,
                role_key=key,
                person_name=args.person,
                as_deputy=args.deputy,
                decision=decision,
                remark=args.remark,
                pin=pin,
                local=local_keys(ctx),
                maker=ctx.app.signed_pdf_maker,
            )
            break
        except signoff.PinRequiredError as exc:
            if pin is not None or not sys.stdin.isatty():
                raise KimdeskError(f"{exc.message.rstrip('.')} (--pin).") from None
            pin = getpass.getpass(f"PIN für {exc.person_name}: ")
    state = signoff.status(ctx.app.uow_factory, args.reference)
    print(
        f"{row.role_label}: {_signer(row)} – {row.decision.label if row.decision else ''}, "
        f"{format_datetime(row.signed_at)}"
    )
    print(f"Vorlage {args.reference} ist jetzt „{state.state_label}“.")
    return 0


def cmd_withdraw(ctx: Context, args: argparse.Namespace) -> int:

    signoff.withdraw(ctx.app.uow_factory, args.reference, remark=args.remark)
    print(f"Vorlage {args.reference} ist zurückgezogen.")
    return 0


def cmd_back(ctx: Context, args: argparse.Namespace) -> int:

    signoff.back_to_draft(ctx.app.uow_factory, args.reference)
    print(f"Vorlage {args.reference} ist wieder Entwurf; alle Mitzeichnungen sind aufgehoben.")
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:

    state = signoff.status(ctx.app.uow_factory, args.reference)
    print(f"Vorlage {state.paper.reference} – {state.paper.title}")
    print(f"Status: {state.state_label}    Inhalt: {short_hash(state.content_hash)}")
    if state.rows:
        header = ("Rolle", "Pflicht", "Person", "Entscheidung", "Datum", "Frist")
        lines = [
            (
                r.role_label,
                "ja" if r.required else "nein",
                _signer(r),
                r.decision.label if r.decision else "offen",
                format_datetime(r.signed_at) or "–",
                format_date(r.due_date) or "–",
            )
            for r in state.rows
        ]
        widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
        for row in [header, *lines]:
            print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        remarks = [r for r in state.rows if r.remark]
        for r in remarks:
            print(f"Bemerkung {r.role_label}: {r.remark}")
    else:
        print("Noch kein Umlauf.")
    if state.due:
        print("Dran: " + ", ".join(r.role_label for r in state.due))
    if state.rejection is not None:
        r = state.rejection
        print(f"Abgelehnt von {r.role_label} ({_signer(r)}) am {format_datetime(r.signed_at)}: „{r.remark}“")
    if args.history:
        print("Prüfprotokoll:")
        for e in state.history:
            who = " ".join(x for x in (e.person_name, f"[{e.os_account}]" if e.os_account else "") if x)
            what = e.action.label
            decision = e.details.get("decision")
            if decision in {d.value for d in SignOffDecision}:
                what = f"{e.details.get('roleLabel', '')}: {SignOffDecision(decision).label}"
            print(f"  {e.seq:>5}  {format_datetime(e.at)}  {what:<38} {who}")
    return 0


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:

    report = verification.verify(ctx.app.uow_factory, local=local_keys(ctx))
    for notice in report.legacy:
        print(f"Hinweis: {notice}")
    if report.ok:
        print(report.summary())
        return 0
    for finding in report.findings:
        print(str(finding))
    print(report.summary(), file=sys.stderr)
    return 1
