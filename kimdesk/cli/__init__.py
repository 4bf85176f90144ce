"""The command line: ``kimdesk`` alone starts the GUI, subcommands work on the same services."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from kimdesk import __version__
from kimdesk.cli.common import Context, fail
from kimdesk.cli.door import Parser
from kimdesk.domain.errors import KimdeskError
from kimdesk.services.logs import setup_logging

#: Modules under kimdesk.cli that each define ``register(subparsers)``.
COMMAND_MODULES = [
    "papers",
    "exchange",
    "database",
    "funding",
    "pdf",
    "signoff",
    "gui",
    "meetings",
    "attach",
    "oparl",
    "office",
    "keys",
    "verify_pdf",
    "spelling",
    "versions",
    "diff",
]


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping ``--db URL``), or None if it is not plain to see.

    No subcommand at all starts the GUI: then only the ``gui`` command's code is imported, so the
    window does not wait for the other commands' modules."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--db":
            index += 2
        elif arg.startswith("--db="):
            index += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return "gui"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command; with ``command`` (a name in COMMAND_MODULES that its module
    registers) only that one, so that e.g. ``kimdesk pdf`` does not import the other commands' code."""
    if command in COMMAND_MODULES:
        parser, commands = _parser([command])
        if command in commands:
            return parser
    return _parser(COMMAND_MODULES)[0]


def _parser(modules: Sequence[str]) -> tuple[argparse.ArgumentParser, set[str]]:
    parser = Parser(
        prog="kimdesk",
        description="kimdesk – Vorlagen für Rat und Ausschüsse vorbereiten (KIM-Förderung, "
        "Mitzeichnung, PDF). Ohne Befehl startet die grafische Oberfläche.",
    )
    parser.add_argument("--version", action="version", version=f"kimdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="Datenbank, z. B. sqlite:///pfad/kimdesk.sqlite oder postgresql+psycopg://user@host/db "
        "(Standard: $KIMDESK_DB, sonst SQLite im Benutzerordner)",
    )
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")
    for name in modules:
        importlib.import_module(f"kimdesk.cli.{name}").register(sub)
    return parser, set(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    standalone = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_of(argv))
    args = parser.parse_args(argv)
    if standalone and args.command not in (None, "gui"):
        setup_logging()  # the GUI sets it up itself, right after its window is shown
    ctx = Context(args.db, standalone=standalone)
    try:
        if args.command is None:
            return start_gui(ctx, parser)
        result: int = args.handler(ctx, args)
        return result
    except KimdeskError as exc:
        return fail(exc.message)
    except KeyboardInterrupt:
        return fail("abgebrochen")
    except BrokenPipeError:
        # ``kimdesk show … | head``: the reader has gone; say nothing more.
        sys.stderr.close()
        return 0
    finally:
        ctx.close()
        if standalone and args.command is not None:
            # The process ends now: spare the interpreter's exit from walking every object for
            # cycles (~80 ms after SQLAlchemy and ReportLab are loaded). Exit handlers still run.
            gc.freeze()


def start_gui(ctx: Context, parser: argparse.ArgumentParser) -> int:
    from kimdesk.cli.gui import start

    return start(ctx.db_url)
