"""``kimdesk pdf REF [-o FILE]``: export a Vorlage as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kimdesk.cli.common import Context, loading
from kimdesk.services.export import default_pdf_name, export_paper_pdf


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pdf",
        help="Vorlage als PDF ausgeben",
        description="Erzeugt die PDF-Fassung einer Vorlage im Formular der Stadt. Die Vorlage selbst "
        "bleibt unverändert.",
    )
    parser.add_argument("reference", metavar="NR", help="Vorlage Nr., z. B. 20/0270")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DATEI",
        type=Path,
        help="Zieldatei oder -ordner (Standard: Vorlage_<Nr>.pdf im aktuellen Ordner)",
    )
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    with loading(ctx):
        renderer = ctx.app.renderer
    target: Path = args.output or Path(default_pdf_name(args.reference))
    path = export_paper_pdf(ctx.app.uow_factory, renderer, args.reference, target)
    print(path)
    return 0
