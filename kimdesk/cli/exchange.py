"""``kimdesk import`` and ``kimdesk export``: the JSON exchange format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kimdesk.cli.common import Context
from kimdesk.domain.errors import ValidationError
from kimdesk.services.exchange import check_file, export_file, import_checked


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import", help="Vorlagen und Stammdaten aus einer JSON-Datei einlesen (alles oder nichts)"
    )
    p.add_argument("file", type=Path, metavar="DATEI")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("export", help="Vorlagen mit ihren Stammdaten als JSON-Datei schreiben")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument(
        "--reference", "-r", action="append", metavar="NR", help="nur diese Vorlage (mehrfach möglich)"
    )
    p.set_defaults(handler=cmd_export)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:

    try:
        checked = check_file(args.file)  # every problem of the file before the database is opened
        report = import_checked(ctx.app.uow_factory, checked)
    except ValidationError as exc:
        print(f"kimdesk: {exc.message}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.field}: {problem.message}", file=sys.stderr)
        return 1
    print(
        f"Importiert: {len(report.added)} neue, {len(report.updated)} aktualisierte Vorlage(n), "
        f"{report.organizations} Ämter/Gremien, {report.persons} Personen."
    )
    for message in report.messages():
        print(message)
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:

    count = export_file(ctx.app.uow_factory, args.file, args.reference)
    print(f"{count} Vorlage(n) nach {args.file} exportiert.")
    return 0
