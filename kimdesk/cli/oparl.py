"""``kimdesk oparl``: the OParl 1.1 export into a folder, optionally served read-only on 127.0.0.1."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.cli.door import whole_number
from kimdesk.domain.errors import ValidationError


def register(sub: Any) -> None:
    p = sub.add_parser("oparl", help="OParl-1.1-Export (JSON + PDF) in einen Ordner, optional bereitstellen")
    p.add_argument("directory", type=Path, metavar="ORDNER")
    p.add_argument("--base-url", metavar="URL", help="Adresse, unter der der Ordner erreichbar ist")
    p.add_argument(
        "--serve",
        type=whole_number(1, 65535),
        metavar="PORT",
        help="danach auf 127.0.0.1:PORT nur lesend bereitstellen",
    )
    p.add_argument(
        "--cors",
        metavar="URSPRUNG",
        help="mit --serve: genau dieser Webseite (z. B. https://ris.example.de) das Lesen im Browser "
        "erlauben; ohne die Angabe darf keine fremde Webseite mitlesen",
    )
    p.add_argument("--all", action="store_true", help="auch Entwürfe und Nichtöffentliches (nur intern!)")
    p.set_defaults(handler=cmd_oparl)


def cmd_oparl(ctx: Context, args: argparse.Namespace) -> int:
    from kimdesk.services.oparl_export import check_origin, export_oparl, serve

    if args.cors is not None:
        if args.serve is None:
            raise ValidationError("--cors: gilt nur zusammen mit --serve PORT.")
        check_origin(args.cors)
    base_url = args.base_url
    if base_url is None:
        if args.serve is None:
            raise ValidationError(
                "Basis-URL: --base-url angeben (oder --serve PORT für http://127.0.0.1:PORT)."
            )
        base_url = f"http://127.0.0.1:{args.serve}"
    result = export_oparl(
        ctx.app.uow_factory, ctx.app.renderer, args.directory, base_url, include_non_public=args.all
    )
    print(f"OParl-Export: {result.documents} Dokumente, {result.files} Dateien in {result.directory}")
    print(f"Einstieg: {result.system_url}")
    if args.serve is None:
        return 0
    server = serve(args.directory, args.serve, cors_origin=args.cors)
    print(f"Bereitgestellt auf http://127.0.0.1:{server.server_address[1]}/ (nur lesend) – Strg+C beendet.")
    if args.cors:
        print(f"Lesen im Browser erlaubt für: {args.cors}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
