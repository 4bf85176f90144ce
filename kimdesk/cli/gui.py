"""``kimdesk gui``: start the desktop application (also what ``kimdesk`` alone does)."""

from __future__ import annotations

import argparse

from kimdesk.app import open_app
from kimdesk.cli.common import Context
from kimdesk.cli.door import seconds


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("gui", help="die grafische Oberfläche starten")
    parser.add_argument(
        "--quit-after",
        type=seconds,
        metavar="SEKUNDEN",
        help="so viele Sekunden nach dem Öffnen der Datenbank (oder dem Fehler dabei) beenden "
        "(für Rauchtests)",
    )
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from kimdesk.ui.main import run_gui

    return run_gui(ctx.db_url, quit_after=args.quit_after, opener=open_app)
