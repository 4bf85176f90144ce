"""``kimdesk db upgrade|check|restore`` and ``kimdesk backup PATH``: database maintenance."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kimdesk.cli.common import Context
from kimdesk.domain.errors import DatabaseError, KimdeskError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="Datenbank verwalten")
    db_sub = p.add_subparsers(dest="db_command", metavar="AKTION", required=True)
    up = db_sub.add_parser("upgrade", help="Datenbank auf den Stand dieses Programms bringen (mit Sicherung)")
    up.set_defaults(handler=cmd_upgrade)
    check = db_sub.add_parser(
        "check", help="Datenbank prüfen: Integrität, Verweise und Prüfprotokoll (Exit-Code 1 bei Befunden)"
    )
    check.set_defaults(handler=cmd_check)
    restore = db_sub.add_parser(
        "restore", help="Sicherungen auflisten; mit Nummer oder Datei: geprüft zurückholen"
    )
    restore.add_argument(
        "backup", nargs="?", metavar="SICHERUNG", help="Nummer aus der Liste oder Pfad einer Sicherungsdatei"
    )
    restore.set_defaults(handler=cmd_restore)

    roles = db_sub.add_parser(
        "pg-roles",
        help="PostgreSQL: Eigentümer-Rolle (Migrationen) und Anwendungs-Rolle (Arbeitsplätze) einrichten",
        description="Als Superuser nach „kimdesk db upgrade“ ausführen (wiederholbar, nach jedem Update "
        "erneut): die Eigentümer-Rolle besitzt alle Tabellen; die Anwendungs-Rolle darf Prüfprotokoll, "
        "signierte PDFs und Signaturen nur ergänzen, nie ändern, löschen oder leeren (docs/INSTALL.md).",
    )
    roles.add_argument("--owner", required=True, metavar="ROLLE", help="Eigentümer, z. B. kimdesk_owner")
    roles.add_argument("--app", required=True, metavar="ROLLE", help="Arbeitsplätze, z. B. kimdesk_app")
    roles.set_defaults(handler=cmd_pg_roles)

    p = sub.add_parser("backup", help="eine konsistente Kopie der SQLite-Datenbank anlegen (auch im Betrieb)")
    p.add_argument("path", type=Path, metavar="DATEI", help="Zieldatei, z. B. sicherung.sqlite")
    p.set_defaults(handler=cmd_backup)


def cmd_upgrade(ctx: Context, args: argparse.Namespace) -> int:
    # Opening the database already migrates it (with a backup of a SQLite file); report what happened.
    database = ctx.app.database
    migration = database.migration
    if migration is None:
        print(f"Datenbank ist auf dem Stand {database.current_revision()}.")
        return 0
    start = migration.from_revision or "leer"
    print(f"Datenbank von Stand {start} auf Stand {migration.to_revision} aktualisiert.")
    if migration.backup_path is not None:
        print(f"Sicherung der alten Datenbank: {migration.backup_path}")
    return 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    target: Path = args.path.expanduser().resolve()
    ctx.app.database.backup(target)
    print(f"Sicherung geschrieben: {target}")
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """The file first (it may be too damaged to open), then the audit chain through the program."""
    from kimdesk.app import database_file

    path = database_file(ctx.db_url)
    findings: list[str] = []
    if path is not None:
        from kimdesk.app import sqlite_integrity

        print(f"Datenbankdatei: {path}")
        findings = sqlite_integrity(path)
        if findings:
            print(f"Integrität: {len(findings)} Befund(e)")
            for finding in findings:
                print(f"  - {finding}")
        else:
            print("Integrität: in Ordnung (integrity_check, foreign_key_check)")
    if findings:
        print(
            "Prüfung nicht bestanden: die Datei ist beschädigt. Sicherungen: „kimdesk db restore“.",
            file=sys.stderr,
        )
        return 1
    try:
        from kimdesk.services import verification

        report = verification.verify(ctx.app.uow_factory)
    except DatabaseError as exc:
        print(f"Prüfung nicht bestanden: {exc.message}", file=sys.stderr)
        return 1
    for item in report.findings:
        print(f"  - {item}")
    print(f"Prüfprotokoll: {report.summary()}")
    if not report.ok:
        print("Prüfung nicht bestanden: das Prüfprotokoll meldet Abweichungen.", file=sys.stderr)
        return 1
    print("Prüfung bestanden.")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from kimdesk.app import database_file, find_backups, restore_backup
    from kimdesk.l10n.formatting import format_datetime

    path = database_file(ctx.db_url)
    if path is None:
        raise KimdeskError(
            "Wiederherstellen: kimdesk holt nur SQLite-Dateien selbst zurück. Für PostgreSQL bitte "
            "pg_restore verwenden (docs/INSTALL.md)."
        )
    found = find_backups(path)
    if args.backup is None:
        if not found:
            print(f"Keine Sicherungen von {path} gefunden.")
            return 1
        print(f"Sicherungen von {path} (neueste zuerst):")
        print(f"  {'Nr.':>3}  {'Datum':<17} {'Größe':>9}  {'Stand':<6} {'Art':<14} Datei")
        for number, backup in enumerate(found, 1):
            size = f"{backup.size / 1024:,.0f} KB".replace(",", ".")
            when = format_datetime(backup.created)
            revision = backup.revision or "?"
            print(f"  {number:>3}  {when:<17} {size:>9}  {revision:<6} {backup.kind:<14} {backup.path}")
        print("Zurückholen mit: kimdesk db restore NR (oder DATEI)")
        return 0
    choice: str = args.backup
    if choice.isdigit() and not Path(choice).exists():
        number = int(choice)
        if not 1 <= number <= len(found):
            raise KimdeskError(f"Sicherung Nr. {number}: gibt es nicht (1 bis {len(found)}).")
        source = found[number - 1].path
    else:
        source = Path(choice).expanduser().resolve()
    ctx.close()  # no connection of this process may stay on the file that is swapped
    kept = restore_backup(path, source)
    print(f"Sicherung {source} geprüft und zurückgeholt nach {path}.")
    if kept is not None:
        print(f"Die bisherige Datei liegt unter {kept}.")
    return 0


def cmd_pg_roles(ctx: Context, args: argparse.Namespace) -> int:
    from kimdesk.storage.pg_roles import check_role_name, setup_roles

    owner = check_role_name("Eigentümer-Rolle", args.owner)
    app = check_role_name("Anwendungs-Rolle", args.app)
    for line in setup_roles(ctx.app.database.engine, owner, app):
        print(line)
    print("Rollen eingerichtet. Nach jedem Update („kimdesk db upgrade“) erneut ausführen.")
    return 0
