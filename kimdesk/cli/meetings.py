"""``kimdesk meeting …``, ``packet`` and ``extract``: Sitzungen on the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.cli.door import parse_clock, parse_day, whole_number
from kimdesk.cli.keys import local_keys
from kimdesk.cli.packets import both_packets, page_progress, report_written
from kimdesk.domain.errors import KimdeskError, NotFoundError
from kimdesk.domain.meeting import AgendaResult, Meeting, MeetingState
from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.formatting import format_date
from kimdesk.services.meetings import (
    add_to_agenda,
    create_meeting,
    delete_meeting,
    enter_result,
    get_meeting,
    list_candidates,
    list_meetings,
    move_agenda_item,
    remove_from_agenda,
    set_meeting_state,
)
from kimdesk.services.packets import (
    build_minutes_extract,
    export_packet,
    extract_file_name,
    packet_file_name,
    write_atomically,
)
from kimdesk.services.signoff import PinRequiredError

MEETING_HELP = "Sitzung: Kurzkennung wie IR-2020-09-09 oder UUID"


def register(sub: Any) -> None:
    meeting = sub.add_parser("meeting", help="Sitzungen: anlegen, Tagesordnung, Ergebnisse")
    msub = meeting.add_subparsers(dest="meeting_command", metavar="AKTION", required=True)

    p = msub.add_parser("list", help="Sitzungen auflisten")
    p.add_argument("--committee", metavar="GREMIUM", help="nur dieses Gremium (Name oder Kurzname)")
    p.set_defaults(handler=cmd_list)

    p = msub.add_parser("create", help="eine Sitzung anlegen")
    p.add_argument("committee", metavar="GREMIUM", help="Name oder Kurzname, z. B. IR")
    p.add_argument("day", metavar="DATUM", help="z. B. 09.09.2020")
    p.add_argument("start", metavar="BEGINN", help="Uhrzeit, z. B. 17:00")
    p.add_argument("--end", metavar="ENDE", help="Uhrzeit des Endes")
    p.add_argument("--location", default="", metavar="ORT")
    p.add_argument("--name", default="", metavar="BEZEICHNUNG")
    p.add_argument("--chair", default="", metavar="VORSITZ", help="wer die Sitzung leitet")
    p.add_argument("--invitation", default="", metavar="TEXT", help="eigener Einladungstext")
    p.set_defaults(handler=cmd_create)

    p = msub.add_parser("show", help="Sitzung mit Tagesordnung und Ergebnissen anzeigen")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.set_defaults(handler=cmd_show)

    p = msub.add_parser("candidates", help="Vorlagen, die laut Beratungsfolge in diese Sitzung gehören")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.set_defaults(handler=cmd_candidates)

    p = msub.add_parser("add", help="Vorlage oder Punkt auf die Tagesordnung setzen")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("reference", nargs="?", metavar="NR", help="Vorlage Nr.; ohne Nr. --title angeben")
    p.add_argument("--title", metavar="BEZEICHNUNG", help="z. B. „Mitteilungen der Verwaltung“")
    vis = p.add_mutually_exclusive_group()
    vis.add_argument("--public", dest="public", action="store_true", default=None, help="öffentlich")
    vis.add_argument("--non-public", dest="public", action="store_false", help="nichtöffentlich")
    p.add_argument("--sub", action="store_true", help="als Unterpunkt (4.1) des Punktes davor")
    p.add_argument("--position", type=whole_number(1, 1000), metavar="N", help="an Stelle N der Tagesordnung")
    p.set_defaults(handler=cmd_add)

    p = msub.add_parser("move", help="einen TOP (mit Unterpunkten) an eine andere Stelle schieben")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("top", metavar="TOP", help="z. B. 4")
    p.add_argument(
        "position", type=whole_number(1, 1000), metavar="STELLE", help="neue Stelle (1 = ganz oben)"
    )
    p.set_defaults(handler=cmd_move)

    p = msub.add_parser("remove", help="einen TOP (mit Unterpunkten) von der Tagesordnung nehmen")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("top", metavar="TOP")
    p.set_defaults(handler=cmd_remove)

    p = msub.add_parser(
        "state", help="Status setzen: eingeladen, durchgeführt, abgeschlossen, abgesagt (mit --reason)"
    )
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("state", metavar="STATUS")
    p.add_argument("--reason", default="", metavar="GRUND", help="bei „abgesagt“: der Grund")
    p.set_defaults(handler=cmd_state)

    p = msub.add_parser("result", help="Ergebnis eines TOP eintragen (füllt den Beschlussvermerk)")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("top", metavar="TOP")
    p.add_argument(
        "result",
        metavar="ERGEBNIS",
        help="; ".join(f"„{r.label}“" for r in AgendaResult) + " (oder Kurzform)",
    )
    p.add_argument("--text", default="", metavar="BESCHLUSSTEXT", help="Standard: der Beschlussentwurf")
    p.add_argument("--to", metavar="SITZUNG", help="bei „vertagt“: die spätere Sitzung")
    p.add_argument("--person", metavar="NAME", help="wer einträgt und den Beschlussvermerk signiert")
    p.add_argument("--pin", metavar="PIN", help="PIN des eigenen Signaturschlüssels (sonst wird gefragt)")
    p.set_defaults(handler=cmd_result)

    p = msub.add_parser("delete", help="eine Sitzung ohne Ergebnisse löschen")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser(
        "packet",
        help="Sitzungsmappe (eine PDF mit Einladung, Vorlagen und Anlagen)",
        description="Kann eine Anlage nicht eingefügt werden, steht an ihrer Stelle eine Hinweisseite: die "
        "Mappe wird trotzdem geschrieben, die Anlage mit TOP und Vorlage gemeldet, Rückgabewert 1.",
    )
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("--public", action="store_true", help="öffentliche Fassung ohne nichtöffentliche Punkte")
    p.add_argument(
        "--beide",
        action="store_true",
        help="beide Mappen in einem Lauf (Mitglieder und öffentlich); -o ist dann ein Ordner",
    )
    p.add_argument(
        "--entwuerfe",
        action="store_true",
        help="auch nicht freigegebene Vorlagen (Entwürfe) aufnehmen; sie tragen den Vermerk ENTWURF",
    )
    p.add_argument("-o", "--output", type=Path, metavar="DATEI", help="Standard: Sitzungsmappe_<Sitzung>.pdf")
    p.set_defaults(handler=cmd_packet)

    p = sub.add_parser("extract", help="Protokollauszug eines TOP als PDF")
    p.add_argument("meeting", metavar="SITZUNG", help=MEETING_HELP)
    p.add_argument("top", metavar="TOP")
    p.add_argument("-o", "--output", type=Path, metavar="DATEI")
    p.set_defaults(handler=cmd_extract)


# -- parsing ------------------------------------------------------------------------------------------


def _at(day: date, at: clock) -> datetime:
    return datetime.combine(day, at, tzinfo=BERLIN)


# -- meetings -----------------------------------------------------------------------------------------


def _line(meeting: Meeting) -> str:
    start = meeting.start.astimezone(BERLIN)
    return (
        f"{meeting.short_id:<18} {format_date(meeting.date)} {start:%H:%M}  {meeting.state.label:<12} "
        f"{len(meeting.items):>2} TOP  {meeting.committee.name}"
    )


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:

    meetings = list_meetings(ctx.app.uow_factory, args.committee)
    if not meetings:
        print("Keine Sitzungen.")
    for meeting in meetings:
        print(_line(meeting))
    return 0


def cmd_create(ctx: Context, args: argparse.Namespace) -> int:

    day = parse_day(args.day)
    end = _at(day, parse_clock(args.end, "Ende")) if args.end else None
    meeting = create_meeting(
        ctx.app.uow_factory,
        args.committee,
        _at(day, parse_clock(args.start)),
        end=end,
        location=args.location,
        name=args.name,
        chair=args.chair,
        invitation_text=args.invitation,
    )
    print(f"Sitzung {meeting.short_id} angelegt ({meeting.title}, {format_date(meeting.date)}).")
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:

    meeting = get_meeting(ctx.app.uow_factory, args.meeting)
    start = meeting.start.astimezone(BERLIN)
    print(f"{meeting.title} – {format_date(meeting.date)}, {start:%H:%M} Uhr")
    print(f"Kennung: {meeting.short_id} ({meeting.id})")
    print(f"Status:  {meeting.state.label}")
    if meeting.location:
        print(f"Ort:     {meeting.location}")
    if meeting.chair:
        print(f"Vorsitz: {meeting.chair}")
    if meeting.cancel_reason:
        print(f"Grund:   {meeting.cancel_reason}")
    references = _references(ctx, meeting)
    for public, heading in ((True, "Öffentlicher Teil"), (False, "Nichtöffentlicher Teil")):
        part = [i for i in meeting.items if i.public is public]
        if not part:
            continue
        print(f"\n{heading}")
        for item in part:
            ref = references.get(item.paper_id, "") if item.paper_id else ""
            indent = "  " if item.level else ""
            print(f"  {indent}TOP {item.number:<5} {item.title}" + (f"  [{ref}]" if ref else ""))
            if item.result is not None:
                print(f"  {indent}          → {item.result.label}")
                if item.resolution_text:
                    print(f"  {indent}            {item.resolution_text}")
    return 0


def _references(ctx: Context, meeting: Meeting) -> dict[Any, str]:

    out: dict[Any, str] = {}
    with ctx.app.uow_factory() as uow:
        for item in meeting.items:
            if item.paper_id is not None:
                try:
                    out[item.paper_id] = uow.papers.get(item.paper_id).reference
                except NotFoundError:
                    continue
    return out


def cmd_candidates(ctx: Context, args: argparse.Namespace) -> int:

    candidates = list_candidates(ctx.app.uow_factory, args.meeting)
    if not candidates:
        print("Keine Vorlagen für diese Sitzung in den Beratungsfolgen.")
    for c in candidates:
        flags = [f for f in ("auf der Tagesordnung" if c.on_agenda else "", c.mark) if f]
        where = "" if c.consultation.public else " (nichtöffentlich)"
        extra = f"  [{', '.join(flags)}]" if flags else ""
        role = c.consultation.role.label if c.consultation.role else "unbekannt"
        print(f"{c.paper.reference:<9} {role:<14} {c.paper.title}{where}{extra}")
    return 0


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:

    item = add_to_agenda(
        ctx.app.uow_factory,
        args.meeting,
        reference=args.reference,
        title=args.title,
        public=args.public,
        level=1 if args.sub else 0,
        position=args.position,
    )
    part = "öffentlich" if item.public else "nichtöffentlich"
    print(f"TOP {item.number} ({part}): {item.title}")
    return 0


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:

    meeting = move_agenda_item(ctx.app.uow_factory, args.meeting, args.top, args.position)
    for item in meeting.items:
        print(f"TOP {item.number:<5} {item.title}")
    return 0


def cmd_remove(ctx: Context, args: argparse.Namespace) -> int:

    removed = remove_from_agenda(ctx.app.uow_factory, args.meeting, args.top)
    for item in removed:
        print(f"entfernt: {item.title}")
    return 0


def cmd_state(ctx: Context, args: argparse.Namespace) -> int:

    meeting = set_meeting_state(
        ctx.app.uow_factory, args.meeting, MeetingState.parse(args.state), reason=args.reason
    )
    print(f"Sitzung {meeting.short_id}: {meeting.state.label}")
    return 0


def cmd_result(ctx: Context, args: argparse.Namespace) -> int:

    pin = args.pin
    if args.person and pin is None and sys.stdin.isatty():
        pin = getpass.getpass(f"PIN für {args.person}: ")
    try:
        item = enter_result(
            ctx.app.uow_factory,
            args.meeting,
            args.top,
            AgendaResult.parse(args.result),
            args.text,
            deferred_to=args.to,
            person_name=args.person,
            pin=pin,
            local=local_keys(ctx),
            maker=ctx.app.signed_pdf_maker,
        )
    except PinRequiredError as exc:
        raise KimdeskError(f"{exc.message.rstrip('.')} (--person, --pin).") from None
    assert item.result is not None
    print(f"TOP {item.number}: {item.result.label}")
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:

    delete_meeting(ctx.app.uow_factory, args.meeting)
    print(f"Sitzung {args.meeting} gelöscht.")
    return 0


# -- PDFs ---------------------------------------------------------------------------------------------


def cmd_packet(ctx: Context, args: argparse.Namespace) -> int:

    meeting = get_meeting(ctx.app.uow_factory, args.meeting)
    if args.beide:
        return both_packets(ctx, args, meeting)
    target = args.output or Path(packet_file_name(meeting, args.public))
    if target.is_dir():
        target = target / packet_file_name(meeting, args.public)
    started = time.perf_counter()
    problems: list[str] = []
    path = export_packet(
        ctx.app.uow_factory,
        ctx.app.packet_renderer,
        meeting.short_id,
        target,
        public=args.public,
        progress=page_progress(),
        warn=problems.append,
        include_drafts=args.entwuerfe,
    )
    return report_written([path], started, problems)


def cmd_extract(ctx: Context, args: argparse.Namespace) -> int:

    meeting = get_meeting(ctx.app.uow_factory, args.meeting)
    number = args.top.strip().removeprefix("TOP").strip()
    data = build_minutes_extract(ctx.app.uow_factory, ctx.app.packet_renderer, meeting.short_id, number)
    target = args.output or Path(extract_file_name(meeting, number))
    if target.is_dir():
        target = target / extract_file_name(meeting, number)
    print(write_atomically(target, data))
    return 0
