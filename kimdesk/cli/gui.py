"""``kimdesk gui``: start the desktop application (also what ``kimdesk`` alone does)."""

from __future__ import annotations

import argparse

from kimdesk.cli.common import Context
from kimdesk.cli.door import seconds


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("gui", help="die grafische Oberfläche starten")
    parser.add_argument(
        "--quit-after",
        type=seconds,
        metavar="SEKUNDEN",
        help="nach so vielen Sekunden beenden (für Rauchtests)",
    )
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    return start(ctx.db_url, quit_after=args.quit_after)


def start(db_url: str | None, *, quit_after: float | None = None) -> int:
    """The GUI wired to the composition root (``kimdesk.app``), which the ui layer never imports."""
    from kimdesk import app
    from kimdesk.ui.main import run_gui

    return run_gui(
        db_url,
        quit_after=quit_after,
        opener=app.open_app,
        peeker=app.peek_paper_list,
        recovery=app,
    )
