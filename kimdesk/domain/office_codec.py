"""The office part of the exchange file: settings and form profile ↔ plain JSON data.

``{"municipality", "numberingFormat", "signatureHeading", "signOffRoles": [{"key", "label"}],
"formProfile": {…}}`` — the profile as its own versioned document (form-profile-1.schema.json). Who
holds a role is not part of it: persons and their roles stay with the office that imports.
"""

from __future__ import annotations

from typing import Any

from kimdesk.domain.form_profile_codec import profile_from_data, profile_to_data
from kimdesk.domain.masterdata import Office, SignOffRole


def office_to_data(office: Office) -> dict[str, Any]:
    return {
        "municipality": office.municipality,
        "numberingFormat": office.numbering_format,
        "signatureHeading": office.signature_heading,
        "signOffRoles": [
            {"key": r.key, "label": r.label} for r in sorted(office.sign_off_roles, key=lambda r: r.order)
        ],
        "formProfile": profile_to_data(office.form_profile),
    }


def office_from_data(data: dict[str, Any], current: Office) -> Office:
    """``current`` with the settings of a checked office part; a role keeps its holders by key."""
    held = {role.key: role for role in current.sign_off_roles}
    roles = [
        SignOffRole(
            r["key"],
            r["label"],
            order,
            held[r["key"]].holder if r["key"] in held else None,
            held[r["key"]].deputy if r["key"] in held else None,
        )
        for order, r in enumerate(data["signOffRoles"])
    ]
    return Office(
        municipality=data["municipality"],
        numbering_format=data["numberingFormat"],
        signature_heading=data["signatureHeading"],
        default_signatory=current.default_signatory,
        sign_off_roles=roles,
        form_profile=profile_from_data(data["formProfile"]),
    )
