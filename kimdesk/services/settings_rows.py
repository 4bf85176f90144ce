"""The settings' tables as plain rows (no Qt), and what saving them changes.

The settings dialog shows departments, committees and persons as rows of texts that the clerk edits,
and the sign-off roles with a holder and a deputy picked from the persons. These functions turn the
stored records into rows and the edited rows back into the records that have to be saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kimdesk.domain.masterdata import Organization, OrganizationKind, Person, SignOffRole


@dataclass
class TextRow:
    """One editable row; ``key`` is the stored record's id, empty for a row added in the dialog."""

    cells: list[str]
    key: str = ""
    #: False for a deactivated record (it stays, greyed out, and can be activated again).
    active: bool = True


@dataclass
class RoleRow:
    """One sign-off role; ``holder`` and ``deputy`` are person ids, empty for nobody."""

    key: str
    label: str
    holder: str = ""
    deputy: str = ""


def person_label(person: Person) -> str:
    """How a person is offered in a picker: "Name – Funktion", or the name alone."""
    return f"{person.name} – {person.function}" if person.function else person.name


def organization_rows(organizations: Sequence[Organization], kind: OrganizationKind) -> list[TextRow]:
    """Name, short name and genitive of each organization of ``kind``."""
    return [
        TextRow([o.name, o.short_name, o.name_genitive], str(o.id), o.active)
        for o in organizations
        if o.kind is kind
    ]


def changed_organizations(
    rows: Sequence[TextRow], kind: OrganizationKind, known: Sequence[Organization]
) -> list[Organization]:
    """The new and the edited organizations; rows without a name are left out."""
    by_id = {str(o.id): o for o in known}
    out = []
    for row in rows:
        name, short_name, genitive = (_cell(row, column) for column in range(3))
        if not name:
            continue
        base = by_id.get(row.key) if row.key else None
        org = Organization(
            name, kind, short_name, genitive, active=row.active, id=base.id if base else _id_of(row)
        )
        if base is None or org != base:
            out.append(org)
    return out


def person_rows(persons: Sequence[Person]) -> list[TextRow]:
    """Name and function of each person."""
    return [TextRow([p.name, p.function], str(p.id), p.active) for p in persons]


def changed_persons(rows: Sequence[TextRow], known: Sequence[Person]) -> list[Person]:
    """The new and the edited persons (a stored PIN hash is kept); rows without a name are left out."""
    by_id = {str(p.id): p for p in known}
    out = []
    for row in rows:
        name, function = _cell(row, 0), _cell(row, 1)
        if not name:
            continue
        base = by_id.get(row.key)
        if base:
            person = replace(base, name=name, function=function, active=row.active)
        else:
            person = Person(name, function, active=row.active, id=_id_of(row))
        if base is None or person != base:
            out.append(person)
    return out


def role_rows(roles: Sequence[SignOffRole]) -> list[RoleRow]:
    """Each role with the ids of its holder and deputy."""
    return [
        RoleRow(
            role.key,
            role.label,
            str(role.holder.id) if role.holder else "",
            str(role.deputy.id) if role.deputy else "",
        )
        for role in roles
    ]


def sign_off_roles(rows: Sequence[RoleRow], persons: Sequence[Person]) -> list[SignOffRole]:
    """The roles in the order shown, each with the chosen holder and deputy."""
    by_id = {str(p.id): p for p in persons}
    return [
        SignOffRole(
            key=row.key,
            label=row.label.strip(),
            order=order,
            holder=by_id.get(row.holder),
            deputy=by_id.get(row.deputy),
        )
        for order, row in enumerate(rows)
    ]


def _id_of(row: TextRow) -> uuid.UUID:
    """The id a new row was given (a person saved early for a PIN, a row of the assistant), else a new one."""
    try:
        return uuid.UUID(row.key)
    except ValueError:
        return uuid.uuid4()


def _cell(row: TextRow, column: int) -> str:
    return row.cells[column].strip() if column < len(row.cells) else ""
