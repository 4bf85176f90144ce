"""``kimdesk db upgrade`` and ``kimdesk backup PATH``: database maintenance on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from kimdesk.cli.common import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="Datenbank verwalten")
    db_sub = p.add_subparsers(dest="db_command", metavar="AKTION", required=True)
    up = db_sub.add_parser("upgrade", help="Datenbank auf den Stand dieses Programms bringen (mit Sicherung)")
    up.set_defaults(handler=cmd_upgrade)

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
