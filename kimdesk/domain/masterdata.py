"""The master data of an office: departments and bodies, persons, Mitzeichnung roles, the office settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from kimdesk.domain.entity import new_id
from kimdesk.domain.form_profile import FormProfile


class OrganizationKind(StrEnum):
    DEPARTMENT = "department"
    COMMITTEE = "committee"

    @property
    def label(self) -> str:
        return "Amt" if self is OrganizationKind.DEPARTMENT else "Gremium"


def kind_label(kind: OrganizationKind | None) -> str:
    """ "Amt", "Gremium", or for a kind not known (imported) "Amt/Gremium"."""
    return kind.label if kind is not None else "Amt/Gremium"


@dataclass(slots=True)
class Organization:
    """A department (Amt) or a body (Rat, Ausschuss, Integrationsrat)."""

    name: str
    #: None: not known (imported, exchange format 2, and the file never uses it); Einstellungen sets it.
    kind: OrganizationKind | None = OrganizationKind.COMMITTEE
    short_name: str = ""
    #: The name as it reads after "In der Sitzung des …" ("Integrationsrates").
    name_genitive: str = ""
    #: False once deactivated: it leaves the pickers, old Vorlagen still name it (never deleted).
    active: bool = True
    id: uuid.UUID = field(default_factory=new_id)

    @property
    def display_short(self) -> str:
        return self.short_name or self.name

    @property
    def genitive(self) -> str:
        return self.name_genitive or self.name


@dataclass(slots=True)
class Person:
    name: str
    function: str = ""
    #: Salted hash of the signing PIN (see services.security); never the PIN itself.
    pin_hash: str | None = None
    #: False once deactivated: the person leaves the pickers and stays in the history.
    active: bool = True
    id: uuid.UUID = field(default_factory=new_id)


@dataclass(slots=True)
class SignOffRole:
    """A Mitzeichnung role of the office (Bürgermeister, Stadtkämmerer …) and who holds it."""

    key: str
    label: str
    order: int = 0
    holder: Person | None = None
    deputy: Person | None = None


DEFAULT_SIGN_OFF_ROLES = (
    ("mayor", "Bürgermeister"),
    ("first_deputy", "Erster Beigeordneter"),
    ("treasurer", "Stadtkämmerer"),
    ("deputies", "Beigeordnete"),
    ("city_architect", "Stadtbaurat"),
    ("legal", "Rechtsamt"),
)
TREASURER_ROLE = "treasurer"
LEGAL_ROLE = "legal"


@dataclass(slots=True)
class Office:
    """The settings of one municipal office."""

    municipality: str = "Stadt Musterstadt"
    #: ``{yy}`` two-digit year, ``{yyyy}`` four-digit year, ``{n}`` running number (with format spec).
    numbering_format: str = "{yy}/{n:04d}"
    signature_heading: str = "Der Bürgermeister"
    default_signatory: Person | None = None
    sign_off_roles: list[SignOffRole] = field(
        default_factory=lambda: [
            SignOffRole(key, label, order) for order, (key, label) in enumerate(DEFAULT_SIGN_OFF_ROLES)
        ]
    )
    #: How the office's Vorlagen look (bodies, labels, sections, numbering per Vorlagenart).
    form_profile: FormProfile = field(default_factory=FormProfile)


def format_reference(numbering_format: str, year: int, number: int) -> str:
    """Apply the office's numbering format ("{yy}/{n:04d}" → "26/0001")."""
    return numbering_format.format(yy=f"{year % 100:02d}", yyyy=f"{year:04d}", n=number)


#: The numbering formats the office chooses from, shown by their example ("26/0001").
NUMBERING_CHOICES = ("{yy}/{n:04d}", "{yyyy}/{n:04d}", "SV-{yy}-{n:04d}", "{n:04d}/{yy}")


def numbering_example(numbering_format: str, year: int, number: int = 1) -> str:
    """The first number the format gives in ``year`` ("26/0001"), or "" if the format is broken."""
    try:
        return format_reference(numbering_format, year, number)
    except (KeyError, ValueError, IndexError):
        return ""
