"""``kimdesk keys …``: personal signing keys and the office key (see docs/SECURITY.md)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kimdesk.cli.common import Context
from kimdesk.domain.errors import ValidationError
from kimdesk.services import enrolment, key_admin, unlock
from kimdesk.services import keycrypto as kc
from kimdesk.services.files import write_atomically
from kimdesk.services.local_keys import LocalKeys

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def local_keys(ctx: Context) -> LocalKeys:
    """The folders outside the database, remembering checkpoints for the database in use."""
    return LocalKeys(database=ctx.app.database.display_url)


def register(sub: SubParsers) -> None:
    keys = sub.add_parser("keys", help="Signaturschlüssel: einrichten, zertifizieren, sperren, PIN ändern")
    actions = keys.add_subparsers(dest="keys_command", metavar="AKTION", required=True)

    p = actions.add_parser("init-office", help="Office-Schlüssel erzeugen oder erneuern (Verwaltung/IT)")
    p.add_argument(
        "--anchor-out", metavar="DATEI", help="Office-Zertifikat (Vertrauensanker) hierhin schreiben"
    )
    p.add_argument("--passphrase", metavar="TEXT", help="für Skripte; sonst wird gefragt")
    p.add_argument(
        "--pkcs12",
        metavar="DATEI",
        type=Path,
        help="statt eines selbst erzeugten: das CA-Zertifikat der Kommune mit Schlüssel (PKCS#12, .p12/.pfx)",
    )
    p.add_argument("--pkcs12-password", metavar="TEXT", help="Passwort der PKCS#12-Datei (für Skripte)")
    p.set_defaults(handler=cmd_init_office)

    p = actions.add_parser("enrol", help="eigenen Signaturschlüssel einrichten (beantragt das Zertifikat)")
    p.add_argument("person", metavar="NAME")
    p.add_argument("--pin", metavar="PIN", help="für Skripte; sonst wird zweimal gefragt")
    p.set_defaults(handler=cmd_enrol)

    p = actions.add_parser("pending", help="offene Anträge zeigen")
    p.set_defaults(handler=cmd_pending)

    p = actions.add_parser(
        "certify", help="Anträge (oder die genannten Personen neu) zertifizieren (Verwaltung)"
    )
    p.add_argument("persons", metavar="NAME", nargs="*", help="sonst alle offenen Anträge")
    p.add_argument(
        "--all",
        action="store_true",
        help="alle Zertifikate neu ausstellen (Rollenänderung, neuer Office-Schlüssel)",
    )
    p.add_argument("--passphrase", metavar="TEXT")
    p.set_defaults(handler=cmd_certify)

    p = actions.add_parser(
        "revoke", help="Zertifikat sperren: Schlüssel verloren, PIN vergessen, ausgeschieden"
    )
    p.add_argument("person", metavar="NAME")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.add_argument("--passphrase", metavar="TEXT")
    p.set_defaults(handler=cmd_revoke)

    p = actions.add_parser("export-anchor", help="Office-Zertifikat(e) der Datenbank als Datei (für IT)")
    p.add_argument("file", metavar="DATEI")
    p.set_defaults(handler=cmd_export_anchor)

    p = actions.add_parser("change-pin", help="PIN ändern (nur mit der bisherigen PIN)")
    p.add_argument("person", metavar="NAME")
    p.add_argument("--old", metavar="PIN")
    p.add_argument("--new", metavar="PIN")
    p.set_defaults(handler=cmd_change_pin)


def _secret(given: str | None, prompt: str, *, twice: bool = False) -> str:
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise ValidationError(f"{prompt}: bitte als Option angeben (keine Eingabe möglich).")
    value = getpass.getpass(f"{prompt}: ")
    if twice:
        kc.validate_secret(value)
        if getpass.getpass(f"{prompt} wiederholen: ") != value:
            raise ValidationError(f"{prompt}: die beiden Eingaben stimmen nicht überein.")
    return value


def cmd_init_office(ctx: Context, args: argparse.Namespace) -> int:
    own_ca = None
    if args.pkcs12 is not None:
        try:
            data = args.pkcs12.read_bytes()
        except OSError as exc:
            raise ValidationError(f"PKCS#12-Datei: {args.pkcs12} ist nicht lesbar ({exc.strerror}).") from exc
        password = _secret(args.pkcs12_password, "Passwort der PKCS#12-Datei")
        own_ca = kc.office_ca_from_pkcs12(data, password)
    passphrase = _secret(args.passphrase, "Passphrase des Office-Schlüssels", twice=True)
    local = local_keys(ctx)
    cert = enrolment.init_office(ctx.app.uow_factory, local, passphrase, own_ca=own_ca)
    print(f"Office-Schlüssel erzeugt: {local.office_key_file}")
    print(f"Fingerabdruck (SHA-256): {kc.fingerprint(cert)}")
    if args.anchor_out:
        write_atomically(Path(args.anchor_out), kc.cert_pem(cert).encode("ascii"), what="Vertrauensanker")
        print(
            f"Vertrauensanker geschrieben: {args.anchor_out} – auf jedem PC als office-ca.pem installieren."
        )
    return 0


def cmd_enrol(ctx: Context, args: argparse.Namespace) -> int:
    pin = _secret(args.pin, "PIN", twice=True)
    where = enrolment.enrol(ctx.app.uow_factory, local_keys(ctx), args.person, pin)
    print(
        f"Signaturschlüssel für {args.person} eingerichtet ({where}); die Verwaltung muss ihn zertifizieren."
    )
    return 0


def cmd_pending(ctx: Context, args: argparse.Namespace) -> int:
    requests = enrolment.pending(ctx.app.uow_factory)
    for r in requests:
        print(f"{r.person_name}  (Konto {r.os_account}, {r.at})")
    if not requests:
        print("Keine offenen Anträge.")
    return 0


def cmd_certify(ctx: Context, args: argparse.Namespace) -> int:
    passphrase = _secret(args.passphrase, "Passphrase des Office-Schlüssels")
    persons = args.persons or None
    if args.all:
        persons = enrolment.certified_names(ctx.app.uow_factory) + [
            r.person_name for r in enrolment.pending(ctx.app.uow_factory)
        ]
    if persons is not None:
        persons = list(dict.fromkeys(persons))
    names = enrolment.certify(ctx.app.uow_factory, local_keys(ctx), passphrase, person_names=persons)
    print("Zertifiziert: " + (", ".join(names) if names else "niemand (keine offenen Anträge)"))
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    passphrase = _secret(args.passphrase, "Passphrase des Office-Schlüssels")
    enrolment.revoke(ctx.app.uow_factory, local_keys(ctx), passphrase, args.person, reason=args.reason)
    print(f"Zertifikat von {args.person} gesperrt; bisherige Signaturen bleiben gültig.")
    return 0


def cmd_change_pin(ctx: Context, args: argparse.Namespace) -> int:
    old = _secret(args.old, "Bisherige PIN")
    new = _secret(args.new, "Neue PIN", twice=True)
    unlock.change_pin(ctx.app.uow_factory, args.person, old, new, local=local_keys(ctx))
    print(f"PIN von {args.person} geändert.")
    return 0


def cmd_export_anchor(ctx: Context, args: argparse.Namespace) -> int:
    """The database's copy is only a convenience: IT compares the fingerprint before installing it."""
    key_admin.export_anchor(ctx.app.uow_factory, Path(args.file))
    with ctx.app.uow_factory() as uow:
        certificates = enrolment.office_certificates(uow)
    for cert in certificates:
        print(f"Fingerabdruck (SHA-256): {kc.fingerprint(cert)}")
    print(f"Geschrieben: {args.file} – vor dem Installieren den Fingerabdruck mit der Verwaltung abgleichen.")
    return 0
