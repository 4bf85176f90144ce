"""``kimdesk office show|set`` and ``kimdesk office profile list|use|export|import``: the office settings
and its form profile on the command line."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from kimdesk.cli.common import Context, fail
from kimdesk.domain.errors import ValidationError
from kimdesk.domain.form_profile_codec import profile_to_data
from kimdesk.domain.masterdata import Office, SignOffRole
from kimdesk.services.form_profiles import (
    read_profile_file,
    shipped_profile,
    shipped_profiles,
    write_profile_file,
)
from kimdesk.services.office import get_office, list_persons, save_office, use_profile


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("office", help="Einstellungen des Amtes und sein Formularprofil")
    commands = parser.add_subparsers(dest="office_command", metavar="AKTION", required=True)

    p = commands.add_parser(
        "show", help="Kommune, Nummernformat, Unterschrift, Rollen und Formularprofil zeigen"
    )
    p.set_defaults(handler=cmd_show)

    p = commands.add_parser("set", help="Einstellungen des Amtes ändern (nur die angegebenen)")
    p.add_argument("--municipality", metavar="NAME", help="Kommune, z. B. „Kreis Musterkreis“")
    p.add_argument("--numbering", metavar="FORMAT", help="Nummernformat, z. B. {yy}/{n:04d} oder {n}/{yy}")
    p.add_argument(
        "--signature-heading", metavar="TEXT", help="Überschrift der Unterschrift, z. B. „Der Landrat“"
    )
    p.add_argument("--signatory", metavar="NAME", help="wer in der Regel unterzeichnet (Name einer Person)")
    p.add_argument(
        "--role",
        action="append",
        metavar="SCHLÜSSEL=BEZEICHNUNG",
        help="Bezeichnung einer Mitzeichnungsrolle (neu oder geändert; mehrfach möglich)",
    )
    p.add_argument("--remove-role", action="append", metavar="SCHLÜSSEL", help="Mitzeichnungsrolle entfernen")
    p.set_defaults(handler=cmd_set)

    profile = commands.add_parser(
        "profile", help="Formularprofil: mitgelieferte zeigen, wählen, exportieren, importieren"
    )
    actions = profile.add_subparsers(dest="profile_command", metavar="AKTION", required=True)
    p = actions.add_parser("list", help="mitgelieferte Formularprofile und das des Amtes zeigen")
    p.set_defaults(handler=cmd_profile_list)
    p = actions.add_parser("use", help="ein mitgeliefertes Formularprofil für das Amt übernehmen")
    p.add_argument("name", metavar="NAME", help="z. B. kreis (siehe list)")
    p.set_defaults(handler=cmd_profile_use)
    p = actions.add_parser("export", help="das Formularprofil des Amtes als JSON-Datei schreiben")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.set_defaults(handler=cmd_profile_export)
    p = actions.add_parser("import", help="ein Formularprofil (JSON) prüfen und für das Amt übernehmen")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.set_defaults(handler=cmd_profile_import)


def _describe(office: Office) -> list[str]:
    profile = office.form_profile
    lines = [
        f"Kommune: {office.municipality}",
        f"Nummernformat: {office.numbering_format}",
        f"Überschrift der Unterschrift: {office.signature_heading}",
        f"Unterzeichnet in der Regel: {office.default_signatory.name if office.default_signatory else '–'}",
        "Mitzeichnungsrollen:",
    ]
    lines += [f"  {role.key}: {role.label}" for role in office.sign_off_roles]
    lines += [
        f"Formularprofil: {profile.name} ({profile.kind.label})",
        f"  Vertretung: {profile.bodies.council}, Verwaltungsspitze: {profile.bodies.head}",
        f"  Beschlussvermerk: {', '.join(profile.bodies.record_bodies)}",
    ]
    for kind in profile.kinds:
        numbering = kind.numbering.numbering_format() if kind.numbering else office.numbering_format
        running = "" if kind.numbering is None or kind.numbering.per_year else ", fortlaufend"
        lines.append(f"  {kind.label}: Nummer {numbering}{running}; Kopf {kind.head_layout.value}")
    return lines


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    print("\n".join(_describe(get_office(ctx.app.uow_factory))))
    return 0


def _roles(office: Office, args: argparse.Namespace) -> list[SignOffRole]:
    roles = list(office.sign_off_roles)
    for key in args.remove_role or []:
        if not any(role.key == key for role in roles):
            raise ValidationError(f"--remove-role: die Rolle „{key}“ gibt es nicht.")
        roles = [role for role in roles if role.key != key]
    for entry in args.role or []:
        key, sep, label = entry.partition("=")
        key, label = key.strip(), label.strip()
        if not sep or not key or not label:
            raise ValidationError(
                f"--role: „{entry}“ – erwartet SCHLÜSSEL=BEZEICHNUNG, z. B. treasurer=Kreiskämmerer."
            )
        for index, role in enumerate(roles):
            if role.key == key:
                roles[index] = replace(role, label=label)
                break
        else:
            roles.append(SignOffRole(key, label, len(roles)))
    return roles


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    factory = ctx.app.uow_factory
    office = get_office(factory)
    changes: dict[str, object] = {"sign_off_roles": _roles(office, args)}
    if args.municipality is not None:
        changes["municipality"] = args.municipality.strip()
    if args.numbering is not None:
        changes["numbering_format"] = args.numbering.strip()
    if args.signature_heading is not None:
        changes["signature_heading"] = args.signature_heading.strip()
    if args.signatory is not None:
        matches = [p for p in list_persons(factory) if p.name == args.signatory.strip()]
        if len(matches) != 1:
            return fail(
                f"--signatory: keine eindeutige Person „{args.signatory}“ (siehe Einstellungen, Personen)."
            )
        changes["default_signatory"] = matches[0]
    office = replace(office, **changes)  # type: ignore[arg-type]
    save_office(factory, office)
    print("\n".join(_describe(office)))
    return 0


def cmd_profile_list(ctx: Context, args: argparse.Namespace) -> int:
    current = get_office(ctx.app.uow_factory).form_profile
    print("Mitgelieferte Formularprofile:")
    for shipped in shipped_profiles():
        mark = " (verwendet)" if profile_to_data(shipped.profile) == profile_to_data(current) else ""
        print(f"  {shipped.key}: {shipped.profile.name}{mark}")
    print(f"Formularprofil des Amtes: {current.name} ({current.kind.label})")
    return 0


def cmd_profile_use(ctx: Context, args: argparse.Namespace) -> int:
    office = use_profile(ctx.app.uow_factory, shipped_profile(args.name))
    print(f"Formularprofil „{office.form_profile.name}“ übernommen.")
    return 0


def cmd_profile_export(ctx: Context, args: argparse.Namespace) -> int:
    write_profile_file(get_office(ctx.app.uow_factory).form_profile, args.file)
    print(f"Formularprofil nach {args.file} geschrieben.")
    return 0


def cmd_profile_import(ctx: Context, args: argparse.Namespace) -> int:
    try:
        profile = read_profile_file(args.file)  # file problems before the database is opened
        office = use_profile(ctx.app.uow_factory, profile)
    except ValidationError as exc:
        return _problems(exc)
    print(f"Formularprofil „{office.form_profile.name}“ aus {args.file} übernommen.")
    return 0


def _problems(exc: ValidationError) -> int:
    lines = [exc.message, *(f"  {p.field}: {p.message}" for p in exc.problems)]
    return fail("\n".join(lines))
