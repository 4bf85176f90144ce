"""``kimdesk attach``: PDF-Anlagen of a Vorlage — attach (checked at the door), list, remove."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kimdesk.cli.common import Context
from kimdesk.domain.attachment import MAX_ATTACHMENT_BYTES, default_title

LIMIT_MB = MAX_ATTACHMENT_BYTES // (1024 * 1024)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "attach",
        help="PDF-Anlage an eine Vorlage hängen (oder --list, --remove)",
        description=(
            "Hängt eine PDF-Datei als nächste Anlage an die Vorlage. Angenommen wird nur eine gewöhnliche "
            f"Datei (kein Ordner, kein Gerät, keine Pipe) von höchstens {LIMIT_MB} MB, die eine lesbare, "
            "unverschlüsselte PDF-Datei mit mindestens einer Seite ist – jede Seite wird beim Anfügen "
            "gelesen, eine abgeschnittene oder beschädigte Datei wird abgewiesen. Anfügen und Entfernen nur "
            "im Entwurf: von der Mitzeichnung an decken die Signaturen auch die Anlagen ab."
        ),
    )
    p.add_argument("reference", metavar="NR")
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="DATEI",
        help=f"PDF-Datei, höchstens {LIMIT_MB} MB, unverschlüsselt",
    )
    p.add_argument("--list", action="store_true", help="Anlagen auflisten")
    p.add_argument("--remove", metavar="NAME_ODER_NR", help="eine Anlage entfernen")
    p.set_defaults(handler=cmd_attach)


def cmd_attach(ctx: Context, args: argparse.Namespace) -> int:
    from kimdesk.services.attachment_edits import remove_anlage_by_name
    from kimdesk.services.attachments import attach_file, format_bytes, list_attachments

    if args.remove:
        removed = remove_anlage_by_name(ctx.app.uow_factory, args.reference, args.remove)
        print(f"Anlage „{removed.filename}“ entfernt.")
        return 0
    if args.file is not None:
        attachment = attach_file(ctx.app.uow_factory, args.reference, args.file)
        size = format_bytes(attachment.size)
        print(f"Anlage {attachment.order + 1} „{attachment.filename}“ ({size}) angefügt.")
        return 0
    attachments = list_attachments(ctx.app.uow_factory, args.reference)
    if not attachments:
        print(f"Vorlage {args.reference} hat keine Anlagen.")
    for number, attachment in enumerate(attachments, start=1):
        size = format_bytes(attachment.size)
        part = "" if attachment.public else ", nichtöffentlich"
        renamed = attachment.shown_title != default_title(attachment.filename)
        title = f"{attachment.shown_title} – " if renamed else ""
        print(f"{number}. {title}{attachment.filename}  ({size}{part}, SHA-256 {attachment.sha256[:12]})")
    return 0
