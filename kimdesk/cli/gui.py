"""``kimdesk gui``: start the desktop application (also what ``kimdesk`` alone does)."""

from __future__ import annotations

import argparse
import gc
import logging
import re
from collections.abc import Callable
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.cli.door import seconds
from kimdesk.services.logs import setup_logging

log = logging.getLogger(__name__)
#: ``libxkbcommon.so.0: cannot open shared object file`` (Linux), ``… Qt6Gui.dll …`` (Windows)
_LIBRARY = re.compile(r"[\w.+-]+\.(?:so(?:\.\d+)*|dll|dylib)\b")


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

    return start(ctx.db_url, quit_after=args.quit_after)


def start(db_url: str | None, *, quit_after: float | None = None) -> int:
    """The GUI wired to the composition root (``kimdesk.app``), which the ui layer never imports."""
    # Start-up creates ~120 000 objects that live as long as the program; the cycle collector would walk
    # them a few hundred times on the way (~10 % of the start). It runs again, with those objects frozen
    # out of its walks, once every action is ready (kimdesk.ui.startup.collect_again).
    gc.disable()
    from kimdesk import app

    run_gui = load_gui()
    if run_gui is None:
        return 1
    result: int = run_gui(db_url, quit_after=quit_after, opener=app.open_app, recovery=app)
    return result


def load_gui() -> Callable[..., Any] | None:
    """``kimdesk.ui.main.run_gui``, or None after telling the user (console and log file) why Qt cannot load.

    The log file matters for the windowed ``kimdesk-gui.exe``, which has no console to print to.
    """
    try:
        from kimdesk.ui.main import run_gui
    except (ImportError, OSError) as exc:
        message = qt_failure_message(exc)
        if message is None:
            raise  # not Qt: a fault in kimdesk itself
        setup_logging()
        log.error("%s", message)
        log.info("Qt-Ladefehler im Einzelnen: %s: %s", type(exc).__name__, exc)
        return None
    return run_gui


def qt_failure_message(exc: BaseException) -> str | None:
    """A German message for a Qt (PySide6) that cannot be loaded, naming the missing library; None if
    ``exc`` has nothing to do with Qt."""
    text = str(exc)
    module = getattr(exc, "name", None) or ""
    library = _LIBRARY.search(text)
    if library is not None:
        return (
            f"Die grafische Oberfläche kann nicht starten: Die Systembibliothek „{library.group(0)}“ fehlt "
            "oder lässt sich nicht laden. Unter Debian/Ubuntu installiert „bash scripts/setup.sh“ die "
            "nötigen Pakete. Die Befehle der Kommandozeile funktionieren weiterhin (kimdesk --help)."
        )
    if module.split(".")[0] not in ("PySide6", "shiboken6") and "PySide6" not in text:
        return None
    if module in ("PySide6", "shiboken6"):
        return (
            "Die grafische Oberfläche ist in dieser Installation nicht enthalten (PySide6 fehlt). "
            "Die Befehle der Kommandozeile: kimdesk --help."
        )
    return (
        f"Die grafische Oberfläche kann nicht starten: Das Qt-Modul „{module or 'PySide6'}“ lässt sich "
        "nicht laden (fehlt eine Systembibliothek?). Einzelheiten stehen im Protokoll. Die Befehle der "
        "Kommandozeile funktionieren weiterhin (kimdesk --help)."
    )
