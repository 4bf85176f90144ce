"""The ``office`` row and its ``sign_off_roles`` rows <-> the domain's office settings and form profile."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from kimdesk.domain.form_profile import FormProfile, Numbering
from kimdesk.domain.form_profile_codec import profile_from_data
from kimdesk.domain.masterdata import Office, Person, SignOffRole
from kimdesk.storage import models


def office_profile(row: models.OfficeRow) -> FormProfile:
    """The stored profile; a database from before profiles has the seed form with its record bodies."""
    if row.form_profile is not None:
        return profile_from_data(row.form_profile)
    profile = FormProfile()
    profile.bodies.record_bodies = list(row.record_bodies)
    return profile


def numbering_of(profile: Any, kind_key: str | None) -> Numbering | None:
    """The own numbering of Vorlagenart ``kind_key`` in a stored profile document (None: the office's,
    also for a Vorlagenart not known)."""
    if profile is None or kind_key is None:
        return None
    for kind in profile_from_data(profile).kinds:
        if kind.key == kind_key:
            return kind.numbering
    return None


def office_from_rows(
    row: models.OfficeRow | None, roles: Iterable[models.SignOffRoleRow], persons: Mapping[uuid.UUID, Person]
) -> Office:
    """The office settings of the ``office`` row (None: never saved, the defaults), its
    ``sign_off_roles`` rows (in their ``position`` order) and the persons they refer to."""
    if row is None:
        return Office()
    return Office(
        municipality=row.municipality,
        numbering_format=row.numbering_format,
        signature_heading=row.signature_heading,
        default_signatory=persons.get(row.default_signatory_id) if row.default_signatory_id else None,
        form_profile=office_profile(row),
        sign_off_roles=[
            SignOffRole(
                key=r.key,
                label=r.label,
                order=r.order,
                holder=persons.get(r.holder_id) if r.holder_id else None,
                deputy=persons.get(r.deputy_id) if r.deputy_id else None,
            )
            for r in roles
        ],
    )
