"""Repositories for master data (departments, committees, persons), the office and the settings store."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.form_profile_codec import profile_to_data
from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.storage import mapping, office_mapping
from kimdesk.storage.models import OfficeRow, OrganizationRow, PersonRow, SettingRow, SignOffRoleRow
from kimdesk.storage.sql import insert_missing, upsert


class SqlOrganizationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[Organization]:
        rows = self.session.scalars(
            select(OrganizationRow).order_by(OrganizationRow.name).execution_options(populate_existing=True)
        )
        return [mapping.organization_from_row(r) for r in rows]

    def get(self, org_id: uuid.UUID) -> Organization:
        row = self.session.get(OrganizationRow, org_id, populate_existing=True)
        if row is None:
            raise NotFoundError(f"Amt oder Gremium mit der Kennung {org_id} gibt es nicht.")
        return mapping.organization_from_row(row)

    def find(self, name: str) -> Organization | None:
        # casefold() in Python: SQLite's lower() only knows ASCII ("Ämter", "Ausschuß").
        wanted = name.strip().casefold()
        for org in self.list():
            if wanted in (org.name.casefold(), org.short_name.casefold()):
                return org
        return None

    def save(self, org: Organization) -> None:
        upsert(self.session, OrganizationRow.__table__, mapping.organization_values(org), ["id"])
        self.session.flush()
        self.session.expire_all()


class SqlPersonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[Person]:
        rows = self.session.scalars(
            select(PersonRow).order_by(PersonRow.name).execution_options(populate_existing=True)
        )
        return [mapping.person_from_row(r) for r in rows]

    def get(self, person_id: uuid.UUID) -> Person:
        row = self.session.get(PersonRow, person_id, populate_existing=True)
        if row is None:
            raise NotFoundError(f"Person mit der Kennung {person_id} gibt es nicht.")
        return mapping.person_from_row(row)

    def find(self, name: str) -> Person | None:
        wanted = name.strip().casefold()
        for person in self.list():
            if person.name.casefold() == wanted:
                return person
        return None

    def save(self, person: Person) -> None:
        """Insert or update name and function; an existing PIN is only ever changed by ``set_pin_hash``."""
        upsert(
            self.session, PersonRow.__table__, mapping.person_values(person), ["id"], preserve=["pin_hash"]
        )
        self.session.flush()
        self.session.expire_all()

    def set_pin_hash(self, person_id: uuid.UUID, pin_hash: str | None) -> None:
        row = self.session.get(PersonRow, person_id)
        if row is None:
            raise NotFoundError(f"Person mit der Kennung {person_id} gibt es nicht.")
        row.pin_hash = pin_hash
        self.session.flush()


class SqlOfficeRepository:
    """The office settings: one ``office`` row plus the ``sign_off_roles`` table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Office:
        row = self.session.get(OfficeRow, 1, populate_existing=True)
        if row is None:
            return office_mapping.office_from_rows(None, [], {})
        persons = {
            p.id: mapping.person_from_row(p)
            for p in self.session.scalars(select(PersonRow).execution_options(populate_existing=True))
        }
        roles = self.session.scalars(select(SignOffRoleRow).order_by(SignOffRoleRow.position))
        return office_mapping.office_from_rows(row, roles, persons)

    def save(self, office: Office) -> None:
        people = [office.default_signatory]
        people += [p for role in office.sign_off_roles for p in (role.holder, role.deputy)]
        for person in people:
            if person is not None:
                insert_missing(self.session, PersonRow.__table__, mapping.person_values(person), ["id"])
        values: dict[str, Any] = {
            "id": 1,
            "municipality": office.municipality,
            "numbering_format": office.numbering_format,
            "signature_heading": office.signature_heading,
            "default_signatory_id": office.default_signatory.id if office.default_signatory else None,
            "record_bodies": list(office.form_profile.bodies.record_bodies),
            "form_profile": profile_to_data(office.form_profile),
        }
        upsert(self.session, OfficeRow.__table__, values, ["id"])
        self.session.execute(delete(SignOffRoleRow).execution_options(synchronize_session=False))
        rows = [
            {
                "key": role.key,
                "label": role.label,
                "order": role.order,
                "position": position,
                "holder_id": role.holder.id if role.holder else None,
                "deputy_id": role.deputy.id if role.deputy else None,
            }
            for position, role in enumerate(office.sign_off_roles)
        ]
        if rows:
            self.session.execute(insert(SignOffRoleRow), rows)
        self.session.flush()
        self.session.expire_all()


class SqlSettingsRepository:
    """A small key → JSON store (``settings`` table) for office data and autosaved drafts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> dict[str, Any] | list[Any] | None:
        value = self.session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return value

    def put(self, key: str, value: dict[str, Any] | list[Any]) -> None:
        if not isinstance(value, dict | list):
            raise TypeError(
                f"settings value for {key!r} must be a dict or a list, not {type(value).__name__}"
            )
        upsert(
            self.session,
            SettingRow.__table__,
            {"key": key, "value": value, "modified_at": utcnow()},
            ["key"],
        )

    def delete(self, key: str) -> None:
        self.session.execute(
            delete(SettingRow).where(SettingRow.key == key).execution_options(synchronize_session=False)
        )

    def keys(self, prefix: str = "") -> list[str]:
        stmt = select(SettingRow.key).order_by(SettingRow.key)
        if prefix:
            stmt = stmt.where(SettingRow.key.startswith(prefix, autoescape=True))
        return list(self.session.scalars(stmt))
