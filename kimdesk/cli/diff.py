"""``kimdesk diff NR A B``: what changed from Fassung A to Fassung B of a Vorlage, as readable text."""

from __future__ import annotations

import argparse
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.cli.door import whole_number
from kimdesk.domain.diff import diff_papers, format_diff_text
from kimdesk.services import versions


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help="zwei Fassungen einer Vorlage vergleichen",
        description="Zeigt, was sich von Fassung A zu Fassung B geändert hat: Wort für Wort in den Texten, "
        "Zelle für Zelle in den Tabellen, Eintrag für Eintrag in Beratungsfolge und Anlagen. "
        "Die Nummern nennt kimdesk versions NR.",
    )
    parser.add_argument("reference", metavar="NR", help="Vorlage Nr., z. B. 20/0270")
    parser.add_argument(
        "first", metavar="A", type=whole_number(1, 1_000_000), help="Nummer der älteren Fassung"
    )
    parser.add_argument(
        "second", metavar="B", type=whole_number(1, 1_000_000), help="Nummer der neueren Fassung"
    )
    parser.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    old = versions.load_version(ctx.app.uow_factory, args.reference, args.first)
    new = versions.load_version(ctx.app.uow_factory, args.reference, args.second)
    print(f"Vorlage {args.reference}: {old.label} → {new.label}")
    print(format_diff_text(diff_papers(old.paper, new.paper)).rstrip())
    return 0
