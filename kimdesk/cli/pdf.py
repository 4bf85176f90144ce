"""``kimdesk pdf REF [-o FILE]``: export a Vorlage as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kimdesk.cli.common import Context, loading
from kimdesk.cli.door import whole_number
from kimdesk.services.export import default_pdf_name, export_paper_pdf
from kimdesk.services.files import write_atomically
from kimdesk.services.office import get_office
from kimdesk.services.versions import version_pdf


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
    parser.add_argument(
        "--version",
        metavar="N",
        type=whole_number(1, 1_000_000),
        dest="version_number",
        help="Fassung N ausgeben (kimdesk versions NR), gekennzeichnet „Fassung N vom …“ und „überholt“, "
        "wenn sie nicht die aktuelle ist",
    )
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    with loading(ctx):
        renderer = ctx.app.renderer
    target: Path = args.output or Path(default_pdf_name(args.reference))
    if args.version_number is not None:
        office = get_office(ctx.app.uow_factory)
        data = version_pdf(ctx.app.uow_factory, renderer, office, args.reference, args.version_number)
        name = default_pdf_name(args.reference).replace(".pdf", f"_Fassung-{args.version_number}.pdf")
        target = args.output or Path(name)
        if target.is_dir():
            target = target / name
        print(write_atomically(target, data, what="PDF"))
        return 0
    path = export_paper_pdf(ctx.app.uow_factory, renderer, args.reference, target)
    print(path)
    return 0
