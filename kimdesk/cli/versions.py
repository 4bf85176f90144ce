"""``kimdesk versions NR``: the Fassungen of a Vorlage (Nr., Datum, Ereignis, wer, Bemerkung)."""

from __future__ import annotations

import argparse
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.l10n.formatting import format_datetime
from kimdesk.services import versions


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "versions",
        help="Fassungen einer Vorlage auflisten",
        description="Listet jede aufbewahrte Fassung einer Vorlage: Beginn jedes Umlaufs, Ablehnungen, "
        "Freigabe, Beschluss und die letzte Speicherung jedes Tages. Vergleichen: kimdesk diff NR A B; "
        "als PDF: kimdesk pdf NR --version N.",
    )
    parser.add_argument("reference", metavar="NR", help="Vorlage Nr., z. B. 20/0270")
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    listed = versions.list_versions(ctx.app.uow_factory, args.reference)
    if not listed:
        print(f"Vorlage {args.reference} hat noch keine Fassung.")
        return 0
    print("Nr.  Datum                   Ereignis           wer")
    for info in listed:
        line = f"{info.number:>3}  {format_datetime(info.at):<22}  {info.event.label:<17}  {info.who}"
        if info.note:
            line += f" – {info.note}"
        print(line.rstrip())
    return 0
