"""Use cases on the office settings and the master data (departments, committees, persons)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from kimdesk.domain.audit import AuditAction, AuditEntry
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import ValidationError
from kimdesk.domain.form_profile import FormProfile
from kimdesk.domain.masterdata import (
    Office,
    Organization,
    OrganizationKind,
    Person,
    format_reference,
    kind_label,
)
from kimdesk.l10n.i18n import _
from kimdesk.services.consultation_rows import printed_as
from kimdesk.services.form_profiles import apply_profile, check_profile
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

#: Longest municipality, signature heading or role label (the exchange file allows no more).
MAX_SETTING = 200


def get_office(uow_factory: UnitOfWorkFactory) -> Office:
    with uow_factory() as uow:
        return uow.office.get()


def save_office(uow_factory: UnitOfWorkFactory, office: Office) -> None:
    check_office(office)
    with uow_factory() as uow:
        uow.office.save(office)
        uow.commit()


def check_office(office: Office) -> None:
    """Refuse settings the office cannot work with, naming the field."""
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
    _check_organization(org)
    with uow_factory() as uow:
        uow.organizations.save(org)
        uow.commit()


def list_persons(uow_factory: UnitOfWorkFactory) -> list[Person]:
    with uow_factory() as uow:
        return uow.persons.list()


def save_person(uow_factory: UnitOfWorkFactory, person: Person) -> None:
    _check_person(person)
    with uow_factory() as uow:
        uow.persons.save(person)
        uow.commit()


def _check_organization(org: Organization) -> None:
    if not org.name.strip():
        raise ValidationError(f"{kind_label(org.kind)}: Name fehlt.")
    if len(org.name) > MAX_SETTING:
        raise ValidationError(f"{kind_label(org.kind)} „{org.name[:40]} …“: Name ist zu lang.")


def _check_person(person: Person) -> None:
    if not person.name.strip():
        raise ValidationError("Person: Name fehlt.")
    if len(person.name) > MAX_SETTING:
        raise ValidationError(f"Person „{person.name[:40]} …“: Name ist zu lang.")


def create_organization(uow_factory: UnitOfWorkFactory, name: str, kind: OrganizationKind) -> Organization:
    """A new active Amt or Gremium named ``name`` (the one of that name if it exists, reactivated)."""
    with uow_factory() as uow:
        known = uow.organizations.find(name)
        if known is not None and known.kind in (kind, None):
            if not known.active or known.kind is None:
                # Not known until now (imported): the clerk names it as an Amt or Gremium, so it is one.
                known.active, known.kind = True, kind
                uow.organizations.save(known)
                uow.commit()
            return known
    org = Organization(name.strip(), kind)
    save_organization(uow_factory, org)
    return org


def save_master_data(
    uow_factory: UnitOfWorkFactory,
    office: Office | None,
    organizations: Sequence[Organization] = (),
    persons: Sequence[Person] = (),
) -> list[str]:
    """The office, departments, committees and persons in one transaction: all of it or nothing.

    The set-up assistant and the settings dialog save through here; ``office`` None leaves it as is.
    The change is recorded in the audit log (who, when, which names), in the same transaction.
    Returns the numbers of the Vorlagen past Entwurf that name a renamed one: they keep the names they
    were signed with (kimdesk.domain.signature.keep_printed_names).
    """
    from kimdesk.services.papers import current_user

    if office is not None:
        check_office(office)
    for org in organizations:
        _check_organization(org)
    for person in persons:
        _check_person(person)
    with uow_factory() as uow:
        kept = locked_with_renamed(uow, organizations, persons)
        for person in persons:  # first: the office's roles refer to them
            uow.persons.save(person)
        for org in organizations:
            uow.organizations.save(org)
        if office is not None:
            uow.office.save(office)
        details: dict[str, object] = {"masterData": "Stammdaten geändert"}
        if office is not None:
            details["office"] = office.municipality
        details["organizations"] = [f"{o.name}{'' if o.active else ' (deaktiviert)'}" for o in organizations]
        details["persons"] = [f"{p.name}{'' if p.active else ' (deaktiviert)'}" for p in persons]
        uow.audit.lock()
        uow.audit.append(AuditEntry(AuditAction.OTHER, utcnow(), os_account=current_user(), details=details))
        uow.commit()
    return kept


def locked_with_renamed(
    uow: UnitOfWork, organizations: Sequence[Organization], persons: Sequence[Person]
) -> list[str]:
    """The numbers of the Vorlagen past Entwurf (newest first) that name one of ``organizations`` or
    ``persons`` as stored but print it otherwise than given: saving these keeps their names."""
    stored: dict[uuid.UUID, Organization | Person] = {o.id: o for o in uow.organizations.list()}
    stored.update((p.id, p) for p in uow.persons.list())

    def renamed(item: Organization | Person) -> bool:
        return item.id in stored and printed_as(stored[item.id]) != printed_as(item)

    orgs = {o.id for o in organizations if renamed(o)}
    people = {p.id for p in persons if renamed(p)}
    return uow.papers.locked_naming(orgs, people) if orgs or people else []


def is_new_office(organizations: Sequence[Organization], persons: Sequence[Person], papers: int) -> bool:
    """True for a database no office has set up yet: no Amt, Gremium, person or Vorlage in it.

    Then the set-up assistant opens by itself; a database with any of these never sees it unasked.
    """
    return not organizations and not persons and papers == 0


def kept_names_message(references: Sequence[str]) -> str:
    """What the settings say after a rename that Vorlagen past Entwurf do not take ("" if none)."""
    if not references:
        return ""
    shown = ", ".join(references[:12]) + (" …" if len(references) > 12 else "")
    if len(references) == 1:
        return _(
            "Die Vorlage {refs} ist schon in Mitzeichnung oder weiter und nennt ein umbenanntes Amt, "
            "Gremium oder eine umbenannte Person. Sie behält die Namen, mit denen sie mitgezeichnet wurde, "
            "und wird so gedruckt. Die neuen Namen gelten für Entwürfe und neue Vorlagen – für diese Vorlage "
            "erst, wenn sie in den Entwurf zurückgenommen wird."
        ).format(refs=shown)
    return _(
        "{n} Vorlagen sind schon in Mitzeichnung oder weiter und nennen ein umbenanntes Amt, Gremium oder "
        "eine umbenannte Person: {refs}. Sie behalten die Namen, mit denen sie mitgezeichnet wurden, und "
        "werden so gedruckt. Die neuen Namen gelten für Entwürfe und neue Vorlagen – für diese Vorlagen "
        "erst, wenn sie in den Entwurf zurückgenommen werden."
    ).format(n=len(references), refs=shown)
