"""Form profile ↔ plain JSON data (``resources/forms/form-profile-1.schema.json``).

``profile_from_data`` expects data the schema has accepted (``kimdesk.services.form_profiles`` checks
first); it fills what an older or shorter file leaves out with the seed form's defaults.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from kimdesk.domain.form_profile import (
    FORMAT,
    VERSION,
    Bodies,
    FormProfile,
    HeadLayout,
    Labels,
    Numbering,
    OfficeKind,
    PaperKind,
    RoleLabel,
    Section,
    SignatureSlot,
)


def profile_to_data(profile: FormProfile) -> dict[str, Any]:
    """The profile as the versioned JSON document (stable key order)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": profile.name,
        "kind": profile.kind.value,
        "letterhead": list(profile.letterhead),
        "logo": profile.logo,
        "bodies": asdict(profile.bodies),
        "labels": asdict(profile.labels),
        "roles": [asdict(r) for r in profile.roles],
        "signature_heading": profile.signature_heading,
        "kinds": [_kind_to_data(k) for k in profile.kinds],
    }


def _kind_to_data(kind: PaperKind) -> dict[str, Any]:
    return {
        "key": kind.key,
        "label": kind.label,
        "numbering": asdict(kind.numbering) if kind.numbering is not None else None,
        "sections": [{"key": s.key, "heading": s.heading, "visible": s.visible} for s in kind.sections],
        "head_layout": kind.head_layout.value,
        "head_fields": list(kind.head_fields),
        "signatures": [asdict(s) for s in kind.signatures],
    }


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def profile_from_data(data: dict[str, Any]) -> FormProfile:
    """The profile of a schema-valid document; missing parts keep the seed form's values."""
    default = FormProfile()
    bodies = data.get("bodies")
    return FormProfile(
        name=data.get("name", default.name),
        kind=OfficeKind(data.get("kind", default.kind.value)),
        letterhead=list(data.get("letterhead", [])),
        logo=data.get("logo", ""),
        bodies=Bodies(**_known(Bodies, bodies)) if bodies is not None else default.bodies,
        labels=Labels(**_known(Labels, data.get("labels", {}))),
        roles=[RoleLabel(r["key"], r["label"]) for r in data["roles"]] if "roles" in data else default.roles,
        signature_heading=data.get("signature_heading", default.signature_heading),
        kinds=[_kind_from_data(k) for k in data["kinds"]] if "kinds" in data else default.kinds,
    )


def _kind_from_data(data: dict[str, Any]) -> PaperKind:
    kind = PaperKind(data["key"], data["label"])
    numbering = data.get("numbering")
    kind.numbering = Numbering(**_known(Numbering, numbering)) if numbering is not None else None
    if "sections" in data:
        kind.sections = [
            Section(s["key"], s.get("heading"), s.get("visible", True)) for s in data["sections"]
        ]
    kind.head_layout = HeadLayout(data.get("head_layout", kind.head_layout.value))
    kind.head_fields = list(data.get("head_fields", kind.head_fields))
    if "signatures" in data:
        kind.signatures = [SignatureSlot(**_known(SignatureSlot, s)) for s in data["signatures"]]
    return kind
