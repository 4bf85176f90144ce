"""Use cases on the office settings and the master data (departments, committees, persons)."""

from __future__ import annotations

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.form_profile import FormProfile
from kimdesk.domain.masterdata import Office, Organization, OrganizationKind, Person, format_reference
from kimdesk.services.form_profiles import apply_profile, check_profile
from kimdesk.services.ports import UnitOfWorkFactory

#: Longest municipality, signature heading or role label (the exchange file allows no more).
MAX_SETTING = 200


def get_office(uow_factory: UnitOfWorkFactory) -> Office:
    with uow_factory() as uow:
        return uow.office.get()


def save_office(uow_factory: UnitOfWorkFactory, office: Office) -> None:
    if not office.municipality.strip():
        raise ValidationError("Kommune: Name fehlt.")
    if len(office.municipality) > MAX_SETTING:
        raise ValidationError(f"Kommune: ist zu lang (höchstens {MAX_SETTING} Zeichen).")
    if len(office.signature_heading) > MAX_SETTING:
        raise ValidationError(f"Überschrift der Unterschrift: ist zu lang (höchstens {MAX_SETTING} Zeichen).")
    for role in office.sign_off_roles:
        if not role.label.strip() or len(role.label) > MAX_SETTING or len(role.key) > 100:
            raise ValidationError(
                f"Mitzeichnungsrolle „{role.key[:100]}“: Bezeichnung leer oder zu lang "
                f"(höchstens {MAX_SETTING} Zeichen)."
            )
    try:
        format_reference(office.numbering_format, 2026, 1)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(
            f"Nummernformat: „{office.numbering_format}“ ist ungültig – erlaubt sind {{yy}}, {{yyyy}} und "
            "{n} (z. B. {yy}/{n:04d})."
        ) from exc
    check_profile(office.form_profile)
    with uow_factory() as uow:
        uow.office.save(office)
        uow.commit()


def use_profile(uow_factory: UnitOfWorkFactory, profile: FormProfile) -> Office:
    """Give the office ``profile`` (signature heading and role labels follow it); returns the office."""
    office = apply_profile(get_office(uow_factory), check_profile(profile))
    save_office(uow_factory, office)
    return office


def list_organizations(
    uow_factory: UnitOfWorkFactory, kind: OrganizationKind | None = None
) -> list[Organization]:
    with uow_factory() as uow:
        orgs = uow.organizations.list()
    return [o for o in orgs if kind is None or o.kind is kind]


def save_organization(uow_factory: UnitOfWorkFactory, org: Organization) -> None:
    if not org.name.strip():
        raise ValidationError(f"{org.kind.label}: Name fehlt.")
    with uow_factory() as uow:
        uow.organizations.save(org)
        uow.commit()


def list_persons(uow_factory: UnitOfWorkFactory) -> list[Person]:
    with uow_factory() as uow:
        return uow.persons.list()


def save_person(uow_factory: UnitOfWorkFactory, person: Person) -> None:
    if not person.name.strip():
        raise ValidationError("Person: Name fehlt.")
    with uow_factory() as uow:
        uow.persons.save(person)
        uow.commit()
