"""The set-up assistant's use case (no Qt): what a new office entered, written in one transaction.

The assistant collects the office (Stadt, Kreis or Gemeinde → the matching shipped form profile, its
name and letterhead), the Ämter, the Gremien with their genitive, the persons, who holds which
Mitzeichnung role and who deputises, and the numbering. Nothing is written before the last page:
cancelling leaves the database as it was, and the write is all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kimdesk.domain.form_profile import FormProfile, OfficeKind
from kimdesk.domain.masterdata import Office, Organization, OrganizationKind, Person
from kimdesk.services.form_profiles import apply_profile, shipped_profile
from kimdesk.services.office import save_master_data
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.settings_rows import (
    RoleRow,
    TextRow,
    changed_organizations,
    changed_persons,
    sign_off_roles,
)

#: The shipped form profile for each kind of office the assistant offers.
PROFILE_FOR_KIND = {
    OfficeKind.CITY: "stadt-standard",
    OfficeKind.DISTRICT: "kreis",
    OfficeKind.MUNICIPALITY: "gemeinde",
}


def profile_for(kind: OfficeKind, letterhead: Sequence[str] = ()) -> FormProfile:
    """The shipped profile of ``kind``, with the office's letterhead if one was entered."""
    profile = shipped_profile(PROFILE_FOR_KIND[kind])
    lines = [line.strip() for line in letterhead if line.strip()]
    return replace(profile, letterhead=lines) if lines else profile


@dataclass
class OfficeSetup:
    """What the assistant collected; rows as the settings' tables hold them."""

    kind: OfficeKind
    municipality: str
    numbering_format: str
    letterhead: list[str] = field(default_factory=list)
    departments: list[TextRow] = field(default_factory=list)
    committees: list[TextRow] = field(default_factory=list)
    persons: list[TextRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)


def office_records(setup: OfficeSetup) -> tuple[Office, list[Organization], list[Person]]:
    """The office, the organizations and the persons the set-up describes (rows without a name left out)."""
    persons = changed_persons(setup.persons, [])
    office = apply_profile(
        Office(municipality=setup.municipality.strip(), numbering_format=setup.numbering_format),
        profile_for(setup.kind, setup.letterhead),
    )
    if setup.roles:
        roles = sign_off_roles(setup.roles, persons)
        signatory = next((role.holder for role in roles if role.holder is not None), None)
        office = replace(office, sign_off_roles=roles, default_signatory=signatory)
    organizations = changed_organizations(setup.departments, OrganizationKind.DEPARTMENT, [])
    organizations += changed_organizations(setup.committees, OrganizationKind.COMMITTEE, [])
    return office, organizations, persons


def set_up_office(uow_factory: UnitOfWorkFactory, setup: OfficeSetup) -> Office:
    """Write everything the assistant collected, all or nothing; returns the office."""
    office, organizations, persons = office_records(setup)
    save_master_data(uow_factory, office, organizations, persons)
    return office
