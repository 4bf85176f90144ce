"""``kimdesk verify-pdf DATEI [--trust CA.pem]``: check a signed Vorlage PDF against the office CA and
the database. Exit code 0: confirmed; 1: refused (findings); 2: nothing wrong found, but the office
certificate came only from the database (not independently confirmed)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from cryptography import x509

from kimdesk.cli.common import Context, loading
from kimdesk.cli.keys import local_keys
from kimdesk.domain.errors import KimdeskError
from kimdesk.services.pdf_verification import verify_pdf

#: A PEM file with the office CA certificate: the configured trust anchor when ``--trust`` is not given.
TRUST_ENV = "KIMDESK_OFFICE_CA"


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "verify-pdf",
        help="signierte Vorlage-PDF prüfen: unverändert, Büro-Zertifikat, passt zur Datenbank",
        description="Prüft die PAdES-Signatur einer Vorlage-PDF, ob das Zertifikat vom Büro-Zertifikat "
        "ausgestellt ist und ob das PDF zur Datenbank passt (Vorlage vorhanden, Inhalt und Status wie im "
        "Prüfprotokoll, Stand des Prüfprotokolls noch enthalten). Exit-Code 0: bestätigt; 1: abgelehnt; "
        "2: ohne Befund, aber nicht unabhängig bestätigt (Büro-Zertifikat nur aus der Datenbank).",
    )
    p.add_argument("file", type=Path, metavar="DATEI", help="die PDF-Datei")
    p.add_argument(
        "--trust",
        type=Path,
        metavar="CA.pem",
        help=f"Büro-Zertifikat (PEM) als Vertrauensanker (Standard: Datei aus ${TRUST_ENV}, sonst das auf "
        "diesem PC installierte office-ca.pem)",
    )
    p.set_defaults(handler=cmd_verify_pdf)


def read_trust(path: Path) -> list[x509.Certificate]:
    try:
        certificates = x509.load_pem_x509_certificates(path.read_bytes())
    except OSError as exc:
        raise KimdeskError(f"Vertrauensanker: {path} ist nicht lesbar ({exc.strerror}).") from exc
    except ValueError as exc:
        raise KimdeskError(f"Vertrauensanker: {path} enthält kein PEM-Zertifikat.") from exc
    return certificates


def cmd_verify_pdf(ctx: Context, args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KimdeskError(f"PDF: {path} ist nicht lesbar ({exc.strerror}).") from exc
    anchor = args.trust or (Path(os.environ[TRUST_ENV]) if os.environ.get(TRUST_ENV) else None)
    installed = local_keys(ctx).anchor_files() if anchor is None else []
    if anchor is not None:
        trust: list[x509.Certificate] | None = read_trust(anchor)
    else:  # the office CA that IT installed on this PC (office-ca.pem), as `kimdesk verify` uses it
        trust = local_keys(ctx).anchors() or None
    with loading(ctx):
        maker = ctx.app.signed_pdf_maker
    check = verify_pdf(ctx.app.uow_factory, data, maker, trust)
    print(f"PDF: {path}")
    if anchor is not None:
        print(f"Vertrauensanker: {anchor}")
    elif trust:
        print(f"Vertrauensanker: {installed[0]} (installiert)")
    for note in check.notes:
        print(f"  {note}")
    for finding in check.findings:
        print(f"  FEHLER: {finding}")
    print(check.summary(), file=sys.stdout if check.ok else sys.stderr)
    return check.exit_code
