"""Form profiles: the shipped ones (``resources/forms/*.json``), checking a profile against its schema
with German messages that name the field, reading and writing profile files, and giving an office a
profile (``apply_profile``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.domain.form_profile import FORMAT, FormProfile, Numbering
from kimdesk.domain.form_profile_codec import profile_from_data, profile_to_data
from kimdesk.domain.masterdata import Office, SignOffRole, format_reference
from kimdesk.resources import resource_path
from kimdesk.services.exchange_guard import json_path, read_document, short
from kimdesk.services.files import write_atomically

SCHEMA_FILE = "form-profile-1.schema.json"
DEFAULT_PROFILE = "stadt-standard"


@dataclass(frozen=True, slots=True)
class ShippedProfile:
    key: str
    profile: FormProfile


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(resource_path("forms", SCHEMA_FILE).read_text(encoding="utf-8"))
    return result


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator, validators
    from jsonschema import ValidationError as SchemaError

    def whole_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
        if isinstance(instance, str) and not re.search(pattern.removesuffix("$") + r"\Z", instance):
            yield SchemaError(f"{instance!r} does not match {pattern!r}")

    return validators.extend(Draft202012Validator, {"pattern": whole_pattern})(_schema())


def _leaf(error: Any) -> Any:
    """For "null or an object" (``oneOf``): the object's own error, which names the field."""
    if error.validator == "oneOf":
        inner = [e for e in error.context or [] if e.validator != "type"]
        if inner:
            return _leaf(inner[0])
    return error


def _field_name(error: Any) -> str:
    """The German name of the field an error is about (the schema's ``title``)."""
    if error.validator == "required":
        missing = [m for m in error.validator_value if m not in error.instance]
        titles = [error.schema.get("properties", {}).get(m, {}).get("title", m) for m in missing]
        return ", ".join(titles)
    title = error.schema.get("title")
    if title is None and error.parent is not None:
        title = error.parent.schema.get("title")
    return str(title or json_path(error.absolute_path))


def _message(error: Any) -> str:
    v = error.validator
    if v == "required":
        return "fehlt"
    if v == "type":
        return "falscher Typ"
    if v in ("enum", "const"):
        allowed = error.validator_value if v == "enum" else [error.validator_value]
        return f"ungültiger Wert {short(error.instance)} (erlaubt: {', '.join(map(str, allowed))})"
    if v == "pattern":
        hint = error.schema.get("description")
        return f"ungültiges Format {short(error.instance)}" + (f" – {hint}" if hint else "")
    if v == "maxLength":
        return f"zu lang ({len(error.instance)} Zeichen, höchstens {error.validator_value})"
    if v == "minLength":
        return "darf nicht leer sein"
    if v in ("maxItems", "minItems"):
        bound = "höchstens" if v == "maxItems" else "mindestens"
        return f"{len(error.instance)} Einträge, {bound} {error.validator_value}"
    if v == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known]
        return f"unbekanntes Feld {', '.join(extra)}"
    if v in ("minimum", "maximum"):
        return f"Wert {short(error.instance)} außerhalb des erlaubten Bereichs"
    if v == "uniqueItems":
        return "Einträge doppelt"
    return f"ungültiger Wert {short(error.instance)}"


def profile_problems(data: Any) -> list[Problem]:
    """Every problem of a profile document, each naming the field in German; empty when it is usable."""
    if not isinstance(data, dict):
        return [Problem("$", "Formularprofil: ein JSON-Objekt wird erwartet")]
    errors = sorted(
        (_leaf(e) for e in _validator().iter_errors(data)), key=lambda e: list(map(str, e.absolute_path))
    )
    problems = [Problem(json_path(e.absolute_path), f"{_field_name(e)}: {_message(e)}") for e in errors[:50]]
    if problems:
        return problems
    seen: set[str] = set()
    for index, kind in enumerate(data["kinds"]):
        if kind["key"] in seen:
            problems.append(
                Problem(f"$.kinds[{index}].key", f"Schlüssel der Vorlagenart: „{kind['key']}“ doppelt")
            )
        seen.add(kind["key"])
        numbering = kind.get("numbering")
        if numbering is not None and "{n}" not in numbering["pattern"]:
            problems.append(
                Problem(
                    f"$.kinds[{index}].numbering.pattern", "Nummerierung: Muster ohne {n} (laufende Nummer)"
                )
            )
    return problems


def profile_of(data: Any) -> FormProfile:
    """The profile of a document, or a ValidationError listing every problem."""
    problems = profile_problems(data)
    if problems:
        raise ValidationError(f"Formularprofil ungültig – {len(problems)} Problem(e):", problems)
    return profile_from_data(data)


def check_profile(profile: FormProfile) -> FormProfile:
    """The profile as edited, checked like a file (German message naming the field)."""
    profile_of(profile_to_data(profile))
    for kind in profile.kinds:
        if kind.numbering is not None:
            check_numbering(kind.label, kind.numbering)
    return profile


def check_numbering(label: str, numbering: Numbering) -> None:
    try:
        format_reference(numbering.numbering_format(), 2026, 1)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(
            f"Nummerierung der {label}: „{numbering.pattern}“ ist ungültig – erlaubt sind {{yy}}, {{yyyy}} "
            "und {n}."
        ) from exc


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[str, dict[str, Any]], ...]:
    out = []
    for path in sorted(resource_path("forms").glob("*.json")):
        if path.name == SCHEMA_FILE:
            continue
        out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
    return tuple(out)


def shipped_profiles() -> list[ShippedProfile]:
    """The profiles shipped with kimdesk, the default first."""
    found = [ShippedProfile(key, profile_of(data)) for key, data in _shipped()]
    return sorted(found, key=lambda s: (s.key != DEFAULT_PROFILE, s.key))


def shipped_profile(key: str) -> FormProfile:
    for shipped in shipped_profiles():
        if shipped.key == key:
            return shipped.profile
    names = ", ".join(s.key for s in shipped_profiles())
    raise ValidationError(f"Formularprofil: „{key}“ gibt es nicht (mitgeliefert: {names}).")


def read_profile_file(path: Path) -> FormProfile:
    document = read_document(path)
    if isinstance(document, dict) and document.get("format") != FORMAT:
        raise ValidationError(f"{path.name}: keine Formularprofil-Datei (format ist nicht „{FORMAT}“).")
    return profile_of(document)


def write_profile_file(profile: FormProfile, path: Path) -> None:
    text = json.dumps(profile_to_data(profile), ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"), what="Formularprofil")


def apply_profile(office: Office, profile: FormProfile) -> Office:
    """The office with ``profile``: its signature heading and the labels of its Mitzeichnung roles too.

    A role the profile names keeps its holder and deputy (matched by key); roles the profile leaves
    out are dropped, new ones are added without a holder.
    """
    held = {role.key: role for role in office.sign_off_roles}
    roles = [
        SignOffRole(
            r.key,
            r.label,
            order,
            held[r.key].holder if r.key in held else None,
            held[r.key].deputy if r.key in held else None,
        )
        for order, r in enumerate(profile.roles)
    ]
    return replace(
        office,
        form_profile=profile,
        signature_heading=profile.signature_heading or office.signature_heading,
        sign_off_roles=roles or office.sign_off_roles,
    )
