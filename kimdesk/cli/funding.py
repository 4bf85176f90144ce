"""``kimdesk funding list|compute|import|export|reset``: the funding catalogue and module figures."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kimdesk.app import database_url
from kimdesk.cli.common import Context
from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.funding.catalogue_data import catalogue_to_data
from kimdesk.domain.funding.module import format_period, parse_period, parse_posts
from kimdesk.domain.funding.proposal import propose_cells
from kimdesk.domain.model import cell_label
from kimdesk.domain.money import ZERO, parse_money
from kimdesk.l10n.formatting import format_money, format_posts
from kimdesk.services.files import write_atomically
from kimdesk.services.funding import (
    compute,
    default_catalogue,
    import_catalogue_file,
    office_catalogue,
    reset_catalogue,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("funding", help="Förderprogramme, Pauschalen und Fördermodule (KIM-Bausteine)")
    commands = parser.add_subparsers(dest="funding_command", metavar="AKTION", required=True)

    p = commands.add_parser("list", help="Förderprogramme, Bausteine und Pauschalen mit Gültigkeit anzeigen")
    _standard_flag(p)
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser("compute", help="ein Fördermodul berechnen (Zuschüsse, Aufwand je Jahr)")
    p.add_argument("--programme", default="kim-nrw", metavar="PROGRAMM", help="Standard: kim-nrw")
    p.add_argument(
        "--component", required=True, metavar="BAUSTEIN", help="z. B. b3-immigration-offices (siehe list)"
    )
    p.add_argument(
        "--posts", required=True, metavar="STELLEN", help="Vollzeitäquivalente, z. B. 0,5 oder 3,5"
    )
    p.add_argument(
        "--years", required=True, metavar="JAHRE", help="Förderzeitraum, z. B. 2020-2022 oder 07/2020-06/2023"
    )
    p.add_argument(
        "--own-contribution", default="", metavar="BETRAG", help="Eigenanteil je Jahr, z. B. 15.000,00"
    )
    _standard_flag(p)
    p.set_defaults(handler=cmd_compute)

    p = commands.add_parser(
        "import", help="Förderkatalog (JSON) prüfen und als Katalog des Amtes speichern (ergänzt/ersetzt)"
    )
    p.add_argument("file", type=Path, metavar="DATEI")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("export", help="den geltenden Förderkatalog als JSON schreiben (zum Bearbeiten)")
    p.add_argument("file", type=Path, metavar="DATEI")
    _standard_flag(p)
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("reset", help="den Katalog des Amtes verwerfen (mitgelieferter Katalog gilt)")
    p.set_defaults(handler=cmd_reset)


def _standard_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--standard",
        action="store_true",
        help="nur den mitgelieferten Katalog verwenden (ohne Datenbank)",
    )


def _database_exists(ctx: Context) -> bool:
    """Only open a database that is there: ``list`` and ``compute`` must not create one."""
    if ctx.db_url or os.environ.get("KIMDESK_DB"):
        return True
    try:
        url = database_url(None)
    except ImportError:
        return False
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    return True


def _catalogue(ctx: Context, args: argparse.Namespace) -> FundingCatalogue:

    if getattr(args, "standard", False) or not _database_exists(ctx):
        return default_catalogue()
    return office_catalogue(ctx.app.uow_factory)


def print_catalogue(catalogue: FundingCatalogue) -> None:
    for programme in catalogue.programmes:
        print(f"{programme.name} ({programme.programme_id})")
        if programme.legal_basis:
            print(f"  Rechtsgrundlage: {programme.legal_basis}")
        for component in programme.components:
            print(f"  {component.title} [{component.component_id}]")
            for rate in component.rates:
                up_to = "bis zu " if rate.upper_limit else ""
                one_off = (
                    f", einmalig {up_to}{format_money(rate.one_off_per_post)} je Vollzeitarbeitsplatz"
                    if rate.one_off_per_post
                    else ""
                )
                annual = f"{up_to}{format_money(rate.annual_per_post)}"
                print(f"    {rate.validity_text}: {annual} je Vollzeitstelle und Jahr{one_off}")
                if rate.label:
                    print(f"      {rate.label}")
                print(f"      Quelle: {rate.guideline}")
                if rate.note:
                    print(f"      Hinweis: {rate.note}")


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    catalogue = _catalogue(ctx, args)
    if not catalogue.programmes:
        print("Der Förderkatalog ist leer.")
        return 0
    print_catalogue(catalogue)
    return 0


def cmd_compute(ctx: Context, args: argparse.Namespace) -> int:

    posts = parse_posts(args.posts, "--posts (Stellen)")
    start, start_month, end, end_month = parse_period(args.years, "--years (Förderzeitraum)")
    own = parse_money(args.own_contribution, "--own-contribution (Eigenanteil)") or ZERO
    catalogue = _catalogue(ctx, args)
    module, figures = compute(
        catalogue,
        args.programme,
        args.component,
        posts,
        start,
        end,
        own,
        start_month=start_month,
        end_month=end_month,
    )
    assert module.rate is not None
    print(module.rate.label)
    rate = format_money(module.rate.annual_per_post)
    print(f"Pauschale: {rate} je Vollzeitstelle und Jahr – {module.rate.guideline}")
    period = format_period(module)
    print(f"Stellen: {format_posts(posts)}   Förderzeitraum: {period}")
    if own:
        print(f"Eigenanteil: {format_money(own)} je Jahr")
    print()
    headers = ["Jahr", "Zuschuss", "einmalig", "Personalaufwand"]
    rows = [
        [str(r.year), format_money(r.grant), format_money(r.one_off), format_money(r.personnel_expense)]
        for r in figures.rows
    ]
    rows.append(
        [
            "Summe",
            format_money(figures.total_annual_grants),
            format_money(figures.one_off),
            format_money(figures.total_personnel_expense),
        ]
    )
    if not figures.one_off:  # no one-off grant: leave the empty column out
        headers.pop(2)
        for row in rows:
            row.pop(2)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    print(
        "  ".join(
            h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        )
    )
    for row in rows:
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    print()
    print(f"Zuschüsse insgesamt: {format_money(figures.total_grant)}")
    print()
    print("Vorschlag für die Finanziellen Auswirkungen:")
    for cell, value in propose_cells([module]).items():
        print(f"  {cell_label(cell)}: {format_money(value)}")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:

    catalogue = import_catalogue_file(ctx.app.uow_factory, args.file)
    count = sum(len(c.rates) for p in catalogue.programmes for c in p.components)
    print(
        f"Förderkatalog aus {args.file} übernommen. Es gelten jetzt {len(catalogue.programmes)} "
        f"Förderprogramm(e) mit {count} Pauschale(n)."
    )
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:

    data = catalogue_to_data(_catalogue(ctx, args))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(args.file, text.encode("utf-8"), what="Förderkatalog")
    print(f"Förderkatalog nach {args.file} geschrieben.")
    return 0


def cmd_reset(ctx: Context, args: argparse.Namespace) -> int:

    reset_catalogue(ctx.app.uow_factory)
    print("Der Katalog des Amtes wurde verworfen; es gilt der mitgelieferte Förderkatalog.")
    return 0
